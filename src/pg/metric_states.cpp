#include "pg/metric_states.hpp"

#include "pg/context_resource.hpp"

extern "C" {
#include "utils/timestamp.h"
}

#include <fmt/format.h>

namespace ar::pg {

MemoryContext aggregate_context(FunctionCallInfo fcinfo) {
    MemoryContext context = nullptr;
    if (!AggCheckCallContext(fcinfo, &context))
        throw SqlError(ERRCODE_FEATURE_NOT_SUPPORTED, "activity_report aggregate support function called outside an aggregate");
    return context;
}

void refuse_infinite_time(Micros t, const char* function, const char* argument) {
    static_assert(DT_NOBEGIN == PG_INT64_MIN && DT_NOEND == PG_INT64_MAX); // what time_arg tests
    throw SqlError(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE,
                   fmt::format("{}: {} {} is not a finite time", function, argument, TIMESTAMP_IS_NOBEGIN(t) ? "-infinity" : "infinity"),
                   {}, "Filter out or replace infinite timestamps before aggregating.");
}

PresenceState* presence_state(FunctionCallInfo fcinfo, MemoryContext context) {
    if (!PG_ARGISNULL(0)) return reinterpret_cast<PresenceState*>(PG_GETARG_POINTER(0));
    return make_in_context<PresenceState>(context);
}

std::string_view bytea_view(Datum d) {
    bytea* b = pg_call([&] { return DatumGetByteaPP(d); });
    return {VARDATA_ANY(b), static_cast<std::size_t>(VARSIZE_ANY_EXHDR(b))};
}

namespace {
Datum bytea_of(const std::string& bytes) {
    return pg_call([&] {
        std::size_t size = VARHDRSZ + bytes.size();
        bytea* b = static_cast<bytea*>(palloc(size));
        SET_VARSIZE(b, size);
        std::memcpy(VARDATA(b), bytes.data(), bytes.size());
        return PointerGetDatum(b);
    });
}
const char* type_name(summary::Kind kind) {
    switch (kind) {
    case summary::Kind::presence: return "presence_summary";
    case summary::Kind::reaction: return "reaction_summary";
    case summary::Kind::watch: return "watch_summary";
    }
    return "summary";
}
} // namespace

Datum state_unchanged(FunctionCallInfo fcinfo) {
    if (PG_ARGISNULL(0)) {
        fcinfo->isnull = true;
        return Datum(0);
    }
    return PG_GETARG_DATUM(0);
}

void refuse_state(const InvalidState& e, summary::Kind kind) {
    throw SqlError(ERRCODE_INVALID_BINARY_REPRESENTATION, fmt::format("invalid {}: {}", type_name(kind), e.what()), {},
                   "Summaries are made by the *_summary aggregates and combined with rollup(); stored bytes cannot be edited.");
}

Datum presence_bytes(const PresenceState& state, bool key_ordered) { return bytea_of(state.serialize(key_ordered)); }
Datum presence_summary_bytes(const PresenceState& state) {
    return bytea_of(overlap_checked([&] { return state.summary(); }));
}

void refuse_overlap(const OverlappingSummaries& e) {
    throw SqlError(ERRCODE_INVALID_PARAMETER_VALUE, e.what(),
                   "A compacted summary keeps only what another slice of time can still change, so it combines exactly "
                   "only with summaries of the same stream whose spans do not overlap it (touching at one instant counts as overlapping).",
                   "Roll up summaries of disjoint time slices (e.g. one per UTC day), or summarise the raw events of the "
                   "overlapping slices together.");
}
Datum small_bytes(const ReactionTally& state) { return bytea_of(summary::encode(state)); }
Datum small_bytes(const WatchTally& state) { return bytea_of(summary::encode(state)); }

void presence_from_bytes(std::string_view bytes, PresenceState& into, bool as_summary, bool lazy) {
    try {
        PresenceState::deserialize_into(into, bytes, as_summary, lazy);
    } catch (const InvalidState& e) {
        refuse_state(e, summary::Kind::presence);
    }
}

summary::Kind claimed_kind(std::string_view bytes) {
    for (summary::Kind kind : {summary::Kind::presence, summary::Kind::reaction, summary::Kind::watch}) {
        try {
            summary::open(bytes, kind);
            return kind;
        } catch (const InvalidState&) {
        }
    }
    refuse_state(InvalidState("not a summary"), summary::Kind::presence);
}

Datum normalized_summary(std::string_view bytes, summary::Kind kind) {
    bool legacy = false;
    try {
        legacy = summary::open(bytes, kind).legacy;
    } catch (const InvalidState& e) {
        refuse_state(e, kind);
    }
    switch (kind) { // every kind is decoded, so every invariant is checked
    case summary::Kind::presence: {
        PresenceState* state = make_in_context<PresenceState>(CurrentMemoryContext); // freed with the call's context
        presence_from_bytes(bytes, *state);
        if (legacy) return presence_bytes(*state);
        break;
    }
    case summary::Kind::reaction: {
        ReactionTally t = small_from_bytes<ReactionTally>(bytes);
        if (legacy) return small_bytes(t);
        break;
    }
    case summary::Kind::watch: {
        WatchTally t = small_from_bytes<WatchTally>(bytes);
        if (legacy) return small_bytes(t);
        break;
    }
    }
    return bytea_of(std::string(bytes));
}

} // namespace ar::pg
