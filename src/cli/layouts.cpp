#include "cli/layouts.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/catalogs.hpp"
#include "cli/timestamp.hpp"
#include "core/text.hpp"

namespace ar::cli {

namespace {

struct LayoutInfo {
    Layout layout;
    std::string_view name, vocabulary;
    std::vector<std::pair<std::string_view, Target>> seed_columns;  // the seed's order, with display names
    std::vector<Target> required;
};

const std::vector<LayoutInfo>& layouts() {
    using T = Target;
    static const std::vector<LayoutInfo> all = {
        {Layout::sitewide, "sitewide", "event_platform",
         {{"User ID", T::user_id}, {"First", T::first_name}, {"Last", T::last_name}, {"Company", T::company},
          {"Email", T::email}, {"Category", T::category}, {"Action", T::action}, {"Label", T::label},
          {"Date", T::occurred_at}, {"Content ID", T::content_id}, {"Content Name", T::content_name},
          {"Content Slug", T::content_slug}},
         {T::user_id, T::category, T::action, T::occurred_at}},
        {Layout::exporter, "exporter", "activity_exporter",
         {{"User ID", T::user_id}, {"First", T::first_name}, {"Last", T::last_name}, {"Company", T::company},
          {"Email", T::email}, {"Category", T::category}, {"Action", T::action}, {"Label", T::label},
          {"Date/Time", T::occurred_at}, {"Content ID", T::content_id}, {"Content Name", T::content_name},
          {"Content Slug", T::content_slug}},
         {T::user_id, T::category, T::action, T::occurred_at}},
        {Layout::content_actions, "content-actions", "content_actions",
         {{"Email", T::email}, {"Panorama Name", T::portal}, {"Content Type", T::category},
          {"Content Title", T::content_name}, {"Type", T::action}, {"Source", T::label}, {"Timestamp", T::occurred_at}},
         {T::email, T::category, T::action, T::label, T::occurred_at}},
    };
    return all;
}

const LayoutInfo& info(Layout layout) { return layouts()[static_cast<std::size_t>(layout)]; }

// Header keys of each layout, including common alternative spellings.
std::optional<Target> target_of(Layout layout, std::string_view key) {
    using T = Target;
    static const std::vector<std::pair<std::string_view, T>> who_where = {
        {"userid", T::user_id}, {"user", T::user_id}, {"first", T::first_name}, {"firstname", T::first_name},
        {"last", T::last_name}, {"lastname", T::last_name}, {"company", T::company}, {"email", T::email},
        {"emailaddress", T::email}, {"contentid", T::content_id}, {"contentname", T::content_name},
        {"contentslug", T::content_slug}, {"portal", T::portal}, {"panorama", T::portal},
        {"panoramaname", T::portal}};
    static const std::vector<std::pair<std::string_view, T>> activity = {
        {"category", T::category}, {"action", T::action}, {"label", T::label},
        {"date", T::occurred_at}, {"datetime", T::occurred_at}, {"time", T::occurred_at}, {"occurredat", T::occurred_at},
        {"vocabulary", T::vocabulary}};
    static const std::vector<std::pair<std::string_view, T>> content_actions = {
        {"contenttype", T::category}, {"type", T::action}, {"source", T::label},
        {"contenttitle", T::content_name}, {"timestamp", T::occurred_at}};
    auto find = [&](const auto& table) -> std::optional<T> {
        for (auto& [k, t] : table)
            if (k == key) return t;
        return std::nullopt;
    };
    if (auto t = find(who_where)) return t;
    return find(layout == Layout::content_actions ? content_actions : activity);
}

std::optional<Layout> layout_of_header(const std::vector<std::string>& keys) {
    auto has = [&](std::string_view k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); };
    if (has("type") && has("source") && has("timestamp")) return Layout::content_actions;
    if (has("category") && has("action") && has("datetime")) return Layout::exporter;
    if (has("category") && has("action") && has("date")) return Layout::sitewide;
    return std::nullopt;
}

std::string describe_columns(Layout layout) {
    std::string out;
    for (auto& [name, t] : info(layout).seed_columns) out += (out.empty() ? "" : ", ") + std::string(name);
    return out;
}

} // namespace

std::string_view layout_name(Layout layout) { return info(layout).name; }
std::string_view vocabulary_of(Layout layout) { return info(layout).vocabulary; }

std::optional<Layout> parse_layout(std::string_view name) {
    auto key = header_key(name);
    for (auto& l : layouts())
        if (header_key(l.name) == key || header_key(l.vocabulary) == key) return l.layout;
    if (key == "000") return Layout::sitewide;
    if (key == "001") return Layout::exporter;
    if (key == "002") return Layout::content_actions;
    return std::nullopt;
}

std::string_view target_column(Target target) {
    static constexpr std::string_view names[] = {"occurred_at", "user_id", "first_name", "last_name", "company",
                                                 "email", "category", "action", "label", "content_id",
                                                 "content_name", "content_slug", "portal", "vocabulary"};
    return names[static_cast<std::size_t>(target)];
}

std::string header_key(std::string_view name) {
    std::string key;
    for (char c : name)
        if (ar::is_alnum(c)) key.push_back(ar::fold(c));
    return key;
}

RowMapper::RowMapper(Layout layout, std::vector<std::optional<Target>> slots, std::vector<std::string> names,
                     std::vector<std::string> ignored)
    : layout_(layout), slots_(std::move(slots)), names_(std::move(names)), ignored_(std::move(ignored)) {}

DetectedLayout RowMapper::detect(const std::vector<std::string>& first, std::optional<Layout> forced) {
    DetectedLayout result;
    std::vector<std::string> keys;
    for (auto& f : first) keys.push_back(header_key(ar::trim(f)));
    auto detected = layout_of_header(keys);
    if (!detected && !forced) {
        result.error = fmt::format(
            "cannot tell the layout from the first row ({}); expected the header of a sitewide activity report "
            "({}), a User Activity Exporter report ({}), a Content Actions Log ({}), {}; or give --format",
            ar::excerpt(fmt::format("{}", fmt::join(first, ",")), 160), describe_columns(Layout::sitewide),
            describe_columns(Layout::exporter), describe_columns(Layout::content_actions), describe_catalogs());
        result.no_layout = true;
        return result;
    }
    Layout layout = forced.value_or(*detected);
    if (!detected) {  // forced layout, no header: the seed's column order
        std::vector<std::optional<Target>> slots;
        std::vector<std::string> names;
        for (auto& [name, t] : info(layout).seed_columns) {
            slots.push_back(t);
            names.emplace_back(name);
        }
        result.mapper = RowMapper(layout, std::move(slots), std::move(names), {});
        return result;
    }
    std::vector<std::optional<Target>> slots;
    std::vector<std::string> names, ignored;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        auto t = target_of(layout, keys[i]);
        if (t && std::find(slots.begin(), slots.end(), t) != slots.end()) {
            result.error = fmt::format("column \"{}\" appears twice in the header", ar::excerpt(ar::trim(first[i]), 60));
            return result;
        }
        if (!t && !keys[i].empty()) ignored.emplace_back(ar::trim(first[i]));
        slots.push_back(t);
        names.emplace_back(ar::trim(first[i]));
    }
    for (Target need : info(layout).required) {
        if (std::find(slots.begin(), slots.end(), need) == slots.end()) {
            std::string_view wanted;
            for (auto& [name, t] : info(layout).seed_columns)
                if (t == need) wanted = name;
            result.error = fmt::format("the header has no \"{}\" column, which a {} export needs (columns: {})", wanted,
                                       layout_name(layout), describe_columns(layout));
            return result;
        }
    }
    result.mapper = RowMapper(layout, std::move(slots), std::move(names), std::move(ignored));
    result.first_record_is_header = true;
    return result;
}

void RowMapper::set(StagedRow& out, Target target, std::string_view name, std::string_view raw) const {
    std::string_view value = ar::trim(raw);
    if (value.empty()) return;
    if (!is_clean_text(value)) {
        if (out.problem.empty()) {
            out.problem = fmt::format("{}: not valid UTF-8 text (or contains a NUL byte)", name);
            out.problem_field = target_column(target);
        }
        out[target] = clean_text(value);
        return;
    }
    out[target] = std::string(value);
}

void RowMapper::finish(StagedRow& out) const {
    auto& when = out[Target::occurred_at];
    std::string_view date_name = "date";
    for (std::size_t i = 0; i < slots_.size(); ++i)
        if (slots_[i] == Target::occurred_at) date_name = names_[i];
    if (!out.problem.empty()) return;
    out.problem_field = "occurred_at";
    if (!when) {
        out.problem = fmt::format("{}: missing", date_name);
    } else if (auto canonical = canonical_timestamp(*when)) {
        when = std::move(*canonical);
    } else {
        out.problem = fmt::format("{}: cannot read \"{}\" as a date and time", date_name, ar::excerpt(*when, 80));
    }
}

void RowMapper::map_fields(const std::vector<std::string>& fields, StagedRow& out) const {
    for (auto& v : out.values) v.reset();
    out.problem.clear();
    out.problem_field.clear();
    for (std::size_t i = 0; i < fields.size() && i < slots_.size(); ++i)
        if (slots_[i]) set(out, *slots_[i], names_[i], fields[i]);
    if (fields.size() != slots_.size() && out.problem.empty())
    {
        out.problem = fmt::format("expected {} fields, found {}", slots_.size(), fields.size());
        out.problem_field = "row";
    }
    finish(out);
}

void RowMapper::map_members(const std::vector<std::pair<std::string, std::optional<std::string>>>& members,
                            StagedRow& out) const {
    for (auto& v : out.values) v.reset();
    out.problem.clear();
    out.problem_field.clear();
    for (auto& [key, value] : members)
        if (auto t = target_of(layout_, header_key(key)); t && value) set(out, *t, key, *value);
    finish(out);
}

bool is_clean_text(std::string_view s) {
    std::size_t i = 0, n = s.size();
    // Plain ASCII without NUL, eight bytes at a time (most of an export).
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        if ((w & 0x8080808080808080ull) || ((w - 0x0101010101010101ull) & ~w & 0x8080808080808080ull)) break;
    }
    while (i < n) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == 0) return false;
        if (c < 0x80) { ++i; continue; }
        std::size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
        if (len == 0 || c > 0xF4 || i + len > n) return false;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        auto c1 = static_cast<unsigned char>(s[i + 1]);
        if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90))
            return false;  // overlong, surrogate, or beyond U+10FFFF
        i += len;
    }
    return true;
}

std::string clean_text(std::string_view s) {
    if (is_clean_text(s)) return std::string(s);
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        // Take the longest clean prefix of 1..4 bytes starting here, else one replacement character.
        std::size_t len = 0;
        for (std::size_t k = 1; k <= 4 && i + k <= s.size(); ++k)
            if (is_clean_text(s.substr(i, k))) { len = k; break; }
        if (len) out.append(s.substr(i, len));
        else out.append("\xEF\xBF\xBD");
        i += len ? len : 1;
    }
    return out;
}

} // namespace ar::cli
