// The pure parts of activity-report: CSV and JSON readers, timestamps, layout detection, options, tables.
#include <sstream>

#include <gtest/gtest.h>

#include "cli/csv_reader.hpp"
#include "cli/export_reader.hpp"
#include "cli/json_reader.hpp"
#include "cli/layouts.hpp"
#include "cli/options.hpp"
#include "cli/table_format.hpp"
#include "cli/timestamp.hpp"

using namespace ar::cli;

namespace {

std::vector<CsvRecord> read_csv(const std::string& text) {
    std::istringstream in(text);
    ByteSource source(in);
    CsvReader reader(source);
    std::vector<CsvRecord> out;
    CsvRecord r;
    while (reader.next(r)) out.push_back(r);
    return out;
}

std::vector<JsonRecord> read_json(const std::string& text) {
    std::istringstream in(text);
    ByteSource source(in);
    JsonRecordReader reader(source);
    std::vector<JsonRecord> out;
    JsonRecord r;
    while (reader.next(r)) out.push_back(r);
    return out;
}

} // namespace

TEST(CsvReader, QuotedFieldsCrLfBomAndLineNumbers) {
    auto rows = read_csv("\xEF\xBB\xBF" "a,b\r\n\"x, y\",\"multi\r\nline \"\"q\"\"\"\r\n\r\nlast,\n");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(rows[0].line, 1u);
    EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"x, y", "multi\r\nline \"q\""}));
    EXPECT_EQ(rows[1].line, 2u);
    EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"last", ""}));
    EXPECT_EQ(rows[2].line, 5u);  // line 4 is blank
    for (auto& r : rows) EXPECT_EQ(r.error, "");
}

TEST(CsvReader, MalformedRecordsAreFlaggedNotDropped) {
    auto rows = read_csv("a,\"b\"c\nd,\"never closed\ne,f\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"a", "bc"}));
    EXPECT_EQ(rows[0].error, "unexpected text after the closing quote of field 2 on line 1");
    EXPECT_EQ(rows[1].line, 2u);
    EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"d", "never closed\ne,f\n"}));
    EXPECT_EQ(rows[1].error, "a quoted field starting on line 2 is never closed");
}

TEST(CsvReader, NoTrailingNewlineAndEmptyInput) {
    EXPECT_TRUE(read_csv("").empty());
    EXPECT_TRUE(read_csv("\xEF\xBB\xBF").empty());
    auto rows = read_csv("a,b");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].fields, (std::vector<std::string>{"a", "b"}));
}

TEST(CsvReader, FieldsOfMegabytesAndTheCap) {
    std::string big(3 << 20, 'x');
    auto rows = read_csv("\"" + big + "\",1\n");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].fields[0].size(), big.size());
    std::istringstream in("\"" + big);
    ByteSource source(in);
    CsvReader capped(source, 1 << 20);
    CsvRecord r;
    EXPECT_THROW(capped.next(r), InputError);
}

TEST(CsvWriter, QuotesOnlyWhenNeeded) {
    std::string out;
    append_csv_field(out, "plain");
    out += ',';
    append_csv_field(out, "a,\"b\"\nc");
    EXPECT_EQ(out, "plain,\"a,\"\"b\"\"\nc\"");
}

TEST(JsonReader, ArrayOfObjectsWithLinesAndEscapes) {
    auto rows = read_json("[\n {\"a\": \"x\\u00e9\\n\", \"n\": -1.5e3, \"t\": true, \"z\": null},\n {\"b\": \"\\ud83d\\ude00\"}\n]\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].line, 2u);
    ASSERT_EQ(rows[0].members.size(), 4u);
    EXPECT_EQ(rows[0].members[0].second, std::optional<std::string>("x\xC3\xA9\n"));
    EXPECT_EQ(rows[0].members[1].second, std::optional<std::string>("-1.5e3"));
    EXPECT_EQ(rows[0].members[2].second, std::optional<std::string>("true"));
    EXPECT_EQ(rows[0].members[3].second, std::nullopt);
    EXPECT_EQ(rows[1].line, 3u);
    EXPECT_EQ(rows[1].members[0].second, std::optional<std::string>("\xF0\x9F\x98\x80"));
}

TEST(JsonReader, JsonLinesNestedValuesAndNonObjects) {
    auto rows = read_json("{\"a\": {\"b\": [1, 2]}}\n{\"c\": \"d\"}\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].error, "\"a\" holds an object or array, not a single value");
    EXPECT_EQ(rows[1].members[0].first, "c");
    rows = read_json("[1, {\"a\": \"b\"}]");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].error, "element 1 is not an object");
    EXPECT_EQ(rows[1].error, "");
    EXPECT_TRUE(read_json("[]").empty());
    EXPECT_TRUE(read_json("  ").empty());
}

TEST(JsonReader, SyntaxErrorsNameLineAndColumn) {
    try {
        read_json("[{\"a\": \"b\"},\n {\"a\" \"b\"}]");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "invalid JSON at line 2, column 7: expected ':', found '\"'");
    }
    EXPECT_THROW(read_json("[{\"a\": tru}]"), InputError);
    EXPECT_THROW(read_json("[{\"a\": \"\\ud800\"}]"), InputError);
    EXPECT_THROW(read_json("[{\"a\": 01}]"), InputError);
    EXPECT_THROW(read_json("[{\"a\": \"b\"}] x"), InputError);
    EXPECT_THROW(read_json("[{\"a\": \"b\""), InputError);
    EXPECT_THROW(read_json("\"text\""), InputError);
    EXPECT_THROW(read_json(std::string(300, '[')), InputError);
}

TEST(Timestamp, AcceptedFormsAndCanonicalText) {
    EXPECT_EQ(canonical_timestamp("2026-03-10 09:05:00"), "2026-03-10 09:05:00");
    EXPECT_EQ(canonical_timestamp("2026-03-10T09:05:00Z"), "2026-03-10 09:05:00+00:00");
    EXPECT_EQ(canonical_timestamp("2026-03-10T09:05:00.123+0530"), "2026-03-10 09:05:00.123+05:30");
    EXPECT_EQ(canonical_timestamp(" 2026-03-10 09:05 -07 "), "2026-03-10 09:05:00-07:00");
    EXPECT_EQ(canonical_timestamp("2026-03-10 09:05:00 UTC"), "2026-03-10 09:05:00+00:00");
    EXPECT_EQ(canonical_timestamp("2026-03-10"), "2026-03-10 00:00:00");
    EXPECT_EQ(canonical_timestamp("3/10/2026 9:05 PM"), "2026-03-10 21:05:00");
    EXPECT_EQ(canonical_timestamp("3/10/2026, 12:30:15 AM"), "2026-03-10 00:30:15");
    EXPECT_EQ(canonical_timestamp("2024-02-29 00:00:00"), "2024-02-29 00:00:00");
}

TEST(Timestamp, RejectedForms) {
    for (const char* bad : {"", "yesterday", "2026-02-29", "2026-13-01", "2026-03-10 24:00", "2026-03-10 09:60",
                            "3/10/26 9:05", "13/10/2026", "2026-03-10 13:00 PM", "2026-03-10 09:05:00+16",
                            "2026-03-10 09:05:00.1234567", "2026-03-10x", "1900-02-29"})
        EXPECT_EQ(canonical_timestamp(bad), std::nullopt) << bad;
}

TEST(Layouts, DetectedFromTheirHeaders) {
    auto sitewide = RowMapper::detect({"User ID", "First", "Last", "Company", "Email", "Category", "Action", "Label",
                                       "Date", "Content ID", "Content Name", "Content Slug"}, std::nullopt);
    ASSERT_TRUE(sitewide.mapper);
    EXPECT_EQ(sitewide.mapper->layout(), Layout::sitewide);
    EXPECT_TRUE(sitewide.first_record_is_header);
    auto exporter = RowMapper::detect({"Date/Time", "user_id", "Category", "Action", "Label", "Extra"}, std::nullopt);
    ASSERT_TRUE(exporter.mapper);
    EXPECT_EQ(exporter.mapper->layout(), Layout::exporter);
    EXPECT_EQ(exporter.mapper->ignored_columns(), std::vector<std::string>{"Extra"});
    auto actions = RowMapper::detect({"email", "panorama_name", "content_type", "content_title", "type", "source",
                                      "timestamp"}, std::nullopt);
    ASSERT_TRUE(actions.mapper);
    EXPECT_EQ(actions.mapper->layout(), Layout::content_actions);
    EXPECT_EQ(vocabulary_of(Layout::content_actions), "content_actions");
}

TEST(Layouts, ErrorsSayWhatIsMissing) {
    auto none = RowMapper::detect({"Name", "Score"}, std::nullopt);
    EXPECT_FALSE(none.mapper);
    EXPECT_NE(none.error.find("cannot tell the layout"), std::string::npos);
    auto missing = RowMapper::detect({"Category", "Action", "Date"}, std::nullopt);
    EXPECT_FALSE(missing.mapper);
    EXPECT_EQ(missing.error.substr(0, 35), "the header has no \"User ID\" column,");
    auto twice = RowMapper::detect({"User ID", "user_id", "Category", "Action", "Date"}, std::nullopt);
    EXPECT_EQ(twice.error, "column \"user_id\" appears twice in the header");
    auto forced = RowMapper::detect({"a@b.c", "acme", "course", "T", "enrollment", "sso", "2026-03-01"}, Layout::content_actions);
    ASSERT_TRUE(forced.mapper);
    EXPECT_FALSE(forced.first_record_is_header);
    EXPECT_EQ(forced.mapper->field_count(), 7u);
}

TEST(Layouts, RowsMapToTheEventModel) {
    auto d = RowMapper::detect({"Email", "Panorama Name", "Content Type", "Content Title", "Type", "Source", "Timestamp"}, std::nullopt);
    StagedRow row;
    d.mapper->map_fields({" a@b.c ", "acme", "course", "", "enrollment", "sso", "2026-03-01 08:00:00Z"}, row);
    EXPECT_EQ(row.problem, "");
    EXPECT_EQ(row[Target::email], "a@b.c");
    EXPECT_EQ(row[Target::portal], "acme");
    EXPECT_EQ(row[Target::category], "course");
    EXPECT_EQ(row[Target::content_name], std::nullopt);
    EXPECT_EQ(row[Target::action], "enrollment");
    EXPECT_EQ(row[Target::label], "sso");
    EXPECT_EQ(row[Target::occurred_at], "2026-03-01 08:00:00+00:00");
    d.mapper->map_fields({"a@b.c", "acme"}, row);
    EXPECT_EQ(row.problem, "expected 7 fields, found 2");
    d.mapper->map_fields({"a@b.c", "acme", "course", "T", "enrollment", "sso", "soon"}, row);
    EXPECT_EQ(row.problem, "Timestamp: cannot read \"soon\" as a date and time");
    EXPECT_EQ(row.problem_field, "occurred_at");
    d.mapper->map_fields({"a@b.c", "acme", "course", "T\xFF", "enrollment", "sso", "2026-03-01"}, row);
    EXPECT_EQ(row.problem, "Content Title: not valid UTF-8 text (or contains a NUL byte)");
    EXPECT_EQ(row[Target::content_name], "T\xEF\xBF\xBD");
    d.mapper->map_members({{"TIMESTAMP", "2026-03-01"}, {"type", "enrollment"}, {"unknown", "x"}, {"source", std::nullopt}}, row);
    EXPECT_EQ(row.problem, "");
    EXPECT_EQ(row[Target::action], "enrollment");
    EXPECT_EQ(row[Target::label], std::nullopt);
}

TEST(Layouts, AnOptionalVocabularyColumn) {
    auto d = RowMapper::detect({"User ID", "Category", "Action", "Label", "Date", "Vocabulary"}, std::nullopt);
    ASSERT_TRUE(d.mapper);
    EXPECT_EQ(d.mapper->layout(), Layout::sitewide);
    EXPECT_TRUE(d.mapper->ignored_columns().empty());
    StagedRow row;
    d.mapper->map_fields({"u-1", "Content - OTSession", "Join", "N/A", "2026-03-01 10:00:00Z", " activity_exporter "}, row);
    EXPECT_EQ(row[Target::vocabulary], "activity_exporter");
    d.mapper->map_fields({"u-1", "Chat", "Chat", "Hi", "2026-03-01 10:00:00Z", ""}, row);
    EXPECT_EQ(row[Target::vocabulary], std::nullopt);
    // Not part of the Content Actions Log.
    auto actions = RowMapper::detect({"Email", "Content Type", "Type", "Source", "Timestamp", "Vocabulary"}, std::nullopt);
    EXPECT_EQ(actions.mapper->ignored_columns(), std::vector<std::string>{"Vocabulary"});
}

TEST(Layouts, CleanText) {
    EXPECT_TRUE(is_clean_text("caf\xC3\xA9 \xF0\x9F\x98\x80"));
    EXPECT_FALSE(is_clean_text(std::string("a\0b", 3)));
    EXPECT_FALSE(is_clean_text("\xC0\xAF"));          // overlong
    EXPECT_FALSE(is_clean_text("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(is_clean_text("\xE2\x82"));          // truncated
    EXPECT_EQ(clean_text("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
}

TEST(ExportReader, TellsJsonFromCsv) {
    std::istringstream json("\xEF\xBB\xBF [{\"email\": \"a@b.c\", \"type\": \"enrollment\", \"source\": \"sso\", "
                            "\"timestamp\": \"2026-03-01\", \"content_type\": \"course\"}]");
    ByteSource s1(json);
    ExportReader r1(s1, std::nullopt);
    EXPECT_TRUE(r1.is_json());
    StagedRow row;
    ASSERT_TRUE(r1.next(row));
    EXPECT_EQ(row.line, 1u);
    EXPECT_EQ(row[Target::email], "a@b.c");
    EXPECT_FALSE(r1.next(row));

    std::istringstream csv("a@b.c,acme,course,T,enrollment,sso,2026-03-01\n");
    ByteSource s2(csv);
    ExportReader r2(s2, Layout::content_actions);
    EXPECT_FALSE(r2.is_json());
    ASSERT_TRUE(r2.next(row));  // no header: the first record is data
    EXPECT_EQ(row[Target::label], "sso");

    std::istringstream empty("");
    ByteSource s3(empty);
    EXPECT_TRUE(ExportReader(s3, std::nullopt).empty());
    std::istringstream unknown("x,y\n");
    ByteSource s4(unknown);
    EXPECT_THROW(ExportReader(s4, std::nullopt), InputError);
}

TEST(Options, LongShortInlineAndPositionals) {
    OptionSpec specs[] = {{"format", 'f', true}, {"quiet", 'q', false}};
    std::vector<std::string> args = {"a.csv", "--format=csv", "-q", "-", "-fjson", "--", "--x"};
    auto parsed = parse_args(args, specs);
    EXPECT_EQ(parsed.get("format"), "json");
    EXPECT_TRUE(parsed.has("quiet"));
    EXPECT_EQ(parsed.positionals, (std::vector<std::string>{"a.csv", "-", "--x"}));
    std::vector<std::string> bad = {"--colour"};
    EXPECT_THROW(parse_args(bad, specs), UsageError);
    std::vector<std::string> missing = {"--format"};
    EXPECT_THROW(parse_args(missing, specs), UsageError);
    EXPECT_EQ(parse_count("events", "10M"), 10000000u);
    EXPECT_EQ(parse_count("events", "1_000"), 1000u);
    EXPECT_THROW(parse_count("events", "ten"), UsageError);
    EXPECT_THROW(parse_count("events", "99999999999999999999"), UsageError);
}

TEST(TableFormat, AlignsByCodePointsAndNumbersRight) {
    std::string t = format_table({{"name", false}, {"n", true}}, {{"caf\xC3\xA9", "5"}, {std::nullopt, "12"}, {"a\nb", std::nullopt}});
    EXPECT_EQ(t,
              "name | n\n"
              "-----+---\n"
              "caf\xC3\xA9 |  5\n"
              "     | 12\n"
              "a\\nb |\n"
              "(3 rows)\n");
}
