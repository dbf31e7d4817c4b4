// Downloads of activity-report report: the platforms' column titles, values for people (one decimal, lists,
// dimension columns), the SELECT list that makes dates ISO 8601, and refused ambiguous time arguments.
// Expected values are written from the seeds and by hand.
#include <set>

#include <gtest/gtest.h>

#include "cli/layouts.hpp"
#include "cli/people_table.hpp"
#include "cli/people_values.hpp"
#include "cli/platform_headers.hpp"
#include "cli/report_columns.hpp"
#include "cli/timestamp.hpp"

using namespace ar::cli;

namespace {

std::vector<std::string> titles_of(std::string_view report) {
    std::vector<std::string> out;
    for (auto& t : platform_titles())
        if (t.report == report) out.emplace_back(t.title);
    return out;
}

std::vector<std::string> names(const std::vector<TableColumn>& columns) {
    std::vector<std::string> out;
    for (auto& c : columns) out.push_back(c.name);
    return out;
}

} // namespace

TEST(PlatformHeaders, SeedsTitlesInColumnOrder) {
    using V = std::vector<std::string>;
    // Seeds 000 and 001, then the two columns their downloads add so that they load back as the same events.
    EXPECT_EQ(titles_of("sitewide_activity"), (V{"User ID", "First", "Last", "Company", "Email", "Category", "Action",
                                                 "Label", "Date", "Content ID", "Content Name", "Content Slug",
                                                 "Vocabulary", "Portal"}));
    EXPECT_EQ(titles_of("user_activity_export"), (V{"User ID", "First", "Last", "Company", "Email", "Category", "Action",
                                                    "Label", "Date/Time", "Content ID", "Content Name", "Content Slug",
                                                    "Vocabulary", "Portal"}));
    EXPECT_EQ(titles_of("content_actions_log"),
              (V{"Email", "Panorama Name", "Content Type", "Content Title", "Type", "Source", "Timestamp"}));
    EXPECT_EQ(titles_of("collaborative_users"), (V{"First name", "Last name", "Email", "Additional information",
                                                   "Publications", "Comments", "Reactions"}));
    EXPECT_EQ(titles_of("collaborative_groups"), (V{"Name", "Publications", "Comments", "Reactions"}));
    EXPECT_EQ(titles_of("course_activity_engagement"), (V{"Title", "Views", "Likes", "Learned something", "Outdated",
                                                          "Have a question", "Comments", "Downloads", "Type"}));
    EXPECT_EQ(titles_of("collaborative_courses"),
              (V{"Course Name", "Course ID", "Author", "Co-authors", "Views", "Status", "Creation date", "Last update",
                 "Reaction Score", "Likes", "Learned something", "Outdated", "Have a question", "Useful", "Irrelevant",
                 "Documents", "Cheat sheets", "Questions", "Source language", "Available translation languages",
                 "Unavailable translation languages", "Tags", "Group", "Reaction band"}));
    EXPECT_EQ(titles_of("user_on_demand"), (V{"Name", "Minutes viewed", "Completion rate"}));
    EXPECT_EQ(platform_title("sitewide_activity", "date"), "Date");
    EXPECT_EQ(platform_title("user_activity_export", "date_time"), "Date/Time");
    EXPECT_EQ(platform_title("collaborative_courses", "group"), "Group");
    EXPECT_EQ(platform_title("user_analytics", "qa_threads_created"), "Q&A threads created");
}

TEST(PlatformHeaders, OneTitlePerColumnAndAReadableFallback) {
    std::set<std::pair<std::string_view, std::string_view>> seen;
    for (auto& t : platform_titles()) EXPECT_TRUE(seen.insert({t.report, t.column}).second) << t.report << "." << t.column;
    EXPECT_EQ(platform_title("a_future_report", "minutes_per_day"), "Minutes per day");
    EXPECT_EQ(platform_title("sitewide_activity", "no_such_column"), "No such column");
}

// A download with platform headers is a file `activity-report load` reads: the same layout, nothing ignored,
// its dates readable.
TEST(PlatformHeaders, DownloadsOfSeeds000To002LoadBack) {
    auto detect = [](std::string_view report) {
        return RowMapper::detect(titles_of(report), std::nullopt);
    };
    auto sitewide = detect("sitewide_activity");
    ASSERT_TRUE(sitewide.mapper);
    EXPECT_EQ(sitewide.mapper->layout(), Layout::sitewide);
    EXPECT_TRUE(sitewide.mapper->ignored_columns().empty());
    auto exporter = detect("user_activity_export");
    ASSERT_TRUE(exporter.mapper);
    EXPECT_EQ(exporter.mapper->layout(), Layout::exporter);
    EXPECT_TRUE(exporter.mapper->ignored_columns().empty());
    auto actions = detect("content_actions_log");
    ASSERT_TRUE(actions.mapper);
    EXPECT_EQ(actions.mapper->layout(), Layout::content_actions);
    EXPECT_TRUE(actions.mapper->ignored_columns().empty());
    EXPECT_EQ(canonical_timestamp("2026-03-10T09:00:00+00:00"), "2026-03-10 09:00:00+00:00");
    EXPECT_EQ(canonical_timestamp("2026-03-10T09:00:00.25-05:30"), "2026-03-10 09:00:00.25-05:30");
}

TEST(PeopleValues, OneDecimalHalfAwayFromZeroOnTheDigitsWritten) {
    EXPECT_EQ(round_one_decimal("879.3166666666668"), "879.3");
    EXPECT_EQ(round_one_decimal("33.583333333333336"), "33.6");
    EXPECT_EQ(round_one_decimal("37.56666666666666"), "37.6");
    EXPECT_EQ(round_one_decimal("60"), "60.0");
    EXPECT_EQ(round_one_decimal("0"), "0.0");
    EXPECT_EQ(round_one_decimal("0.25"), "0.3");
    EXPECT_EQ(round_one_decimal("0.249999"), "0.2");
    EXPECT_EQ(round_one_decimal("0.15"), "0.2");  // the double is 0.1499999…, but 0.15 is what the server wrote
    EXPECT_EQ(round_one_decimal("-2.25"), "-2.3");
    EXPECT_EQ(round_one_decimal("-0.04"), "0.0");
    EXPECT_EQ(round_one_decimal("-0.05"), "-0.1");
    EXPECT_EQ(round_one_decimal("9.96"), "10.0");
    EXPECT_EQ(round_one_decimal("99.95"), "100.0");
    EXPECT_EQ(round_one_decimal(".5"), "0.5");
    EXPECT_EQ(round_one_decimal("+7.04"), "7.0");
    EXPECT_EQ(round_one_decimal("1e-05"), "0.0");
    EXPECT_EQ(round_one_decimal("6.5e-02"), "0.1");
    EXPECT_EQ(round_one_decimal("1.5e+20"), "150000000000000000000.0");
    EXPECT_EQ(round_one_decimal("1.23456E3"), "1234.6");
    for (const char* kept : {"NaN", "Infinity", "-Infinity", "", "-", "1.2.3", "12abc", "1e", "1e+99999"})
        EXPECT_EQ(round_one_decimal(kept), kept) << kept;
}

TEST(PeopleValues, ArraysJoinedWithBars) {
    EXPECT_EQ(joined_array("{}"), "");
    EXPECT_EQ(joined_array("{vip}"), "vip");
    EXPECT_EQ(joined_array("{speaker,vip}"), "speaker|vip");
    EXPECT_EQ(joined_array(R"({"early bird","say \"hi\"",NULL,"NULL",back\\slash})"), R"(early bird|say "hi"|NULL|back\slash)");
    EXPECT_EQ(joined_array("{{a,b},{c,d}}"), "a|b|c|d");
    EXPECT_EQ(joined_array("[0:1]={x,y}"), "x|y");
    EXPECT_EQ(joined_array("{\"\"}"), "");
    EXPECT_EQ(joined_array("not an array"), "not an array");
    EXPECT_EQ(joined_array("{unclosed"), "{unclosed");
    EXPECT_EQ(pg_array_items("{a,\"b\"}"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(pg_array_items("{\"open}"), std::nullopt);
}

TEST(PeopleValues, JsonObjectMembers) {
    auto m = json_object_members(R"({"Phone": "+1 555", "City": "Z\u00fcrich \"Old Town\"", "Floor": 3, "VIP": true,
                                     "Fax": null, "Links": {"a": [1, "]"]}, "Emoji": "\ud83d\ude00"})");
    ASSERT_TRUE(m);
    JsonMembers want = {{"Phone", "+1 555"}, {"City", "Z\xC3\xBCrich \"Old Town\""}, {"Floor", "3"}, {"VIP", "true"},
                        {"Fax", std::nullopt}, {"Links", R"({"a": [1, "]"]})"}, {"Emoji", "\xF0\x9F\x98\x80"}};
    EXPECT_EQ(*m, want);
    EXPECT_EQ(json_object_members("{}"), JsonMembers{});
    EXPECT_EQ(json_object_members(" { } "), JsonMembers{});
    for (const char* bad : {"[1, 2]", "\"text\"", "3", "null", "", "{", "{\"a\" 1}", "{\"a\": 1,}", "{\"a\": [1}", "{} x",
                            "{\"a\": \"\\q\"}"})
        EXPECT_EQ(json_object_members(bad), std::nullopt) << bad;
}

TEST(ReportColumns, KindsFromTypes) {
    EXPECT_EQ(column_kind(25, 'S'), ColumnKind::text);
    EXPECT_EQ(column_kind(20, 'N'), ColumnKind::number);
    EXPECT_EQ(column_kind(23, 'N'), ColumnKind::number);
    EXPECT_EQ(column_kind(1700, 'N'), ColumnKind::number);
    EXPECT_EQ(column_kind(701, 'N'), ColumnKind::decimal);
    EXPECT_EQ(column_kind(700, 'N'), ColumnKind::decimal);
    EXPECT_EQ(column_kind(1184, 'D'), ColumnKind::timestamp);
    EXPECT_EQ(column_kind(1114, 'D'), ColumnKind::timestamp);
    EXPECT_EQ(column_kind(3802, 'U'), ColumnKind::json);
    EXPECT_EQ(column_kind(114, 'U'), ColumnKind::json);
    EXPECT_EQ(column_kind(1009, 'A'), ColumnKind::array);
    EXPECT_EQ(parse_headers("platform"), Headers::platform);
    EXPECT_EQ(parse_headers("sql"), Headers::sql);
    EXPECT_EQ(parse_headers("Platform"), std::nullopt);
}

TEST(ReportColumns, SelectListMakesTimestampsIso8601WithQualifiedCalls) {
    std::vector<ReportColumn> columns = {{"email", ColumnKind::text}, {"timestamp", ColumnKind::timestamp},
                                         {"group", ColumnKind::text}, {"odd\"name", ColumnKind::number}};
    EXPECT_EQ(report_select_list(columns, {"email", "timestamp", "group", "odd\"name"}, true),
              "r.\"email\" AS \"email\", "
              "pg_catalog.to_json(r.\"timestamp\") OPERATOR(pg_catalog.#>>) '{}'::pg_catalog.text[] AS \"timestamp\", "
              "r.\"group\" AS \"group\", r.\"odd\"\"name\" AS \"odd\"\"name\"");
    EXPECT_EQ(report_select_list(columns, {"Email", "Timestamp", "Group", "Odd"}, false),
              "r.\"email\" AS \"Email\", r.\"timestamp\" AS \"Timestamp\", r.\"group\" AS \"Group\", r.\"odd\"\"name\" AS \"Odd\"");
    EXPECT_EQ(quote_identifier("Date/Time"), "\"Date/Time\"");
}

TEST(PeopleTable, UserAnalyticsRoundedWithPlatformTitles) {
    PeopleTable t("user_analytics", {{"user_name", ColumnKind::text}, {"sessions_viewed", ColumnKind::number},
                                     {"live_minutes", ColumnKind::decimal}, {"average_live_engagement_rate", ColumnKind::decimal}},
                  Headers::platform);
    EXPECT_FALSE(t.needs_all_rows());
    auto columns = t.columns();
    EXPECT_EQ(names(columns), (std::vector<std::string>{"User name", "Sessions viewed", "Live (minutes)",
                                                        "Average live engagement rate"}));
    EXPECT_FALSE(columns[0].right_align);
    EXPECT_TRUE(columns[1].right_align);
    EXPECT_TRUE(columns[2].right_align);
    EXPECT_EQ(t.format({"Ada", "2", "879.3166666666668", std::nullopt}),
              (TableRow{"Ada", "2", "879.3", std::nullopt}));
}

TEST(PeopleTable, SqlHeadersKeepNamesAndStillFormatForPeople) {
    PeopleTable t("user_sessions", {{"session_name", ColumnKind::text}, {"minutes_viewed", ColumnKind::decimal}},
                  Headers::sql);
    EXPECT_EQ(names(t.columns()), (std::vector<std::string>{"session_name", "minutes_viewed"}));
    EXPECT_EQ(t.format({"Keynote", "45.05"}), (TableRow{"Keynote", "45.1"}));
}

TEST(PeopleTable, UniqueUsersTagsAndOneColumnPerDimension) {
    PeopleTable t("unique_users", {{"user_id", ColumnKind::text}, {"email", ColumnKind::text}, {"tags", ColumnKind::array},
                                   {"dimensions", ColumnKind::json}},
                  Headers::platform);
    EXPECT_TRUE(t.needs_all_rows());
    std::vector<TableRow> rows = {{"u1", "a@x", "{speaker,vip}", R"({"Phone": "+1 555", "LinkedIn": "https://l/a"})"},
                                  {"u2", "b@x", "{}", R"({"City": "Oslo", "Email": "b2@x", "Phone": null})"},
                                  {"u3", "c@x", std::nullopt, std::nullopt},
                                  {"u4", "d@x", "{\"early bird\"}", "{}"}};
    for (auto& r : rows) t.observe(r);
    // Keys sorted by their bytes; "Email" is already a title, so it names its column.
    EXPECT_EQ(names(t.columns()), (std::vector<std::string>{"User ID", "Email", "Tags", "City", "Email (Dimensions)",
                                                            "LinkedIn", "Phone"}));
    EXPECT_EQ(t.format(rows[0]), (TableRow{"u1", "a@x", "speaker|vip", std::nullopt, std::nullopt, "https://l/a", "+1 555"}));
    EXPECT_EQ(t.format(rows[1]), (TableRow{"u2", "b@x", "", "Oslo", "b2@x", std::nullopt, std::nullopt}));
    EXPECT_EQ(t.format(rows[2]), (TableRow{"u3", "c@x", std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt}));
    EXPECT_EQ(t.format(rows[3]), (TableRow{"u4", "d@x", "early bird", std::nullopt, std::nullopt, std::nullopt, std::nullopt}));
}

TEST(PeopleTable, NoDimensionsAtAllMeansNoDimensionColumns) {
    PeopleTable t("unique_users", {{"user_id", ColumnKind::text}, {"dimensions", ColumnKind::json}}, Headers::sql);
    t.observe({"u1", "{}"});
    EXPECT_EQ(names(t.columns()), std::vector<std::string>{"user_id"});
    EXPECT_EQ(t.format({"u1", "{}"}), TableRow{"u1"});
}

TEST(PeopleTable, JsonThatIsNotAnObjectStaysOneColumn) {
    PeopleTable t("content_actions_log_json", {{"content_actions_log_json", ColumnKind::json}}, Headers::platform);
    TableRow row = {R"([{"email": "a@x"}])"};
    t.observe(row);
    EXPECT_EQ(names(t.columns()), std::vector<std::string>{"Content Actions Log"});
    EXPECT_EQ(t.format(row), row);
}

TEST(TimeArguments, DayAndMonthBeforeTheYearAreRefused) {
    EXPECT_EQ(ambiguous_date_problem("10/03/2026"),
              "\"10/03/2026\" is ambiguous (day and month before the year: PostgreSQL reads them in the order of its "
              "DateStyle); write the date year first, in ISO 8601: 2026-10-03 or 2026-03-10 (a time may follow: "
              "2026-03-10T09:00, 2026-03-10T09:00+01:00)");
    auto readings = [](std::string_view text) {
        auto problem = ambiguous_date_problem(text);
        if (!problem) return std::string("accepted");
        auto start = problem->find("ISO 8601: ") + 10;
        return problem->substr(start, problem->find(" (a time") - start);
    };
    EXPECT_EQ(readings("31/12/2026"), "2026-12-31");            // one reading only, still not ISO
    EXPECT_EQ(readings("12/31/2026 9:00 AM"), "2026-12-31");
    EXPECT_EQ(readings("03/03/2026"), "2026-03-03");
    EXPECT_EQ(readings("10.03.2026"), "2026-10-03 or 2026-03-10");
    EXPECT_EQ(readings("10-03-2026 09:00"), "2026-10-03 or 2026-03-10");
    EXPECT_EQ(readings("1/2/2026T09:00"), "2026-01-02 or 2026-02-01");
    EXPECT_EQ(readings("30/02/2026"), "YYYY-MM-DD");            // neither reading is a date
    EXPECT_EQ(readings("10/03/26"), "YYYY-MM-DD");              // two-digit year
    EXPECT_EQ(readings("10/03"), "YYYY-MM-DD");
    EXPECT_EQ(readings("Tue 10/03/2026"), "2026-10-03 or 2026-03-10");
    for (const char* fine : {"2026-03-10", "2026-03-10T09:00", "2026-03-10 09:00:00+01:00", "2026-03-10T09:00:00-05:00",
                             "2026/03/10", "20260310", "March 10 2026", "10 March 2026", "infinity", "-infinity", "now",
                             "2026-03-10 09:00 Europe/Paris", ""})
        EXPECT_EQ(ambiguous_date_problem(fine), std::nullopt) << fine;
}
