// The dashboard document as PDF, drawn with cairo's PDF surface from the pure layout (dashboard_layout):
// A4 pages, DejaVu Sans from Debian's fonts-dejavu-core embedded as subsets with their Unicode mapping, so
// every word and number can be searched and extracted (pdftotext).
#pragma once

#include <memory>
#include <string>

#include "cli/dashboard_layout.hpp"
#include "cli/dashboard_model.hpp"

namespace ar::cli::dashboard {

// The font files (fonts-dejavu-core); a missing one is a std::runtime_error naming the package.
constexpr const char* regular_font_file = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* bold_font_file = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

// Text widths with the PDF's own fonts and metrics (unhinted), as the layout needs them.
std::unique_ptr<Measure> font_measure();

// The pages drawn as one PDF document; title is the document's metadata title.
std::string draw_pdf(const std::vector<Page>& pages, const std::string& title, const PageGeometry& geometry = {});

// layout + draw_pdf: the complete PDF file.
std::string render_pdf(const Dashboard& d);

} // namespace ar::cli::dashboard
