// Minimal JSON writing for the values the extension emits (event details, validation problems).
#pragma once
#include "cpp_only.hpp"

#include <string>
#include <string_view>
#include <vector>

#include "pattern.hpp"
#include "taxonomy.hpp"

namespace ar {

void append_json_string(std::string& out, std::string_view s);
// {"content_type": "OTSession", "percentage_watched": 50}: numbers as JSON numbers.
std::string captures_to_json(const Captures& captures);
// [{"field": "label", "problem": "...", "hint": "..."}]
std::string problems_to_json(const std::vector<Problem>& problems);

} // namespace ar
