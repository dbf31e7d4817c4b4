#include "cli/report_columns.hpp"

#include <fmt/format.h>

namespace ar::cli {

ColumnKind column_kind(unsigned type_oid, char type_category) {
    switch (type_oid) {
        case 20: case 21: case 23: case 26: case 1700: return ColumnKind::number;  // int8, int2, int4, oid, numeric
        case 700: case 701: return ColumnKind::decimal;                             // float4, float8
        case 1114: case 1184: return ColumnKind::timestamp;                         // timestamp, timestamptz
        case 114: case 3802: return ColumnKind::json;                               // json, jsonb
        default: return type_category == 'A' ? ColumnKind::array : ColumnKind::text;
    }
}

std::optional<Headers> parse_headers(std::string_view text) {
    if (text == "sql") return Headers::sql;
    if (text == "platform") return Headers::platform;
    return std::nullopt;
}

std::string quote_identifier(std::string_view name) {
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

std::string report_select_list(const std::vector<ReportColumn>& columns, const std::vector<std::string>& names,
                               bool iso_dates) {
    std::string out;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i) out += ", ";
        std::string value = "r." + quote_identifier(columns[i].name);
        if (iso_dates && columns[i].kind == ColumnKind::timestamp)
            value = fmt::format("pg_catalog.to_json({}) OPERATOR(pg_catalog.#>>) '{{}}'::pg_catalog.text[]", value);
        out += fmt::format("{} AS {}", value, quote_identifier(i < names.size() ? names[i] : columns[i].name));
    }
    return out;
}

} // namespace ar::cli
