// Reads the date/time column of platform exports and writes it in one canonical form for PostgreSQL
// ("2026-03-10 09:05:00+00:00", or without the offset when the export has none). Accepted: ISO 8601
// (date, 'T' or space, seconds and fraction optional, Z / ±hh[:mm] / UTC), and US month/day/year with an
// optional 12-hour clock ("3/10/2026 9:05 AM"). Pure C++.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ar::cli {

// The canonical text, or nullopt when the text is not a valid date and time (e.g. February 30).
std::optional<std::string> canonical_timestamp(std::string_view text);

} // namespace ar::cli
