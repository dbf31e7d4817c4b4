#include "pg/convert.hpp"

extern "C" {
#include "utils/builtins.h"
#include "utils/jsonb.h"
}


namespace ar::pg {

std::string_view detoasted_text_view(Datum d) {
    text* t = pg_call([&] { return DatumGetTextPP(d); });
    return {VARDATA_ANY(t), static_cast<std::size_t>(VARSIZE_ANY_EXHDR(t))};
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
