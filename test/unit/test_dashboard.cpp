// The dashboard document: rounding and text of the model, wrapping and page layout (no text overlaps
// another or leaves its page; long tables continue under a repeated header), the HTML and the PDF.
#include <algorithm>
#include <limits>
#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "cli/dashboard_html.hpp"
#include "cli/dashboard_layout.hpp"
#include "cli/dashboard_model.hpp"
#include "cli/dashboard_pdf.hpp"

using namespace ar::cli::dashboard;

namespace {

// Every code point is half an em wide: widths a test can compute by hand.
class HalfEm : public Measure {
public:
    double width(std::string_view text, Weight, double size) const override {
        double n = 0;
        for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        return n * size / 2;
    }
};

// The curated user of test/cli/dashboard_data.sql, as the four reports return her (values by hand there).
Dashboard dana() {
    Dashboard d;
    d.user = {"dana", "Dana Scully", "Attendee", "R&D <Labs> \"West\"", "Research", "US"};
    d.totals = {117.3, 3, 12200.0 / 270, 2, 3, 2, 2, 1, 2, 77, 18, 22.3};
    d.attachments = {{"notes.docx", "docx", "Design Breakout"}, {"slides.pdf", "pdf", "Opening Keynote"}};
    d.sessions = {{"Opening Keynote", 68, 250.0 / 3, 2, 1, 1, 2, 1},
                  {"Design Breakout", 20, 400.0 / 9, 0, 0, 2, 0, 1},
                  {"Roundtable", 7, 70.0 / 9, 1, 0, 0, 0, 0}};
    d.on_demand = {{"Customer Story", 17.5, 70}, {"Product Tour", 4.800000000000001, 40}};
    return d;
}

Dashboard many_sessions(int n) {
    Dashboard d = dana();
    d.sessions.clear();
    for (int i = 1; i <= n; ++i)
        d.sessions.push_back({fmt::format("Track session {:03}", i), 1.0 + i % 29, (1.0 + i % 29) * 100 / 30, i, 0, 0, 0, 0});
    if (n < 7) return d;
    // A name that needs several lines, and one that is a single unbreakable word.
    d.sessions[5].name = "A very long session name that goes on and on about compilers, linkers, loaders and more";
    d.sessions[6].name = std::string(300, 'W');
    return d;
}

struct Box {
    double left, top, right, bottom;
};
Box box_of(const TextItem& t) {
    return {t.x, t.baseline - ascent_em * t.size, t.x + t.width, t.baseline + descent_em * t.size};
}
bool intersect(const Box& a, const Box& b) {
    constexpr double eps = 0.01;
    return a.left < b.right - eps && b.left < a.right - eps && a.top < b.bottom - eps && b.top < a.bottom - eps;
}

// No two texts of a page overlap, and every text stays inside the page's margins (the footer inside the page).
void expect_clean_pages(const std::vector<Page>& pages, const PageGeometry& g = {}) {
    for (std::size_t p = 0; p < pages.size(); ++p) {
        const auto& texts = pages[p].texts;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            Box a = box_of(texts[i]);
            EXPECT_GE(a.left, g.margin - 0.01) << texts[i].text;
            EXPECT_LE(a.right, g.width - g.margin + 0.01) << texts[i].text;
            EXPECT_GE(a.top, g.margin - 0.01) << texts[i].text;
            EXPECT_LE(a.bottom, g.height - 4) << texts[i].text;
            if (a.bottom > g.height - g.margin) {
                EXPECT_EQ(texts[i].baseline, g.footer_baseline) << texts[i].text;
            }
            for (std::size_t j = i + 1; j < texts.size(); ++j)
                EXPECT_FALSE(intersect(a, box_of(texts[j])))
                    << "page " << p + 1 << ": \"" << texts[i].text << "\" overlaps \"" << texts[j].text << "\"";
        }
    }
}

std::vector<std::string> texts_of(const Page& page) {
    std::vector<std::string> out;
    for (auto& t : page.texts) out.push_back(t.text);
    return out;
}
bool has(const std::vector<std::string>& texts, std::string_view s) { return std::find(texts.begin(), texts.end(), s) != texts.end(); }

std::size_t pdf_pages(const std::string& pdf) {
    std::size_t n = 0;
    for (std::size_t at = pdf.find("/Type /Page"); at != std::string::npos; at = pdf.find("/Type /Page", at + 1))
        n += pdf.compare(at, 12, "/Type /Pages") != 0;
    return n;
}

} // namespace

TEST(DashboardModel, OneDecimalRoundsHalfAwayFromZero) {
    EXPECT_EQ(one_decimal(0), "0.0");
    EXPECT_EQ(one_decimal(117.3), "117.3");
    EXPECT_EQ(one_decimal(4.800000000000001), "4.8");
    EXPECT_EQ(one_decimal(12200.0 / 270), "45.2");  // 45.185...
    EXPECT_EQ(one_decimal(250.0 / 3), "83.3");
    EXPECT_EQ(one_decimal(2.25), "2.3");   // exactly representable: half away from zero, not to even
    EXPECT_EQ(one_decimal(0.05), "0.1");
    EXPECT_EQ(one_decimal(-0.04), "0.0");  // never "-0.0"
    EXPECT_EQ(one_decimal(-2.25), "-2.3");
    EXPECT_EQ(one_decimal(1e6), "1000000.0");
    EXPECT_EQ(one_decimal(std::numeric_limits<double>::quiet_NaN()), "–");
    EXPECT_EQ(one_decimal(std::numeric_limits<double>::infinity()), "–");
}

TEST(DashboardModel, RatesCountsAndMissingValues) {
    EXPECT_EQ(rate_text(250.0 / 3), "83.3%");
    EXPECT_EQ(rate_text(std::nullopt), "–");
    EXPECT_EQ(count_text(1234567), "1234567");
    User u{"u-1", std::nullopt, "Speaker", "", "  ", std::nullopt};
    EXPECT_EQ(display_name(u), "u-1");  // no name: the ID
    auto details = user_details(u);
    ASSERT_EQ(details.size(), 4u);
    EXPECT_EQ(details[0].label, "Role");
    EXPECT_EQ(details[0].value, "Speaker");
    EXPECT_EQ(details[1].value, "–");
    EXPECT_EQ(details[2].value, "–");
    EXPECT_EQ(details[3].value, "–");
    EXPECT_EQ(period_text({}), "All time");
    EXPECT_EQ(period_text({"2026-05-04T11:00:00+00", "2026-05-04T12:00:00+00"}),
              "From 2026-05-04T11:00:00+00 until 2026-05-04T12:00:00+00");
    EXPECT_EQ(period_text({std::nullopt, "2026-05-04T12:00:00+00"}), "Until 2026-05-04T12:00:00+00");
}

TEST(DashboardModel, CleanTextKeepsValidUtf8AndDropsControls) {
    EXPECT_EQ(clean_text("Zoë – 東京 🎉"), "Zoë – 東京 🎉");
    EXPECT_EQ(clean_text("a\tb\nc\x7f" "d"), "a b c d");
    EXPECT_EQ(clean_text(std::string("a\0b", 3)), "a b");
    EXPECT_EQ(clean_text("x\xC2\x85y"), "x y");                     // C1 control NEL
    EXPECT_EQ(clean_text("\xFF"), "\xEF\xBF\xBD");                   // not UTF-8
    EXPECT_EQ(clean_text("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");   // overlong "/"
    EXPECT_EQ(clean_text("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
    EXPECT_EQ(clean_text("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");   // cut short
}

TEST(DashboardModel, SectionsInTheSeedsWords) {
    Dashboard d = dana();
    auto headline = headline_metrics(d.totals);
    ASSERT_EQ(headline.size(), 4u);
    EXPECT_EQ(headline[0].label, "Total minutes viewed");
    EXPECT_EQ(headline[0].value, "117.3");
    EXPECT_EQ(headline[2].value, "45.2%");
    auto engagement = engagement_metrics(d.totals);
    ASSERT_EQ(engagement.size(), 5u);
    EXPECT_EQ(engagement[3].label, "Q&A threads created");
    auto split = viewing_split(d.totals);
    ASSERT_EQ(split.size(), 3u);
    EXPECT_EQ(split[2].label, "Content on demand");
    EXPECT_EQ(split[2].value, "22.3");
    Table sessions = sessions_table(d);
    EXPECT_EQ(sessions.title, "Sessions (3)");
    EXPECT_EQ(sessions.rows[0], (std::vector<std::string>{"Opening Keynote", "68.0", "83.3%", "2", "1", "1", "2", "1"}));
    EXPECT_EQ(sessions.rows[2], (std::vector<std::string>{"Roundtable", "7.0", "7.8%", "1", "0", "0", "0", "0"}));
    double total = 0;
    for (double w : sessions.widths) total += w;
    EXPECT_NEAR(total, 1, 1e-9);
    Table files = attachments_table(d);
    EXPECT_EQ(files.badges, (std::vector<std::string>{"DOCX", "PDF"}));
    EXPECT_EQ(file_badge(std::nullopt), "FILE");
    EXPECT_EQ(file_badge("tar.gz"), "TARG");
    EXPECT_EQ(on_demand_table(d).rows[1], (std::vector<std::string>{"Product Tour", "4.8", "40.0%"}));
    EXPECT_TRUE(has_activity(d));
    Dashboard empty;
    empty.user.user_id = "eve";
    EXPECT_FALSE(has_activity(empty));
}

TEST(DashboardLayout, WrapBreaksAtSpacesThenInsideWords) {
    HalfEm m;  // size 2: one unit per code point
    EXPECT_EQ(wrap("alpha beta gamma", 10, m, Weight::regular, 2, 9), (std::vector<std::string>{"alpha beta", "gamma"}));
    EXPECT_EQ(wrap("abcdefghijkl", 5, m, Weight::regular, 2, 9), (std::vector<std::string>{"abcde", "fghij", "kl"}));
    EXPECT_EQ(wrap("ééééé", 2, m, Weight::regular, 2, 9), (std::vector<std::string>{"éé", "éé", "é"}));  // whole code points
    EXPECT_EQ(wrap("", 5, m, Weight::regular, 2, 9), (std::vector<std::string>{""}));
    auto cut = wrap("one two three four five", 9, m, Weight::regular, 2, 2);
    ASSERT_EQ(cut.size(), 2u);
    EXPECT_EQ(cut[0], "one two");
    EXPECT_EQ(cut[1], "three …");
    EXPECT_EQ(fit("abcdefgh", 5, m, Weight::regular, 2), "abcd…");
    EXPECT_EQ(fit("abc", 5, m, Weight::regular, 2), "abc");
}

TEST(DashboardLayout, OnePageWithoutOverlaps) {
    HalfEm m;
    auto pages = layout(dana(), m);
    ASSERT_EQ(pages.size(), 1u);
    expect_clean_pages(pages);
    auto texts = texts_of(pages[0]);
    for (const char* s : {"Dana Scully", "117.3", "45.2%", "77.0", "18.0", "22.3", "Opening Keynote", "83.3%", "7.8%",
                          "notes.docx", "DOCX", "Customer Story", "70.0%", "Page 1 of 1"})
        EXPECT_TRUE(has(texts, s)) << s;
}

TEST(DashboardLayout, LongSessionListContinuesUnderARepeatedHeader) {
    HalfEm m;
    Dashboard d = many_sessions(120);
    auto pages = layout(d, m);
    ASSERT_GE(pages.size(), 3u);
    expect_clean_pages(pages);
    std::multiset<std::string> seen;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        auto texts = texts_of(pages[p]);
        EXPECT_TRUE(has(texts, fmt::format("Page {} of {}", p + 1, pages.size())));
        bool rows_here = false;
        for (auto& t : texts)
            if (t.starts_with("Track session ")) seen.insert(t), rows_here = true;
        if (p > 0 && rows_here) {
            EXPECT_TRUE(has(texts, "Sessions (120), continued")) << "page " << p + 1;
            EXPECT_TRUE(has(texts, "Session name")) << "page " << p + 1;
        }
    }
    for (int i = 1; i <= 120; ++i) {
        if (i == 6 || i == 7) continue;  // renamed
        EXPECT_EQ(seen.count(fmt::format("Track session {:03}", i)), 1u) << i;
    }
}

TEST(DashboardLayout, EmptyDashboardSaysSo) {
    HalfEm m;
    Dashboard d;
    d.user = {"eve", "Eve Moneypenny", "Speaker", "MI6", std::nullopt, "GB"};
    auto pages = layout(d, m);
    ASSERT_EQ(pages.size(), 1u);
    expect_clean_pages(pages);
    auto texts = texts_of(pages[0]);
    std::string all;
    for (auto& t : texts) all += t + " ";
    EXPECT_NE(all.find("No activity in this period"), std::string::npos);
    EXPECT_TRUE(has(texts, "No sessions attended in this period."));
}

TEST(DashboardPdf, RealFontMetricsNeverOverlap) {
    auto m = font_measure();
    EXPECT_GT(m->width("Dana", Weight::bold, 10), m->width("Dana", Weight::regular, 10) * 0.9);
    EXPECT_NEAR(m->width("abc", Weight::regular, 20), 2 * m->width("abc", Weight::regular, 10), 1e-6);  // unhinted
    expect_clean_pages(layout(dana(), *m));
    Dashboard big = many_sessions(90);
    big.user.name = std::string(400, 'M');
    big.user.company = "A company name far too long for its column, repeated: a company name far too long";
    big.totals.total_minutes = 123456789.25;
    expect_clean_pages(layout(big, *m));
}

TEST(DashboardPdf, OnePdfPagePerLayoutPage) {
    auto m = font_measure();
    for (int n : {3, 90}) {
        Dashboard d = many_sessions(n);
        std::string pdf = render_pdf(d);
        EXPECT_TRUE(pdf.starts_with("%PDF-"));
        EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
        EXPECT_EQ(pdf_pages(pdf), layout(d, *m).size());
    }
}

TEST(DashboardHtml, SelfContainedAndEscaped) {
    Dashboard d = dana();
    d.sessions[0].name = "<script>alert('x')</script> & co";
    std::string html = render_html(d);
    EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
    EXPECT_NE(html.find("<svg"), std::string::npos);
    EXPECT_NE(html.find("R&amp;D &lt;Labs&gt; &quot;West&quot;"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"), std::string::npos);
    for (const char* banned : {"<script", "src=", "href=", "url(", "@import", "http:", "https:", "<link", "<img"})
        EXPECT_EQ(html.find(banned), std::string::npos) << banned;
    for (const char* value : {"<dd>117.3</dd>", "<dd>45.2%</dd>", "<dd>3</dd>", "<td class=\"num\">68.0</td>",
                              "<td class=\"num\">83.3%</td>", "<td class=\"num\">4.8</td>", ">22.3</text>",
                              "<span class=\"badge pdf\">PDF</span>slides.pdf"})
        EXPECT_NE(html.find(value), std::string::npos) << value;
    EXPECT_EQ(html.find("No activity"), std::string::npos);
    Dashboard empty;
    empty.user.user_id = "eve";
    std::string nothing = render_html(empty);
    EXPECT_NE(nothing.find("No activity in this period"), std::string::npos);
    EXPECT_NE(nothing.find("No sessions attended in this period."), std::string::npos);
}
