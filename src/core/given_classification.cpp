#include "given_classification.hpp"

namespace ar {

namespace {
bool present(const std::optional<std::string_view>& v) { return v && !trim(*v).empty(); }
} // namespace

GivenJudgement judge_given(const Taxonomy& taxonomy, const EventView& event, std::string_view vocabulary,
                           const GivenClassification& given, Captures& captures) {
    if (given.kind_id) {
        const Taxonomy::Kind* kind = taxonomy.kind(*given.kind_id);
        if (!kind) return {GivenVerdict::keep_as_given, nullptr};
        if (taxonomy.is_instance(*kind, event, vocabulary, captures)) return {GivenVerdict::kind_verified, kind};
        return {};
    }
    // The columns are NOT NULL; empty ones are what accept refuses too.
    if (given.accepted && event.has_occurred_at && present(event.user_id) && present(event.category) && present(event.action))
        return {GivenVerdict::keep_as_given, nullptr};
    return {};
}

} // namespace ar
