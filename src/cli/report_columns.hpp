// The columns of a report as activity-report writes them: their kind (from the PostgreSQL type), the choice
// of headers, and the SELECT list over the report's rows that gives every format the same dates. Pure C++.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ar::cli {

enum class ColumnKind {
    text,
    number,     // integers and numeric: right-aligned
    decimal,    // real and double precision (minutes, rates): one decimal in downloads for people
    timestamp,  // timestamp with or without time zone: ISO 8601 in every format
    array,      // joined with '|' in downloads for people
    json,       // json or jsonb: an object's keys become columns in downloads for people
};

// From the type's OID and its pg_type.typcategory.
ColumnKind column_kind(unsigned type_oid, char type_category);

struct ReportColumn {
    std::string name;
    ColumnKind kind = ColumnKind::text;
};

enum class Headers { sql, platform };
std::optional<Headers> parse_headers(std::string_view text);  // "sql" or "platform"

// "name" -> "\"name\"" (double quotes doubled): safe for any column name, keywords such as "group" too.
std::string quote_identifier(std::string_view name);

// The SELECT list over `r`, the report's rows (SELECT * FROM the call: a function returning one json value
// names its column after itself only so): each column as `names[i]`; with iso_dates, timestamps as
// PostgreSQL writes them in JSON (ISO 8601: 2026-03-01T10:00:00+00:00, the offset of the session time
// zone, fractional seconds only when there are some), so CSV and tables show what JSON shows. Every
// function and operator is schema-qualified (the CLI runs with any search_path).
std::string report_select_list(const std::vector<ReportColumn>& columns, const std::vector<std::string>& names,
                               bool iso_dates);

} // namespace ar::cli
