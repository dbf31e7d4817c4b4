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

// Days in a month of the proleptic Gregorian calendar (month 1 to 12).
int days_in_month(int year, int month);

// Time arguments of the command line (--from, --to, report arguments of a date or timestamp type) go to
// PostgreSQL as they are, and PostgreSQL reads "10/03/2026" by its DateStyle: 3 October under the default
// MDY, 10 March under DMY. So a date whose day and month come before the year, separated by '/', '.' or
// '-' ("10/03/2026", "10.03.26", "10-03-2026"), is refused there: the problem, with the ISO 8601 spelling
// of each reading; nullopt for everything else (ISO 8601 "2026-03-10", "2026-03-10T09:00+01:00", and
// PostgreSQL's other unambiguous forms, such as "March 10 2026" or "infinity", pass untouched).
// Export files keep their own, unambiguous by layout, US M/D/YYYY reading (canonical_timestamp).
std::optional<std::string> ambiguous_date_problem(std::string_view text);

} // namespace ar::cli
