#include "cli/dashboard_layout.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace ar::cli::dashboard {

namespace {

constexpr Rgb ink{0.13, 0.15, 0.18}, muted{0.40, 0.43, 0.48}, accent{0.15, 0.39, 0.85}, white{1, 1, 1};
constexpr Rgb card_fill{0.95, 0.96, 0.97}, header_fill{0.90, 0.92, 0.95}, rule{0.80, 0.82, 0.86};
constexpr Rgb notice_fill{1.0, 0.95, 0.82}, notice_ink{0.42, 0.30, 0.02};
constexpr Rgb split_colors[] = {{0.15, 0.39, 0.85}, {0.55, 0.33, 0.78}, {0.09, 0.58, 0.52}};

constexpr double line_factor = 1.3;  // line pitch in em: above ascent + descent, so wrapped lines never touch
constexpr double box_em = ascent_em + descent_em;
constexpr double section_gap = 18;
constexpr std::size_t max_input_bytes = 1000;  // longer user text is cut (with "…") before it is wrapped

std::size_t next_code_point(std::string_view s, std::size_t i) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    return i;
}

// A user value cut to max_input_bytes on a code point boundary; its cut end gets "…".
std::string bounded(std::string_view text) {
    if (text.size() <= max_input_bytes) return std::string(text);
    std::size_t cut = max_input_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return std::string(text.substr(0, cut)) + "…";
}

double text_height(std::size_t lines, double size) {
    return lines == 0 ? 0 : static_cast<double>(lines - 1) * line_factor * size + box_em * size;
}

// Items relative to the top left corner of the block, placed later by the flow.
struct Block {
    Page items;
    double height = 0;

    void text(double x, double baseline, double size, Weight weight, Rgb color, std::string s, const Measure& m) {
        double w = m.width(s, weight, size);
        items.texts.push_back(TextItem{x, baseline, size, weight, color, std::move(s), w});
    }
    void right_text(double right, double baseline, double size, Weight weight, Rgb color, std::string s, const Measure& m) {
        double w = m.width(s, weight, size);
        items.texts.push_back(TextItem{right - w, baseline, size, weight, color, std::move(s), w});
    }
    // Wrapped text whose first line's font box starts at top; returns the height it takes.
    double paragraph(double x, double top, double width, std::string_view s, double size, Weight weight, Rgb color,
                     std::size_t max_lines, const Measure& m, bool right_aligned = false) {
        auto lines = wrap(s, width, m, weight, size, max_lines);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            double baseline = top + ascent_em * size + static_cast<double>(i) * line_factor * size;
            if (right_aligned) right_text(x + width, baseline, size, weight, color, lines[i], m);
            else text(x, baseline, size, weight, color, lines[i], m);
        }
        return text_height(lines.size(), size);
    }
};

class Flow {
public:
    Flow(const Measure& m, const PageGeometry& g) : m_(m), g_(g) { new_page(); }

    double content_width() const { return g_.width - 2 * g_.margin; }
    bool fits(double height) const { return y_ + height <= g_.height - g_.margin; }
    bool at_page_top() const { return y_ == g_.margin; }
    void new_page() {
        pages_.emplace_back();
        y_ = g_.margin;
    }
    // Starts a new page unless height fits here (or the page is still empty: a block taller than a page).
    void keep(double height) {
        if (!fits(height) && !at_page_top()) new_page();
    }
    void place(const Block& b, double gap_after = 0) {
        keep(b.height);
        Page& page = pages_.back();
        const double dx = g_.margin, dy = y_;
        for (auto t : b.items.texts) {
            t.x += dx, t.baseline += dy;
            page.texts.push_back(std::move(t));
        }
        for (auto r : b.items.rects) {
            r.x += dx, r.y += dy;
            page.rects.push_back(r);
        }
        for (auto l : b.items.lines) {
            l.x1 += dx, l.x2 += dx, l.y1 += dy, l.y2 += dy;
            page.lines.push_back(l);
        }
        y_ += b.height + gap_after;
    }
    void space(double gap) { y_ += gap; }
    std::vector<Page> finish(const std::string& footer_name) {
        const double left = g_.margin, right = g_.width - g_.margin, size = 7.5;
        for (std::size_t i = 0; i < pages_.size(); ++i) {
            Page& page = pages_[i];
            std::string number = fmt::format("Page {} of {}", i + 1, pages_.size());
            double number_width = m_.width(number, Weight::regular, size);
            std::string name = fit(fmt::format("{} · {}", title_kicker, footer_name), right - left - number_width - 20, m_,
                                   Weight::regular, size);
            page.texts.push_back(TextItem{left, g_.footer_baseline, size, Weight::regular, muted, name,
                                     m_.width(name, Weight::regular, size)});
            page.texts.push_back(TextItem{right - number_width, g_.footer_baseline, size, Weight::regular, muted, number, number_width});
        }
        return std::move(pages_);
    }

private:
    const Measure& m_;
    const PageGeometry& g_;
    std::vector<Page> pages_;
    double y_ = 0;
};

Block heading(std::string_view title, const Measure& m, double width) {
    Block b;
    b.height = b.paragraph(0, 0, width, title, 11, Weight::bold, ink, 2, m) + 7;
    return b;
}

Block header_block(const Dashboard& d, const Measure& m, double width) {
    Block b;
    double y = b.paragraph(0, 0, width, title_kicker, 9, Weight::bold, accent, 1, m) + 6;
    y += b.paragraph(0, y, width, display_name(d.user), 20, Weight::bold, ink, 2, m) + 5;
    y += b.paragraph(0, y, width, fmt::format("User ID {} · {}", clean_text(d.user.user_id), period_text(d.period)), 9,
                     Weight::regular, muted, 2, m) + 12;
    auto details = user_details(d.user);
    const double gap = 12, column = (width - gap * static_cast<double>(details.size() - 1)) / static_cast<double>(details.size());
    double tallest = 0;
    for (std::size_t i = 0; i < details.size(); ++i) {
        double x = static_cast<double>(i) * (column + gap);
        double h = b.paragraph(x, y, column, details[i].label, 7.5, Weight::regular, muted, 1, m) + 3;
        h += b.paragraph(x, y + h, column, details[i].value, 10, Weight::bold, ink, 2, m);
        tallest = std::max(tallest, h);
    }
    y += tallest + 12;
    b.items.lines.push_back(LineItem{0, y, width, y, rule, 0.75});
    b.height = y;
    if (!has_activity(d)) {
        y += 12;
        auto lines = wrap(no_activity_text, width - 20, m, Weight::bold, 10, 3);
        double h = text_height(lines.size(), 10) + 16;
        b.items.rects.push_back(RectItem{0, y, width, h, notice_fill, 4});
        b.paragraph(10, y + 8, width - 20, no_activity_text, 10, Weight::bold, notice_ink, 3, m);
        b.height = y + h;
    }
    return b;
}

// A row of metric cards: the label above, the value below, all values on one baseline.
Block cards(const std::vector<Metric>& metrics, const Measure& m, double width) {
    Block b;
    const double gap = 8, pad = 8, value_size = 16, label_size = 8;
    const double card = (width - gap * static_cast<double>(metrics.size() - 1)) / static_cast<double>(metrics.size());
    const double inner = card - 2 * pad;
    std::size_t label_lines = 1;
    for (auto& metric : metrics)
        label_lines = std::max(label_lines, wrap(metric.label, inner, m, Weight::regular, label_size, 3).size());
    const double value_top = pad + text_height(label_lines, label_size) + 6;
    const double height = value_top + box_em * value_size + pad;
    for (std::size_t i = 0; i < metrics.size(); ++i) {
        double x = static_cast<double>(i) * (card + gap);
        b.items.rects.push_back(RectItem{x, 0, card, height, card_fill, 5});
        b.paragraph(x + pad, pad, inner, metrics[i].label, label_size, Weight::regular, muted, 3, m);
        // A value too wide for its card is set smaller, never wrapped: it stays one number on one line.
        double size = value_size, w = m.width(metrics[i].value, Weight::bold, size);
        if (w > inner) size = std::max(6.0, size * inner / w);
        std::string value = fit(metrics[i].value, inner, m, Weight::bold, size);
        b.text(x + pad, value_top + ascent_em * value_size, size, Weight::bold, ink, value, m);
    }
    b.height = height;
    return b;
}

// (12)-(14) as a bar chart: one bar per kind, scaled to the largest; the minutes at the right.
Block split_chart(const Totals& totals, const Measure& m, double width) {
    Block b;
    auto shares = viewing_split(totals);
    double largest = 0;
    for (auto& s : shares) largest = std::max(largest, s.minutes);
    const double label_width = 110, value_width = 70, row = 22, bar_height = 11, size = 9;
    const double bar_x = label_width + 6, bar_width = width - label_width - value_width - 12;
    for (std::size_t i = 0; i < shares.size(); ++i) {
        double top = static_cast<double>(i) * row, middle = top + row / 2;
        double baseline = middle + (ascent_em - box_em / 2) * size;
        b.items.rects.push_back(RectItem{0, middle - 4, 8, 8, split_colors[i], 1.5});
        b.text(13, baseline, size, Weight::regular, ink, fit(shares[i].label, label_width - 13, m, Weight::regular, size), m);
        b.items.rects.push_back(RectItem{bar_x, middle - bar_height / 2, bar_width, bar_height, card_fill, 2});
        double filled = largest > 0 && shares[i].minutes > 0 ? bar_width * shares[i].minutes / largest : 0;
        if (filled > 0) b.items.rects.push_back(RectItem{bar_x, middle - bar_height / 2, std::max(filled, 2.0), bar_height, split_colors[i], 2});
        b.right_text(width, baseline, size, Weight::bold, ink, shares[i].value, m);
    }
    b.height = static_cast<double>(shares.size()) * row;
    return b;
}

Rgb badge_color(std::string_view badge) {
    if (badge == "PDF") return {0.78, 0.20, 0.18};
    if (badge == "DOC" || badge == "DOCX" || badge == "ODT" || badge == "TXT") return {0.17, 0.40, 0.75};
    if (badge == "XLS" || badge == "XLSX" || badge == "CSV" || badge == "ODS") return {0.12, 0.52, 0.28};
    if (badge == "PPT" || badge == "PPTX" || badge == "KEY" || badge == "ODP") return {0.82, 0.42, 0.08};
    return {0.42, 0.45, 0.50};
}

struct TableGeometry {
    std::vector<double> x, w;  // per column
    static constexpr double pad = 4, header_size = 7, cell_size = 8.5;
    static constexpr std::size_t header_lines = 3, cell_lines = 4;
};

TableGeometry columns_of(const Table& t, double width) {
    TableGeometry g;
    double x = 0;
    for (double share : t.widths) {
        g.x.push_back(x);
        g.w.push_back(share * width);
        x += share * width;
    }
    return g;
}

Block header_row(const Table& t, const TableGeometry& g, const Measure& m, double width) {
    Block b;
    std::size_t lines = 1;
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        lines = std::max(lines, wrap(t.columns[c], g.w[c] - 2 * g.pad, m, Weight::regular, g.header_size, g.header_lines).size());
    double h = text_height(lines, g.header_size) + 2 * g.pad + 2;
    b.items.rects.push_back(RectItem{0, 0, width, h, header_fill, 0});
    // Titles sit on the row's bottom, next to the values they name, however many lines each takes.
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        std::size_t own = wrap(t.columns[c], g.w[c] - 2 * g.pad, m, Weight::regular, g.header_size, g.header_lines).size();
        double top = g.pad + 1 + text_height(lines, g.header_size) - text_height(own, g.header_size);
        b.paragraph(g.x[c] + g.pad, top, g.w[c] - 2 * g.pad, t.columns[c], g.header_size, Weight::regular, ink,
                    g.header_lines, m, t.numeric[c]);
    }
    b.height = h;
    return b;
}

Block body_row(const Table& t, std::size_t r, const TableGeometry& g, const Measure& m, double width) {
    Block b;
    double tallest = 0;
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        double x = g.x[c] + g.pad, w = g.w[c] - 2 * g.pad;
        if (c == 0 && r < t.badges.size()) {
            // The file type icon: a coloured tag with the extension, then the name beside it.
            const double badge_size = 5.5;
            const std::string& label = t.badges[r];
            double bw = m.width(label, Weight::bold, badge_size) + 6, bh = box_em * badge_size + 3;
            double top = g.pad + (box_em * g.cell_size - bh) / 2;
            b.items.rects.push_back(RectItem{x, top, bw, bh, badge_color(label), 1.5});
            b.text(x + 3, top + 1.5 + ascent_em * badge_size, badge_size, Weight::bold, white, label, m);
            x += bw + 5;
            w -= bw + 5;
        }
        tallest = std::max(tallest, b.paragraph(x, g.pad, w, bounded(t.rows[r][c]), g.cell_size, Weight::regular, ink,
                                                g.cell_lines, m, t.numeric[c]));
    }
    b.height = tallest + 2 * g.pad;
    b.items.lines.push_back(LineItem{0, b.height, width, b.height, rule, 0.5});
    return b;
}

void place_table(Flow& flow, const Table& t, const Measure& m) {
    const double width = flow.content_width();
    Block title = heading(t.title, m, width);
    if (t.rows.empty()) {
        Block empty;
        empty.height = empty.paragraph(0, 0, width, t.empty_text, 9, Weight::regular, muted, 2, m);
        flow.keep(title.height + empty.height);
        flow.place(title);
        flow.place(empty, section_gap);
        return;
    }
    auto g = columns_of(t, width);
    Block header = header_row(t, g, m, width);
    Block first = body_row(t, 0, g, m, width);
    flow.keep(title.height + header.height + first.height);  // never a title or header alone at a page's foot
    flow.place(title);
    flow.place(header);
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        Block row = r == 0 ? first : body_row(t, r, g, m, width);
        if (!flow.fits(row.height)) {
            flow.new_page();
            flow.place(heading(fmt::format("{}, continued", t.title), m, width));
            flow.place(header);
        }
        flow.place(row);
    }
    flow.space(section_gap);
}

} // namespace

std::vector<std::string> wrap(std::string_view text, double max_width, const Measure& measure, Weight weight,
                              double size, std::size_t max_lines) {
    std::string input = bounded(text);
    auto fits = [&](std::string_view s) { return measure.width(s, weight, size) <= max_width; };
    std::vector<std::string> lines;
    std::string line;
    std::size_t i = 0;
    while (i < input.size()) {
        if (input[i] == ' ') {
            ++i;
            continue;
        }
        std::size_t end = input.find(' ', i);
        std::string_view word = std::string_view(input).substr(i, end == std::string::npos ? std::string::npos : end - i);
        i = end == std::string::npos ? input.size() : end;
        std::string candidate = line.empty() ? std::string(word) : line + " " + std::string(word);
        if (fits(candidate)) {
            line = std::move(candidate);
            continue;
        }
        if (!line.empty()) lines.push_back(std::move(line));
        line.clear();
        // A word wider than the line is broken between code points (at least one per line).
        std::size_t k = 0;
        while (k < word.size()) {
            std::size_t next = next_code_point(word, k);
            if (!line.empty() && !fits(line + std::string(word.substr(k, next - k)))) {
                lines.push_back(std::move(line));
                line.clear();
            }
            line.append(word.substr(k, next - k));
            k = next;
        }
    }
    if (!line.empty() || lines.empty()) lines.push_back(std::move(line));
    if (lines.size() > max_lines && max_lines > 0) {
        lines.resize(max_lines);
        lines.back() = fit(lines.back() + " …", max_width, measure, weight, size);  // ends with "…" either way
    }
    return lines;
}

std::string fit(std::string_view text, double max_width, const Measure& measure, Weight weight, double size) {
    std::string s = bounded(text);
    if (measure.width(s, weight, size) <= max_width) return s;
    // Drop code points from the end until the rest and "…" fit.
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < s.size(); i = next_code_point(s, i)) starts.push_back(i);
    std::size_t lo = 0, hi = starts.size();  // the longest prefix of n code points that fits: binary search
    while (lo < hi) {
        std::size_t n = (lo + hi + 1) / 2;
        std::string candidate = s.substr(0, next_code_point(s, starts[n - 1])) + "…";
        if (measure.width(candidate, weight, size) <= max_width) lo = n;
        else hi = n - 1;
    }
    if (lo == 0) return "…";
    std::string out = s.substr(0, next_code_point(s, starts[lo - 1]));
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "…";
}

std::vector<Page> layout(const Dashboard& d, const Measure& m, const PageGeometry& geometry) {
    Flow flow(m, geometry);
    const double width = flow.content_width();
    flow.place(header_block(d, m, width), section_gap);
    for (auto [title, metrics] : {std::pair{title_headline, headline_metrics(d.totals)},
                                  std::pair{title_engagement, engagement_metrics(d.totals)}}) {
        Block h = heading(title, m, width), c = cards(metrics, m, width);
        flow.keep(h.height + c.height);
        flow.place(h);
        flow.place(c, section_gap);
    }
    Block h = heading(title_split, m, width), chart = split_chart(d.totals, m, width);
    flow.keep(h.height + chart.height);
    flow.place(h);
    flow.place(chart, section_gap);
    place_table(flow, attachments_table(d), m);
    place_table(flow, sessions_table(d), m);
    place_table(flow, on_demand_table(d), m);
    return flow.finish(display_name(d.user));
}

} // namespace ar::cli::dashboard
