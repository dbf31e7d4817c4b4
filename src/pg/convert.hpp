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

// A text Datum as a view of its (detoasted) bytes; valid while the current memory context lives.
std::string_view text_view(Datum d);
std::optional<std::string_view> text_arg(FunctionCallInfo fcinfo, int n); // nullopt for NULL
Datum text_datum(std::string_view s);
Datum jsonb_datum(const std::string& json);

int sqlstate_of(ProblemCode code);

} // namespace ar::pg
