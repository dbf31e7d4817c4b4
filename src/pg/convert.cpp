#include "pg/convert.hpp"

extern "C" {
#include "utils/builtins.h"
#include "utils/jsonb.h"
}


namespace ar::pg {

std::string_view text_view(Datum d) {
    auto* raw = reinterpret_cast<struct varlena*>(DatumGetPointer(d));
    // Inline, uncompressed values (the common case) need no detoasting, hence no error guard.
    text* t = (VARATT_IS_EXTERNAL(raw) || VARATT_IS_COMPRESSED(raw)) ? pg_call([&] { return DatumGetTextPP(d); })
                                                                      : reinterpret_cast<text*>(raw);
    return {VARDATA_ANY(t), static_cast<std::size_t>(VARSIZE_ANY_EXHDR(t))};
}

std::optional<std::string_view> text_arg(FunctionCallInfo fcinfo, int n) {
    if (PG_ARGISNULL(n)) return std::nullopt;
    return text_view(PG_GETARG_DATUM(n));
}

Datum text_datum(std::string_view s) {
    return pg_call([&] { return PointerGetDatum(cstring_to_text_with_len(s.data(), static_cast<int>(s.size()))); });
}

Datum jsonb_datum(const std::string& json) {
    const char* s = json.c_str();
    return pg_call([&] { return DirectFunctionCall1(jsonb_in, CStringGetDatum(s)); });
}

int sqlstate_of(ProblemCode code) {
    switch (code) {
    case ProblemCode::missing: return ERRCODE_NOT_NULL_VIOLATION;
    case ProblemCode::unknown_vocabulary: return ERRCODE_INVALID_PARAMETER_VALUE;
    case ProblemCode::unknown_action: return ERRCODE_INVALID_PARAMETER_VALUE;
    case ProblemCode::no_match: return ERRCODE_INVALID_PARAMETER_VALUE;
    case ProblemCode::bad_value: return ERRCODE_INVALID_TEXT_REPRESENTATION;
    case ProblemCode::out_of_range: return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
    }
    return ERRCODE_DATA_EXCEPTION;
}

} // namespace ar::pg
