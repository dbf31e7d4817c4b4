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

std::string_view format_detail_number(double number, char (&buffer)[32]) {
    auto end = fmt::format_to_n(buffer, sizeof buffer - 1, "{}", number).out;
    *end = '\0';
    return {buffer, static_cast<std::size_t>(end - buffer)};
}

std::string captures_to_json(const Captures& captures) {
    std::string out = "{";
    for_each_detail(captures, [&](std::string_view key, bool is_number, double number, std::string_view text) {
        if (out.size() > 1) out += ", ";
        append_json_string(out, key);
        out += ": ";
        if (is_number) {
            char buffer[32];
            out += format_detail_number(number, buffer);
        } else {
            append_json_string(out, text);
        }
    });
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
