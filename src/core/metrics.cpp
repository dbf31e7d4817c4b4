#include "metrics.hpp"

#include <algorithm>
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

std::string_view percentage_word(std::string_view text) {
    std::size_t sign = text.find('%');
    if (sign == std::string_view::npos) return {};
    std::size_t start = sign, end = sign;
    while (end < text.size() && !is_space(text[end])) ++end;
    while (start > 0 && !is_space(text[start - 1])) --start;
    if (start == sign) { // "12.5 %": the number is the word before
        std::size_t b = start;
        while (b > 0 && is_space(text[b - 1])) --b;
        if (b > 0) {
            start = b;
            while (start > 0 && !is_space(text[start - 1])) --start;
        }
    }
    return text.substr(start, end - start);
}

PercentageError::PercentageError(ValueError e, std::string_view word, std::string_view text)
    : std::invalid_argument(fmt::format("percentage {} in \"{}\" is {}", excerpt(word), excerpt(text),
                                        e == ValueError::OutOfRange ? "above 100%" : "not a number from 0% to 100%")),
      error(e) {}

std::optional<double> find_percentage(std::string_view text) {
    std::string_view word = percentage_word(text);
    if (word.empty()) return std::nullopt;
    double value = 0;
    ValueError e = parse_percentage(word, value);
    if (e != ValueError::None) throw PercentageError(e, word, text);
    return value;
}

void WatchTally::add(const Taxonomy& t, std::optional<std::string_view> category, std::string_view action,
                     std::optional<std::string_view> label) {
    if (!has(t.roles_of_action(action), Role::watch_progress)) return;
    std::optional<double> p = category ? find_percentage(*category) : std::nullopt;
    // A label is a percentage only as a whole ("50%"): a video title like "100% real" is not progress.
    std::optional<double> q;
    if (label) {
        std::string_view l = trim(*label);
        if (percentage_word(l).size() == l.size() && !l.empty()) q = find_percentage(l);
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
