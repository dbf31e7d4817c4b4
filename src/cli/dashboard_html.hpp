// The dashboard document as one self-contained HTML file: inline CSS, the viewing-time split as inline SVG,
// no script, no external reference (fonts, images, links); every user-supplied string is escaped. Pure C++.
#pragma once

#include <string>
#include <string_view>

#include "cli/dashboard_model.hpp"

namespace ar::cli::dashboard {

// Text for HTML content and attribute values: & < > " ' as character references.
std::string html_escape(std::string_view text);

std::string render_html(const Dashboard& d);

} // namespace ar::cli::dashboard
