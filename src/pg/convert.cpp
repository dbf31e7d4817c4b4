#include "pg/convert.hpp"

extern "C" {
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
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

// Built as a JsonbValue, not printed and parsed again (jsonb_in): what every classified insert pays. Numbers
// go through numeric_in on the same text JSON would hold, so both give the same jsonb.
Datum details_jsonb(const Captures& captures) {
    return pg_call([&] {
        JsonbParseState* state = nullptr;
        pushJsonbValue(&state, WJB_BEGIN_OBJECT, nullptr);
        for_each_detail(captures, [&](std::string_view key, bool is_number, double number, std::string_view text) {
            JsonbValue k;
            k.type = jbvString;
            k.val.string.val = const_cast<char*>(key.data());
            k.val.string.len = static_cast<int>(key.size());
            pushJsonbValue(&state, WJB_KEY, &k);
            JsonbValue v;
            if (is_number) {
                char buffer[32];
                format_detail_number(number, buffer);
                v.type = jbvNumeric;
                v.val.numeric = DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(buffer),
                                                                    ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
            } else {
                v.type = jbvString;
                v.val.string.val = const_cast<char*>(text.data());
                v.val.string.len = static_cast<int>(text.size());
            }
            pushJsonbValue(&state, WJB_VALUE, &v);
        });
        return JsonbPGetDatum(JsonbValueToJsonb(pushJsonbValue(&state, WJB_END_OBJECT, nullptr)));
    });
}

int sqlstate_of(ProblemCode code) {
    switch (code) {
    case ProblemCode::missing: return ERRCODE_NOT_NULL_VIOLATION;
    case ProblemCode::unknown_vocabulary: return ERRCODE_INVALID_PARAMETER_VALUE;
    case ProblemCode::unknown_action: return ERRCODE_INVALID_PARAMETER_VALUE;
    case ProblemCode::no_match: return ERRCODE_INVALID_PARAMETER_VALUE;
    case ProblemCode::bad_value: return ERRCODE_INVALID_TEXT_REPRESENTATION;
    case ProblemCode::out_of_range: return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
    case ProblemCode::archived_day: return ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE;
    }
    return ERRCODE_DATA_EXCEPTION;
}

} // namespace ar::pg
