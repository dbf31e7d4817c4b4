// reaction_score and watched_fraction states (design §5), values by hand.
#include <gtest/gtest.h>

#include "core/metrics.hpp"

using namespace ar;

namespace {
std::shared_ptr<const Taxonomy> taxonomy() {
    return Taxonomy::compile(
        {"activity_exporter", "collaborative", "event_platform"},
        {{1, "collaborative", "Activity", "Start", "Activity", "Start", "N/A", {"view"}},
         {2, "collaborative", "Activity", "React", "Activity", "React", "[Reaction name]", {"reaction"}},
         {3, "collaborative", "Messages", "Like", "Messages", "Like", "N/A", {"reaction", "like"}},
         {4, "activity_exporter", "Content", "Like", "Content - [content type]", "Like", "N/A", {"like"}},
         {5, "activity_exporter", "Content", "Watched", "Content - [content type]", "Watch", "N/A", {"watch_progress"}},
         {6, "event_platform", "Content", "YouTube", "YouTube [Percentage watched]", "Watched YouTube", "[Title]", {"watch_progress"}}},
        {{"Like", 1}, {"Learned something", 1}, {"Outdated", -1}, {"Have a question", -1}});
}
} // namespace

TEST(ReactionTally, ScoreFromViewsAndPolarity) {
    auto t = taxonomy();
    ReactionTally r;
    EXPECT_EQ(r.result(), std::nullopt); // no views
    for (int i = 0; i < 4; ++i) r.add(*t, "Start", std::nullopt);
    r.add(*t, "React", "learned something");  // +1
    r.add(*t, "React", "Have a question");    // -1
    r.add(*t, "LIKE", "N/A");                 // label unknown: the action Like counts, +1
    r.add(*t, "React", "Meh");                // unknown: 0
    EXPECT_EQ(r.views, 4);
    EXPECT_DOUBLE_EQ(*r.result(), 100.0 * (2 - 1) / 4);
}

TEST(ReactionTally, ClampedAndCombined) {
    auto t = taxonomy();
    ReactionTally a, b;
    a.add(*t, "Start", std::nullopt);
    b.add(*t, "React", "Like");
    b.add(*t, "React", "Like");
    a.combine(b);
    EXPECT_DOUBLE_EQ(*a.result(), 100.0);
    ReactionTally n;
    n.add(*t, "Start", std::nullopt);
    n.add(*t, "React", "Outdated");
    n.add(*t, "React", "Outdated");
    EXPECT_DOUBLE_EQ(*n.result(), -100.0);
}

TEST(WatchTally, LargestPercentageOrTenthPerEventCapped) {
    auto t = taxonomy();
    WatchTally w;
    EXPECT_DOUBLE_EQ(w.result(), 0);
    w.add(*t, "Content - video", "Watch", "N/A");
    w.add(*t, "Content - video", "Watch", std::nullopt);
    w.add(*t, "Content - video", "Watch", "N/A");
    EXPECT_DOUBLE_EQ(w.result(), 0.3);
    w.add(*t, "YouTube 25%", "Watched YouTube", "abc");
    EXPECT_DOUBLE_EQ(w.result(), 0.3);
    w.add(*t, "YouTube 50%", "Watched YouTube", "abc");
    EXPECT_DOUBLE_EQ(w.result(), 0.5);
    w.add(*t, "Session", "Watch", "75 %"); // a label that is a percentage
    EXPECT_DOUBLE_EQ(w.result(), 0.75);
    for (int i = 0; i < 12; ++i) w.add(*t, "Content - video", "Watch", "N/A");
    EXPECT_DOUBLE_EQ(w.result(), 1.0);
}

TEST(WatchTally, TitlesAreNotProgressAndAbsurdPercentagesFail) {
    auto t = taxonomy();
    WatchTally w;
    w.add(*t, "Content - video", "Watch", "100% real"); // a title, not a percentage: counts as unmarked
    EXPECT_DOUBLE_EQ(w.result(), 0.1);
    w.add(*t, "Content - video", "Play", "90%");        // not watch progress
    EXPECT_DOUBLE_EQ(w.result(), 0.1);
    EXPECT_THROW(w.add(*t, "YouTube 150%", "Watched YouTube", "x"), std::invalid_argument);
}

TEST(FindPercentage, Forms) {
    EXPECT_EQ(find_percentage("YouTube 50%"), 50.0);
    EXPECT_EQ(find_percentage("12.5 %"), 12.5);
    EXPECT_EQ(find_percentage("no percent"), std::nullopt);
    EXPECT_EQ(find_percentage("%"), std::nullopt);
    EXPECT_EQ(find_percentage("100%"), 100.0);
    EXPECT_THROW(find_percentage("101%"), std::invalid_argument);
}
