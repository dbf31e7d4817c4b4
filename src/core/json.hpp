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

// The fields of a classified event's details, in capture order: a placeholder's key and value (a number or a
// text), and for a "Post ID + text" placeholder also its text key and the text. The one rule for what details
// hold, for the JSON text below and for the trigger's jsonb (pg/convert.hpp).
template <class Field> // void(std::string_view key, bool is_number, double number, std::string_view text)
void for_each_detail(const Captures& captures, Field&& field) {
    for (int i = 0; i < captures.size; ++i) {
        const Capture& c = captures.items[static_cast<std::size_t>(i)];
        field(std::string_view(c.ph->key), c.value.is_number, c.value.number, c.value.text);
        if (c.ph->type == ValueType::PostIdText) field(std::string_view(c.ph->text_key), false, 0.0, c.value.second);
    }
}
// A detail's number as text: the shortest form that reads back as the same double (as JSON writes it).
std::string_view format_detail_number(double number, char (&buffer)[32]);

// {"content_type": "OTSession", "percentage_watched": 50}: numbers as JSON numbers.
std::string captures_to_json(const Captures& captures);
// [{"field": "label", "problem": "...", "hint": "..."}]
std::string problems_to_json(const std::vector<Problem>& problems);

} // namespace ar
