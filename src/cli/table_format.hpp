// Aligned text table for `activity-report report --format table`, psql style. Pure C++.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ar::cli {

struct TableColumn {
    std::string name;
    bool right_align = false;  // numbers
};
using TableRow = std::vector<std::optional<std::string>>;

// Width counts code points; newlines and tabs in values are shown as \n and \t; NULL is blank.
std::string format_table(const std::vector<TableColumn>& columns, const std::vector<TableRow>& rows);

} // namespace ar::cli
