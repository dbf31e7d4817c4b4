// Page layout of the dashboard document: the model's sections placed on A4 pages as positioned text,
// rectangles and lines, with text wrapped to its column, tables continued on the next page under a repeated
// header row, and a "Page i of N" footer. Pure C++: text widths come from a Measure (cairo's font metrics
// in the PDF, a fixed advance in tests), so the layout can be checked for overlaps without drawing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cli/dashboard_model.hpp"

namespace ar::cli::dashboard {

enum class Weight { regular, bold };

struct Rgb {
    double r = 0, g = 0, b = 0;
};

// Units are PostScript points; y grows downwards from the top of the page.
struct TextItem {
    double x = 0, baseline = 0, size = 0;
    Weight weight = Weight::regular;
    Rgb color;
    std::string text;
    double width = 0;  // as measured
};
struct RectItem {
    double x = 0, y = 0, w = 0, h = 0;
    Rgb fill;
    double radius = 0;
};
struct LineItem {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    Rgb color;
    double width = 0.5;
};
// Drawn in this order: rectangles (backgrounds, bars), then lines, then text on top.
struct Page {
    std::vector<RectItem> rects;
    std::vector<LineItem> lines;
    std::vector<TextItem> texts;
};

struct PageGeometry {
    double width = 595.276, height = 841.890;  // A4
    double margin = 42;
    double footer_baseline = 818;  // in the bottom margin
};

// The font box of a line of text relative to its baseline (DejaVu Sans: ascender 0.928, descender 0.236 em).
constexpr double ascent_em = 0.93, descent_em = 0.24;

class Measure {
public:
    virtual ~Measure() = default;
    virtual double width(std::string_view text, Weight weight, double size) const = 0;
};

// Breaks text into lines no wider than max_width: at spaces, and inside a word only when the word alone is
// too wide (at UTF-8 code point boundaries). More than max_lines lines: the last one ends with "…".
std::vector<std::string> wrap(std::string_view text, double max_width, const Measure& measure, Weight weight,
                              double size, std::size_t max_lines);

// The longest prefix of text that fits max_width, with "…" when cut.
std::string fit(std::string_view text, double max_width, const Measure& measure, Weight weight, double size);

std::vector<Page> layout(const Dashboard& d, const Measure& measure, const PageGeometry& geometry = {});

} // namespace ar::cli::dashboard
