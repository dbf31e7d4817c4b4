// Typed placeholders: the type and JSON key that a name implies, and the values each type accepts.
#include <gtest/gtest.h>

#include "core/placeholder.hpp"

using namespace ar;

namespace {

ValueError parse(std::string_view name, std::string_view value, ParsedValue* out = nullptr) {
    ParsedValue scratch;
    return parse_value(Placeholder::from_name(name), value, out ? *out : scratch);
}

constexpr const char* percent = "Percentage watched";
constexpr const char* rating = "Rating 1-5";
constexpr const char* credits = "Number of credits";
constexpr const char* post = "Post ID + Comment text";

} // namespace

TEST(PlaceholderFromName, SeedKinds) {
    Placeholder p = Placeholder::from_name("Percentage watched");
    EXPECT_EQ(p.type, ValueType::Percent);
    EXPECT_EQ(p.key, "percentage_watched");

    p = Placeholder::from_name("Rating 1-5");
    EXPECT_EQ(p.type, ValueType::IntRange);
    EXPECT_EQ(p.key, "rating");
    EXPECT_EQ(p.lo, 1);
    EXPECT_EQ(p.hi, 5);

    p = Placeholder::from_name("Number of credits");
    EXPECT_EQ(p.type, ValueType::Number);
    EXPECT_EQ(p.key, "number_of_credits");

    p = Placeholder::from_name("Post ID + Comment text");
    EXPECT_EQ(p.type, ValueType::PostIdText);
    EXPECT_EQ(p.key, "post_id");
    EXPECT_EQ(p.text_key, "comment_text");

    p = Placeholder::from_name("#ID");
    EXPECT_EQ(p.type, ValueType::HashId);
    EXPECT_EQ(p.key, "id");

    p = Placeholder::from_name("URL");
    EXPECT_EQ(p.type, ValueType::Url);
    EXPECT_EQ(p.key, "url");

    p = Placeholder::from_name("Slug");
    EXPECT_EQ(p.type, ValueType::Slug);
    EXPECT_EQ(p.key, "slug");

    p = Placeholder::from_name("Chat message text");
    EXPECT_EQ(p.type, ValueType::Text);
    EXPECT_EQ(p.key, "chat_message_text");
}

TEST(PlaceholderFromName, NameIsTrimmedAndKeyIsSnakeCase) {
    Placeholder p = Placeholder::from_name("  Content title or video ID ");
    EXPECT_EQ(p.name, "Content title or video ID");
    EXPECT_EQ(p.key, "content_title_or_video_id");
    EXPECT_EQ(p.type, ValueType::Text);

    p = Placeholder::from_name("Score 0-10");
    EXPECT_EQ(p.type, ValueType::IntRange);
    EXPECT_EQ(p.key, "score");
    EXPECT_EQ(p.lo, 0);
    EXPECT_EQ(p.hi, 10);

    EXPECT_EQ(Placeholder::from_name("percent complete").type, ValueType::Percent);
    EXPECT_EQ(Placeholder::from_name("Credits earned").type, ValueType::Number);
    EXPECT_EQ(Placeholder::from_name("Session URL").type, ValueType::Url);
    EXPECT_EQ(Placeholder::from_name("Page slug").type, ValueType::Slug);
    EXPECT_EQ(Placeholder::from_name("Post ID + text").text_key, "text");
}

TEST(ParsePercent, BoundariesAndForms) {
    ParsedValue v;
    EXPECT_EQ(parse(percent, "0%", &v), ValueError::None);
    EXPECT_TRUE(v.is_number);
    EXPECT_EQ(v.number, 0.0);
    EXPECT_EQ(parse(percent, "100%", &v), ValueError::None);
    EXPECT_EQ(v.number, 100.0);
    EXPECT_EQ(parse(percent, "50", &v), ValueError::None);
    EXPECT_EQ(v.number, 50.0);
    EXPECT_EQ(parse(percent, "50 %", &v), ValueError::None);
    EXPECT_EQ(v.number, 50.0);
    EXPECT_EQ(parse(percent, " 75.25% ", &v), ValueError::None);
    EXPECT_EQ(v.number, 75.25);
    EXPECT_EQ(v.text, "75.25%");
    EXPECT_EQ(parse(percent, "100.0"), ValueError::None);

    EXPECT_EQ(parse(percent, "100.5%"), ValueError::OutOfRange);
    EXPECT_EQ(parse(percent, "101"), ValueError::OutOfRange);
    EXPECT_EQ(parse(percent, "-1%"), ValueError::NotANumber);
    EXPECT_EQ(parse(percent, "1e2"), ValueError::NotANumber);
    EXPECT_EQ(parse(percent, "%"), ValueError::NotANumber);
    EXPECT_EQ(parse(percent, "50%%"), ValueError::NotANumber);
    EXPECT_EQ(parse(percent, ".5"), ValueError::NotANumber);
    EXPECT_EQ(parse(percent, "5."), ValueError::NotANumber);
    EXPECT_EQ(parse(percent, "half"), ValueError::NotANumber);
    EXPECT_EQ(parse(percent, ""), ValueError::Empty);
    EXPECT_EQ(parse(percent, "   "), ValueError::Empty);
}

TEST(ParseIntRange, Boundaries) {
    ParsedValue v;
    EXPECT_EQ(parse(rating, "1", &v), ValueError::None);
    EXPECT_TRUE(v.is_number);
    EXPECT_EQ(v.number, 1.0);
    EXPECT_EQ(parse(rating, "5", &v), ValueError::None);
    EXPECT_EQ(v.number, 5.0);
    EXPECT_EQ(parse(rating, " 4 ", &v), ValueError::None);
    EXPECT_EQ(v.number, 4.0);

    EXPECT_EQ(parse(rating, "0"), ValueError::OutOfRange);
    EXPECT_EQ(parse(rating, "6"), ValueError::OutOfRange);
    EXPECT_EQ(parse(rating, "99999999999999999999"), ValueError::OutOfRange);
    EXPECT_EQ(parse(rating, "3.5"), ValueError::NotANumber);
    EXPECT_EQ(parse(rating, "-1"), ValueError::NotANumber);
    EXPECT_EQ(parse(rating, "+3"), ValueError::NotANumber);
    EXPECT_EQ(parse(rating, "three"), ValueError::NotANumber);
    EXPECT_EQ(parse(rating, ""), ValueError::Empty);
}

TEST(ParseNumber, NonNegativeDecimals) {
    ParsedValue v;
    EXPECT_EQ(parse(credits, "12.5", &v), ValueError::None);
    EXPECT_TRUE(v.is_number);
    EXPECT_EQ(v.number, 12.5);
    EXPECT_EQ(parse(credits, "0", &v), ValueError::None);
    EXPECT_EQ(v.number, 0.0);
    EXPECT_EQ(parse(credits, "1000000", &v), ValueError::None);
    EXPECT_EQ(v.number, 1000000.0);

    EXPECT_EQ(parse(credits, "-3"), ValueError::NotANumber);
    EXPECT_EQ(parse(credits, "1,000"), ValueError::NotANumber);
    EXPECT_EQ(parse(credits, "1e3"), ValueError::NotANumber);
    EXPECT_EQ(parse(credits, "12."), ValueError::NotANumber);
    EXPECT_EQ(parse(credits, ".5"), ValueError::NotANumber);
    EXPECT_EQ(parse(credits, "1.2.3"), ValueError::NotANumber);
    EXPECT_EQ(parse(credits, "ten"), ValueError::NotANumber);
}

TEST(ParsePostIdText, IdAndTextAreSplit) {
    ParsedValue v;
    EXPECT_EQ(parse(post, "123 + Great post", &v), ValueError::None);
    EXPECT_FALSE(v.is_number);
    EXPECT_EQ(v.text, "123");
    EXPECT_EQ(v.second, "Great post");
    EXPECT_EQ(parse(post, "123: Nice", &v), ValueError::None);
    EXPECT_EQ(v.text, "123");
    EXPECT_EQ(v.second, "Nice");
    EXPECT_EQ(parse(post, "abc-12_x | hello", &v), ValueError::None);
    EXPECT_EQ(v.text, "abc-12_x");
    EXPECT_EQ(v.second, "hello");
    EXPECT_EQ(parse(post, "123 plain text", &v), ValueError::None);
    EXPECT_EQ(v.text, "123");
    EXPECT_EQ(v.second, "plain text");
    EXPECT_EQ(parse(post, "123+x", &v), ValueError::None);
    EXPECT_EQ(v.text, "123");
    EXPECT_EQ(v.second, "x");
}

TEST(ParsePostIdText, Rejections) {
    EXPECT_EQ(parse(post, "123"), ValueError::MissingText);
    EXPECT_EQ(parse(post, "123 + "), ValueError::MissingText);
    EXPECT_EQ(parse(post, "abc + text"), ValueError::NotAnId); // an ID has a digit
    EXPECT_EQ(parse(post, "+ text"), ValueError::NotAnId);
    EXPECT_EQ(parse(post, "12x! text"), ValueError::NotAnId);
    EXPECT_EQ(parse(post, ""), ValueError::Empty);
}

TEST(ParseHashId, Forms) {
    ParsedValue v;
    EXPECT_EQ(parse("#ID", "#12", &v), ValueError::None);
    EXPECT_EQ(v.text, "#12");
    EXPECT_FALSE(v.is_number);
    EXPECT_EQ(parse("#ID", "#ab-c_1"), ValueError::None);
    EXPECT_EQ(parse("#ID", "#"), ValueError::NotAnId);
    EXPECT_EQ(parse("#ID", "12"), ValueError::NotAnId);
    EXPECT_EQ(parse("#ID", "#1 2"), ValueError::NotAnId);
    EXPECT_EQ(parse("#ID", "##1"), ValueError::NotAnId);
    EXPECT_EQ(parse("#ID", "#1!"), ValueError::NotAnId);
}

TEST(ParseUrl, Forms) {
    EXPECT_EQ(parse("URL", "https://example.com/path?q=1"), ValueError::None);
    EXPECT_EQ(parse("URL", "web+cal://x"), ValueError::None);
    EXPECT_EQ(parse("URL", "  https://x.y  "), ValueError::None);
    EXPECT_EQ(parse("URL", "example.com"), ValueError::NotAUrl);
    EXPECT_EQ(parse("URL", "https://"), ValueError::NotAUrl);
    EXPECT_EQ(parse("URL", "://host"), ValueError::NotAUrl);
    EXPECT_EQ(parse("URL", "1http://x"), ValueError::NotAUrl);
    EXPECT_EQ(parse("URL", "ht tp://x"), ValueError::NotAUrl);
    EXPECT_EQ(parse("URL", "https://exa mple.com"), ValueError::NotAUrl);
    EXPECT_EQ(parse("URL", "mailto:someone@example.com"), ValueError::NotAUrl);
}

TEST(ParseSlugAndText, Forms) {
    EXPECT_EQ(parse("Slug", "/main/live/panels/sessionname"), ValueError::None);
    EXPECT_EQ(parse("Slug", "my-session"), ValueError::None);
    EXPECT_EQ(parse("Slug", "my session"), ValueError::NotASlug);
    EXPECT_EQ(parse("Slug", "a\tb"), ValueError::NotASlug);
    EXPECT_EQ(parse("Chat message text", "hello there!"), ValueError::None);
    EXPECT_EQ(parse("Chat message text", " \t "), ValueError::Empty);
}

TEST(Describe, NamesPlaceholderAndValue) {
    Placeholder p = Placeholder::from_name(percent);
    EXPECT_EQ(describe(p, "150%", ValueError::OutOfRange), "[Percentage watched] \"150%\" is out of range 0–100%");
    EXPECT_EQ(describe(p, " abc ", ValueError::NotANumber), "[Percentage watched] \"abc\" is not a number");
    EXPECT_EQ(describe(p, "50%", ValueError::None), "");
    Placeholder r = Placeholder::from_name(rating);
    EXPECT_EQ(describe(r, "9", ValueError::OutOfRange), "[Rating 1-5] \"9\" is out of range 1–5");
    EXPECT_EQ(describe(Placeholder::from_name("Review text"), "", ValueError::Empty), "[Review text] is empty");
    EXPECT_EQ(describe(Placeholder::from_name("#ID"), "12", ValueError::NotAnId), "[#ID] \"12\" is not an ID like #42");
}

TEST(TypeName, EveryType) {
    EXPECT_STREQ(type_name(ValueType::Text), "text");
    EXPECT_STREQ(type_name(ValueType::Percent), "percentage");
    EXPECT_STREQ(type_name(ValueType::IntRange), "integer");
    EXPECT_STREQ(type_name(ValueType::Number), "number");
    EXPECT_STREQ(type_name(ValueType::PostIdText), "post ID + text");
    EXPECT_STREQ(type_name(ValueType::HashId), "#ID");
    EXPECT_STREQ(type_name(ValueType::Url), "URL");
    EXPECT_STREQ(type_name(ValueType::Slug), "slug");
}

// BUG: an upper bound too large for `long` leaves hi at 0, so "[Level 0-99999999999999999999]" accepts only 0.
TEST(PlaceholderFromName, OverflowingRangeBoundIsNotReadAsZero) {
    EXPECT_EQ(parse("Level 0-99999999999999999999", "5"), ValueError::None);
}
