#include "cli/dashboard_pdf.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <stdexcept>
#include <utility>

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <fmt/format.h>

namespace ar::cli::dashboard {

namespace {

// The two faces, loaded from their files once per process (not through fontconfig, so the layout measures
// exactly the font that is embedded). They live as long as the process: cairo caches faces internally.
class Fonts {
public:
    static const Fonts& get() {
        static Fonts fonts;
        return fonts;
    }
    cairo_font_face_t* face(Weight w) const { return faces_[w == Weight::bold ? 1 : 0]; }

private:
    Fonts() {
        if (FT_Init_FreeType(&library_) != 0) throw std::runtime_error("cannot initialise FreeType");
        const char* files[] = {regular_font_file, bold_font_file};
        for (int i = 0; i < 2; ++i) {
            FT_Face ft = nullptr;
            if (FT_New_Face(library_, files[i], 0, &ft) != 0)
                throw std::runtime_error(fmt::format("cannot load the font {} (install Debian's fonts-dejavu-core)", files[i]));
            faces_[i] = cairo_ft_font_face_create_for_ft_face(ft, 0);
            static const cairo_user_data_key_t key{};
            cairo_font_face_set_user_data(faces_[i], &key, ft, [](void* p) { FT_Done_Face(static_cast<FT_Face>(p)); });
        }
    }
    FT_Library library_ = nullptr;
    cairo_font_face_t* faces_[2] = {nullptr, nullptr};
};

// Unhinted metrics: advances scale linearly with the size, the same on every surface.
cairo_font_options_t* font_options() {
    static cairo_font_options_t* options = [] {
        auto* o = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
        return o;
    }();
    return options;
}

class CairoMeasure : public Measure {
public:
    ~CairoMeasure() override {
        for (auto& [key, font] : scaled_) cairo_scaled_font_destroy(font);
    }
    double width(std::string_view text, Weight weight, double size) const override {
        cairo_text_extents_t extents;
        std::string s(text);
        cairo_scaled_font_text_extents(scaled(weight, size), s.c_str(), &extents);
        return extents.x_advance;
    }

private:
    cairo_scaled_font_t* scaled(Weight weight, double size) const {
        auto key = std::pair{weight == Weight::bold, size};
        auto it = scaled_.find(key);
        if (it != scaled_.end()) return it->second;
        cairo_matrix_t font_matrix, identity;
        cairo_matrix_init_scale(&font_matrix, size, size);
        cairo_matrix_init_identity(&identity);
        auto* font = cairo_scaled_font_create(Fonts::get().face(weight), &font_matrix, &identity, font_options());
        if (cairo_scaled_font_status(font) != CAIRO_STATUS_SUCCESS)
            throw std::runtime_error(fmt::format("cairo: {}", cairo_status_to_string(cairo_scaled_font_status(font))));
        return scaled_.emplace(key, font).first->second;
    }
    mutable std::map<std::pair<bool, double>, cairo_scaled_font_t*> scaled_;
};

void set_color(cairo_t* cr, const Rgb& c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

void rounded_rectangle(cairo_t* cr, const RectItem& r) {
    double radius = std::min({r.radius, r.w / 2, r.h / 2});
    if (radius <= 0) {
        cairo_rectangle(cr, r.x, r.y, r.w, r.h);
        return;
    }
    constexpr double quarter = 1.5707963267948966;
    cairo_new_sub_path(cr);
    cairo_arc(cr, r.x + r.w - radius, r.y + radius, radius, -quarter, 0);
    cairo_arc(cr, r.x + r.w - radius, r.y + r.h - radius, radius, 0, quarter);
    cairo_arc(cr, r.x + radius, r.y + r.h - radius, radius, quarter, 2 * quarter);
    cairo_arc(cr, r.x + radius, r.y + radius, radius, 2 * quarter, 3 * quarter);
    cairo_close_path(cr);
}

struct Painter {
    cairo_t* cr;
    void operator()(const TextItem& t) const {
        cairo_set_font_face(cr, Fonts::get().face(t.weight));
        cairo_set_font_size(cr, t.size);
        set_color(cr, t.color);
        cairo_move_to(cr, t.x, t.baseline);
        cairo_show_text(cr, t.text.c_str());
    }
    void operator()(const RectItem& r) const {
        set_color(cr, r.fill);
        rounded_rectangle(cr, r);
        cairo_fill(cr);
    }
    void operator()(const LineItem& l) const {
        set_color(cr, l.color);
        cairo_set_line_width(cr, l.width);
        cairo_move_to(cr, l.x1, l.y1);
        cairo_line_to(cr, l.x2, l.y2);
        cairo_stroke(cr);
    }
};

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

} // namespace

std::unique_ptr<Measure> font_measure() {
    Fonts::get();  // a missing font file fails here, before any drawing
    return std::make_unique<CairoMeasure>();
}

std::string draw_pdf(const std::vector<Page>& pages, const std::string& title, const PageGeometry& geometry) {
    std::string out;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &out, geometry.width, geometry.height);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "activity-report dashboard");
    cairo_t* cr = cairo_create(surface);
    cairo_set_font_options(cr, font_options());
    for (auto& page : pages) {
        Painter paint{cr};
        for (auto& r : page.rects) paint(r);
        for (auto& l : page.lines) paint(l);
        for (auto& t : page.texts) paint(t);
        cairo_show_page(cr);
    }
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error(fmt::format("cairo: {}", cairo_status_to_string(status)));
    return out;
}

std::string render_pdf(const Dashboard& d) {
    auto measure = font_measure();
    return draw_pdf(layout(d, *measure), fmt::format("{}: {}", title_kicker, display_name(d.user)), {});
}

} // namespace ar::cli::dashboard
