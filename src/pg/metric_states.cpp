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

Datum tagged_bytes(StateTag tag, std::string_view payload) {
    return pg_call([&] {
        std::size_t size = VARHDRSZ + 1 + payload.size();
        bytea* b = static_cast<bytea*>(palloc(size));
        SET_VARSIZE(b, size);
        VARDATA(b)[0] = static_cast<char>(tag);
        std::memcpy(VARDATA(b) + 1, payload.data(), payload.size());
        return PointerGetDatum(b);
    });
}

std::string_view untag(std::string_view bytes, StateTag tag) {
    if (bytes.empty() || bytes[0] != static_cast<char>(tag))
        throw SqlError(ERRCODE_DATA_CORRUPTED, "activity_report: corrupt metric state (not a state of this metric)",
                       {}, "Summaries are made by the *_summary aggregates and combined with rollup().");
    return bytes.substr(1);
}

Datum presence_bytes(const PresenceState& state) { return tagged_bytes(StateTag::presence, state.serialize()); }

void presence_from_bytes(std::string_view bytes, PresenceState& into) {
    std::string_view payload = untag(bytes, StateTag::presence);
    try {
        PresenceState::deserialize_into(into, payload);
    } catch (const std::runtime_error& e) {
        throw SqlError(ERRCODE_DATA_CORRUPTED, fmt::format("activity_report: {}", e.what()));
    }
}

} // namespace ar::pg
