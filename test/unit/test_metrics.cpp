// reaction_score and watched_fraction states (design §5), values by hand.
#include <gtest/gtest.h>

#include "core/metrics.hpp"
#include "core/pattern.hpp"

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
         {6, "event_platform", "Content", "YouTube", "YouTube [Percentage watched]", "Watched YouTube", "[Title]", {"watch_progress"}},
         {7, "event_platform", "Content", "Watched live session", "Progress", "Watched", "[Percentage watched]", {"watch_progress"}}},
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
    EXPECT_EQ(find_percentage("YouTube  50 %"), 50.0);
    EXPECT_EQ(find_percentage("YouTube 50.5%"), 50.5);
    EXPECT_EQ(find_percentage("no percent"), std::nullopt);
    EXPECT_EQ(find_percentage("YouTube 50"), std::nullopt); // no '%': nothing written as a percentage
    EXPECT_EQ(find_percentage("100%"), 100.0);
    EXPECT_EQ(find_percentage("YouTube 100% real"), 100.0); // the word holding the first '%'
    EXPECT_EQ(percentage_word("YouTube 100% real"), "100%");
    EXPECT_EQ(percentage_word("YouTube  12.5  % x"), "12.5  %");
    EXPECT_EQ(percentage_word("no percent"), "");
    EXPECT_THROW(find_percentage("101%"), PercentageError);
    for (const char* bad : {"%", "YouTube -50%", "YouTube 1e2%", "YouTube 50%%", "YouTube +5%", "YouTube 5.%", "YouTube .5%", "a%b"}) {
        try {
            find_percentage(bad);
            ADD_FAILURE() << bad << " read as a percentage";
        } catch (const PercentageError& e) {
            EXPECT_EQ(e.error, ValueError::NotANumber) << bad;
        }
    }
    try {
        find_percentage("YouTube -50%");
    } catch (const PercentageError& e) {
        EXPECT_STREQ(e.what(), "percentage -50% in \"YouTube -50%\" is not a number from 0% to 100%");
    }
    try {
        find_percentage("YouTube 150%");
    } catch (const PercentageError& e) {
        EXPECT_EQ(e.error, ValueError::OutOfRange);
        EXPECT_STREQ(e.what(), "percentage 150% in \"YouTube 150%\" is above 100%");
    }
}

namespace {
// What classification captures from a value with the kind's pattern: the percentage, "bad" when it
// rejects the value as one, "none" when the value does not have the pattern's shape.
std::string classified_percentage(std::string_view pattern, std::string_view value) {
    Pattern p = Pattern::compile(pattern);
    Captures c;
    switch (p.match(value, c)) {
    case MatchResult::Match: return std::to_string(c.items[0].value.number);
    case MatchResult::BadValue: return "bad";
    case MatchResult::NoMatch: break;
    }
    return "none";
}
// What watched_fraction reads from the same event: the fraction as a percentage, or "bad" when it raises.
std::string watched_percentage(const Taxonomy& t, std::string_view category, std::string_view action, std::string_view label) {
    WatchTally w;
    try {
        w.add(t, category, action, label);
    } catch (const PercentageError&) {
        return "bad";
    }
    return w.unmarked ? "none" : std::to_string(w.max_fraction * 100);
}
} // namespace

// One rule: wherever a percentage is written with '%', watched_fraction reads the value classify
// captures, and raises where classify rejects it; in the category and in the label.
TEST(WatchTally, AgreesWithClassify) {
    auto t = taxonomy();
    const char* written[] = {"-50%", "1e2%", "50.5%", "100%", "101%", " 50 %", "50%%", "0%", "100.0%", "100.000%", "100.5%",
                             "100.00000000000000000001%", "007%", "5.%", ".5%", "%", "50  %", "1000000%", "+5%", "0x10%",
                             "50%x", "12.25%", "99.999%"};
    for (const char* x : written) {
        std::string category = std::string("YouTube ") + x;
        std::string expected = classified_percentage("YouTube [Percentage watched]", category);
        EXPECT_NE(expected, "none") << category;
        EXPECT_EQ(watched_percentage(*t, category, "Watched YouTube", "some title"), expected) << category;
        expected = classified_percentage("[Percentage watched]", x);
        EXPECT_EQ(watched_percentage(*t, "Progress", "Watched", x), expected) << "label " << x;
    }
    EXPECT_EQ(watched_percentage(*t, "YouTube 50.5%", "Watched YouTube", "t"), std::to_string(50.5));
    EXPECT_EQ(watched_percentage(*t, "YouTube -50%", "Watched YouTube", "t"), "bad");
    EXPECT_EQ(watched_percentage(*t, "YouTube 1e2%", "Watched YouTube", "t"), "bad");
    EXPECT_EQ(watched_percentage(*t, "Progress", "Watched", "101%"), "bad");
}
