// The loader's client-side keys: MD5 (RFC 1321's test suite), PostgreSQL's record text, the repeat filter, and
// what the dimension collector keeps. Expected values from the RFC or worked out by hand.
#include <gtest/gtest.h>

#include "cli/load_dimensions.hpp"
#include "cli/load_keys.hpp"
#include "cli/md5.hpp"

using namespace ar::cli;

TEST(Md5, Rfc1321TestSuite) {
    EXPECT_EQ(md5_hex(md5("")), "d41d8cd98f00b204e9800998ecf8427e");
    EXPECT_EQ(md5_hex(md5("a")), "0cc175b9c0f1b6a831c399e269772661");
    EXPECT_EQ(md5_hex(md5("abc")), "900150983cd24fb0d6963f7d28e17f72");
    EXPECT_EQ(md5_hex(md5("message digest")), "f96b697d7cb7938d525a2f31aaf161d0");
    EXPECT_EQ(md5_hex(md5("abcdefghijklmnopqrstuvwxyz")), "c3fcd3d76192e4007dfb496cca67e13b");
    EXPECT_EQ(md5_hex(md5("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")), "d174ab98d277d9f5a5611c2c9f419d9f");
    EXPECT_EQ(md5_hex(md5("12345678901234567890123456789012345678901234567890123456789012345678901234567890")),
              "57edf4a22be3c955ac49da2e2107b67a");
    // 55 and 56 bytes: the length still fits the last block, or needs one more.
    EXPECT_EQ(md5_hex(md5(std::string(55, 'a'))), "ef1772b6dff9a122358552954ad0df65");
    EXPECT_EQ(md5_hex(md5(std::string(56, 'a'))), "3b0c8ac703f828b04c6c197006d17218");
}

TEST(LoadKeys, RecordTextQuotesAsRecordOut) {
    EXPECT_EQ(record_text({"a", std::nullopt, "b"}), "(a,,b)");
    EXPECT_EQ(record_text({"", "x y", "a,b", "(p)", "q\"r", "s\\t"}), "(\"\",\"x y\",\"a,b\",\"(p)\",\"q\"\"r\",\"s\\\\t\")");
    EXPECT_EQ(record_text({"tab\there", "\xC3\xA9"}), "(\"tab\there\",\xC3\xA9)");
    EXPECT_EQ(record_text({std::nullopt}), "()");
}

TEST(LoadKeys, RowDigestUsesTheEmailWhenThereIsNoUser) {
    StagedRow row;
    row[Target::occurred_at] = "2026-03-10 09:00:00+00:00";
    row[Target::email] = "Ann@Example.com";
    row[Target::category] = "course";
    row[Target::action] = "enrollment";
    row[Target::label] = "registration";
    row[Target::content_name] = "Course, One";
    row[Target::portal] = "acme";
    auto d = row_digest(row, "content_actions");
    ASSERT_TRUE(d);
    EXPECT_EQ(*d, md5("(content_actions,\"2026-03-10 09:00:00+00:00\",ann@example.com,course,enrollment,registration,"
                      "\"Course, One\",acme)"));
    EXPECT_FALSE(row_digest(row, "content_actions", false));  // the database's lower() is not ASCII's
    row[Target::email] = "\xC3\x89lodie@example.com";
    EXPECT_FALSE(row_digest(row, "content_actions"));         // only the server's lower() knows É
    row[Target::user_id] = "u-1";
    row[Target::content_id] = "c-1";
    EXPECT_EQ(*row_digest(row, "content_actions"),
              md5("(content_actions,\"2026-03-10 09:00:00+00:00\",u-1,course,enrollment,registration,c-1,acme)"));
}

TEST(LoadKeys, RepeatFilterHasNoFalseNegatives) {
    RepeatFilter filter(std::size_t{1} << 20);
    for (int i = 0; i < 1000; ++i) EXPECT_FALSE(filter.add(md5(std::to_string(i)))) << i;  // 1000 in 2^20 bits: no collision here
    for (int i = 0; i < 1000; ++i) EXPECT_TRUE(filter.add(md5(std::to_string(i)))) << i;
}

TEST(LoadDimensions, LastValuesPerKeySortedAsCsv) {
    DimensionCollector d;
    StagedRow a;
    a[Target::user_id] = "u-2";
    a[Target::first_name] = "Ada";
    a[Target::email] = "ada@example.com";
    a[Target::content_id] = "s-1";
    a[Target::content_name] = "Keynote, day 1";
    a[Target::category] = "Content - OTSession";
    d.add(a, false, "activity_exporter");
    StagedRow b = a;
    b[Target::first_name].reset();       // an empty field keeps what was known
    b[Target::portal] = "acme";
    d.add(b, false, "activity_exporter");
    StagedRow c;
    c[Target::email] = "x@example.com";
    c[Target::portal] = "globex";
    c[Target::content_name] = "Course";
    c[Target::category] = "course";
    d.add(c, true, "content_actions");
    EXPECT_EQ(d.users_csv(), "u-2,Ada,,,ada@example.com,acme\n");
    EXPECT_EQ(d.emails_csv(), "x@example.com,globex\n");
    EXPECT_EQ(d.contents_csv(), "s-1,\"Keynote, day 1\",,acme\n");
    EXPECT_EQ(d.titles_csv(), "Course\n");
    EXPECT_EQ(d.categories_csv(), ",Course,content_actions,course\ns-1,,activity_exporter,Content - OTSession\n");
    EXPECT_TRUE(d.has_emails_or_titles());
}
