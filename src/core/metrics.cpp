#include "metrics.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

#include "text.hpp"

namespace ar {

void ReactionTally::add(const Taxonomy& t, std::string_view action, std::optional<std::string_view> label) {
    RoleSet roles = t.roles_of_action(action);
    if (has(roles, Role::view)) ++views;
    if (!has(roles, Role::reaction)) return;
    const Taxonomy::Reaction* r = t.reaction_of(action, label);
    if (r && r->polarity > 0) ++positive;
    if (r && r->polarity < 0) ++negative;
}

std::optional<double> ReactionTally::result() const {
    if (views == 0) return std::nullopt;
    double score = 100.0 * static_cast<double>(positive - negative) / static_cast<double>(views);
    return std::clamp(score, -100.0, 100.0);
}

std::optional<double> find_percentage(std::string_view text) {
    for (std::size_t pct = text.find('%'); pct != std::string_view::npos; pct = text.find('%', pct + 1)) {
        std::size_t end = pct;
        while (end > 0 && is_space(text[end - 1])) --end;
        std::size_t start = end;
        while (start > 0 && (is_digit(text[start - 1]) || text[start - 1] == '.')) --start;
        if (start == end || !is_digit(text[start])) continue;
        double value = 0;
        auto r = std::from_chars(text.data() + start, text.data() + end, value);
        if (r.ec != std::errc() || r.ptr != text.data() + end) continue;
        if (value > 100.0)
            throw std::invalid_argument(fmt::format("percentage {}% in \"{}\" is above 100%", value, excerpt(text)));
        return value;
    }
    return std::nullopt;
}

void WatchTally::add(const Taxonomy& t, std::optional<std::string_view> category, std::string_view action,
                     std::optional<std::string_view> label) {
    if (!has(t.roles_of_action(action), Role::watch_progress)) return;
    std::optional<double> p = category ? find_percentage(*category) : std::nullopt;
    // A label is a percentage only as a whole ("50%"): a video title like "100% real" is not progress.
    std::optional<double> q;
    if (label) {
        std::string_view l = trim(*label);
        if (l.find_first_not_of("0123456789.% ") == std::string_view::npos) q = find_percentage(l);
    }
    if (!p && !q) { ++unmarked; return; }
    max_fraction = std::max({max_fraction, p.value_or(0) / 100.0, q.value_or(0) / 100.0});
}

void WatchTally::combine(const WatchTally& o) {
    max_fraction = std::max(max_fraction, o.max_fraction);
    unmarked += o.unmarked;
}

double WatchTally::result() const { return std::min(1.0, std::max(max_fraction, static_cast<double>(unmarked) / 10.0)); }

} // namespace ar
