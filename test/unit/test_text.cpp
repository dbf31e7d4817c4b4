// Text helpers: trimming, the normalised form (lower case ASCII, whitespace runs as one space), the hash
// and equality that use it without allocating, and excerpts cut on a UTF-8 boundary.
#include <gtest/gtest.h>

#include <string>
#include <unordered_map>

#include "core/text.hpp"

using namespace ar;

static_assert(is_space(' ') && is_space('\t') && is_space('\n') && is_space('\r') && is_space('\f') && is_space('\v'));
static_assert(!is_space('a') && !is_space('\0'));
static_assert(fold('A') == 'a' && fold('Z') == 'z' && fold('a') == 'a' && fold('1') == '1' && fold('[') == '[');
static_assert(is_alnum('q') && is_alnum('Q') && is_alnum('7') && !is_alnum('_') && !is_alnum('-'));

TEST(Trim, RemovesEveryKindOfSurroundingWhitespace) {
    EXPECT_EQ(trim(""), "");
    EXPECT_EQ(trim("    "), "");
    EXPECT_EQ(trim("abc"), "abc");
    EXPECT_EQ(trim(" \t a  b \n"), "a  b");
    EXPECT_EQ(trim("\v\fx\r"), "x");
}

TEST(Normalize, LowersAsciiTrimsAndCollapsesRuns) {
    EXPECT_EQ(normalize(""), "");
    EXPECT_EQ(normalize(" \t "), "");
    EXPECT_EQ(normalize("  Hello   WORLD \t"), "hello world");
    EXPECT_EQ(normalize("A\tB\nC\r\n D"), "a b c d");
    EXPECT_EQ(normalize("Content - Lesson"), "content - lesson");
    // Only ASCII is folded: "É" (C3 89) stays as it is.
    EXPECT_EQ(normalize("\xC3\x89T\xC3\x89"), "\xC3\x89t\xC3\x89");
}

TEST(NormalizedEqual, ComparesNormalisedForms) {
    NormalizedEqual eq;
    EXPECT_TRUE(eq("Raise Hand", " raise\t\thand "));
    EXPECT_TRUE(eq("", "   "));
    EXPECT_TRUE(eq("VIEW", "view"));
    EXPECT_FALSE(eq("raise hand", "raisehand"));
    EXPECT_FALSE(eq("a", "a b"));
    EXPECT_FALSE(eq("ab", "a"));
    EXPECT_FALSE(eq("", "x"));
}

TEST(NormalizedHash, AgreesWithNormalizedEqual) {
    NormalizedHash hash;
    const char* variants[] = {"Watched YouTube", "watched youtube", "  WATCHED\t YouTube\n", "Watched  YOUTUBE"};
    for (const char* v : variants) {
        EXPECT_EQ(hash(v), hash("watched youtube")) << v;
        EXPECT_EQ(hash(v), hash(normalize(v))) << v;
    }
    EXPECT_EQ(hash(""), hash("   "));
    EXPECT_NE(hash("view"), hash("views"));
    EXPECT_NE(hash("raise hand"), hash("raisehand"));
}

TEST(NormalizedHash, TransparentLookupFindsNormalisedKeys) {
    std::unordered_map<std::string, int, NormalizedHash, NormalizedEqual> m{{"view", 1}, {"raise hand", 2}};
    EXPECT_EQ(m.find(std::string_view("  VIEW ")), m.find(std::string_view("view")));
    ASSERT_NE(m.find(std::string_view("Raise\tHand")), m.end());
    EXPECT_EQ(m.find(std::string_view("Raise\tHand"))->second, 2);
    EXPECT_EQ(m.find(std::string_view("raisehand")), m.end());
}

TEST(Excerpt, ShortValuesAreUnchanged) {
    EXPECT_EQ(excerpt(""), "");
    EXPECT_EQ(excerpt("abc", 3), "abc");
    EXPECT_EQ(excerpt(std::string(120, 'a')), std::string(120, 'a'));
}

TEST(Excerpt, LongValuesAreCutWithTheirSize) {
    EXPECT_EQ(excerpt("abcdef", 3), "abc… (6 bytes)");
    EXPECT_EQ(excerpt(std::string(200, 'a')), std::string(120, 'a') + "… (200 bytes)");
}

TEST(Excerpt, NeverCutsInsideAUtf8Sequence) {
    const std::string two = "a\xC3\xA9" "bcd"; // "aébcd": é is 2 bytes, at 1..2
    EXPECT_EQ(excerpt(two, 2), "a… (6 bytes)");
    EXPECT_EQ(excerpt(two, 3), "a\xC3\xA9… (6 bytes)");
    const std::string four = "x\xF0\x9F\x98\x80y"; // "x😀y": the emoji is 4 bytes, at 1..4
    EXPECT_EQ(excerpt(four, 1), "x… (6 bytes)");
    EXPECT_EQ(excerpt(four, 2), "x… (6 bytes)");
    EXPECT_EQ(excerpt(four, 4), "x… (6 bytes)");
    EXPECT_EQ(excerpt(four, 5), "x\xF0\x9F\x98\x80… (6 bytes)");
}
