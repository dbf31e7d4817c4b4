// Catalog files of activity-report load: header detection, row mapping, `|` lists, durations. Expected values by hand.
#include <sstream>

#include <gtest/gtest.h>

#include "cli/catalogs.hpp"
#include "cli/duration.hpp"
#include "cli/export_reader.hpp"

using namespace ar::cli;

namespace {

std::vector<std::string_view> carried(const CatalogMapper& m) {
    std::vector<std::string_view> out;
    for (auto* c : m.columns()) out.push_back(c->column);
    return out;
}

} // namespace

TEST(Duration, MinutesAndIntervals) {
    EXPECT_EQ(canonical_duration("45"), "2700 seconds");
    EXPECT_EQ(canonical_duration(" 12.5 "), "750 seconds");
    EXPECT_EQ(canonical_duration("0.01"), "0.6 seconds");
    EXPECT_EQ(canonical_duration("0"), "0 seconds");
    EXPECT_EQ(canonical_duration("01:30:00"), "5400 seconds");
    EXPECT_EQ(canonical_duration("1:30"), "5400 seconds");     // hours:minutes, as PostgreSQL reads it
    EXPECT_EQ(canonical_duration("00:20:30.25"), "1230.25 seconds");
    EXPECT_EQ(canonical_duration("26:00:00"), "93600 seconds");
    EXPECT_EQ(canonical_duration("PT1H30M"), "5400 seconds");
    EXPECT_EQ(canonical_duration("pt45m30s"), "2730 seconds");
    EXPECT_EQ(canonical_duration("P1DT1H"), "90000 seconds");
    EXPECT_EQ(canonical_duration("PT1.5H"), "5400 seconds");
    EXPECT_EQ(canonical_duration("1 hour 30 minutes"), "5400 seconds");
    EXPECT_EQ(canonical_duration("90 min"), "5400 seconds");
    EXPECT_EQ(canonical_duration("1h30m"), "5400 seconds");
    EXPECT_EQ(canonical_duration("2 Hours, 5 secs"), "7205 seconds");
    EXPECT_EQ(canonical_duration("1 day"), "86400 seconds");
}

TEST(Duration, RefusedForms) {
    for (const char* bad : {"", "forever", "-5", "1:3", "1:60", "1:30:61", "1:30:5", "PT", "P1M", "P1Y", "PT1D", "P1H",
                            "3 weeks", "1 month", "1 hour and 30 minutes", "1.5.5", "12 34", "1e3", "0x10",
                            "1234567890123", "0.1234567"})
        EXPECT_EQ(canonical_duration(bad), std::nullopt) << bad;
}

TEST(Catalogs, ListsAsArrayLiterals) {
    EXPECT_EQ(list_literal(""), "{}");
    EXPECT_EQ(list_literal(" | |"), "{}");
    EXPECT_EQ(list_literal("a"), "{\"a\"}");
    EXPECT_EQ(list_literal(" speaker | vip ||x"), "{\"speaker\",\"vip\",\"x\"}");
    EXPECT_EQ(list_literal("say \"hi\"|back\\slash|a, b|{c}"), "{\"say \\\"hi\\\"\",\"back\\\\slash\",\"a, b\",\"{c}\"}");
}

TEST(Catalogs, DetectedByHeaderTitleCaseOrSnakeCase) {
    auto users = CatalogMapper::detect({"User ID", "First", "Last", "Company", "Email", "Tags", "LinkedIn", "Phone"});
    ASSERT_TRUE(users);
    EXPECT_EQ(users->catalog(), Catalog::users);
    EXPECT_EQ(carried(*users), (std::vector<std::string_view>{"user_id", "first_name", "last_name", "company", "email", "tags"}));
    EXPECT_EQ(users->dimension_keys(), (std::vector<std::string>{"LinkedIn", "Phone"}));
    auto snake = CatalogMapper::detect({"user_id", "first_name", "last_name", "company", "email", "additional_information"});
    ASSERT_TRUE(snake);
    EXPECT_EQ(carried(*snake).back(), "additional_information");
    EXPECT_FALSE(snake->has_dimensions());

    auto contents = CatalogMapper::detect({"Content ID", "Content Type", "Content Name", "Duration", "Co-authors", "Last update", "Mood"});
    ASSERT_TRUE(contents);
    EXPECT_EQ(contents->catalog(), Catalog::contents);
    EXPECT_EQ(carried(*contents), (std::vector<std::string_view>{"content_id", "content_type", "name", "duration", "co_authors", "updated_at"}));
    EXPECT_EQ(contents->ignored_columns(), std::vector<std::string>{"Mood"});
    auto groups = CatalogMapper::detect({"group_id", "name", "parent_id"});
    ASSERT_TRUE(groups);
    EXPECT_EQ(groups->catalog(), Catalog::groups);
    auto members = CatalogMapper::detect({"Group ID", "User ID", "Role"});
    ASSERT_TRUE(members);
    EXPECT_EQ(members->catalog(), Catalog::group_members);
}

TEST(Catalogs, HeadersThatAreNoCatalog) {
    std::string error;
    EXPECT_FALSE(CatalogMapper::detect({"User ID", "Email"}, &error));
    EXPECT_EQ(error, "the header looks like a users catalog but has no \"First\", \"Last\", \"Company\" column");
    error.clear();
    EXPECT_FALSE(CatalogMapper::detect({"Content ID", "Content Name"}, &error));
    EXPECT_EQ(error, "the header looks like a contents catalog but has no \"Content Type\" column");
    error.clear();
    EXPECT_FALSE(CatalogMapper::detect({"Group ID", "Name", "name"}, &error));
    EXPECT_EQ(error, "column \"name\" appears twice in the header");
    error.clear();
    EXPECT_FALSE(CatalogMapper::detect({"Score", "Points"}, &error));
    EXPECT_EQ(error, "");
}

TEST(Catalogs, UsersRowsWithListsAndDimensions) {
    auto m = CatalogMapper::detect({"User ID", "First", "Last", "Company", "Email", "Tags", "LinkedIn", "Note"});
    CatalogRow row;
    m->map_fields({" u-ada ", "Ada", "", "Engines, Ltd", "ada@example.com", "speaker | vip", "https://x/ada", "say \"hi\"\n"}, row);
    EXPECT_EQ(row.problem, "");
    ASSERT_EQ(row.values.size(), 7u);
    EXPECT_EQ(row.values[0], "u-ada");
    EXPECT_EQ(row.values[2], std::nullopt);  // an empty cell replaces the stored value with nothing
    EXPECT_EQ(row.values[5], "{\"speaker\",\"vip\"}");
    EXPECT_EQ(row.values[6], "{\"LinkedIn\": \"https://x/ada\", \"Note\": \"say \\\"hi\\\"\"}");
    m->map_fields({"", "No", "Id", "", "n@example.com", "", "", ""}, row);
    EXPECT_EQ(row.problem, "User ID: missing");
    EXPECT_EQ(row.values[5], "{}");
    EXPECT_EQ(row.values[6], "{}");
    m->map_fields({"u-1", "A"}, row);
    EXPECT_EQ(row.problem, "expected 8 fields, found 2");
    m->map_fields({"u-1", "A\xFF", "", "", "", "", "", ""}, row);
    EXPECT_EQ(row.problem, "First: not valid UTF-8 text (or contains a NUL byte)");
}

TEST(Catalogs, ContentsRowsAreChecked) {
    auto m = CatalogMapper::detect({"content_id", "content_type", "content_name", "starts_at", "duration", "status", "tags"});
    CatalogRow row;
    m->map_fields({"s-1", "OTSession", "Keynote", "2026-03-10 09:00:00Z", "60", "archived", "a|b"}, row);
    EXPECT_EQ(row.problem, "");
    EXPECT_EQ(row.values[3], "2026-03-10 09:00:00+00:00");
    EXPECT_EQ(row.values[4], "3600 seconds");
    EXPECT_EQ(row.values[5], "Archived");
    m->map_fields({"s-1", "OTSession", "Keynote", "", "", "", ""}, row);
    EXPECT_EQ(row.problem, "");
    EXPECT_EQ(row.values[3], std::nullopt);
    EXPECT_EQ(row.values[5], "Active");
    EXPECT_EQ(row.values[6], "{}");
    m->map_fields({"s-1", "OTSession", "Keynote", "soon", "", "", ""}, row);
    EXPECT_EQ(row.problem, "starts_at: cannot read \"soon\" as a date and time");
    m->map_fields({"s-1", "OTSession", "Keynote", "", "ages", "", ""}, row);
    EXPECT_EQ(row.problem, "duration: cannot read \"ages\" as minutes or an interval (e.g. 45, 01:30:00, 1 hour 30 minutes)");
    m->map_fields({"s-1", "OTSession", "Keynote", "", "", "Paused", ""}, row);
    EXPECT_EQ(row.problem, "status: \"Paused\" is not Active, Archived or Deleted");
    m->map_fields({"s-1", "", "Keynote", "", "", "", ""}, row);
    EXPECT_EQ(row.problem, "content_type: missing");
}

TEST(Catalogs, MembersTakeLearnerByDefault) {
    auto m = CatalogMapper::detect({"Group ID", "User ID", "Role"});
    CatalogRow row;
    m->map_fields({"g-1", "u-1", ""}, row);
    EXPECT_EQ(row.problem, "");
    EXPECT_EQ(row.values[2], "learner");
    m->map_fields({"g-1", "u-1"}, row);
    EXPECT_EQ(row.problem, "expected 3 fields, found 2");
}

TEST(Catalogs, ExportReaderReadsACatalogFile) {
    std::istringstream in("\xEF\xBB\xBFGroup ID,Name\r\ng-1,\"All, of us\"\r\ng-2,\r\n");
    ByteSource source(in);
    ExportReader reader(source, std::nullopt);
    ASSERT_NE(reader.catalog(), nullptr);
    EXPECT_EQ(reader.catalog()->catalog(), Catalog::groups);
    CatalogRow row;
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(row.line, 2u);
    EXPECT_EQ(row.values[1], "All, of us");
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(row.line, 3u);
    EXPECT_EQ(row.problem, "Name: missing");
    EXPECT_FALSE(reader.next(row));

    std::istringstream close("User ID,Email\nu,e\n");
    ByteSource s2(close);
    try {
        ExportReader r(s2, std::nullopt);
        ADD_FAILURE() << "a header close to a catalog's is refused";
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "the header looks like a users catalog but has no \"First\", \"Last\", \"Company\" column");
    }
}
