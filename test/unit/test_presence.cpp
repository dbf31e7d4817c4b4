// Presence intervals and the minutes_viewed / engagement_rate state (design §5), values by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "core/presence_state.hpp"

using namespace ar;

namespace {
constexpr Micros minute = 60'000'000;
Micros at(int minutes) { return minutes * minute; }
enum { none = 0, join = 1, leave = 2 };
} // namespace

TEST(PresenceIntervals, LeaveSortsBeforeJoinAtEqualTimes) {
    std::vector<PresenceEvent> e = {{at(30), false}, {at(0), false}, {at(30), true}};
    std::sort(e.begin(), e.end());
    EXPECT_TRUE(e[1].leave);
    // 0-30 closed, rejoined at 30 and open: 30 minutes without a close, 60 closing at 60.
    EXPECT_DOUBLE_EQ(presence_total(e, std::nullopt), 30 * minute);
    EXPECT_DOUBLE_EQ(presence_total(e, at(60)), 60 * minute);
    EXPECT_DOUBLE_EQ(presence_total(e, at(20)), 30 * minute); // close before the join: nothing added
}

TEST(PresenceIntervals, IgnoresRepeatedJoinsAndLeavesWhileAbsent) {
    std::vector<PresenceEvent> e = {{at(0), true}, {at(5), false}, {at(10), false}, {at(15), true}, {at(20), true}};
    EXPECT_DOUBLE_EQ(presence_total(e, std::nullopt), 10 * minute);
}

TEST(PresenceIntervals, WindowClipsAndClosesOpenIntervals) {
    std::vector<PresenceEvent> e = {{at(0), false}, {at(30), true}, {at(40), false}};
    // window [10, 50): 10-30 and 40-50 (open, closed at the window end) = 30 minutes
    EXPECT_DOUBLE_EQ(presence_in_window(e, at(10), at(50)), 30 * minute);
    EXPECT_DOUBLE_EQ(presence_in_window(e, at(31), at(39)), 0);
}

TEST(PresenceState, MinutesSumStreamsAndUseLatestClose) {
    PresenceState s;
    s.add("u1", "s1", join, at(0), std::nullopt, at(50));
    s.add("u1", "s1", none, at(1), std::nullopt, at(60)); // a later close on another row of the stream
    s.add("u1", "s2", join, at(0), std::nullopt, std::nullopt);
    s.add("u1", "s2", leave, at(10), std::nullopt, std::nullopt);
    s.add("u2", "s1", join, at(5), std::nullopt, std::nullopt); // open, no close: nothing
    EXPECT_DOUBLE_EQ(s.minutes_viewed(), 60 + 10);
}

TEST(PresenceState, KeysDoNotCollide) {
    PresenceState s; // ("a", "bc") and ("ab", "c") are different streams
    s.add("a", "bc", join, at(0), std::nullopt, std::nullopt);
    s.add("ab", "c", leave, at(10), std::nullopt, std::nullopt);
    EXPECT_DOUBLE_EQ(s.minutes_viewed(), 0);
}

TEST(PresenceState, EngagementIsTheMeanOverAttendedStreams) {
    PresenceState s;
    s.add("u1", "s1", join, at(0), at(0), at(60));
    s.add("u1", "s1", leave, at(30), at(0), at(60));     // 50%
    s.add("u2", "s1", join, at(45), at(0), at(60));      // open, closes at 60: 25%
    s.add("u3", "s1", join, at(70), at(0), at(60));      // after the window: not attended
    s.add("u4", "s2", join, at(0), at(10), at(10));      // empty window: skipped
    ASSERT_TRUE(s.engagement_rate().has_value());
    EXPECT_DOUBLE_EQ(*s.engagement_rate(), 37.5);
    PresenceState none_attended;
    none_attended.add("u", "s", join, at(0), std::nullopt, at(60)); // no live_starts: no window
    EXPECT_FALSE(none_attended.engagement_rate().has_value());
}

TEST(PresenceState, CombineAndSerializeGiveTheSerialResult) {
    PresenceState serial, a, b;
    struct Row { const char* u; const char* c; int kind; int t; };
    std::vector<Row> rows = {{"u1", "s1", join, 0}, {"u1", "s1", leave, 30}, {"u1", "s1", join, 30},
                             {"u2", "s1", join, 10}, {"u2", "s1", leave, 20}, {"u1", "s1", leave, 45}};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const Row& r = rows[i];
        serial.add(r.u, r.c, r.kind, at(r.t), at(0), at(60));
        (i % 2 ? a : b).add(r.u, r.c, r.kind, at(r.t), at(0), at(60));
    }
    PresenceState restored;
    PresenceState::deserialize_into(restored, a.serialize());
    restored.combine(b);
    EXPECT_DOUBLE_EQ(restored.minutes_viewed(), serial.minutes_viewed());
    EXPECT_DOUBLE_EQ(serial.minutes_viewed(), 45 + 10);
    EXPECT_EQ(restored.engagement_rate(), serial.engagement_rate());
    EXPECT_EQ(restored.event_count(), rows.size());
}

TEST(PresenceState, CorruptBytesAreRejected) {
    PresenceState s;
    s.add("u", "c", join, 0, std::nullopt, std::nullopt);
    std::string bytes = s.serialize();
    PresenceState target;
    EXPECT_THROW(PresenceState::deserialize_into(target, std::string_view(bytes).substr(0, bytes.size() - 1)), std::runtime_error);
    EXPECT_THROW(PresenceState::deserialize_into(target, "xy"), std::runtime_error);
}
