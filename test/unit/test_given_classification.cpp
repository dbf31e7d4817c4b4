// Rows that arrive classified (a restore): a known kind is checked against the row, an unknown one and an
// accepted row's mark are kept as given, everything else is classified afresh.
#include <gtest/gtest.h>

#include "core/given_classification.hpp"

using namespace ar;

namespace {

class GivenTest : public ::testing::Test {
protected:
    // Kind 2 is more specific than kind 1 for lessons (29 literal characters against 15).
    std::shared_ptr<const Taxonomy> t = Taxonomy::compile(
        {"activity_exporter", "acme_lms"},
        {{1, "activity_exporter", "Content", "View content", "Content - [Content type]", "View", "N/A", {"view"}},
         {2, "activity_exporter", "Content", "Lesson view", "Content - Lesson|Content - Content - Lesson", "View", "N/A", {"view"}},
         {7, "acme_lms", "Quizzes", "Scored", "Quiz - [Quiz name]", "Score", "[Score percentage]", {"completion"}}},
        {});
    Captures captures;

    static EventView event(std::optional<std::string_view> category, std::optional<std::string_view> action,
                           std::optional<std::string_view> label = std::nullopt) {
        EventView e;
        e.user_id = "u1";
        e.category = category;
        e.action = action;
        e.label = label;
        return e;
    }
    GivenJudgement judge(const EventView& e, std::string_view vocabulary, GivenClassification given) {
        return judge_given(*t, e, vocabulary, given, captures);
    }
};

} // namespace

TEST_F(GivenTest, KindById) {
    ASSERT_NE(t->kind(7), nullptr);
    EXPECT_EQ(t->kind(7)->name, "Scored");
    EXPECT_EQ(t->kind(3), nullptr);
    EXPECT_EQ(t->kind(-1), nullptr);
}

TEST_F(GivenTest, IsInstanceChecksVocabularyFieldsAndPatterns) {
    EXPECT_TRUE(t->is_instance(*t->kind(7), event("Quiz - Ciphers", "Score", "80%"), "acme_lms", captures));
    ASSERT_EQ(captures.size, 2);
    EXPECT_FALSE(t->is_instance(*t->kind(7), event("Quiz - Ciphers", "Score", "80%"), "activity_exporter", captures));
    EXPECT_EQ(captures.size, 0);
    EXPECT_FALSE(t->is_instance(*t->kind(7), event("Quiz - Ciphers", "Score", "180%"), "acme_lms", captures));
    EXPECT_FALSE(t->is_instance(*t->kind(7), event("Quiz - Ciphers", "Open", "80%"), "acme_lms", captures));
    EventView no_user = event("Quiz - Ciphers", "Score", "80%");
    no_user.user_id = " ";
    EXPECT_FALSE(t->is_instance(*t->kind(7), no_user, "acme_lms", captures));
    EventView no_time = event("Quiz - Ciphers", "Score", "80%");
    no_time.has_occurred_at = false;
    EXPECT_FALSE(t->is_instance(*t->kind(7), no_time, "acme_lms", captures));
}

TEST_F(GivenTest, NothingGivenIsClassified) {
    EXPECT_EQ(judge(event("Content - Video", "View", "N/A"), "activity_exporter", {}).verdict, GivenVerdict::classify);
}

TEST_F(GivenTest, KnownKindThatMatchesIsKept) {
    auto j = judge(event("Quiz - Ciphers", "Score", "80%"), "acme_lms", {7, false});
    EXPECT_EQ(j.verdict, GivenVerdict::kind_verified);
    ASSERT_NE(j.kind, nullptr);
    EXPECT_EQ(j.kind->id, 7);
    EXPECT_EQ(captures.size, 2);
}

TEST_F(GivenTest, LessSpecificKindStoredBeforeAMoreSpecificOneStaysAsStored) {
    // Stored as kind 1 before kind 2 existed: classify() would now say 2, the row keeps 1.
    auto j = judge(event("Content - Lesson", "View", "N/A"), "activity_exporter", {1, false});
    EXPECT_EQ(j.verdict, GivenVerdict::kind_verified);
    ASSERT_NE(j.kind, nullptr);
    EXPECT_EQ(j.kind->id, 1);
}

TEST_F(GivenTest, KnownKindThatDoesNotMatchIsClassifiedAfresh) {
    EXPECT_EQ(judge(event("Content - Video", "View", "N/A"), "activity_exporter", {7, false}).verdict, GivenVerdict::classify);
    EXPECT_EQ(judge(event("Quiz - Ciphers", "Score", "80%"), "activity_exporter", {7, false}).verdict, GivenVerdict::classify);
    EXPECT_EQ(judge(event("Nope", "Nope"), "activity_exporter", {1, false}).verdict, GivenVerdict::classify);
}

TEST_F(GivenTest, UnknownKindIsKeptAsGiven) {
    // Its kind is not restored yet (or was deleted): nothing can check it.
    EXPECT_EQ(judge(event("Quiz - Ciphers", "Score", "80%"), "acme_lms", {214, false}).verdict, GivenVerdict::keep_as_given);
    EXPECT_EQ(judge(event("Quiz - Ciphers", "Score", "80%"), "not_restored_yet", {215, false}).verdict, GivenVerdict::keep_as_given);
}

TEST_F(GivenTest, AcceptedRowIsKeptUnclassified) {
    EXPECT_EQ(judge(event("Nope", "Nope"), "activity_exporter", {std::nullopt, true}).verdict, GivenVerdict::keep_as_given);
    // Even when a kind added since would match it: it was stored unclassified.
    EXPECT_EQ(judge(event("Content - Video", "View", "N/A"), "activity_exporter", {std::nullopt, true}).verdict,
              GivenVerdict::keep_as_given);
}

TEST_F(GivenTest, AcceptedMarkNeedsWhatAcceptNeeds) {
    EXPECT_EQ(judge(event("", "Nope"), "activity_exporter", {std::nullopt, true}).verdict, GivenVerdict::classify);
    EXPECT_EQ(judge(event("Nope", std::nullopt), "activity_exporter", {std::nullopt, true}).verdict, GivenVerdict::classify);
    EventView no_user = event("Nope", "Nope");
    no_user.user_id = std::nullopt;
    EXPECT_EQ(judge(no_user, "activity_exporter", {std::nullopt, true}).verdict, GivenVerdict::classify);
}
