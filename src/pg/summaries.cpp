// Stored metric summaries for rollups (design §5, last paragraph): presence_summary, reaction_summary and
// watch_summary are the aggregates' serialized states as a type of their own. The *_summary aggregates
// make them, rollup() combines them, and the accessors read a metric; rolling up summaries of disjoint
// time slices gives exactly the result of aggregating the raw events (intervals spanning a boundary come
// out whole). Presence summaries are compact (format 2, PresenceState::summary, design §8): overlapping
// compacted ones make rollup() raise 22023. Byte format: core/summary_format.hpp (design §10); input,
// receive, output and send check every invariant; 0.1.0's bytes still read and are stored in format 1.
#include "pg/metric_states.hpp"

#include "pg/boundary.hpp"
#include "pg/context_resource.hpp"

extern "C" {
#include "libpq/pqformat.h"
#include "utils/builtins.h"
PG_FUNCTION_INFO_V1(ar_presence_summary_in);
PG_FUNCTION_INFO_V1(ar_reaction_summary_in);
PG_FUNCTION_INFO_V1(ar_watch_summary_in);
PG_FUNCTION_INFO_V1(ar_presence_summary_recv);
PG_FUNCTION_INFO_V1(ar_reaction_summary_recv);
PG_FUNCTION_INFO_V1(ar_watch_summary_recv);
PG_FUNCTION_INFO_V1(ar_summary_out);
PG_FUNCTION_INFO_V1(ar_summary_send);
PG_FUNCTION_INFO_V1(ar_presence_summary_final);
PG_FUNCTION_INFO_V1(ar_reaction_summary_final);
PG_FUNCTION_INFO_V1(ar_watch_summary_final);
PG_FUNCTION_INFO_V1(ar_presence_rollup_sfunc);
PG_FUNCTION_INFO_V1(ar_reaction_rollup_sfunc);
PG_FUNCTION_INFO_V1(ar_watch_rollup_sfunc);
PG_FUNCTION_INFO_V1(ar_summary_minutes_viewed);
PG_FUNCTION_INFO_V1(ar_summary_engagement_rate);
PG_FUNCTION_INFO_V1(ar_summary_presence_minutes);
PG_FUNCTION_INFO_V1(ar_summary_reaction_score);
PG_FUNCTION_INFO_V1(ar_summary_watched_fraction);
}

namespace {

using namespace ar;
using namespace ar::pg;

using summary::Kind;

Datum summary_in(FunctionCallInfo fcinfo, Kind kind) {
    Datum arg = PG_GETARG_DATUM(0);
    return normalized_summary(bytea_view(pg_call([&] { return DirectFunctionCall1(byteain, arg); })), kind);
}

Datum summary_recv(FunctionCallInfo fcinfo, Kind kind) {
    StringInfo buf = reinterpret_cast<StringInfo>(PG_GETARG_POINTER(0));
    int length = buf->len - buf->cursor;
    const char* bytes = pg_call([&] { return pq_getmsgbytes(buf, length); });
    return normalized_summary({bytes, static_cast<std::size_t>(length)}, kind);
}

template <typename T>
Datum small_rollup(FunctionCallInfo fcinfo) {
    if (PG_ARGISNULL(1)) return state_unchanged(fcinfo);
    T* state = small_state<T>(fcinfo, aggregate_context(fcinfo));
    state->combine(small_from_bytes<T>(bytea_view(PG_GETARG_DATUM(1))));
    return PointerGetDatum(state);
}

// A summary's presence state, rebuilt in the current memory context.
PresenceState& presence_of(FunctionCallInfo fcinfo) {
    PresenceState* state = make_in_context<PresenceState>(CurrentMemoryContext);
    presence_from_bytes(bytea_view(PG_GETARG_DATUM(0)), *state);
    return *state;
}

Datum float_or_null(FunctionCallInfo fcinfo, std::optional<double> v) {
    if (!v) { fcinfo->isnull = true; return Datum(0); }
    return Float8GetDatum(*v);
}

} // namespace

extern "C" Datum ar_presence_summary_in(PG_FUNCTION_ARGS) { return boundary([&] { return summary_in(fcinfo, Kind::presence); }); }
extern "C" Datum ar_reaction_summary_in(PG_FUNCTION_ARGS) { return boundary([&] { return summary_in(fcinfo, Kind::reaction); }); }
extern "C" Datum ar_watch_summary_in(PG_FUNCTION_ARGS) { return boundary([&] { return summary_in(fcinfo, Kind::watch); }); }
extern "C" Datum ar_presence_summary_recv(PG_FUNCTION_ARGS) { return boundary([&] { return summary_recv(fcinfo, Kind::presence); }); }
extern "C" Datum ar_reaction_summary_recv(PG_FUNCTION_ARGS) { return boundary([&] { return summary_recv(fcinfo, Kind::reaction); }); }
extern "C" Datum ar_watch_summary_recv(PG_FUNCTION_ARGS) { return boundary([&] { return summary_recv(fcinfo, Kind::watch); }); }

// One output and one send function serve the three types (as in 0.1.0): the bytes say their kind.
static Datum normalized_argument(FunctionCallInfo fcinfo) {
    std::string_view bytes = bytea_view(PG_GETARG_DATUM(0));
    return normalized_summary(bytes, claimed_kind(bytes));
}

extern "C" Datum ar_summary_out(PG_FUNCTION_ARGS) {
    return boundary([&] {
        Datum bytes = normalized_argument(fcinfo);
        return pg_call([&] { return DirectFunctionCall1(byteaout, bytes); });
    });
}

extern "C" Datum ar_summary_send(PG_FUNCTION_ARGS) {
    return boundary([&] {
        std::string_view bytes = bytea_view(normalized_argument(fcinfo));
        return pg_call([&] {
            StringInfoData buf;
            pq_begintypsend(&buf);
            pq_sendbytes(&buf, bytes.data(), static_cast<int>(bytes.size()));
            return PointerGetDatum(pq_endtypsend(&buf));
        });
    });
}

extern "C" Datum ar_presence_summary_final(PG_FUNCTION_ARGS) {
    return boundary([&] {
        if (PG_ARGISNULL(0)) { fcinfo->isnull = true; return Datum(0); }
        return presence_summary_bytes(*reinterpret_cast<PresenceState*>(PG_GETARG_POINTER(0)));
    });
}
extern "C" Datum ar_reaction_summary_final(PG_FUNCTION_ARGS) {
    return boundary([&] {
        if (PG_ARGISNULL(0)) { fcinfo->isnull = true; return Datum(0); }
        return small_bytes(*reinterpret_cast<ReactionTally*>(PG_GETARG_POINTER(0)));
    });
}
extern "C" Datum ar_watch_summary_final(PG_FUNCTION_ARGS) {
    return boundary([&] {
        if (PG_ARGISNULL(0)) { fcinfo->isnull = true; return Datum(0); }
        return small_bytes(*reinterpret_cast<WatchTally*>(PG_GETARG_POINTER(0)));
    });
}

extern "C" Datum ar_presence_rollup_sfunc(PG_FUNCTION_ARGS) {
    return boundary([&] {
        if (PG_ARGISNULL(1)) return state_unchanged(fcinfo);
        PresenceState* state = presence_state(fcinfo, aggregate_context(fcinfo));
        presence_from_bytes(bytea_view(PG_GETARG_DATUM(1)), *state, true);
        return PointerGetDatum(state);
    });
}
extern "C" Datum ar_reaction_rollup_sfunc(PG_FUNCTION_ARGS) {
    return boundary([&] { return small_rollup<ReactionTally>(fcinfo); });
}
extern "C" Datum ar_watch_rollup_sfunc(PG_FUNCTION_ARGS) {
    return boundary([&] { return small_rollup<WatchTally>(fcinfo); });
}

extern "C" Datum ar_summary_minutes_viewed(PG_FUNCTION_ARGS) {
    return boundary([&] { return Float8GetDatum(overlap_checked([&] { return presence_of(fcinfo).minutes_viewed(); })); });
}
extern "C" Datum ar_summary_engagement_rate(PG_FUNCTION_ARGS) {
    return boundary([&] { return float_or_null(fcinfo, overlap_checked([&] { return presence_of(fcinfo).engagement_rate(); })); });
}
// presence_minutes(summary, from_ts, to_ts, open_closes) (STRICT): -infinity and infinity are PostgreSQL's
// DT_NOBEGIN and DT_NOEND, the core's minus_infinity and plus_infinity.
static_assert(PG_INT64_MIN == minus_infinity && PG_INT64_MAX == plus_infinity);
extern "C" Datum ar_summary_presence_minutes(PG_FUNCTION_ARGS) {
    return boundary([&] {
        Micros from = PG_GETARG_INT64(1), to = PG_GETARG_INT64(2); // PG_GETARG_TIMESTAMPTZ
        bool open_closes = PG_GETARG_BOOL(3);
        return Float8GetDatum(overlap_checked([&] { return presence_of(fcinfo).presence_minutes(from, to, open_closes); }));
    });
}
extern "C" Datum ar_summary_reaction_score(PG_FUNCTION_ARGS) {
    return boundary([&] {
        return float_or_null(fcinfo, small_from_bytes<ReactionTally>(bytea_view(PG_GETARG_DATUM(0))).result());
    });
}
extern "C" Datum ar_summary_watched_fraction(PG_FUNCTION_ARGS) {
    return boundary([&] {
        return Float8GetDatum(small_from_bytes<WatchTally>(bytea_view(PG_GETARG_DATUM(0))).result());
    });
}
