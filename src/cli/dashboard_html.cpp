#include "cli/dashboard_html.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

namespace ar::cli::dashboard {

namespace {

constexpr std::string_view style = R"(
:root { color-scheme: light; --ink: #21262e; --muted: #656d7a; --accent: #2663d9; --card: #f2f4f7; --rule: #cdd1d9; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink); font: 15px/1.45 "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 32px 24px 48px; }
.kicker { margin: 0; color: var(--accent); font-weight: bold; font-size: 13px; }
h1 { margin: 4px 0; font-size: 30px; overflow-wrap: anywhere; }
.sub { margin: 0 0 16px; color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
h2 { margin: 28px 0 10px; font-size: 17px; }
dl { margin: 0; }
dt { color: var(--muted); font-size: 12px; }
dd { margin: 0; overflow-wrap: anywhere; }
.details { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px;
           padding-bottom: 16px; border-bottom: 1px solid var(--rule); }
.details dd { font-weight: bold; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; }
.cards > div { background: var(--card); border-radius: 8px; padding: 12px; }
.cards dd { font-size: 26px; font-weight: bold; font-variant-numeric: tabular-nums; }
.notice { margin: 16px 0 0; padding: 10px 14px; border-radius: 6px; background: #fff2d1; color: #6b4d05; font-weight: bold; }
.empty { color: var(--muted); }
svg { width: 100%; max-width: 720px; height: auto; display: block; }
svg text { font-size: 14px; fill: var(--ink); }
svg .value { font-weight: bold; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
thead { display: table-header-group; }
th { background: #e6eaf1; font-weight: normal; font-size: 12px; text-align: left; vertical-align: bottom; padding: 6px 8px; }
td { padding: 6px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; overflow-wrap: anywhere; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; min-width: 2.6em; margin-right: 6px; padding: 1px 4px; border-radius: 3px; color: #fff;
         background: #6b7380; font-size: 10px; font-weight: bold; text-align: center; vertical-align: 1px; }
.badge.pdf { background: #c7332e; } .badge.doc { background: #2b66bf; } .badge.sheet { background: #1f8547; }
.badge.slides { background: #d16b14; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@media print { main { padding: 0; } tr { break-inside: avoid; } h2 { break-after: avoid; } }
)";

const char* split_colors[] = {"#2663d9", "#8c54c7", "#179485"};

std::string badge_class(std::string_view badge) {
    if (badge == "PDF") return "pdf";
    if (badge == "DOC" || badge == "DOCX" || badge == "ODT" || badge == "TXT") return "doc";
    if (badge == "XLS" || badge == "XLSX" || badge == "CSV" || badge == "ODS") return "sheet";
    if (badge == "PPT" || badge == "PPTX" || badge == "KEY" || badge == "ODP") return "slides";
    return "other";
}

void metric_cards(std::string& out, std::string_view title, const std::vector<Metric>& metrics) {
    out += fmt::format("<section>\n<h2>{}</h2>\n<dl class=\"cards\">\n", html_escape(title));
    for (auto& m : metrics)
        out += fmt::format("<div><dt>{}</dt><dd>{}</dd></div>\n", html_escape(m.label), html_escape(m.value));
    out += "</dl>\n</section>\n";
}

// (12)-(14): one horizontal bar per kind, scaled to the largest, the minutes at the right.
void split_chart(std::string& out, const Totals& totals) {
    auto shares = viewing_split(totals);
    double largest = 0;
    for (auto& s : shares) largest = std::max(largest, s.minutes);
    std::string summary;
    for (auto& s : shares) summary += fmt::format("{}{}: {}", summary.empty() ? "" : ", ", s.label, s.value);
    const int row = 34, bar_x = 180, bar_width = 440, height = row * static_cast<int>(shares.size());
    out += fmt::format("<section>\n<h2>{}</h2>\n", html_escape(title_split));
    out += fmt::format("<svg viewBox=\"0 0 720 {}\" role=\"img\" aria-label=\"{}\">\n"
                       "<title>{}</title>\n", height, html_escape(summary), html_escape(summary));
    for (std::size_t i = 0; i < shares.size(); ++i) {
        int middle = static_cast<int>(i) * row + row / 2;
        double filled = largest > 0 && shares[i].minutes > 0 ? std::max(2.0, bar_width * shares[i].minutes / largest) : 0;
        out += fmt::format("<rect x=\"0\" y=\"{}\" width=\"12\" height=\"12\" rx=\"2\" fill=\"{}\"/>", middle - 6, split_colors[i]);
        out += fmt::format("<text x=\"20\" y=\"{}\">{}</text>", middle + 5, html_escape(shares[i].label));
        out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"14\" rx=\"3\" fill=\"#f2f4f7\"/>", bar_x, middle - 7, bar_width);
        if (filled > 0)
            out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"14\" rx=\"3\" fill=\"{}\"/>", bar_x, middle - 7,
                               filled, split_colors[i]);
        out += fmt::format("<text class=\"value\" x=\"720\" y=\"{}\" text-anchor=\"end\">{}</text>\n", middle + 5,
                           html_escape(shares[i].value));
    }
    out += "</svg>\n</section>\n";
}

void table(std::string& out, const Table& t) {
    out += fmt::format("<section>\n<h2>{}</h2>\n", html_escape(t.title));
    if (t.rows.empty()) {
        out += fmt::format("<p class=\"empty\">{}</p>\n</section>\n", html_escape(t.empty_text));
        return;
    }
    out += "<table>\n<thead><tr>";
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        out += fmt::format("<th{}>{}</th>", t.numeric[c] ? " class=\"num\"" : "", html_escape(t.columns[c]));
    out += "</tr></thead>\n<tbody>\n";
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        out += "<tr>";
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            std::string badge;
            if (c == 0 && r < t.badges.size())
                badge = fmt::format("<span class=\"badge {}\">{}</span>", badge_class(t.badges[r]), html_escape(t.badges[r]));
            out += fmt::format("<td{}>{}{}</td>", t.numeric[c] ? " class=\"num\"" : "", badge, html_escape(t.rows[r][c]));
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n</section>\n";
}

} // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string render_html(const Dashboard& d) {
    std::string name = display_name(d.user);
    std::string out = fmt::format("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                                  "<title>{}: {}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
                                  html_escape(title_kicker), html_escape(name), style);
    out += fmt::format("<header>\n<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<p class=\"sub\">User ID {} · {}</p>\n",
                       html_escape(title_kicker), html_escape(name), html_escape(clean_text(d.user.user_id)),
                       html_escape(period_text(d.period)));
    out += "<dl class=\"details\">\n";
    for (auto& m : user_details(d.user))
        out += fmt::format("<div><dt>{}</dt><dd>{}</dd></div>\n", html_escape(m.label), html_escape(m.value));
    out += "</dl>\n";
    if (!has_activity(d)) out += fmt::format("<p class=\"notice\">{}</p>\n", html_escape(no_activity_text));
    out += "</header>\n";
    metric_cards(out, title_headline, headline_metrics(d.totals));
    metric_cards(out, title_engagement, engagement_metrics(d.totals));
    split_chart(out, d.totals);
    table(out, attachments_table(d));
    table(out, sessions_table(d));
    table(out, on_demand_table(d));
    out += "<footer>Made by activity-report from the reports user_analytics, user_sessions, user_on_demand and "
           "user_attachments; minutes and rates rounded to one decimal.</footer>\n</main>\n</body>\n</html>\n";
    return out;
}

} // namespace ar::cli::dashboard
