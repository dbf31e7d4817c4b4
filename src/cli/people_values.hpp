// Values as downloads made for people show them (CSV with --headers platform, --format table), read from
// PostgreSQL's text output: numbers to one decimal, arrays joined with '|', the members of a JSON object.
// Machine downloads (CSV with SQL headers, JSON) keep PostgreSQL's text. Pure C++.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ar::cli {

// A decimal number ("879.3166666666668", "-2", "1e-05", "1.5e+20") rounded to one decimal, half away from
// zero on the decimal digits as written ("0.25" -> "0.3", "879.3166666666668" -> "879.3", "60" -> "60.0",
// "-0.04" -> "0.0"). Anything else ("NaN", "Infinity", "") is returned unchanged.
std::string round_one_decimal(std::string_view number);

// The elements of a PostgreSQL array in its text form ("{a,\"b c\",NULL}"), NULL elements left out, nested
// arrays flattened; nullopt when the text is not an array.
std::optional<std::vector<std::string>> pg_array_items(std::string_view text);

// pg_array_items joined with '|' (seed 004's list separator); text that is not an array is kept.
std::string joined_array(std::string_view text);

// The members of a JSON object in order: strings unescaped, JSON null as nullopt, numbers, booleans and
// nested values as their JSON text; nullopt when the text is not one JSON object.
using JsonMembers = std::vector<std::pair<std::string, std::optional<std::string>>>;
std::optional<JsonMembers> json_object_members(std::string_view text);

} // namespace ar::cli
