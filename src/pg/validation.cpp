// SQL surface of validation (design §4): classify, validate_event, is_valid_event,
// validate_content_action, check_pattern; and reaction_of, the taxonomy's reaction rule for the reports.
#include "core/json.hpp"
#include "core/pattern.hpp"
#include "pg/convert.hpp"
#include "pg/taxonomy_cache.hpp"

#include "pg/boundary.hpp"

extern "C" {
#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/tuplestore.h"
PG_FUNCTION_INFO_V1(ar_classify);
PG_FUNCTION_INFO_V1(ar_validate_event);
PG_FUNCTION_INFO_V1(ar_is_valid_event);
PG_FUNCTION_INFO_V1(ar_validate_content_action);
PG_FUNCTION_INFO_V1(ar_check_pattern);
PG_FUNCTION_INFO_V1(ar_reaction_of);
}

namespace {

using namespace ar;
using namespace ar::pg;

constexpr const char* content_actions_vocabulary = "content_actions";

Datum text_array(const std::vector<std::string_view>& items) {
    std::vector<Datum> datums;
    datums.reserve(items.size());
    for (std::string_view s : items) datums.push_back(text_datum(s));
    return pg_call([&] {
        return PointerGetDatum(construct_array(datums.data(), static_cast<int>(datums.size()), TEXTOID, -1, false, TYPALIGN_INT));
    });
}

// activity_event fields, by position (the type is ours: occurred_at, user_id, category, action, label, ...).
EventView event_view(HeapTupleHeader row) {
    EventView e;
    auto field = [&](int attno) -> std::optional<std::string_view> {
        bool isnull = false;
        Datum d = pg_call([&] { return GetAttributeByNum(row, static_cast<AttrNumber>(attno), &isnull); });
        if (isnull) return std::nullopt;
        return text_view(d);
    };
    bool isnull = false;
    pg_call([&] { GetAttributeByNum(row, 1, &isnull); });
    e.has_occurred_at = !isnull;
    e.user_id = field(2);
    e.category = field(3);
    e.action = field(4);
    e.label = field(5);
    return e;
}

std::vector<Problem> validate_args(FunctionCallInfo fcinfo) {
    std::vector<Problem> problems;
    std::optional<std::string_view> vocabulary = text_arg(fcinfo, 1);
    if (PG_ARGISNULL(0)) {
        problems.push_back({Field::occurred_at, ProblemCode::missing, "the event is NULL", "Pass an activity_report.activity_event value."});
        return problems;
    }
    HeapTupleHeader row = pg_call([&] { return PG_GETARG_HEAPTUPLEHEADER(0); });
    current_taxonomy()->validate(event_view(row), vocabulary.value_or(std::string_view{}), problems);
    return problems;
}

} // namespace

// classify(vocabulary, category, action, label) -> at most one row (kind_id, section, name, roles, details)
extern "C" Datum ar_classify(PG_FUNCTION_ARGS) {
    return boundary([&] {
        pg_call([&] { InitMaterializedSRF(fcinfo, 0); });
        auto vocabulary = text_arg(fcinfo, 0), category = text_arg(fcinfo, 1), action = text_arg(fcinfo, 2);
        auto label = text_arg(fcinfo, 3);
        if (!vocabulary || !category || !action) return Datum(0);
        auto taxonomy = current_taxonomy();
        Captures captures;
        const Taxonomy::Kind* kind =
            taxonomy->classify(taxonomy->vocabulary_index(*vocabulary), *category, *action, label, captures);
        if (!kind) return Datum(0);
        std::vector<std::string_view> roles;
        for (int r = 0; r < static_cast<int>(Role::count_); ++r)
            if (has(kind->roles, static_cast<Role>(r))) roles.push_back(role_name(static_cast<Role>(r)));
        Datum values[5] = {Int32GetDatum(kind->id), text_datum(kind->section), text_datum(kind->name), text_array(roles),
                           details_jsonb(captures)};
        bool nulls[5] = {false, false, false, false, false};
        auto* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
        pg_call([&] { tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls); });
        return Datum(0);
    });
}

// validate_event(event, vocabulary) -> (field, problem, hint) per problem
extern "C" Datum ar_validate_event(PG_FUNCTION_ARGS) {
    return boundary([&] {
        pg_call([&] { InitMaterializedSRF(fcinfo, 0); });
        std::vector<Problem> problems = validate_args(fcinfo);
        auto* rsinfo = reinterpret_cast<ReturnSetInfo*>(fcinfo->resultinfo);
        for (const Problem& p : problems) {
            Datum values[3] = {text_datum(field_name(p.field)), text_datum(p.message), text_datum(p.hint)};
            bool nulls[3] = {false, false, false};
            pg_call([&] { tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls); });
        }
        return Datum(0);
    });
}

extern "C" Datum ar_is_valid_event(PG_FUNCTION_ARGS) {
    return boundary([&] { return BoolGetDatum(validate_args(fcinfo).empty()); });
}

// validate_content_action(type, source): is this Source documented for this Type (seed 002)?
extern "C" Datum ar_validate_content_action(PG_FUNCTION_ARGS) {
    return boundary([&] {
        auto taxonomy = current_taxonomy();
        int vocabulary = taxonomy->vocabulary_index(content_actions_vocabulary);
        if (vocabulary < 0)
            throw SqlError(ERRCODE_UNDEFINED_OBJECT, "vocabulary \"content_actions\" does not exist",
                           {}, "Restore its row in activity_report.vocabularies.");
        return BoolGetDatum(taxonomy->match_action_label(vocabulary, *text_arg(fcinfo, 0), *text_arg(fcinfo, 1)) != nullptr);
    });
}

// reaction_of(action, label): the reaction an event names, as the reports count it (reaction_types), or NULL.
extern "C" Datum ar_reaction_of(PG_FUNCTION_ARGS) {
    return boundary([&] {
        std::optional<std::string_view> action = text_arg(fcinfo, 0), label = text_arg(fcinfo, 1);
        const Taxonomy::Reaction* r = action ? taxonomy().reaction_of(*action, label) : nullptr;
        if (!r) {
            fcinfo->isnull = true;
            return Datum(0);
        }
        return text_datum(r->counts_as);
    });
}

// check_pattern(pattern): true, or an error saying what is wrong (used by CHECK constraints).
extern "C" Datum ar_check_pattern(PG_FUNCTION_ARGS) {
    return boundary([&] {
        std::string_view pattern = *text_arg(fcinfo, 0);
        try {
            Pattern::compile(pattern);
        } catch (const PatternError& e) {
            throw SqlError(ERRCODE_INVALID_PARAMETER_VALUE, e.what(), {},
                           "Write literal words as they appear, [Placeholder] for a value, N/A for an empty value, "
                           "and | between alternatives.");
        }
        return BoolGetDatum(true);
    });
}
