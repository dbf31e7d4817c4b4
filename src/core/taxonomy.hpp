// The compiled taxonomy: every activity kind's patterns, indexed by vocabulary and action so that
// classifying an event looks at a handful of candidates. Built once per backend from the taxonomy tables.
#pragma once
#include "cpp_only.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pattern.hpp"
#include "roles.hpp"
#include "text.hpp"

namespace ar {

struct KindSpec {
    int id = 0;
    std::string vocabulary, section, name;
    std::string category, action, label; // patterns
    std::vector<std::string> roles;
};

struct ReactionSpec {
    std::string name;
    int polarity = 0;
    std::string counts_as; // the reaction it is a spelling of (reaction_types.counts_as); empty: itself
};

// The fields of activity_event that validation reads; nullopt stands for SQL NULL.
struct EventView {
    bool has_occurred_at = true;
    std::optional<std::string_view> user_id, category, action, label;
};

enum class Field { occurred_at, user_id, vocabulary, category, action, label };
std::string_view field_name(Field f);

enum class ProblemCode {
    missing,            // a required field is NULL or empty
    unknown_vocabulary,
    unknown_action,     // no kind of the vocabulary has this action
    no_match,           // the action is known but the category or label matches none of its kinds
    bad_value,          // a typed placeholder's value is malformed
    out_of_range,       // a typed placeholder's value is outside its range
    archived_day,       // the event's UTC day is archived: its raw events were dropped, its rollups are final
};

struct Problem {
    Field field;
    ProblemCode code;
    std::string message; // names the offending value
    std::string hint;
};

class Taxonomy {
public:
    struct Kind {
        int id;
        int vocabulary;
        std::string section, name;
        Pattern category, action, label;
        RoleSet roles;
        int specificity; // literal characters; the most specific matching kind wins
    };

    // Throws std::invalid_argument naming the offending kind (bad pattern, unknown role or vocabulary).
    static std::shared_ptr<const Taxonomy> compile(const std::vector<std::string>& vocabularies,
                                                   const std::vector<KindSpec>& kinds,
                                                   const std::vector<ReactionSpec>& reactions);

    int vocabulary_index(std::string_view name) const; // -1 when unknown
    const std::vector<std::string>& vocabularies() const { return vocabularies_; }
    std::size_t kind_count() const { return kinds_.size(); }

    // The most specific kind whose three patterns match, or nullptr. `captures` receives the placeholders.
    const Kind* classify(int vocabulary, std::string_view category, std::string_view action,
                         std::optional<std::string_view> label, Captures& captures) const;

    // The kind with this id, or nullptr.
    const Kind* kind(int id) const;
    // Whether an event is a valid instance of this kind (its vocabulary, time, user and all three patterns);
    // `captures` receives the placeholders. Not necessarily the kind classify() picks: a more specific one
    // may have been added since.
    bool is_instance(const Kind& kind, const EventView& event, std::string_view vocabulary, Captures& captures) const;

    // The most specific kind whose action and label patterns match, whatever the category (seed 002's
    // "is this Source allowed for this Type" question).
    const Kind* match_action_label(int vocabulary, std::string_view action, std::string_view label) const;

    // Every problem of an event, appended to `out`; none when it is valid. Returns the kind it classifies
    // as (nullptr when invalid), its placeholders in `captures` when given.
    const Kind* validate(const EventView& event, std::string_view vocabulary, std::vector<Problem>& out,
                         Captures* captures = nullptr) const;
    // Whether validate()'s verdict on this event (kind, captures, problems) depends on its vocabulary,
    // category, action and label alone: its time and user are present, and the key parts are not NULL.
    static bool decided_by_key(const EventView& event);

    // Union of the roles of every kind (all vocabularies) whose action pattern is this literal action.
    // Remembers the last few actions asked for (aggregates ask for the same handful on every row); not
    // thread-safe, like everything in a PostgreSQL backend.
    RoleSet roles_of_action(std::string_view action) const;
    struct Reaction {
        std::string counts_as; // the reaction's name as the reports count it
        int polarity;
    };
    // The known reaction of this name (case-insensitive), or nullptr.
    const Reaction* reaction(std::string_view name) const;
    // The reaction an event names (design §5): its label when that names a known reaction, else its action
    // (a thumbs-up "Like" action counts as Like); nullptr when neither does. The one rule, used by
    // reaction_score and, through activity_report.reaction_of(), by the reports.
    const Reaction* reaction_of(std::string_view action, std::optional<std::string_view> label) const;
    // Polarity of a reaction name, or nullopt when it names no known reaction.
    std::optional<int> polarity(std::string_view name) const;

private:
    Taxonomy() = default;
    using ByAction = std::unordered_map<std::string, std::vector<const Kind*>, NormalizedHash, NormalizedEqual>;
    struct Vocabulary {
        ByAction by_action; // literal action -> its kinds and the generic ones, most specific first
        std::vector<const Kind*> generic; // action pattern has a placeholder
    };
    const std::vector<const Kind*>& candidates(int vocabulary, std::string_view action) const;
    Problem diagnose(int vocabulary, std::string_view vocabulary_name, std::string_view category,
                     std::string_view action, std::optional<std::string_view> label) const;

    std::vector<std::string> vocabularies_;
    std::vector<Kind> kinds_;
    std::unordered_map<int, const Kind*> by_id_;
    std::vector<Vocabulary> index_;
    std::unordered_map<std::string, RoleSet, NormalizedHash, NormalizedEqual> action_roles_;
    struct RecentAction {
        char bytes[24];
        std::uint8_t length = 0xff; // 0xff: empty slot
        RoleSet roles = 0;
    };
    mutable std::array<RecentAction, 16> recent_actions_{};
    std::unordered_map<std::string, Reaction, NormalizedHash, NormalizedEqual> reactions_;
};

} // namespace ar
