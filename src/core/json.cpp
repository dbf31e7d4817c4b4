#include "json.hpp"

#include <fmt/format.h>

namespace ar {

void append_json_string(std::string& out, std::string_view s) {
    out.push_back('"');
    for (char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
            else out.push_back(c);
        }
    }
    out.push_back('"');
}

std::string captures_to_json(const Captures& captures) {
    std::string out = "{";
    for (int i = 0; i < captures.size; ++i) {
        const Capture& c = captures.items[static_cast<std::size_t>(i)];
        if (i) out += ", ";
        append_json_string(out, c.ph->key);
        out += ": ";
        if (c.value.is_number) out += fmt::format("{}", c.value.number);
        else append_json_string(out, c.value.text);
        if (c.ph->type == ValueType::PostIdText) {
            out += ", ";
            append_json_string(out, c.ph->text_key);
            out += ": ";
            append_json_string(out, c.value.second);
        }
    }
    return out + "}";
}

std::string problems_to_json(const std::vector<Problem>& problems) {
    std::string out = "[";
    for (std::size_t i = 0; i < problems.size(); ++i) {
        if (i) out += ", ";
        out += "{\"field\": ";
        append_json_string(out, field_name(problems[i].field));
        out += ", \"problem\": ";
        append_json_string(out, problems[i].message);
        out += ", \"hint\": ";
        append_json_string(out, problems[i].hint);
        out += "}";
    }
    return out + "]";
}

} // namespace ar
