// The small-state metrics of design §5: reaction_score and watched_fraction. Each state is a few
// numbers; add() takes one row, combine() merges partial states, result() finalises.
#pragma once
#include "cpp_only.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

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

    // Throws std::invalid_argument when a percentage is above 100%.
    void add(const Taxonomy& t, std::optional<std::string_view> category, std::string_view action,
             std::optional<std::string_view> label);
    void combine(const WatchTally& o);
    double result() const;
};

// The first percentage written in a text ("YouTube 50%", "12.5 %"), or nullopt.
// Throws std::invalid_argument for a percentage above 100.
std::optional<double> find_percentage(std::string_view text);

} // namespace ar
