// The platforms' own column titles of every report (activity-report report --headers platform), in one
// table: seeds 000 (sitewide activity report), 001 (User Activity Exporter) and 002 (Content Actions Log)
// as their downloads spell them (the titles `activity-report load` recognises), seed 004 as its download
// lists them, seed 003 with the dashboard's labels. Pure C++.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace ar::cli {

struct PlatformTitle {
    std::string_view report, column, title;
};

// Every report column with a platform title, report by report in column order.
std::span<const PlatformTitle> platform_titles();

// The title of a report's column; a column the table does not know (a report added later) gets its SQL name
// made readable: "reaction_band" -> "Reaction band".
std::string platform_title(std::string_view report, std::string_view column);

} // namespace ar::cli
