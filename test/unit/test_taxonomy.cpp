// The compiled taxonomy on a small hand-made set of kinds: classification (most specific wins, ties by
// lowest id, generic actions), validation problems, roles, reaction polarity and compile errors.
#include <gtest/gtest.h>

#include <stdexcept>

#include "core/taxonomy.hpp"

using namespace ar;

namespace {

enum Vocab { exporter, platform, collaborative, content_actions };

std::shared_ptr<const Taxonomy> build(std::vector<KindSpec> extra = {}) {
    // Specificity (literal characters of category + action + label) in the comments.
    std::vector<KindSpec> kinds = {
        {1, "activity_exporter", "Content", "View content", "Content - [Content type]", "View", "N/A", {"view"}},     // 15
        {2, "activity_exporter", "Content", "Lesson view", "Content - Lesson|Content - Content - Lesson", "View", "N/A",
         {"view"}},                                                                                                     // 29
        {3, "activity_exporter", "Content", "Watch", "Content - [Content type]", "Watch", "[Percentage watched]",
         {"watch_progress"}},                                                                                           // 13
        {4, "activity_exporter", "Content", "Review", "Content - [Content type]", "Review",
         "Rating: [Rating 1-5] / [Review text]", {"comment"}},                                                          // 22
        {5, "activity_exporter", "Content", "Like", "Content - [Content type]", "Like", "N/A", {"like"}},             // 15
        {6, "activity_exporter", "Feed", "Comment", "Feed", "Comment", "[Post ID + Comment text]", {"comment"}},      // 11
        {9, "activity_exporter", "Question", "Poll answer", "Poll [#ID]", "Answer", "[Selected answer]",
         {"poll_response"}},                                                                                            // 10
        {10, "event_platform", "Schedule", "Clicked link", "Clicked", "[Button name]", "Link [URL]", {"view"}},       // 11
        {11, "event_platform", "Schedule", "Clicked", "Clicked", "[Button name]", "[Slug]", {"view"}},                // 7
        {12, "event_platform", "Session attendance", "Joined", "[Session name]", "Joined|Join", "N/A", {"join"}},     // 9
        {20, "collaborative", "Messages", "Like", "Messages", "Like", "N/A", {"reaction", "like"}},                   // 15
        {31, "collaborative", "Messages", "Post (later id)", "Messages", "Post", "[Post text]", {"publication"}},      // 12
        {30, "collaborative", "Messages", "Post", "Messages", "Post", "[Message text]", {"comment"}},                  // 12
        {40, "content_actions", "Content actions", "Completed", "[Content type]", "status_change",
         "course_completed|manager_change_completed|manager_grant_completed", {"completion"}},
        {41, "content_actions", "Content actions", "Enrollment", "[Content type]", "enrollment", "[Source]", {"enrollment"}},
    };
    kinds.insert(kinds.end(), extra.begin(), extra.end());
    return Taxonomy::compile({"activity_exporter", "event_platform", "collaborative", "content_actions"}, kinds,
                             {{"Like", 1}, {"Not useful", -1}, {"Learned something", 1}});
}

class TaxonomyTest : public ::testing::Test {
protected:
    std::shared_ptr<const Taxonomy> t = build();
    Captures captures;

    int classify(int vocab, std::string_view category, std::string_view action, std::optional<std::string_view> label) {
        const Taxonomy::Kind* k = t->classify(vocab, category, action, label, captures);
        return k ? k->id : -1;
    }
    std::vector<Problem> validate(std::optional<std::string_view> category, std::optional<std::string_view> action,
                                  std::optional<std::string_view> label, std::string_view vocab = "activity_exporter") {
        EventView e;
        e.user_id = "u1";
        e.category = category;
        e.action = action;
        e.label = label;
        std::vector<Problem> out;
        t->validate(e, vocab, out);
        return out;
    }
};

std::string compile_error(const KindSpec& bad) {
    try {
        build({bad});
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_F(TaxonomyTest, Vocabularies) {
    EXPECT_EQ(t->vocabulary_index("activity_exporter"), exporter);
    EXPECT_EQ(t->vocabulary_index("content_actions"), content_actions);
    EXPECT_EQ(t->vocabulary_index("nope"), -1);
    EXPECT_EQ(t->vocabularies().size(), 4u);
    EXPECT_EQ(t->kind_count(), 15u);
    EXPECT_EQ(classify(-1, "Content - Video", "View", std::nullopt), -1);
    EXPECT_EQ(classify(4, "Content - Video", "View", std::nullopt), -1);
}

TEST_F(TaxonomyTest, MostSpecificKindWins) {
    EXPECT_EQ(classify(exporter, "Content - Lesson", "View", std::nullopt), 2);
    EXPECT_EQ(classify(exporter, "content -  content - LESSON", "View", std::nullopt), 2);
    EXPECT_EQ(classify(exporter, "Content - Video", "View", std::nullopt), 1);
    EXPECT_EQ(classify(platform, "Clicked", "Schedule Row", "Link https://example.com/x"), 10);
}

TEST_F(TaxonomyTest, TieGoesToLowestId) {
    EXPECT_EQ(classify(collaborative, "Messages", "Post", "Hello"), 30);
}

TEST_F(TaxonomyTest, ActionLookupIgnoresCaseAndWhitespace) {
    EXPECT_EQ(classify(exporter, "Content - Video", "VIEW", ""), 1);
    EXPECT_EQ(classify(exporter, "Content - Video", "  view ", ""), 1);
    EXPECT_EQ(classify(platform, "Keynote", "JOINED", std::nullopt), 12);
    EXPECT_EQ(classify(platform, "Keynote", "join", std::nullopt), 12);
    EXPECT_EQ(classify(exporter, "Content - Video", "Vi ew", ""), -1);
}

TEST_F(TaxonomyTest, GenericActionPatterns) {
    ASSERT_EQ(classify(platform, "Clicked", "Schedule Row", "/main/live/panels/sessionname"), 11);
    ASSERT_EQ(captures.size, 2); // action first, then category, then label
    EXPECT_EQ(captures.items[0].ph->key, "button_name");
    EXPECT_EQ(captures.items[0].value.text, "Schedule Row");
    EXPECT_EQ(captures.items[1].ph->key, "slug");
    EXPECT_EQ(captures.items[1].value.text, "/main/live/panels/sessionname");
    // Generic kinds are also candidates for a literal action.
    EXPECT_EQ(classify(platform, "Clicked", "Joined", "/x"), 11);
    EXPECT_EQ(classify(platform, "Clicked", "Schedule Row", "has spaces"), -1);
}

TEST_F(TaxonomyTest, NotApplicableLabel) {
    EXPECT_EQ(classify(exporter, "Content - Video", "Like", std::nullopt), 5);
    EXPECT_EQ(classify(exporter, "Content - Video", "Like", "N/A"), 5);
    EXPECT_EQ(classify(exporter, "Content - Video", "Like", " n/a "), 5);
    EXPECT_EQ(classify(exporter, "Content - Video", "Like", "great"), -1);
    EXPECT_EQ(captures.size, 0);
}

TEST_F(TaxonomyTest, ClassifyCapturesPlaceholders) {
    ASSERT_EQ(classify(exporter, "Content - Video", "Watch", "50%"), 3);
    ASSERT_EQ(captures.size, 2);
    EXPECT_EQ(captures.items[0].ph->key, "content_type");
    EXPECT_EQ(captures.items[0].value.text, "Video");
    EXPECT_EQ(captures.items[1].ph->key, "percentage_watched");
    EXPECT_EQ(captures.items[1].value.number, 50.0);

    ASSERT_EQ(classify(exporter, "Content - Course", "Review", "Rating: 4 / Good / but pricey"), 4);
    ASSERT_EQ(captures.size, 3);
    EXPECT_EQ(captures.items[1].value.number, 4.0);
    EXPECT_EQ(captures.items[2].value.text, "Good / but pricey");
}

TEST_F(TaxonomyTest, KindsKeepTheirSpec) {
    ASSERT_EQ(classify(collaborative, "Messages", "Like", std::nullopt), 20);
    const Taxonomy::Kind* k = t->classify(collaborative, "Messages", "Like", std::nullopt, captures);
    EXPECT_EQ(k->section, "Messages");
    EXPECT_EQ(k->name, "Like");
    EXPECT_EQ(k->vocabulary, collaborative);
    EXPECT_EQ(k->roles, bit(Role::reaction) | bit(Role::like));
    EXPECT_EQ(k->specificity, 15);
    EXPECT_EQ(t->classify(exporter, "Content - Lesson", "View", std::nullopt, captures)->specificity, 29);
}

TEST_F(TaxonomyTest, MatchActionLabelIgnoresCategory) {
    auto id = [&](int vocab, std::string_view action, std::string_view label) {
        const Taxonomy::Kind* k = t->match_action_label(vocab, action, label);
        return k ? k->id : -1;
    };
    EXPECT_EQ(id(content_actions, "status_change", "course_completed"), 40);
    EXPECT_EQ(id(content_actions, "STATUS_CHANGE", " Manager_Grant_Completed "), 40);
    EXPECT_EQ(id(content_actions, "status_change", "self"), -1);
    EXPECT_EQ(id(content_actions, "enrollment", "hr_import"), 41);
    EXPECT_EQ(id(content_actions, "revoked_access", "x"), -1);
    EXPECT_EQ(id(-1, "status_change", "course_completed"), -1);
    EXPECT_EQ(id(exporter, "View", ""), 2);
}

TEST_F(TaxonomyTest, ValidEventHasNoProblems) {
    EXPECT_TRUE(validate("Content - Video", "Watch", "50%").empty());
    EXPECT_TRUE(validate("Content - Lesson", "View", std::nullopt).empty());
}

TEST_F(TaxonomyTest, MissingFieldsAndUnknownVocabulary) {
    EventView e;
    e.has_occurred_at = false;
    e.action = "";
    std::vector<Problem> out;
    t->validate(e, "nope", out);
    ASSERT_EQ(out.size(), 5u);
    EXPECT_EQ(out[0].field, Field::occurred_at);
    EXPECT_EQ(out[0].code, ProblemCode::missing);
    EXPECT_EQ(out[1].field, Field::user_id);
    EXPECT_EQ(out[1].code, ProblemCode::missing);
    EXPECT_EQ(out[2].field, Field::vocabulary);
    EXPECT_EQ(out[2].code, ProblemCode::unknown_vocabulary);
    EXPECT_EQ(out[2].message, "unknown vocabulary \"nope\"");
    EXPECT_NE(out[2].hint.find("activity_exporter, event_platform, collaborative, content_actions"), std::string::npos);
    EXPECT_EQ(out[3].field, Field::category);
    EXPECT_EQ(out[3].code, ProblemCode::missing);
    EXPECT_EQ(out[4].field, Field::action);
    EXPECT_EQ(out[4].code, ProblemCode::missing);

    e = EventView{};
    e.user_id = "   ";
    e.category = "Content - Video";
    e.action = "View";
    out.clear();
    t->validate(e, "activity_exporter", out);
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].field, Field::user_id);
}

TEST_F(TaxonomyTest, UnknownAction) {
    auto p = validate("Content - Video", "Fly", std::nullopt);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].field, Field::action);
    EXPECT_EQ(p[0].code, ProblemCode::unknown_action);
    EXPECT_EQ(p[0].message, "no activity kind of vocabulary \"activity_exporter\" has action \"Fly\"");
}

TEST_F(TaxonomyTest, CategoryMatchesNoKind) {
    auto p = validate("Feedback", "View", std::nullopt);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].field, Field::category);
    EXPECT_EQ(p[0].code, ProblemCode::no_match);
    EXPECT_EQ(p[0].message, "category \"Feedback\" matches no kind of vocabulary \"activity_exporter\" with action \"View\"");
    EXPECT_EQ(p[0].hint, "Categories for this action: \"Content - Lesson|Content - Content - Lesson\", \"Content - [Content type]\".");
}

TEST_F(TaxonomyTest, LabelMatchesNoKind) {
    auto p = validate("Content - Video", "View", "oops");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].field, Field::label);
    EXPECT_EQ(p[0].code, ProblemCode::no_match);
    EXPECT_EQ(p[0].message, "label \"oops\" does not match kind \"Content / View content\", which expects label \"N/A\"");
}

TEST_F(TaxonomyTest, LabelBadValue) {
    auto p = validate("Content - Video", "Review", "Rating: x / ok");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].field, Field::label);
    EXPECT_EQ(p[0].code, ProblemCode::bad_value);
    EXPECT_EQ(p[0].message, "label \"Rating: x / ok\": [Rating 1-5] \"x\" is not a number");
    EXPECT_EQ(p[0].hint, "Kind \"Content / Review\" expects label \"Rating: [Rating 1-5] / [Review text]\"; "
                         "[Rating 1-5] takes a value of type integer.");

    p = validate("Feed", "Comment", "123");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].code, ProblemCode::bad_value);
    EXPECT_EQ(p[0].message, "label \"123\": [Post ID + Comment text] \"123\" has a post ID but no text after it");
}

TEST_F(TaxonomyTest, LabelOutOfRange) {
    auto p = validate("Content - Video", "Review", "Rating: 9 / ok");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].field, Field::label);
    EXPECT_EQ(p[0].code, ProblemCode::out_of_range);
    EXPECT_EQ(p[0].message, "label \"Rating: 9 / ok\": [Rating 1-5] \"9\" is out of range 1–5");

    p = validate("Content - Video", "Watch", "150%");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].code, ProblemCode::out_of_range);
    EXPECT_EQ(p[0].message, "label \"150%\": [Percentage watched] \"150%\" is out of range 0–100%");
}

TEST_F(TaxonomyTest, EmptyLabelForAPlaceholderIsMissing) {
    auto p = validate("Content - Video", "Watch", std::nullopt);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].field, Field::label);
    EXPECT_EQ(p[0].code, ProblemCode::missing);
    EXPECT_EQ(p[0].message, "label \"\": [Percentage watched] is empty");
}

TEST_F(TaxonomyTest, CategoryBadValue) {
    auto p = validate("Poll 12", "Answer", "Tuesday");
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].field, Field::category);
    EXPECT_EQ(p[0].code, ProblemCode::bad_value);
    EXPECT_EQ(p[0].message, "category \"Poll 12\": [#ID] \"12\" is not an ID like #42");
    EXPECT_TRUE(validate("Poll #12", "Answer", "Tuesday").empty());
}

TEST_F(TaxonomyTest, HugeValuesAreShortenedInMessages) {
    const std::string label(1000, 'x');
    auto p = validate("Content - Video", "View", label);
    ASSERT_EQ(p.size(), 1u);
    EXPECT_NE(p[0].message.find("… (1000 bytes)"), std::string::npos);
    EXPECT_LT(p[0].message.size(), 300u);
}

TEST_F(TaxonomyTest, ValidateAppends) {
    std::vector<Problem> out{{Field::label, ProblemCode::missing, "earlier", ""}};
    EventView e;
    e.user_id = "u1";
    e.category = "Content - Video";
    e.action = "Fly";
    t->validate(e, "activity_exporter", out);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0].message, "earlier");
    EXPECT_EQ(out[1].code, ProblemCode::unknown_action);
}

TEST_F(TaxonomyTest, RolesOfActionUniteAllVocabularies) {
    EXPECT_EQ(t->roles_of_action("Like"), bit(Role::like) | bit(Role::reaction));
    EXPECT_EQ(t->roles_of_action("  LIKE "), bit(Role::like) | bit(Role::reaction));
    EXPECT_EQ(t->roles_of_action("View"), bit(Role::view));
    EXPECT_EQ(t->roles_of_action("joined"), bit(Role::join));
    EXPECT_EQ(t->roles_of_action("Join"), bit(Role::join));
    EXPECT_EQ(t->roles_of_action("status_change"), bit(Role::completion));
    EXPECT_EQ(t->roles_of_action("Fly"), 0u);
    EXPECT_EQ(t->roles_of_action("Schedule Row"), 0u); // only literal action patterns count
}

TEST_F(TaxonomyTest, ReactionPolarity) {
    EXPECT_EQ(t->polarity("like"), 1);
    EXPECT_EQ(t->polarity("NOT USEFUL"), -1);
    EXPECT_EQ(t->polarity("  Learned   something "), 1);
    EXPECT_EQ(t->polarity("Love"), std::nullopt);
    EXPECT_EQ(t->polarity(""), std::nullopt);
}

TEST(TaxonomyCompile, Errors) {
    EXPECT_EQ(compile_error({7, "activity_exporter", "S", "N", "C", "A", "N/A", {"viewer"}}),
              "activity kind 7 has unknown role \"viewer\"");
    EXPECT_EQ(compile_error({8, "nope", "S", "N", "C", "A", "N/A", {"view"}}),
              "activity kind 8 names unknown vocabulary \"nope\"");
    EXPECT_EQ(compile_error({9, "activity_exporter", "S", "N", "Content - [", "A", "N/A", {"view"}}),
              "activity kind 9 (S / N), category_pattern: invalid pattern \"Content - [\": '[' is never closed");
    EXPECT_EQ(compile_error({9, "activity_exporter", "S", "N", "C", "", "N/A", {"view"}}),
              "activity kind 9 (S / N), action_pattern: invalid pattern \"\": the pattern is empty (write N/A for an empty value)");
    EXPECT_EQ(compile_error({9, "activity_exporter", "S", "N", "C", "A", "N/A", {}}), ""); // no roles is fine
}

// BUG: taxonomy.hpp promises errors "naming the offending kind", but a bad pattern's PatternError does not.
TEST(TaxonomyCompile, PatternErrorNamesTheKind) {
    EXPECT_NE(compile_error({77, "activity_exporter", "S", "N", "Content - [", "A", "N/A", {"view"}}).find("77"),
              std::string::npos);
}

TEST(Roles, NamesRoundTrip) {
    for (int i = 0; i < static_cast<int>(Role::count_); ++i) {
        Role r = static_cast<Role>(i);
        EXPECT_EQ(role_from_name(role_name(r)), r);
    }
    EXPECT_EQ(role_from_name("watch_progress"), Role::watch_progress);
    EXPECT_EQ(role_name(Role::access_revoked), "access_revoked");
    EXPECT_EQ(role_from_name("viewer"), std::nullopt);
    EXPECT_TRUE(has(bit(Role::view) | bit(Role::like), Role::like));
    EXPECT_FALSE(has(bit(Role::view), Role::like));
}

TEST(FieldName, EveryField) {
    EXPECT_EQ(field_name(Field::occurred_at), "occurred_at");
    EXPECT_EQ(field_name(Field::user_id), "user_id");
    EXPECT_EQ(field_name(Field::vocabulary), "vocabulary");
    EXPECT_EQ(field_name(Field::category), "category");
    EXPECT_EQ(field_name(Field::action), "action");
    EXPECT_EQ(field_name(Field::label), "label");
}
