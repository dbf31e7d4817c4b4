// Presence intervals and the minutes_viewed / engagement_rate state (design §5), values by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <string>
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

namespace {
// A naive reference: streams in a std::map, events sorted per stream (design §5 read literally).
struct Reference {
    struct Stream {
        std::vector<PresenceEvent> events;
        std::optional<Micros> w_min, w_max;
    };
    std::map<std::string, Stream> streams;
    void add(const std::string& u, const std::string& c, int kind, Micros t, std::optional<Micros> lo, std::optional<Micros> hi) {
        if (kind == none && !lo && !hi) return;
        Stream& s = streams[u + std::string(1, '\0') + c];
        if (kind != none) s.events.push_back({t, kind == leave});
        if (lo && (!s.w_min || *lo < *s.w_min)) s.w_min = lo;
        if (hi && (!s.w_max || *hi > *s.w_max)) s.w_max = hi;
    }
    double minutes() {
        Span total = 0;
        for (auto& [key, s] : streams) {
            std::sort(s.events.begin(), s.events.end());
            total += presence_total(s.events, s.w_max);
        }
        return static_cast<double>(total) / 60e6;
    }
    std::optional<double> engagement() {
        double sum = 0;
        int n = 0;
        for (auto& [key, s] : streams) {
            std::sort(s.events.begin(), s.events.end());
            if (s.events.empty() || !s.w_min || !s.w_max || *s.w_max <= *s.w_min) continue;
            Span present = presence_in_window(s.events, *s.w_min, *s.w_max);
            if (present <= 0) continue;
            sum += 100.0 * static_cast<double>(present) / static_cast<double>(Span(*s.w_max) - *s.w_min);
            ++n;
        }
        if (n == 0) return std::nullopt;
        return sum / n;
    }
};
} // namespace

// Many streams (the stream table grows), long keys (past the staging path), big groups (staged rows
// interned in batches), and states split, serialized and combined in any order: the serial result.
TEST(PresenceState, MatchesAReferenceWhateverTheSplit) {
    std::mt19937_64 rng(7);
    for (int round = 0; round < 40; ++round) {
        int users = 1 + static_cast<int>(rng() % 40), contents = 1 + static_cast<int>(rng() % 40);
        int rows = static_cast<int>(rng() % (round % 5 == 0 ? 20000 : 400));
        auto name = [&](char prefix, int i) {
            std::string s = prefix + std::to_string(i);
            if (i % 13 == 7) s += std::string(round % 2 ? 1500 : 200, prefix); // long keys
            return s;
        };
        Reference reference;
        PresenceState serial, parts[3];
        for (int i = 0; i < rows; ++i) {
            std::string u = name('u', static_cast<int>(rng() % users)), c = name('c', static_cast<int>(rng() % contents));
            int kind = static_cast<int>(rng() % 3);
            Micros t = at(static_cast<int>(rng() % 120)) + (rng() % 4 == 0 ? static_cast<Micros>(rng() % 1000) : 0);
            std::optional<Micros> lo, hi;
            if (round % 3 != 0 && rng() % 4) lo = at(static_cast<int>(rng() % 30));
            if (rng() % 4) hi = at(60 + static_cast<int>(rng() % 60));
            reference.add(u, c, kind, t, lo, hi);
            serial.add(u, c, kind, t, lo, hi);
            parts[rng() % 3].add(u, c, kind, t, lo, hi);
        }
        double minutes = reference.minutes();
        std::optional<double> engagement = reference.engagement();
        EXPECT_DOUBLE_EQ(serial.minutes_viewed(), minutes) << "round " << round;
        ASSERT_EQ(serial.engagement_rate().has_value(), engagement.has_value()) << "round " << round;
        if (engagement) { EXPECT_NEAR(*serial.engagement_rate(), *engagement, 1e-9) << "round " << round; }
        PresenceState combined;
        PresenceState::deserialize_into(combined, parts[2].serialize());
        parts[1].combine(parts[0]);
        combined.combine(parts[1]);
        serial.add("late", "row", join, at(0), std::nullopt, at(1)); // rows after a result still count
        combined.add("late", "row", join, at(0), std::nullopt, at(1));
        EXPECT_EQ(combined.minutes_viewed(), serial.minutes_viewed()) << "round " << round;
        EXPECT_EQ(combined.engagement_rate(), serial.engagement_rate()) << "round " << round;
        EXPECT_EQ(combined.event_count(), serial.event_count());
        PresenceState restored;
        PresenceState::deserialize_into(restored, combined.serialize());
        EXPECT_EQ(restored.minutes_viewed(), serial.minutes_viewed());
        EXPECT_EQ(restored.engagement_rate(), serial.engagement_rate());
        // The parallel path: key-ordered bytes, kept lazily and merged at the end, give the serial result
        // bit for bit (the engagement's sum runs in the same key order); so do a summary and late rows after it.
        {
            PresenceState leader;
            for (int k : {2, 1}) {
                PresenceState part;
                PresenceState::deserialize_into(part, (k == 2 ? parts[2] : parts[1]).serialize(true), false, true);
                leader.combine(part);
            }
            PresenceState late; // the same late row, alone in its own worker
            late.add("late", "row", join, at(0), std::nullopt, at(1));
            PresenceState lazy_late;
            PresenceState::deserialize_into(lazy_late, late.serialize(true), false, true);
            leader.combine(lazy_late);
            EXPECT_EQ(leader.minutes_viewed(), serial.minutes_viewed()) << "round " << round;
            EXPECT_EQ(leader.engagement_rate(), serial.engagement_rate()) << "round " << round;
            EXPECT_EQ(leader.presence_minutes(at(10), at(70), true), serial.presence_minutes(at(10), at(70), true)) << "round " << round;
            EXPECT_EQ(leader.summary(), serial.summary()) << "round " << round;
            leader.add("later", "row", join, at(0), std::nullopt, at(2)); // interns the kept bytes first
            PresenceState check;
            check.combine(serial);
            check.add("later", "row", join, at(0), std::nullopt, at(2));
            EXPECT_EQ(leader.minutes_viewed(), check.minutes_viewed()) << "round " << round;
            EXPECT_EQ(leader.engagement_rate(), check.engagement_rate()) << "round " << round;
        }
        PresenceState copy; // combining into an empty state copies
        copy.combine(restored);
        copy.add("later", "row", join, at(0), std::nullopt, at(2));
        restored.add("later", "row", join, at(0), std::nullopt, at(2));
        EXPECT_EQ(copy.minutes_viewed(), restored.minutes_viewed());
        EXPECT_EQ(copy.engagement_rate(), restored.engagement_rate());
    }
}

// A lazy deserialize checks as much as the full reader: bytes it cannot take (not key-ordered, cut short,
// a bad flag) go to the full reader, which accepts the valid ones and rejects the rest.
TEST(PresenceState, LazyBytesAreCheckedOrReadInFull) {
    PresenceState s;
    for (int i = 0; i < 50; ++i) s.add("u" + std::to_string(i % 7), "c" + std::to_string(i % 5), 1 + i % 2, at(i), at(0), at(60));
    const double minutes = s.minutes_viewed();
    for (bool ordered : {false, true}) {
        PresenceState lazy;
        PresenceState::deserialize_into(lazy, s.serialize(ordered), false, true);
        EXPECT_EQ(lazy.minutes_viewed(), minutes);
        EXPECT_EQ(lazy.engagement_rate(), s.engagement_rate());
    }
    std::string bytes = s.serialize(true);
    PresenceState target;
    EXPECT_THROW(PresenceState::deserialize_into(target, std::string_view(bytes).substr(0, bytes.size() - 1), false, true), std::runtime_error);
    std::string bad_flag = bytes;
    bad_flag.back() = 7; // the last window's has_max byte
    PresenceState other;
    EXPECT_THROW(PresenceState::deserialize_into(other, bad_flag, false, true), std::runtime_error);
    PresenceState twice; // a state combined with itself merges each stream's events twice
    PresenceState::deserialize_into(twice, bytes, false, true);
    twice.combine(twice);
    EXPECT_EQ(twice.minutes_viewed(), minutes);
}

TEST(PresenceState, CombiningWithItselfKeepsPresence) {
    PresenceState s;
    s.add("u", "c", join, at(0), std::nullopt, std::nullopt);
    s.add("u", "c", leave, at(10), std::nullopt, std::nullopt);
    s.combine(s); // every join and leave twice: repeated ones are ignored
    EXPECT_EQ(s.event_count(), 4u);
    EXPECT_DOUBLE_EQ(s.minutes_viewed(), 10);
}

// One stream of 200,000 rows, added in a shuffled order: join at minute 2k, leave at 2k + 1, so the
// presence is one minute a pair. (The cost of such a stream is measured by bench/presence_bench.cpp.)
TEST(PresenceState, OneLargeStream) {
    constexpr int pairs = 100'000;
    std::vector<int> order(2 * pairs);
    for (int i = 0; i < 2 * pairs; ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), std::mt19937_64(3));
    PresenceState s, parts[2];
    for (int i : order) {
        int kind = i % 2 ? leave : join;
        s.add("u", "c", kind, at(i), std::nullopt, std::nullopt);
        parts[i % 3 == 0].add("u", "c", kind, at(i), std::nullopt, std::nullopt);
    }
    EXPECT_EQ(s.event_count(), 2u * pairs);
    EXPECT_EQ(s.minutes_viewed(), pairs);
    parts[0].combine(parts[1]);
    EXPECT_EQ(parts[0].minutes_viewed(), pairs);
}

namespace {
// PostgreSQL's first and last finite timestamps (microseconds since 2000-01-01 UTC): 4714-11-24 00:00
// BC is Julian day 0, 2000-01-01 is Julian day 2451545, 294276-12-31 is Julian day 109203527.
constexpr Micros day = 86'400'000'000;
constexpr Micros first_time = -2451545 * day;
constexpr Micros last_day = (109203527LL - 2451545) * day; // 294276-12-31 00:00
} // namespace

// The whole span is 109203527 days = 157253078880 minutes: more microseconds than int64 holds.
TEST(PresenceState, ExtremeTimesDoNotOverflow) {
    EXPECT_DOUBLE_EQ(presence_total(std::vector<PresenceEvent>{{first_time, false}, {last_day, true}}, std::nullopt),
                     109203527.0 * 86'400'000'000.0);
    PresenceState s;
    s.add("u", "c", join, first_time, std::nullopt, std::nullopt);
    s.add("u", "c", leave, last_day, std::nullopt, std::nullopt);
    s.add("u", "d", join, first_time, std::nullopt, last_day); // open, closes at the last day
    EXPECT_EQ(s.minutes_viewed(), 2 * 157'253'078'880.0);

    PresenceState e; // a window over the whole span: present all of it, and from 2000-01-01 on
    e.add("u", "c", join, first_time, first_time, last_day);
    e.add("u", "c", leave, last_day, first_time, last_day);
    EXPECT_EQ(e.engagement_rate(), 100.0);
    PresenceState half;
    half.add("u", "c", join, 0, first_time, last_day);
    // present (109203527 - 2451545) of 109203527 days
    EXPECT_NEAR(*half.engagement_rate(), 100.0 * 106751982.0 / 109203527.0, 1e-12);
}

// presence_minutes(from, to, open_closes): values by hand.
TEST(PresenceRange, ClipsToTheRangeAndClosesOnlyWhenAsked) {
    // join 0, leave 30, join 40 (open at the end)
    std::vector<PresenceEvent> e = {{at(0), false}, {at(30), true}, {at(40), false}};
    EXPECT_EQ(presence_in_range(e, at(10), at(50), false), 20 * minute);          // 10-30
    EXPECT_EQ(presence_in_range(e, at(10), at(50), true), (20 + 10) * minute);    // and 40-50
    EXPECT_EQ(presence_in_range(e, minus_infinity, plus_infinity, false), 30 * minute);
    EXPECT_EQ(presence_in_range(e, minus_infinity, plus_infinity, true), 30 * minute); // an infinite end closes nothing
    EXPECT_EQ(presence_in_range(e, at(0), at(35), true), 30 * minute);            // to before the open join: nothing more
    EXPECT_EQ(presence_in_range(e, at(0), at(40), true), 30 * minute);            // to at the join: not later, nothing
    EXPECT_EQ(presence_in_range(e, at(45), at(60), true), 15 * minute);           // only the open interval, 45-60
    EXPECT_EQ(presence_in_range(e, at(20), at(20), true), 0);                     // empty range
    EXPECT_EQ(presence_in_range(e, at(30), at(10), true), 0);                     // reversed range
    EXPECT_EQ(presence_in_range(e, plus_infinity, plus_infinity, true), 0);
    EXPECT_EQ(presence_in_range(e, minus_infinity, minus_infinity, true), 0);
    EXPECT_EQ(presence_in_range(e, minus_infinity, at(5), false), 5 * minute);
    EXPECT_EQ(presence_in_range(e, at(25), plus_infinity, false), 5 * minute);
}

TEST(PresenceRange, FollowsTheIntervalRules) {
    // leave before join at equal times: 0-10 and 10-20; repeated join at 5 and leave at 25 ignored
    std::vector<PresenceEvent> e = {{at(0), false}, {at(5), false}, {at(10), true}, {at(10), false}, {at(20), true}, {at(25), true}};
    std::sort(e.begin(), e.end());
    EXPECT_EQ(presence_in_range(e, at(5), at(15), false), 10 * minute);
    EXPECT_EQ(presence_in_range(e, minus_infinity, plus_infinity, true), 20 * minute);
}

TEST(PresenceState, PresenceMinutesSumsStreamsAndIgnoresTheirWindows) {
    PresenceState s;
    s.add("u1", "c1", join, at(0), at(0), at(100)); // closes_at / live_ends 100: not used
    s.add("u1", "c1", leave, at(30), std::nullopt, std::nullopt);
    s.add("u1", "c1", join, at(40), std::nullopt, std::nullopt); // open
    s.add("u2", "c1", join, at(50), std::nullopt, std::nullopt); // open
    s.add("u2", "c2", join, at(-20), std::nullopt, std::nullopt);
    s.add("u2", "c2", leave, at(-5), std::nullopt, std::nullopt);
    EXPECT_EQ(s.presence_minutes(minus_infinity, plus_infinity, false), 30 + 15);
    EXPECT_EQ(s.presence_minutes(minus_infinity, plus_infinity, true), 30 + 15);
    // [-10, 60): u1/c1 0-30 and, closing, 40-60; u2/c1 50-60; u2/c2 -10..-5
    EXPECT_EQ(s.presence_minutes(at(-10), at(60), false), 30 + 5);
    EXPECT_EQ(s.presence_minutes(at(-10), at(60), true), 30 + 20 + 10 + 5);
    EXPECT_EQ(s.minutes_viewed(), 30 + 60 + 15); // the aggregate's own rule closes u1/c1 at 100
    PresenceState empty;
    EXPECT_EQ(empty.presence_minutes(minus_infinity, plus_infinity, true), 0);
}

TEST(PresenceState, PresenceMinutesOverEverythingIsMinutesViewed) {
    std::mt19937_64 rng(11);
    for (int round = 0; round < 50; ++round) {
        PresenceState s;
        int rows = static_cast<int>(rng() % 300);
        for (int i = 0; i < rows; ++i)
            s.add("u" + std::to_string(rng() % 7), "c" + std::to_string(rng() % 5), static_cast<int>(rng() % 3),
                  at(static_cast<int>(rng() % 500)) + static_cast<Micros>(rng() % 1000), std::nullopt, std::nullopt);
        EXPECT_EQ(s.presence_minutes(minus_infinity, plus_infinity, false), s.minutes_viewed()) << "round " << round;
    }
}

TEST(PresenceState, PresenceMinutesIsExactOverTheWholeTimestampRange) {
    PresenceState s;
    s.add("u", "c", join, first_time, std::nullopt, std::nullopt);
    s.add("u", "c", leave, last_day, std::nullopt, std::nullopt);
    s.add("u", "d", join, first_time, std::nullopt, std::nullopt); // open
    EXPECT_EQ(s.presence_minutes(minus_infinity, plus_infinity, false), 157'253'078'880.0);
    EXPECT_EQ(s.presence_minutes(minus_infinity, last_day, true), 2 * 157'253'078'880.0);
    EXPECT_EQ(s.presence_minutes(0, plus_infinity, false), (109203527.0 - 2451545) * 1440);
}
