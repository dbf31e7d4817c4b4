// SQL surface of the metric aggregates (design §5): minutes_viewed, engagement_rate (presence
// intervals), reaction_score and watched_fraction. States are internal, with combine, serialize and
// deserialize functions so the aggregates run in parallel plans; the serialized form is the stored
// summary type of summaries.cpp. The rules live in src/core/presence*.hpp and src/core/metrics.hpp.
#include "pg/convert.hpp"
#include "pg/metric_states.hpp"
#include "pg/taxonomy_cache.hpp"

#include "pg/boundary.hpp"
#include "pg/context_resource.hpp"

extern "C" {
PG_FUNCTION_INFO_V1(ar_presence_minutes_sfunc);
PG_FUNCTION_INFO_V1(ar_presence_engagement_sfunc);
PG_FUNCTION_INFO_V1(ar_presence_combine);
PG_FUNCTION_INFO_V1(ar_presence_serialize);
PG_FUNCTION_INFO_V1(ar_presence_deserialize);
PG_FUNCTION_INFO_V1(ar_minutes_viewed_final);
PG_FUNCTION_INFO_V1(ar_engagement_rate_final);
PG_FUNCTION_INFO_V1(ar_reaction_sfunc);
PG_FUNCTION_INFO_V1(ar_reaction_combine);
PG_FUNCTION_INFO_V1(ar_reaction_serialize);
PG_FUNCTION_INFO_V1(ar_reaction_deserialize);
PG_FUNCTION_INFO_V1(ar_reaction_score_final);
PG_FUNCTION_INFO_V1(ar_watch_sfunc);
PG_FUNCTION_INFO_V1(ar_watch_combine);
PG_FUNCTION_INFO_V1(ar_watch_serialize);
PG_FUNCTION_INFO_V1(ar_watch_deserialize);
PG_FUNCTION_INFO_V1(ar_watched_fraction_final);
}

#include <fmt/format.h>

namespace {

using namespace ar;
using namespace ar::pg;

// Arguments 1–4 of both presence transition functions are user, content, action, occurred_at.
Datum presence_add(FunctionCallInfo fcinfo, const char* aggregate, std::optional<Micros> w_min, std::optional<Micros> w_max) {
    auto user = text_arg(fcinfo, 1), content = text_arg(fcinfo, 2), action = text_arg(fcinfo, 3);
    auto at = time_arg(fcinfo, 4, aggregate, "occurred_at");
    if (!user || !content || !action || !at) return state_unchanged(fcinfo); // NULL inputs are skipped
    // The aggregate context is looked up (and the call context checked) only when the state is created.
    PresenceState* state = PG_ARGISNULL(0) ? presence_state(fcinfo, aggregate_context(fcinfo))
                                           : reinterpret_cast<PresenceState*>(PG_GETARG_POINTER(0));
    RoleSet roles = taxonomy().roles_of_action(*action);
    bool join = has(roles, Role::join), leave = has(roles, Role::leave);
    state->add(*user, *content, join == leave ? 0 : (join ? 1 : 2), *at, w_min, w_max);
    return PointerGetDatum(state);
}

template <typename T>
Datum small_combine(FunctionCallInfo fcinfo) {
    MemoryContext context = aggregate_context(fcinfo);
    if (PG_ARGISNULL(0) && PG_ARGISNULL(1)) return Datum(0);
    T* state = small_state<T>(fcinfo, context);
    if (!PG_ARGISNULL(1)) state->combine(*reinterpret_cast<T*>(PG_GETARG_POINTER(1)));
    return PointerGetDatum(state);
}

template <typename T>
Datum small_deserialize(FunctionCallInfo fcinfo) {
    T value = small_from_bytes<T>(bytea_view(PG_GETARG_DATUM(0)));
    MemoryContext context = aggregate_context(fcinfo);
    void* mem = MemoryContextAllocExtended(context, sizeof(T), MCXT_ALLOC_NO_OOM);
    if (!mem) throw std::bad_alloc();
    return PointerGetDatum(new (mem) T(value));
}

Datum null_result(FunctionCallInfo fcinfo) {
    fcinfo->isnull = true;
    return Datum(0);
}

} // namespace

extern "C" Datum ar_presence_minutes_sfunc(PG_FUNCTION_ARGS) {
    return boundary([&] {
        std::optional<Micros> closes_at = PG_NARGS() > 5 ? time_arg(fcinfo, 5, "minutes_viewed", "closes_at") : std::nullopt;
        return presence_add(fcinfo, "minutes_viewed", std::nullopt, closes_at);
    });
}

extern "C" Datum ar_presence_engagement_sfunc(PG_FUNCTION_ARGS) {
    return boundary([&] {
        return presence_add(fcinfo, "engagement_rate", time_arg(fcinfo, 5, "engagement_rate", "live_starts"),
                            time_arg(fcinfo, 6, "engagement_rate", "live_ends"));
    });
}

extern "C" Datum ar_presence_combine(PG_FUNCTION_ARGS) {
    return boundary([&] {
        MemoryContext context = aggregate_context(fcinfo);
        if (PG_ARGISNULL(0) && PG_ARGISNULL(1)) return Datum(0);
        PresenceState* state = presence_state(fcinfo, context);
        if (!PG_ARGISNULL(1)) state->combine(*reinterpret_cast<PresenceState*>(PG_GETARG_POINTER(1)));
        return PointerGetDatum(state);
    });
}

extern "C" Datum ar_presence_serialize(PG_FUNCTION_ARGS) {
    // key-ordered, so that the leader merges the workers' states instead of interning them (presence_runs.cpp)
    return boundary([&] { return presence_bytes(*reinterpret_cast<PresenceState*>(PG_GETARG_POINTER(0)), true); });
}

extern "C" Datum ar_presence_deserialize(PG_FUNCTION_ARGS) {
    return boundary([&] {
        std::string_view bytes = bytea_view(PG_GETARG_DATUM(0));
        PresenceState* state = make_in_context<PresenceState>(aggregate_context(fcinfo));
        presence_from_bytes(bytes, *state, false, true);
        return PointerGetDatum(state);
    });
}

extern "C" Datum ar_minutes_viewed_final(PG_FUNCTION_ARGS) {
    return boundary([&] {
        if (PG_ARGISNULL(0)) return null_result(fcinfo);
        return Float8GetDatum(reinterpret_cast<PresenceState*>(PG_GETARG_POINTER(0))->minutes_viewed());
    });
}

extern "C" Datum ar_engagement_rate_final(PG_FUNCTION_ARGS) {
    return boundary([&] {
        std::optional<double> rate;
        if (!PG_ARGISNULL(0)) rate = reinterpret_cast<PresenceState*>(PG_GETARG_POINTER(0))->engagement_rate();
        return rate ? Float8GetDatum(*rate) : null_result(fcinfo);
    });
}

// ---- reaction_score ----

extern "C" Datum ar_reaction_sfunc(PG_FUNCTION_ARGS) {
    return boundary([&] {
        auto action = text_arg(fcinfo, 1);
        if (!action) return state_unchanged(fcinfo);
        auto* state = small_state<ReactionTally>(fcinfo, aggregate_context(fcinfo));
        state->add(taxonomy(), *action, text_arg(fcinfo, 2));
        return PointerGetDatum(state);
    });
}
extern "C" Datum ar_reaction_combine(PG_FUNCTION_ARGS) { return boundary([&] { return small_combine<ReactionTally>(fcinfo); }); }
extern "C" Datum ar_reaction_serialize(PG_FUNCTION_ARGS) {
    return boundary([&] { return small_bytes(*reinterpret_cast<ReactionTally*>(PG_GETARG_POINTER(0))); });
}
extern "C" Datum ar_reaction_deserialize(PG_FUNCTION_ARGS) {
    return boundary([&] { return small_deserialize<ReactionTally>(fcinfo); });
}
extern "C" Datum ar_reaction_score_final(PG_FUNCTION_ARGS) {
    return boundary([&] {
        std::optional<double> score;
        if (!PG_ARGISNULL(0)) score = reinterpret_cast<ReactionTally*>(PG_GETARG_POINTER(0))->result();
        return score ? Float8GetDatum(*score) : null_result(fcinfo);
    });
}

// ---- watched_fraction ----

extern "C" Datum ar_watch_sfunc(PG_FUNCTION_ARGS) {
    return boundary([&] {
        auto action = text_arg(fcinfo, 2);
        if (!action) return state_unchanged(fcinfo);
        auto* state = small_state<WatchTally>(fcinfo, aggregate_context(fcinfo));
        try {
            state->add(taxonomy(), text_arg(fcinfo, 1), *action, text_arg(fcinfo, 3));
        } catch (const PercentageError& e) {
            throw SqlError(e.error == ValueError::OutOfRange ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE : ERRCODE_INVALID_TEXT_REPRESENTATION,
                           fmt::format("watched_fraction: {}", e.what()), {}, "Watch progress is a percentage from 0% to 100%.");
        }
        return PointerGetDatum(state);
    });
}
extern "C" Datum ar_watch_combine(PG_FUNCTION_ARGS) { return boundary([&] { return small_combine<WatchTally>(fcinfo); }); }
extern "C" Datum ar_watch_serialize(PG_FUNCTION_ARGS) {
    return boundary([&] { return small_bytes(*reinterpret_cast<WatchTally*>(PG_GETARG_POINTER(0))); });
}
extern "C" Datum ar_watch_deserialize(PG_FUNCTION_ARGS) {
    return boundary([&] { return small_deserialize<WatchTally>(fcinfo); });
}
extern "C" Datum ar_watched_fraction_final(PG_FUNCTION_ARGS) {
    return boundary([&] {
        if (PG_ARGISNULL(0)) return null_result(fcinfo);
        return Float8GetDatum(reinterpret_cast<WatchTally*>(PG_GETARG_POINTER(0))->result());
    });
}
