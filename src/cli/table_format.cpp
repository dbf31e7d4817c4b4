#include "cli/table_format.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace ar::cli {

namespace {

std::size_t display_width(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string one_line(const std::optional<std::string>& value) {
    if (!value) return {};
    std::string out;
    for (char c : *value) {
        if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c != '\r') out.push_back(c);
    }
    return out;
}

void pad(std::string& out, const std::string& text, std::size_t width, bool right) {
    std::size_t fill = width - std::min(width, display_width(text));
    if (right) out.append(fill, ' ');
    out += text;
    if (!right) out.append(fill, ' ');
}

} // namespace

std::string format_table(const std::vector<TableColumn>& columns, const std::vector<TableRow>& rows) {
    std::vector<std::vector<std::string>> cells;
    cells.reserve(rows.size());
    std::vector<std::size_t> widths;
    for (auto& c : columns) widths.push_back(display_width(c.name));
    for (auto& row : rows) {
        auto& line = cells.emplace_back();
        for (std::size_t i = 0; i < columns.size(); ++i) {
            line.push_back(one_line(i < row.size() ? row[i] : std::nullopt));
            widths[i] = std::max(widths[i], display_width(line.back()));
        }
    }
    std::string out;
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i) out += " | ";
        // Headers are centred, as psql does.
        std::size_t w = display_width(columns[i].name), left = (widths[i] - w) / 2;
        out.append(left, ' ');
        out += columns[i].name;
        if (i + 1 < columns.size()) out.append(widths[i] - w - left, ' ');
    }
    out += '\n';
    for (std::size_t i = 0; i < columns.size(); ++i) {
        if (i) out += "-+-";
        out.append(widths[i], '-');
    }
    out += '\n';
    for (auto& line : cells) {
        std::string text;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i) text += " | ";
            pad(text, line[i], widths[i], columns[i].right_align);
        }
        while (!text.empty() && text.back() == ' ') text.pop_back();
        out += text;
        out += '\n';
    }
    out += fmt::format("({} {})\n", rows.size(), rows.size() == 1 ? "row" : "rows");
    return out;
}

} // namespace ar::cli
