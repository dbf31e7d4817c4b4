// Aggregate states of the metrics as PostgreSQL sees them: creation in the aggregate context, and the
// byte form (core/summary_format.hpp) shared by the serialize / deserialize functions and the stored
// summary types (presence_summary, reaction_summary, watch_summary), so a summary is exactly a serialized state.
#pragma once

#include <optional>
#include <string_view>

#include "core/metrics.hpp"
#include "core/presence_state.hpp"
#include "core/summary_format.hpp"

#include "pg/boundary.hpp"

namespace ar::pg {

MemoryContext aggregate_context(FunctionCallInfo fcinfo);
// A finite timestamptz argument, nullopt for NULL; infinite values are refused by name. Inline: it runs
// several times per row; the error path is out of line.
[[noreturn]] void refuse_infinite_time(Micros t, const char* function, const char* argument);
inline std::optional<Micros> time_arg(FunctionCallInfo fcinfo, int n, const char* function, const char* argument) {
    if (PG_ARGISNULL(n)) return std::nullopt;
    Micros t = PG_GETARG_INT64(n); // PG_GETARG_TIMESTAMPTZ, without utils/timestamp.h
    if (t == PG_INT64_MIN || t == PG_INT64_MAX) refuse_infinite_time(t, function, argument); // TIMESTAMP_NOT_FINITE
    return t;
}

// The state in argument 0, or a new one in `context`.
PresenceState* presence_state(FunctionCallInfo fcinfo, MemoryContext context);
template <typename T> T* small_state(FunctionCallInfo fcinfo, MemoryContext context);
// What a transition function returns for an input it skips (a NULL one, design §5): the state as it is, so
// that a group whose inputs are all skipped gives what a group of no rows gives (NULL), as sum() does.
Datum state_unchanged(FunctionCallInfo fcinfo);

// States <-> bytea in format 1. The from_bytes functions read format 1 and 0.1.0's bytes, check every
// invariant and raise SQLSTATE 22P03 for bytes that are not a state of that kind; presence_from_bytes
// merges into `into` (a fresh or existing state).
Datum presence_bytes(const PresenceState& state, bool key_ordered = false);
// `as_summary`: the bytes are one input of rollup() (PresenceState::deserialize_into).
void presence_from_bytes(std::string_view bytes, PresenceState& into, bool as_summary = false, bool lazy = false);
// A presence summary as stored: format 2, compacted (PresenceState::summary).
Datum presence_summary_bytes(const PresenceState& state);
// Runs f(); a rollup of overlapping compacted summaries becomes SQLSTATE 22023 naming the stream and both spans.
[[noreturn]] void refuse_overlap(const OverlappingSummaries& e);
template <typename F> auto overlap_checked(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const OverlappingSummaries& e) {
        refuse_overlap(e);
    }
}
Datum small_bytes(const ReactionTally& state);
Datum small_bytes(const WatchTally& state);
template <typename T> T small_from_bytes(std::string_view bytes);
// The bytes of a summary of `kind` in format 1, checked: as given when already so, else converted.
Datum normalized_summary(std::string_view bytes, summary::Kind kind);
// The kind a summary's bytes claim (format 1 or 0.1.0's), for the output functions shared by all three types.
summary::Kind claimed_kind(std::string_view bytes);

std::string_view bytea_view(Datum d); // detoasted bytes of any varlena argument

} // namespace ar::pg

#include "pg/metric_states_impl.hpp"
