// SQL surface of the metric aggregates (design §5): minutes_viewed, engagement_rate (presence
// intervals), reaction_score and watched_fraction. State types are internal, with combine, serialize
// and deserialize functions so that the aggregates run in parallel plans. The rules live in
// src/core/presence*.hpp and src/core/metrics.hpp.
#include "core/metrics.hpp"
#include "core/presence_state.hpp"
#include "pg/convert.hpp"
#include "pg/taxonomy_cache.hpp"

#include "pg/boundary.hpp"
#include "pg/context_resource.hpp"

extern "C" {
#include "utils/builtins.h"
#include "utils/timestamp.h"
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

#include <cstring>
#include <type_traits>

#include <fmt/format.h>

namespace {

using namespace ar;
using namespace ar::pg;

MemoryContext aggregate_context(FunctionCallInfo fcinfo) {
    MemoryContext context = nullptr;
    if (!AggCheckCallContext(fcinfo, &context))
        throw SqlError(ERRCODE_FEATURE_NOT_SUPPORTED, "activity_report aggregate support function called outside an aggregate");
    return context;
}

// A finite timestamptz argument, nullopt for NULL; infinite values are refused by name.
std::optional<Micros> time_arg(FunctionCallInfo fcinfo, int n, const char* aggregate, const char* argument) {
    if (PG_ARGISNULL(n)) return std::nullopt;
    TimestampTz t = PG_GETARG_TIMESTAMPTZ(n);
    if (TIMESTAMP_NOT_FINITE(t))
        throw SqlError(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE,
                       fmt::format("{}: {} {} is not a finite time", aggregate, argument, TIMESTAMP_IS_NOBEGIN(t) ? "-infinity" : "infinity"),
                       {}, "Filter out or replace infinite timestamps before aggregating.");
    return t;
}

Datum bytea_datum(std::string_view bytes) {
    return pg_call([&] {
        bytea* b = static_cast<bytea*>(palloc(VARHDRSZ + bytes.size()));
        SET_VARSIZE(b, VARHDRSZ + bytes.size());
        std::memcpy(VARDATA(b), bytes.data(), bytes.size());
        return PointerGetDatum(b);
    });
}

std::string_view bytea_arg(FunctionCallInfo fcinfo, int n) {
    bytea* b = pg_call([&] { return PG_GETARG_BYTEA_PP(n); });
    return {VARDATA_ANY(b), static_cast<std::size_t>(VARSIZE_ANY_EXHDR(b))};
}

// ---- presence intervals: minutes_viewed, engagement_rate ----

PresenceState* presence_state(FunctionCallInfo fcinfo, MemoryContext context) {
    if (!PG_ARGISNULL(0)) return reinterpret_cast<PresenceState*>(PG_GETARG_POINTER(0));
    return make_in_context<PresenceState>(context);
}

// Shared by both transition functions: arguments 1–4 are user, content, action, occurred_at.
Datum presence_add(FunctionCallInfo fcinfo, const char* aggregate, std::optional<Micros> w_min, std::optional<Micros> w_max) {
    PresenceState* state = presence_state(fcinfo, aggregate_context(fcinfo));
    auto user = text_arg(fcinfo, 1), content = text_arg(fcinfo, 2), action = text_arg(fcinfo, 3);
    auto at = time_arg(fcinfo, 4, aggregate, "occurred_at");
    if (!user || !content || !action || !at) return PointerGetDatum(state); // NULL inputs are skipped
    RoleSet roles = taxonomy().roles_of_action(*action);
    bool join = has(roles, Role::join), leave = has(roles, Role::leave);
    state->add(*user, *content, join == leave ? 0 : (join ? 1 : 2), *at, w_min, w_max);
    return PointerGetDatum(state);
}

template <typename T>
T* small_state(FunctionCallInfo fcinfo, MemoryContext context) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (!PG_ARGISNULL(0)) return reinterpret_cast<T*>(PG_GETARG_POINTER(0));
    void* mem = MemoryContextAllocExtended(context, sizeof(T), MCXT_ALLOC_NO_OOM);
    if (!mem) throw std::bad_alloc();
    return new (mem) T();
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
Datum small_serialize(FunctionCallInfo fcinfo) {
    return bytea_datum({reinterpret_cast<const char*>(PG_GETARG_POINTER(0)), sizeof(T)});
}

template <typename T>
Datum small_deserialize(FunctionCallInfo fcinfo) {
    std::string_view bytes = bytea_arg(fcinfo, 0);
    if (bytes.size() != sizeof(T)) throw SqlError(ERRCODE_DATA_CORRUPTED, "activity_report: corrupt aggregate state");
    T* state = small_state<T>(fcinfo, aggregate_context(fcinfo)); // arg 0 is the bytea: fresh state
    std::memcpy(static_cast<void*>(state), bytes.data(), sizeof(T));
    return PointerGetDatum(state);
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
    return boundary([&] { return bytea_datum(reinterpret_cast<PresenceState*>(PG_GETARG_POINTER(0))->serialize()); });
}

extern "C" Datum ar_presence_deserialize(PG_FUNCTION_ARGS) {
    return boundary([&] {
        std::string_view bytes = bytea_arg(fcinfo, 0);
        PresenceState* state = make_in_context<PresenceState>(aggregate_context(fcinfo));
        try {
            PresenceState::deserialize_into(*state, bytes);
        } catch (const std::runtime_error& e) {
            throw SqlError(ERRCODE_DATA_CORRUPTED, fmt::format("activity_report: {}", e.what()));
        }
        return PointerGetDatum(state);
    });
}

extern "C" Datum ar_minutes_viewed_final(PG_FUNCTION_ARGS) {
    return boundary([&] {
        if (PG_ARGISNULL(0)) { fcinfo->isnull = true; return Datum(0); }
        return Float8GetDatum(reinterpret_cast<PresenceState*>(PG_GETARG_POINTER(0))->minutes_viewed());
    });
}

extern "C" Datum ar_engagement_rate_final(PG_FUNCTION_ARGS) {
    return boundary([&] {
        std::optional<double> rate;
        if (!PG_ARGISNULL(0)) rate = reinterpret_cast<PresenceState*>(PG_GETARG_POINTER(0))->engagement_rate();
        if (!rate) { fcinfo->isnull = true; return Datum(0); }
        return Float8GetDatum(*rate);
    });
}

// ---- reaction_score ----

extern "C" Datum ar_reaction_sfunc(PG_FUNCTION_ARGS) {
    return boundary([&] {
        auto* state = small_state<ReactionTally>(fcinfo, aggregate_context(fcinfo));
        if (auto action = text_arg(fcinfo, 1)) state->add(taxonomy(), *action, text_arg(fcinfo, 2));
        return PointerGetDatum(state);
    });
}
extern "C" Datum ar_reaction_combine(PG_FUNCTION_ARGS) { return boundary([&] { return small_combine<ReactionTally>(fcinfo); }); }
extern "C" Datum ar_reaction_serialize(PG_FUNCTION_ARGS) { return boundary([&] { return small_serialize<ReactionTally>(fcinfo); }); }
extern "C" Datum ar_reaction_deserialize(PG_FUNCTION_ARGS) { return boundary([&] { return small_deserialize<ReactionTally>(fcinfo); }); }
extern "C" Datum ar_reaction_score_final(PG_FUNCTION_ARGS) {
    return boundary([&] {
        std::optional<double> score;
        if (!PG_ARGISNULL(0)) score = reinterpret_cast<ReactionTally*>(PG_GETARG_POINTER(0))->result();
        if (!score) { fcinfo->isnull = true; return Datum(0); }
        return Float8GetDatum(*score);
    });
}

// ---- watched_fraction ----

extern "C" Datum ar_watch_sfunc(PG_FUNCTION_ARGS) {
    return boundary([&] {
        auto* state = small_state<WatchTally>(fcinfo, aggregate_context(fcinfo));
        if (auto action = text_arg(fcinfo, 2)) {
            try {
                state->add(taxonomy(), text_arg(fcinfo, 1), *action, text_arg(fcinfo, 3));
            } catch (const std::invalid_argument& e) {
                throw SqlError(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, fmt::format("watched_fraction: {}", e.what()), {},
                               "Watch progress is a percentage from 0% to 100%.");
            }
        }
        return PointerGetDatum(state);
    });
}
extern "C" Datum ar_watch_combine(PG_FUNCTION_ARGS) { return boundary([&] { return small_combine<WatchTally>(fcinfo); }); }
extern "C" Datum ar_watch_serialize(PG_FUNCTION_ARGS) { return boundary([&] { return small_serialize<WatchTally>(fcinfo); }); }
extern "C" Datum ar_watch_deserialize(PG_FUNCTION_ARGS) { return boundary([&] { return small_deserialize<WatchTally>(fcinfo); }); }
extern "C" Datum ar_watched_fraction_final(PG_FUNCTION_ARGS) {
    return boundary([&] {
        if (PG_ARGISNULL(0)) { fcinfo->isnull = true; return Datum(0); }
        return Float8GetDatum(reinterpret_cast<WatchTally*>(PG_GETARG_POINTER(0))->result());
    });
}
