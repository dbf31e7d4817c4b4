// The export layouts of seeds 000 (sitewide activity report), 001 (User Activity Exporter) and 002 (Content
// Actions Log): recognising them from a header, and mapping one exported row to the event model. Pure C++.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ar::cli {

enum class Layout { sitewide, exporter, content_actions };

std::string_view layout_name(Layout layout);  // as given to --format: sitewide, exporter, content-actions
std::optional<Layout> parse_layout(std::string_view name);
std::string_view vocabulary_of(Layout layout);

// Columns of the staging table, in its order (after line and origin); vocabulary, optional in the sitewide and
// exporter layouts (a file that mixes vocabularies names each row's), last.
enum class Target { occurred_at, user_id, first_name, last_name, company, email, category, action, label,
                    content_id, content_name, content_slug, portal, vocabulary, count };
constexpr std::size_t target_count = static_cast<std::size_t>(Target::count);
std::string_view target_column(Target target);

struct StagedRow {
    std::uint64_t line = 0;
    std::array<std::optional<std::string>, target_count> values;
    std::string problem;        // first problem found by the client; empty when the server is to validate the row
    std::string problem_field;  // the event column it concerns, or "row"
    std::optional<std::string>& operator[](Target t) { return values[static_cast<std::size_t>(t)]; }
    const std::optional<std::string>& operator[](Target t) const { return values[static_cast<std::size_t>(t)]; }
};

struct DetectedLayout;

class RowMapper {
public:
    // From the first record: a header when it names the layout's columns. With `forced`, a first record that
    // is not a header gives the seed's column order (and is data). Errors explain what was expected.
    static DetectedLayout detect(const std::vector<std::string>& first_record, std::optional<Layout> forced);

    Layout layout() const { return layout_; }
    std::size_t field_count() const { return slots_.size(); }
    const std::vector<std::string>& ignored_columns() const { return ignored_; }

    // One CSV record (positional by the header) or one JSON object (by key names) into a staged row.
    void map_fields(const std::vector<std::string>& fields, StagedRow& out) const;
    void map_members(const std::vector<std::pair<std::string, std::optional<std::string>>>& members,
                     StagedRow& out) const;

private:
    RowMapper(Layout layout, std::vector<std::optional<Target>> slots, std::vector<std::string> names,
              std::vector<std::string> ignored);
    void set(StagedRow& out, Target target, std::string_view name, std::string_view raw) const;
    void finish(StagedRow& out) const;

    Layout layout_;
    std::vector<std::optional<Target>> slots_;  // per column: where it goes (nullopt = ignored)
    std::vector<std::string> names_;            // per column: the name shown in messages
    std::vector<std::string> ignored_;
};

struct DetectedLayout {
    std::optional<RowMapper> mapper;
    bool first_record_is_header = false;
    bool no_layout = false;  // the header names no export layout at all (it may be a catalog's)
    std::string error;
};

// Header text reduced to letters and digits, lower case: "Date/Time" -> "datetime", "panorama_name" -> "panoramaname".
std::string header_key(std::string_view name);

// Valid UTF-8 without NUL bytes (PostgreSQL text); otherwise a copy with bad bytes replaced by U+FFFD.
bool is_clean_text(std::string_view s);
std::string clean_text(std::string_view s);

} // namespace ar::cli
