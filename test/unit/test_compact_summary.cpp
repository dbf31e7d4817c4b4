// Compact presence summaries (design §8, summary format 2): what they keep, that every metric reads the same
// from them as from the events, how rollup() combines them (exact for disjoint spans, an error for overlapping
// compacted ones), and the byte format written by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/presence_state.hpp"
#include "core/summary_format.hpp"

using namespace ar;

namespace {
constexpr Micros minute = 60'000'000, day = 1440 * minute;
Micros at(int minutes) { return minutes * minute; }
enum { none = 0, join = 1, leave = 2 };

struct Bytes { // big-endian fields, as format 2 writes them
    std::string s;
    template <typename T> Bytes& i(T v) {
        for (std::size_t k = 0; k < sizeof(T); ++k)
            s += static_cast<char>((static_cast<std::make_unsigned_t<T>>(v) >> (8 * (sizeof(T) - 1 - k))) & 0xff);
        return *this;
    }
    Bytes& raw(std::string_view v) { s += v; return *this; }
};
Bytes v2() { return Bytes{std::string{'\x02', 'P'}}; }
const std::string u1c1("u1\0c1", 5);

std::unique_ptr<PresenceState> from(const std::string& bytes, bool as_summary = false) {
    auto s = std::make_unique<PresenceState>();
    PresenceState::deserialize_into(*s, bytes, as_summary);
    return s;
}

// Every metric of a state, for comparisons that must be bit-identical.
struct Metrics {
    double minutes;
    std::optional<double> engagement;
    std::vector<double> ranges;
    bool operator==(const Metrics&) const = default;
};
Metrics metrics(const PresenceState& s, const std::vector<std::pair<Micros, Micros>>& ranges) {
    Metrics m{s.minutes_viewed(), s.engagement_rate(), {}};
    for (auto [a, b] : ranges) {
        m.ranges.push_back(s.presence_minutes(a, b, false));
        m.ranges.push_back(s.presence_minutes(a, b, true));
    }
    return m;
}
} // namespace

TEST(CompactSummary, RepeatedJoinsHaveTheSizeOfOneInterval) {
    PresenceState many, one;
    for (int i = 0; i < 1000; ++i) many.add("u1", "c1", join, at(i), std::nullopt, std::nullopt);
    many.add("u1", "c1", leave, at(2000), std::nullopt, std::nullopt);
    one.add("u1", "c1", join, at(0), std::nullopt, std::nullopt);
    one.add("u1", "c1", leave, at(2000), std::nullopt, std::nullopt);
    EXPECT_EQ(many.summary().size(), one.summary().size());
    EXPECT_LT(many.summary().size(), many.serialize().size() / 100);
    // written by hand: one stream, no window, its span [0, 2000 min] compacted, the join at 0 and the leave
    Bytes b = v2();
    b.i(std::uint64_t(1)).i(std::uint32_t(5)).raw(u1c1).i(std::uint8_t(0));
    b.i(std::uint32_t(1)).i(Micros(0)).i(at(2000)).i(std::uint8_t(1));
    b.i(std::uint64_t(2)).i(Micros(0)).i(std::uint8_t(0)).i(at(2000)).i(std::uint8_t(1));
    EXPECT_EQ(many.summary(), b.s);
    Bytes plain = v2(); // the same events, nothing dropped: not compacted
    plain.i(std::uint64_t(1)).i(std::uint32_t(5)).raw(u1c1).i(std::uint8_t(0));
    plain.i(std::uint32_t(1)).i(Micros(0)).i(at(2000)).i(std::uint8_t(0));
    plain.i(std::uint64_t(2)).i(Micros(0)).i(std::uint8_t(0)).i(at(2000)).i(std::uint8_t(1));
    EXPECT_EQ(one.summary(), plain.s);
    EXPECT_EQ(from(b.s)->minutes_viewed(), 2000);
}

TEST(CompactSummary, KeepsWhatAnotherSliceCanChange) {
    PresenceState s; // sorted: J5 J7 L10 L12 J20 L30 J30 L40 J50 L60 L61 J70 J75, window [0, 100)
    for (auto [kind, t] : std::vector<std::pair<int, int>>{{join, 7}, {join, 5}, {leave, 10}, {leave, 12}, {join, 20}, {leave, 30},
                                                           {join, 30}, {leave, 40}, {join, 50}, {leave, 60}, {leave, 61}, {join, 70}, {join, 75}})
        s.add("u1", "c1", kind, at(t), at(0), at(100));
    // kept: J5 L10 (the earliest join before the first leave, that leave), 20-40 merged, 50-60, J70 open
    Bytes b = v2();
    b.i(std::uint64_t(1)).i(std::uint32_t(5)).raw(u1c1).i(std::uint8_t(3)).i(at(0)).i(at(100));
    b.i(std::uint32_t(1)).i(at(5)).i(at(75)).i(std::uint8_t(1));
    b.i(std::uint64_t(7));
    for (auto [t, l] : std::vector<std::pair<int, int>>{{5, 0}, {10, 1}, {20, 0}, {40, 1}, {50, 0}, {60, 1}, {70, 0}})
        b.i(at(t)).i(std::uint8_t(l));
    EXPECT_EQ(s.summary(), b.s);
    // 5-10, 20-40, 50-60, 70-100 (closes at w_max) = 5 + 20 + 10 + 30
    EXPECT_EQ(from(s.summary())->minutes_viewed(), 65);
    EXPECT_EQ(s.minutes_viewed(), 65);
    // a stream that starts with a leave keeps it (it may close a join of an earlier slice); joins only: the earliest
    PresenceState l, j;
    j.add("u", "c", join, at(3), std::nullopt, std::nullopt);
    j.add("u", "c", join, at(4), std::nullopt, std::nullopt);   // kept: J3
    l.add("u", "c", leave, at(13), std::nullopt, std::nullopt);
    l.add("u", "c", leave, at(14), std::nullopt, std::nullopt); // kept: L13
    EXPECT_EQ(from(j.summary())->event_count(), 1u);
    EXPECT_EQ(from(l.summary())->event_count(), 1u);
    PresenceState lj; // the earlier slice leaves the stream open from 3, the later one closes it at 13
    PresenceState::deserialize_into(lj, l.summary(), true);
    PresenceState::deserialize_into(lj, j.summary(), true);
    EXPECT_EQ(lj.minutes_viewed(), 10);
}

// Random streams: the compact summary reads exactly as the events, for every metric and range.
TEST(CompactSummary, EveryMetricReadsTheSameAsTheEvents) {
    std::mt19937_64 rng(21);
    for (int round = 0; round < 300; ++round) {
        PresenceState raw;
        int rows = static_cast<int>(rng() % (round % 10 == 0 ? 3000 : 60));
        for (int i = 0; i < rows; ++i) {
            std::optional<Micros> lo, hi;
            if (rng() % 3) lo = at(static_cast<int>(rng() % 40));
            if (rng() % 3) hi = at(20 + static_cast<int>(rng() % 80));
            raw.add("u" + std::to_string(rng() % 4), "c" + std::to_string(rng() % 3), static_cast<int>(rng() % 3),
                    at(static_cast<int>(rng() % 100)) + (rng() % 3 == 0 ? static_cast<Micros>(rng() % 1000) : 0), lo, hi);
        }
        std::vector<std::pair<Micros, Micros>> ranges = {{minus_infinity, plus_infinity}};
        for (int r = 0; r < 6; ++r) {
            Micros a = at(static_cast<int>(rng() % 110)) - minute, b = at(static_cast<int>(rng() % 110));
            ranges.push_back({a, b});
            ranges.push_back({minus_infinity, b});
            ranges.push_back({a, plus_infinity});
        }
        std::string compact = raw.summary();
        auto back = from(compact);
        EXPECT_EQ(metrics(*back, ranges), metrics(raw, ranges)) << "round " << round;
        EXPECT_LE(back->event_count(), raw.event_count());
        EXPECT_EQ(back->summary(), compact) << "round " << round; // compacting again changes nothing
        EXPECT_EQ(from(compact, true)->summary(), compact) << "round " << round;
    }
}

// Streams split by day, summarised per day and rolled up in any order: the summary of all of them.
TEST(CompactSummary, DisjointDaysRollUpExactly) {
    std::mt19937_64 rng(5);
    for (int round = 0; round < 100; ++round) {
        constexpr int days = 5;
        PresenceState all, per_day[days];
        int rows = static_cast<int>(rng() % 400);
        for (int i = 0; i < rows; ++i) {
            int d = static_cast<int>(rng() % days);
            Micros t = d * day + static_cast<Micros>(rng() % (day / minute)) * minute; // inside day d
            std::optional<Micros> lo, hi;
            if (rng() % 2) lo = at(static_cast<int>(rng() % 3000));
            if (rng() % 2) hi = at(2000 + static_cast<int>(rng() % 6000));
            std::string u = "u" + std::to_string(rng() % 3), c = "c" + std::to_string(rng() % 3);
            int kind = static_cast<int>(rng() % 3);
            all.add(u, c, kind, t, lo, hi);
            per_day[d].add(u, c, kind, t, lo, hi);
        }
        std::vector<std::pair<Micros, Micros>> ranges = {{minus_infinity, plus_infinity}, {day / 2, 3 * day + 7 * minute}, {2 * day, plus_infinity}};
        int order[days] = {0, 1, 2, 3, 4};
        std::shuffle(order, order + days, rng);
        PresenceState rolled, parts[2];
        for (int k = 0; k < days; ++k) { // a rollup's state, split over two workers
            PresenceState::deserialize_into(rolled, per_day[order[k]].summary(), true);
            PresenceState::deserialize_into(parts[k % 2], per_day[order[k]].summary(), true);
        }
        auto combined = from(parts[0].serialize()); // between workers: every span and event kept
        combined->combine(*from(parts[1].serialize()));
        std::string expected = all.summary();
        EXPECT_EQ(metrics(rolled, ranges), metrics(all, ranges)) << "round " << round;
        EXPECT_EQ(metrics(*from(rolled.summary()), ranges), metrics(all, ranges)) << "round " << round;
        EXPECT_EQ(metrics(*from(combined->summary()), ranges), metrics(all, ranges)) << "round " << round;
        EXPECT_EQ(rolled.summary().size(), expected.size()) << "round " << round; // the same events kept
        EXPECT_EQ(combined->summary(), rolled.summary());
    }
}

TEST(CompactSummary, OverlappingCompactedSpansAreRefused) {
    auto slice = [](std::vector<std::pair<int, int>> events) {
        PresenceState s;
        for (auto [kind, t] : events) s.add("u1", "c1", kind, at(t), std::nullopt, std::nullopt);
        return s.summary();
    };
    std::string compacted_0_10 = slice({{join, 0}, {join, 5}, {leave, 10}}); // drops the join at 5
    std::string plain_8_20 = slice({{join, 8}, {leave, 20}});
    std::string plain_10_20 = slice({{join, 10}, {leave, 20}});
    std::string plain_11_20 = slice({{join, 11}, {leave, 20}});
    std::string compacted_11_20 = slice({{join, 11}, {join, 12}, {leave, 20}});
    auto rollup = [](std::vector<std::string> inputs) {
        PresenceState s;
        for (const std::string& b : inputs) PresenceState::deserialize_into(s, b, true);
        return s.summary();
    };
    EXPECT_THROW(rollup({compacted_0_10, plain_8_20}), OverlappingSummaries);
    EXPECT_THROW(rollup({plain_10_20, compacted_0_10}), OverlappingSummaries); // touching at 10 counts
    EXPECT_THROW(rollup({compacted_0_10, compacted_0_10}), OverlappingSummaries);
    EXPECT_NO_THROW(rollup({compacted_0_10, plain_11_20}));
    EXPECT_NO_THROW(rollup({compacted_11_20, compacted_0_10}));
    // not compacted: every event is there, overlapping or not, and the result is exact (J8 J10 L20 L20: 8-20)
    EXPECT_EQ(from(rollup({plain_8_20, plain_10_20}))->minutes_viewed(), 12);
    EXPECT_EQ(from(rollup({slice({{join, 0}, {leave, 10}}), plain_8_20}))->minutes_viewed(), 10); // J0 J8 L10 L20: 0-10
    // spans in between: [0,10] and [30,40] compacted, [11,20] compacted, in any order
    std::string compacted_30_40 = slice({{join, 30}, {join, 31}, {leave, 40}});
    EXPECT_EQ(from(rollup({compacted_30_40, compacted_0_10, compacted_11_20}))->minutes_viewed(), 10 + 9 + 10);
    // the metrics of a state that holds both check too
    PresenceState both;
    PresenceState::deserialize_into(both, compacted_0_10, true);
    PresenceState::deserialize_into(both, plain_8_20, true);
    EXPECT_THROW(both.minutes_viewed(), OverlappingSummaries);
    EXPECT_THROW(both.engagement_rate(), OverlappingSummaries);
    EXPECT_THROW(both.presence_minutes(minus_infinity, plus_infinity, false), OverlappingSummaries);
    EXPECT_THROW(from(both.serialize())->summary(), OverlappingSummaries); // through a worker's bytes
    try {
        both.summary();
        FAIL();
    } catch (const OverlappingSummaries& e) {
        EXPECT_EQ(e.user, "u1");
        EXPECT_EQ(e.content, "c1");
        EXPECT_STREQ(e.what(), "rollup of presence summaries: stream (user \"u1\", content \"c1\") is in two summaries whose time "
                               "spans overlap, [2000-01-01 00:00:00+00, 2000-01-01 00:10:00+00] and [2000-01-01 00:08:00+00, "
                               "2000-01-01 00:20:00+00], and the first is compacted");
    }
    // other streams overlap freely
    PresenceState other;
    other.add("u2", "c1", join, at(0), std::nullopt, std::nullopt);
    other.add("u2", "c1", join, at(5), std::nullopt, std::nullopt);
    EXPECT_NO_THROW(rollup({compacted_0_10, other.summary()}));
}

TEST(CompactSummary, Format1AndLegacySummariesRollUpWithTheirEventsSpans) {
    PresenceState day1, day2;
    day1.add("u1", "c1", join, at(0), std::nullopt, std::nullopt);
    day1.add("u1", "c1", join, at(5), std::nullopt, std::nullopt);
    day2.add("u1", "c1", leave, at(30), std::nullopt, std::nullopt);
    PresenceState r;
    PresenceState::deserialize_into(r, day1.serialize(), true); // format 1: span [0, 5], not compacted
    PresenceState::deserialize_into(r, day2.summary(), true);
    EXPECT_EQ(r.span_count(), 2u);
    EXPECT_EQ(from(r.summary())->minutes_viewed(), 30);
    PresenceState o;
    PresenceState::deserialize_into(o, day1.serialize(), true);
    PresenceState::deserialize_into(o, day1.summary(), true); // compacted [0, 5] over [0, 5]
    EXPECT_THROW(o.summary(), OverlappingSummaries);
}

TEST(CompactSummary, TheParallelStateKeepsFormat1AndEveryEvent) {
    PresenceState s;
    for (int i = 0; i < 10; ++i) s.add("u", "c", join, at(i), std::nullopt, std::nullopt);
    std::string bytes = s.serialize();
    EXPECT_EQ(bytes[0], '\x01');
    EXPECT_EQ(from(bytes)->event_count(), 10u);
    EXPECT_EQ(from(bytes)->span_count(), 0u);
    PresenceState r; // a rollup's state between workers: format 2, every event and span kept
    PresenceState::deserialize_into(r, s.serialize(), true);
    PresenceState::deserialize_into(r, s.serialize(), true);
    std::string state = r.serialize();
    EXPECT_EQ(state[0], '\x02');
    EXPECT_EQ(from(state)->event_count(), 20u);
    EXPECT_EQ(from(state)->span_count(), 2u);
}

TEST(CompactSummary, UtcText) {
    EXPECT_EQ(utc_text(0), "2000-01-01 00:00:00+00");
    EXPECT_EQ(utc_text(1), "2000-01-01 00:00:00.000001+00");
    EXPECT_EQ(utc_text(-1), "1999-12-31 23:59:59.999999+00");
    EXPECT_EQ(utc_text(820922400000000 + 500000), "2026-01-05 10:00:00.5+00"); // by Python's datetime
    EXPECT_EQ(utc_text(9502 * day), "2026-01-06 00:00:00+00");
    EXPECT_EQ(utc_text(-2451545 * day), "4714-11-24 00:00:00+00 BC"); // Julian day 0
    EXPECT_EQ(utc_text((109203527LL - 2451545) * day), "294276-12-31 00:00:00+00");
}

TEST(CompactSummary, ImpossibleFormat2BytesAreRefused) {
    auto stream = [](Bytes b, std::uint8_t flags, std::vector<std::tuple<Micros, Micros, std::uint8_t>> spans,
                     std::vector<std::pair<Micros, std::uint8_t>> events, std::string key = u1c1) {
        b.i(std::uint32_t(key.size())).raw(key).i(flags);
        if (flags & 1) b.i(Micros(0));
        if (flags & 2) b.i(at(60));
        b.i(std::uint32_t(spans.size()));
        for (auto [f, l, c] : spans) b.i(f).i(l).i(c);
        b.i(std::uint64_t(events.size()));
        for (auto [t, l] : events) b.i(t).i(l);
        return b;
    };
    auto one = [&](auto... args) { return stream(v2().i(std::uint64_t(1)), args...).s; };
    std::string good = one(std::uint8_t(0), std::vector<std::tuple<Micros, Micros, std::uint8_t>>{{0, at(10), 0}},
                           std::vector<std::pair<Micros, std::uint8_t>>{{0, 0}, {at(10), 1}});
    EXPECT_EQ(from(good)->minutes_viewed(), 10);
    // A rollup's state (one span per summary combined, none compacted): its last event ends the latest span.
    std::string two_spans = one(std::uint8_t(0), std::vector<std::tuple<Micros, Micros, std::uint8_t>>{{0, at(5), 0}, {at(5), at(10), 0}},
                                std::vector<std::pair<Micros, std::uint8_t>>{{0, 0}, {at(5), 1}, {at(5), 0}, {at(10), 1}});
    EXPECT_EQ(from(two_spans, true)->minutes_viewed(), 10);
    using Spans = std::vector<std::tuple<Micros, Micros, std::uint8_t>>;
    using Events = std::vector<std::pair<Micros, std::uint8_t>>;
    std::vector<std::string> bad = {
        good.substr(0, good.size() - 1),                                              // truncated
        good + '\0',                                                                  // trailing
        one(std::uint8_t(4), Spans{{0, at(10), 0}}, Events{{0, 0}, {at(10), 1}}),     // unknown flag
        one(std::uint8_t(0), Spans{{0, at(10), 2}}, Events{{0, 0}, {at(10), 1}}),     // compacted 2
        one(std::uint8_t(0), Spans{{at(10), 0, 0}}, Events{{0, 0}, {at(10), 1}}),     // span backwards
        one(std::uint8_t(0), Spans{{0, at(10), 0}}, Events{{at(10), 1}, {0, 0}}),     // not sorted
        one(std::uint8_t(0), Spans{{0, at(10), 0}}, Events{{at(10), 0}, {at(10), 1}}), // join before leave at equal times
        one(std::uint8_t(0), Spans{{0, at(10), 0}}, Events{{0, 0}, {at(10), 3}}),     // leave flag 3
        one(std::uint8_t(0), Spans{{0, at(10), 0}}, Events{}),                        // span without events
        one(std::uint8_t(0), Spans{}, Events{{0, 0}}),                                // events without span
        one(std::uint8_t(0), Spans{}, Events{}),                                      // nothing at all
        one(std::uint8_t(0), Spans{{at(1), at(10), 0}}, Events{{0, 0}, {at(10), 1}}), // first event before the span
        one(std::uint8_t(0), Spans{{0, at(10), 1}}, Events{{0, 0}, {at(11), 1}}),     // last event after it
        one(std::uint8_t(0), Spans{{0, at(10), 0}}, Events{{0, 0}, {at(9), 1}}),      // not compacted, yet the last event is missing
        one(std::uint8_t(0), Spans{{0, at(5), 0}, {at(5), at(20), 0}}, Events{{0, 0}, {at(10), 1}}), // the same with a rollup's two spans
        one(std::uint8_t(0), Spans{{0, at(10), 0}}, Events{{0, 0}, {at(10), 1}}, "u1c1"), // no '\0' in the key
        one(std::uint8_t(0), Spans{{0, std::numeric_limits<Micros>::max() - 1, 1}}, Events{{0, 0}}), // outside the timestamp range
        stream(stream(v2().i(std::uint64_t(2)), 1, Spans{}, Events{}), 2, Spans{}, Events{}).s, // the same stream twice
        v2().i(std::uint64_t(1) << 40).s,                                             // more streams than bytes
    };
    for (std::size_t i = 0; i < bad.size(); ++i) {
        PresenceState p;
        EXPECT_THROW(PresenceState::deserialize_into(p, bad[i]), InvalidState) << "case " << i;
    }
    // a newer format than 2
    PresenceState p;
    std::string v3 = good;
    v3[0] = '\x03';
    EXPECT_THROW(PresenceState::deserialize_into(p, v3), InvalidState);
}
