// Aggregate states of the metrics as PostgreSQL sees them: creation in the aggregate context, and the
// tagged byte form shared by the serialize / deserialize functions and the stored summary types
// (presence_summary, reaction_summary, watch_summary), so a summary is exactly a serialized state.
#pragma once

#include <optional>
#include <string_view>

#include "core/metrics.hpp"
#include "core/presence_state.hpp"

#include "pg/boundary.hpp"

namespace ar::pg {

enum class StateTag : char { presence = 'P', reaction = 'R', watch = 'W' };

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

// Tagged bytes <-> states. from_bytes merges into `into` (a fresh or existing state) and raises
// SQLSTATE XX001 on bytes that are not a state of that kind.
Datum presence_bytes(const PresenceState& state);
void presence_from_bytes(std::string_view bytes, PresenceState& into);
template <typename T> Datum small_bytes(const T& state, StateTag tag);
template <typename T> T small_from_bytes(std::string_view bytes, StateTag tag);

std::string_view bytea_view(Datum d); // detoasted bytes of any varlena argument

} // namespace ar::pg

#include "pg/metric_states_impl.hpp"
