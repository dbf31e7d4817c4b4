// JSON writing: string escaping, captured placeholder values (numbers as numbers), validation problems.
#include <gtest/gtest.h>

#include "core/json.hpp"

using namespace ar;

namespace {

std::string json_string(std::string_view s) {
    std::string out;
    append_json_string(out, s);
    return out;
}

// The captures of matching `value` against `pattern`, as JSON.
std::string captures_json(std::string_view pattern, std::string_view value) {
    Pattern p = Pattern::compile(pattern); // the captures point into it
    Captures c;
    EXPECT_EQ(p.match(value, c), MatchResult::Match) << pattern << " / " << value;
    return captures_to_json(c);
}

} // namespace

TEST(JsonString, Escaping) {
    EXPECT_EQ(json_string("plain"), R"("plain")");
    EXPECT_EQ(json_string(""), R"("")");
    EXPECT_EQ(json_string(R"(say "hi")"), R"("say \"hi\"")");
    EXPECT_EQ(json_string(R"(C:\dir\)"), R"("C:\\dir\\")");
    EXPECT_EQ(json_string("a\nb\rc\td"), R"("a\nb\rc\td")");
    EXPECT_EQ(json_string("\x01\x1f"), R"("\u0001\u001f")");
    EXPECT_EQ(json_string(std::string_view("a\0b", 3)), R"("a\u0000b")");
    EXPECT_EQ(json_string("\b\f"), R"("\u0008\u000c")");
    EXPECT_EQ(json_string("caf\xC3\xA9 \x7f"), "\"caf\xC3\xA9 \x7f\""); // UTF-8 and DEL pass through
}

TEST(JsonString, Appends) {
    std::string out = "x=";
    append_json_string(out, "y");
    EXPECT_EQ(out, R"(x="y")");
}

TEST(CapturesToJson, EmptyIsAnEmptyObject) {
    EXPECT_EQ(captures_to_json(Captures{}), "{}");
    EXPECT_EQ(captures_json("Watched YouTube", "watched youtube"), "{}");
}

TEST(CapturesToJson, NumbersAreJsonNumbers) {
    EXPECT_EQ(captures_json("YouTube [Percentage watched]", "YouTube 50%"), R"({"percentage_watched": 50})");
    EXPECT_EQ(captures_json("YouTube [Percentage watched]", "YouTube 0%"), R"({"percentage_watched": 0})");
    EXPECT_EQ(captures_json("YouTube [Percentage watched]", "YouTube 99.5"), R"({"percentage_watched": 99.5})");
    EXPECT_EQ(captures_json("Earned [Number of credits]", "Earned 12.5"), R"({"number_of_credits": 12.5})");
    // A text placeholder stays a string even when it looks like a number.
    EXPECT_EQ(captures_json("Session [Session name]", "Session 42"), R"({"session_name": "42"})");
}

TEST(CapturesToJson, SeveralValuesAndEscaping) {
    EXPECT_EQ(captures_json("Rating: [Rating 1-5] / [Review text]", R"(Rating: 4 / Good "really" \ ok)"),
              R"({"rating": 4, "review_text": "Good \"really\" \\ ok"})");
    EXPECT_EQ(captures_json("Rating: [Rating 1-5] / [Review text]", "Rating: 5 / a\tb\x02"),
              R"({"rating": 5, "review_text": "a\tb\u0002"})");
}

TEST(CapturesToJson, PostIdTextHasTwoKeys) {
    EXPECT_EQ(captures_json("[Post ID + Comment text]", "123 + Great post"),
              R"({"post_id": "123", "comment_text": "Great post"})");
    EXPECT_EQ(captures_json("Breakout from [Session name] [#ID]", "Breakout from My Big Talk #12"),
              R"({"session_name": "My Big Talk", "id": "#12"})");
}

TEST(ProblemsToJson, Arrays) {
    EXPECT_EQ(problems_to_json({}), "[]");
    std::vector<Problem> one{{Field::label, ProblemCode::no_match, R"(label "x" is bad)", "Fix it"}};
    EXPECT_EQ(problems_to_json(one), R"([{"field": "label", "problem": "label \"x\" is bad", "hint": "Fix it"}])");
    std::vector<Problem> two{{Field::user_id, ProblemCode::missing, "user_id is NULL or empty", ""},
                             {Field::occurred_at, ProblemCode::missing, "a\nb", "c\\d"}};
    EXPECT_EQ(problems_to_json(two), R"([{"field": "user_id", "problem": "user_id is NULL or empty", "hint": ""}, )"
                                     R"({"field": "occurred_at", "problem": "a\nb", "hint": "c\\d"}])");
}
