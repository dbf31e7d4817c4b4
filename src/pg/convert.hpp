// Conversions between PostgreSQL values and the core's types, shared by the SQL surfaces.
// Call them inside a boundary: they go through pg_call where PostgreSQL may raise.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/taxonomy.hpp"

#include "pg/boundary.hpp"

namespace ar::pg {

// A text Datum as a view of its (detoasted) bytes; valid while the current memory context lives. Inline,
// as aggregates call it per row: inline, uncompressed values (the common case) need no detoasting, hence
// no error guard.
std::string_view detoasted_text_view(Datum d);
inline std::string_view text_view(Datum d) {
    auto* raw = reinterpret_cast<struct varlena*>(DatumGetPointer(d));
    if (VARATT_IS_EXTERNAL(raw) || VARATT_IS_COMPRESSED(raw)) return detoasted_text_view(d);
    return {VARDATA_ANY(raw), static_cast<std::size_t>(VARSIZE_ANY_EXHDR(raw))};
}
inline std::optional<std::string_view> text_arg(FunctionCallInfo fcinfo, int n) { // nullopt for NULL
    if (PG_ARGISNULL(n)) return std::nullopt;
    return text_view(PG_GETARG_DATUM(n));
}
Datum text_datum(std::string_view s);
Datum jsonb_datum(const std::string& json);
// The details jsonb of a classified event (core/json.hpp's for_each_detail), built without a text round trip.
Datum details_jsonb(const Captures& captures);

int sqlstate_of(ProblemCode code);

} // namespace ar::pg
