// The loader's sample of its rows' months (month_sample.hpp): which times it keeps, worked out by hand.
#include <gtest/gtest.h>

#include <algorithm>

#include "cli/month_sample.hpp"

using namespace ar::cli;

namespace {
std::vector<std::string> sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}
} // namespace

TEST(MonthSample, EmptyGivesNothing) {
    EXPECT_TRUE(MonthSample().times().empty());
}

TEST(MonthSample, OneTimePerUtcMonthForTimesWithAnOffset) {
    MonthSample s;
    s.add("2026-03-10 09:05:00+00:00");
    s.add("2026-03-11 09:05:00+00:00");
    s.add("2026-03-31 23:59:59.5+00:00");
    s.add("2026-04-02 00:00:00+01:00");
    EXPECT_EQ(sorted(s.times()), (std::vector<std::string>{"2026-03-10 09:05:00+00:00", "2026-04-02 00:00:00+01:00"}));
}

TEST(MonthSample, AnOffsetCanMoveATimeIntoTheNextOrPreviousMonth) {
    MonthSample s;
    s.add("2026-04-01 00:30:00+01:00");  // 2026-03-31 23:30 UTC: March
    s.add("2026-03-10 00:00:00+00:00");  // March already has a time
    EXPECT_EQ(s.times(), (std::vector<std::string>{"2026-04-01 00:30:00+01:00"}));
    MonthSample t;
    t.add("2026-02-28 20:00:00-05:00");  // 2026-03-01 01:00 UTC: March
    t.add("2026-03-05 12:00:00+00:00");
    t.add("2026-02-28 18:59:00-05:00");  // 23:59 UTC: February
    EXPECT_EQ(sorted(t.times()), (std::vector<std::string>{"2026-02-28 18:59:00-05:00", "2026-02-28 20:00:00-05:00"}));
    MonthSample y;
    y.add("2025-12-31 23:00:00-02:00");  // 2026-01-01 01:00 UTC: across the year
    y.add("2026-01-15 00:00:00+00:00");
    EXPECT_EQ(y.times(), (std::vector<std::string>{"2025-12-31 23:00:00-02:00"}));
}

TEST(MonthSample, TimesWithoutAnOffsetAwayFromTheMonthsBoundsOnePerMonth) {
    MonthSample s;
    s.add("2026-03-02 00:00:00");
    s.add("2026-03-30 23:59:59");  // March has 31 days: a day from its end
    s.add("2026-02-27 12:00:00");  // February 2026 has 28
    EXPECT_EQ(sorted(s.times()), (std::vector<std::string>{"2026-02-27 12:00:00", "2026-03-02 00:00:00"}));
}

TEST(MonthSample, TimesWithoutAnOffsetNearABoundKeepTheirEarliestAndLatest) {
    MonthSample s;
    s.add("2026-03-01 05:00:00");
    s.add("2026-02-28 22:00:00");    // the same bound (1 March)
    s.add("2026-03-01 00:00:00.25");
    s.add("2026-03-01 00:00:00.5");
    s.add("2026-03-01 23:00:00");    // the latest
    s.add("2026-02-28 21:59:59.9");  // the earliest
    s.add("2024-02-29 12:00:00");    // a leap year's last day: the bound of 1 March 2024
    EXPECT_EQ(s.times(), (std::vector<std::string>{"2024-02-29 12:00:00", "2026-02-28 21:59:59.9", "2026-03-01 23:00:00"}));
}

TEST(MonthSample, TheTimesOfDecemberAndJanuaryShareTheYearsBound) {
    MonthSample s;
    s.add("2026-12-31 10:00:00");
    s.add("2027-01-01 10:00:00");
    EXPECT_EQ(s.times(), (std::vector<std::string>{"2026-12-31 10:00:00", "2027-01-01 10:00:00"}));
}
