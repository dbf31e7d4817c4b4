#include "taxonomy.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace ar {

std::string_view field_name(Field f) {
    switch (f) {
    case Field::occurred_at: return "occurred_at";
    case Field::user_id: return "user_id";
    case Field::vocabulary: return "vocabulary";
    case Field::category: return "category";
    case Field::action: return "action";
    case Field::label: return "label";
    }
    return "";
}

namespace {

bool more_specific(const Taxonomy::Kind* a, const Taxonomy::Kind* b) {
    return a->specificity != b->specificity ? a->specificity > b->specificity : a->id < b->id;
}

std::string kind_title(const Taxonomy::Kind& k) { return fmt::format("{} / {}", k.section, k.name); }

bool blank(const std::optional<std::string_view>& v) { return !v || trim(*v).empty(); }

} // namespace

std::shared_ptr<const Taxonomy> Taxonomy::compile(const std::vector<std::string>& vocabularies,
                                                  const std::vector<KindSpec>& specs,
                                                  const std::vector<ReactionSpec>& reactions) {
    std::shared_ptr<Taxonomy> t(new Taxonomy());
    t->vocabularies_ = vocabularies;
    t->index_.resize(vocabularies.size());
    t->kinds_.reserve(specs.size()); // Kind pointers below stay valid: no reallocation after this

    for (const KindSpec& s : specs) {
        int vocab = t->vocabulary_index(s.vocabulary);
        if (vocab < 0)
            throw std::invalid_argument(fmt::format("activity kind {} names unknown vocabulary \"{}\"", s.id, s.vocabulary));
        RoleSet roles = 0;
        for (const std::string& r : s.roles) {
            auto role = role_from_name(r);
            if (!role) throw std::invalid_argument(fmt::format("activity kind {} has unknown role \"{}\"", s.id, r));
            roles |= bit(*role);
        }
        auto compile = [&](const std::string& pattern, const char* field) {
            try {
                return Pattern::compile(pattern);
            } catch (const PatternError& e) {
                throw std::invalid_argument(fmt::format("activity kind {} ({} / {}), {}_pattern: {}", s.id, s.section, s.name, field, e.what()));
            }
        };
        Kind k{s.id, vocab, s.section, s.name, compile(s.category, "category"), compile(s.action, "action"),
               compile(s.label, "label"), roles, 0};
        k.specificity = k.category.max_literal_chars() + k.action.max_literal_chars() + k.label.max_literal_chars();
        t->kinds_.push_back(std::move(k));
    }

    for (const Kind& k : t->kinds_) {
        t->by_id_.emplace(k.id, &k);
        Vocabulary& v = t->index_[static_cast<std::size_t>(k.vocabulary)];
        std::vector<std::string> keys = k.action.literal_keys();
        if (keys.empty()) v.generic.push_back(&k);
        for (const std::string& key : keys) {
            v.by_action[key].push_back(&k);
            t->action_roles_[key] |= k.roles;
        }
    }
    for (Vocabulary& v : t->index_) {
        std::sort(v.generic.begin(), v.generic.end(), more_specific);
        for (auto& [key, list] : v.by_action) {
            list.insert(list.end(), v.generic.begin(), v.generic.end());
            std::sort(list.begin(), list.end(), more_specific);
            list.erase(std::unique(list.begin(), list.end()), list.end());
        }
    }
    for (const ReactionSpec& r : reactions)
        t->reactions_[normalize(r.name)] = Reaction{r.counts_as.empty() ? r.name : r.counts_as, r.polarity};
    return t;
}

int Taxonomy::vocabulary_index(std::string_view name) const {
    for (std::size_t i = 0; i < vocabularies_.size(); ++i)
        if (vocabularies_[i] == name) return static_cast<int>(i);
    return -1;
}

const std::vector<const Taxonomy::Kind*>& Taxonomy::candidates(int vocabulary, std::string_view action) const {
    const Vocabulary& v = index_[static_cast<std::size_t>(vocabulary)];
    auto it = v.by_action.find(action);
    return it != v.by_action.end() ? it->second : v.generic;
}

const Taxonomy::Kind* Taxonomy::classify(int vocabulary, std::string_view category, std::string_view action,
                                         std::optional<std::string_view> label, Captures& captures) const {
    if (vocabulary < 0 || static_cast<std::size_t>(vocabulary) >= index_.size()) return nullptr;
    std::string_view lab = label.value_or(std::string_view{});
    for (const Kind* k : candidates(vocabulary, action)) {
        captures.clear();
        if (k->action.match(action, captures) == MatchResult::Match &&
            k->category.match(category, captures) == MatchResult::Match &&
            k->label.match(lab, captures) == MatchResult::Match)
            return k;
    }
    captures.clear();
    return nullptr;
}

const Taxonomy::Kind* Taxonomy::kind(int id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : it->second;
}

bool Taxonomy::is_instance(const Kind& k, const EventView& e, std::string_view vocabulary, Captures& captures) const {
    captures.clear();
    if (vocabulary_index(vocabulary) != k.vocabulary || !e.has_occurred_at || blank(e.user_id) || blank(e.category) ||
        blank(e.action))
        return false;
    if (k.action.match(*e.action, captures) == MatchResult::Match && k.category.match(*e.category, captures) == MatchResult::Match &&
        k.label.match(e.label.value_or(std::string_view{}), captures) == MatchResult::Match)
        return true;
    captures.clear();
    return false;
}

const Taxonomy::Kind* Taxonomy::match_action_label(int vocabulary, std::string_view action, std::string_view label) const {
    if (vocabulary < 0 || static_cast<std::size_t>(vocabulary) >= index_.size()) return nullptr;
    Captures captures;
    for (const Kind* k : candidates(vocabulary, action)) {
        captures.clear();
        if (k->action.match(action, captures) == MatchResult::Match && k->label.match(label, captures) == MatchResult::Match)
            return k;
    }
    return nullptr;
}

Problem Taxonomy::diagnose(int vocabulary, std::string_view vocabulary_name, std::string_view category,
                           std::string_view action, std::optional<std::string_view> label) const {
    const auto& cands = candidates(vocabulary, action);
    std::string_view lab = label.value_or(std::string_view{});
    const Kind* label_kind = nullptr;      // category matched, label did not
    std::vector<const Kind*> category_matches;
    ValueFailure label_failure, category_failure;
    const Kind* category_failure_kind = nullptr;
    std::vector<const Kind*> action_matches;
    Captures scratch;
    for (const Kind* k : cands) {
        scratch.clear();
        if (k->action.match(action, scratch) != MatchResult::Match) continue;
        action_matches.push_back(k);
        ValueFailure cf;
        MatchResult c = k->category.match(category, scratch, &cf);
        if (c == MatchResult::BadValue && !category_failure_kind) { category_failure = cf; category_failure_kind = k; }
        if (c != MatchResult::Match) continue;
        category_matches.push_back(k);
        ValueFailure lf;
        if (k->label.match(lab, scratch, &lf) == MatchResult::BadValue && !label_failure) {
            label_failure = lf;
            label_kind = k;
        } else if (!label_kind) {
            label_kind = k;
        }
    }
    auto value_problem = [](Field f, std::string_view value, const Kind& k, const Pattern& p, const ValueFailure& vf) {
        ProblemCode code = vf.error == ValueError::OutOfRange ? ProblemCode::out_of_range
                         : vf.error == ValueError::Empty      ? ProblemCode::missing
                                                               : ProblemCode::bad_value;
        return Problem{f, code, fmt::format("{} \"{}\": {}", field_name(f), excerpt(value), describe(*vf.ph, vf.value, vf.error)),
                       fmt::format("Kind \"{}\" expects {} \"{}\"; [{}] takes a value of type {}.", kind_title(k), field_name(f),
                                   p.source(), vf.ph->name, type_name(vf.ph->type))};
    };
    if (action_matches.empty())
        return Problem{Field::action, ProblemCode::unknown_action,
                       fmt::format("no activity kind of vocabulary \"{}\" has action \"{}\"", vocabulary_name, excerpt(action)),
                       "Check the action's spelling, or add the kind to activity_report.activity_kinds."};
    if (label_kind && label_failure) return value_problem(Field::label, lab, *label_kind, label_kind->label, label_failure);
    if (category_matches.size() > 1) {
        std::string expected;
        for (std::size_t i = 0; i < category_matches.size() && i < 6; ++i)
            expected += fmt::format("{}\"{}\"", i ? ", " : "", category_matches[i]->label.source());
        return Problem{Field::label, ProblemCode::no_match,
                       fmt::format("label \"{}\" matches none of the {} kinds of vocabulary \"{}\" with action \"{}\"",
                                   excerpt(lab), category_matches.size(), vocabulary_name, excerpt(action)),
                       fmt::format("Labels for this action: {}{}.", expected, category_matches.size() > 6 ? ", ..." : "")};
    }
    if (label_kind)
        return Problem{Field::label, ProblemCode::no_match,
                       fmt::format("label \"{}\" does not match kind \"{}\", which expects label \"{}\"", excerpt(lab),
                                   kind_title(*label_kind), label_kind->label.source()),
                       "Fix the label, or add a kind with this label pattern to activity_report.activity_kinds."};
    if (category_failure_kind)
        return value_problem(Field::category, category, *category_failure_kind, category_failure_kind->category, category_failure);
    std::string expected;
    for (std::size_t i = 0; i < action_matches.size() && i < 6; ++i)
        expected += fmt::format("{}\"{}\"", i ? ", " : "", action_matches[i]->category.source());
    return Problem{Field::category, ProblemCode::no_match,
                   fmt::format("category \"{}\" matches no kind of vocabulary \"{}\" with action \"{}\"", excerpt(category),
                               vocabulary_name, excerpt(action)),
                   fmt::format("Categories for this action: {}.", expected)};
}

bool Taxonomy::decided_by_key(const EventView& e) {
    return e.has_occurred_at && !blank(e.user_id) && e.category && e.action;
}

const Taxonomy::Kind* Taxonomy::validate(const EventView& e, std::string_view vocabulary, std::vector<Problem>& out,
                                         Captures* captures) const {
    if (!e.has_occurred_at)
        out.push_back({Field::occurred_at, ProblemCode::missing, "occurred_at is NULL",
                       "Every event needs the time it happened."});
    if (blank(e.user_id))
        out.push_back({Field::user_id, ProblemCode::missing, "user_id is NULL or empty",
                       "Every event needs the user who did it."});
    int vocab = vocabulary_index(vocabulary);
    if (vocab < 0) {
        std::string known;
        for (const auto& v : vocabularies_) known += (known.empty() ? "" : ", ") + v;
        out.push_back({Field::vocabulary, ProblemCode::unknown_vocabulary,
                       fmt::format("unknown vocabulary \"{}\"", excerpt(vocabulary)),
                       fmt::format("Known vocabularies: {}. Add one to activity_report.vocabularies.", known)});
    }
    if (blank(e.category))
        out.push_back({Field::category, ProblemCode::missing, "category is NULL or empty", "Every event needs a category."});
    if (blank(e.action))
        out.push_back({Field::action, ProblemCode::missing, "action is NULL or empty", "Every event needs an action."});
    if (vocab < 0 || blank(e.category) || blank(e.action)) return nullptr;
    Captures scratch;
    const Kind* kind = classify(vocab, *e.category, *e.action, e.label, captures ? *captures : scratch);
    if (!kind) out.push_back(diagnose(vocab, vocabulary, *e.category, *e.action, e.label));
    return out.empty() ? kind : nullptr;
}

RoleSet Taxonomy::roles_of_action(std::string_view action) const {
    // A tiny two-way cache of exact byte strings in front of the normalising hash lookup: slots i and
    // i ^ 1, the most recent in i (a benchmark's Leave and Watch used to evict each other in one slot).
    if (action.size() >= sizeof(RecentAction::bytes)) {
        auto it = action_roles_.find(action);
        return it == action_roles_.end() ? 0 : it->second;
    }
    std::uint64_t h = action.size();
    for (char c : action) h = h * 31u + static_cast<unsigned char>(c);
    std::size_t i = static_cast<std::size_t>((h * 0x9E3779B97F4A7C15ull) >> 60) % recent_actions_.size();
    auto hit = [&](const RecentAction& r) { return r.length == action.size() && std::memcmp(r.bytes, action.data(), action.size()) == 0; };
    if (hit(recent_actions_[i])) return recent_actions_[i].roles;
    if (hit(recent_actions_[i ^ 1])) return recent_actions_[i ^ 1].roles;
    auto it = action_roles_.find(action);
    RoleSet roles = it == action_roles_.end() ? 0 : it->second;
    recent_actions_[i ^ 1] = recent_actions_[i];
    RecentAction& slot = recent_actions_[i];
    std::memcpy(slot.bytes, action.data(), action.size());
    slot.length = static_cast<std::uint8_t>(action.size());
    slot.roles = roles;
    return roles;
}

const Taxonomy::Reaction* Taxonomy::reaction(std::string_view name) const {
    auto it = reactions_.find(name);
    return it == reactions_.end() ? nullptr : &it->second;
}

const Taxonomy::Reaction* Taxonomy::reaction_of(std::string_view action, std::optional<std::string_view> label) const {
    const Reaction* r = label ? reaction(*label) : nullptr;
    return r ? r : reaction(action);
}

std::optional<int> Taxonomy::polarity(std::string_view name) const {
    const Reaction* r = reaction(name);
    if (!r) return std::nullopt;
    return r->polarity;
}

} // namespace ar
