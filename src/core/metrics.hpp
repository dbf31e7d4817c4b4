// The small-state metrics of design §5: reaction_score and watched_fraction. Each state is a few
// numbers; add() takes one row, combine() merges partial states, result() finalises.
#pragma once
#include "cpp_only.hpp"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string_view>

#include "placeholder.hpp"
#include "taxonomy.hpp"

namespace ar {

// reaction_score: 100 × (positive − negative) ÷ views, clamped to [-100, 100]; NULL without views.
struct ReactionTally {
    std::int64_t views = 0, positive = 0, negative = 0;

    void add(const Taxonomy& t, std::string_view action, std::optional<std::string_view> label);
    void combine(const ReactionTally& o) { views += o.views; positive += o.positive; negative += o.negative; }
    std::optional<double> result() const;
};

// watched_fraction: the largest explicit percentage among watch-progress events, or 0.1 per
// watch-progress event without one, whichever is larger, capped at 1.
struct WatchTally {
    double max_fraction = 0;    // from explicit percentages
    std::int64_t unmarked = 0;  // watch-progress events without a percentage

    // Throws PercentageError for a written percentage that is not one (find_percentage).
    void add(const Taxonomy& t, std::optional<std::string_view> category, std::string_view action,
             std::optional<std::string_view> label);
    void combine(const WatchTally& o);
    double result() const;
};

// Where a text writes a percentage: the word holding its first '%' sign, with the word before it when
// the sign stands alone ("12.5 %"); empty without a '%'.
std::string_view percentage_word(std::string_view text);

// A word percentage_word found that parse_percentage rejects ("-50%", "1e2%", "50%%", "150%").
struct PercentageError : std::invalid_argument {
    ValueError error; // NotANumber or OutOfRange
    PercentageError(ValueError e, std::string_view word, std::string_view text);
};

// The percentage a text writes ("YouTube 50%", "12.5 %"), by the one rule of parse_percentage (the rule
// of a [percentage] placeholder too), or nullopt when the text has no '%'. Throws PercentageError.
std::optional<double> find_percentage(std::string_view text);

} // namespace ar
