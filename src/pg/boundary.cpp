#include "pg/boundary.hpp"

#include <cstring>

namespace ar::pg {

namespace {
// Filled inside catch blocks without allocating; read by raise_caught() after the catch block ends.
struct Caught {
    int sqlstate = ERRCODE_INTERNAL_ERROR;
    char message[4096] = {0};
    char detail[4096] = {0};
    char hint[1024] = {0};
} caught;

void copy(char* dst, std::size_t size, const char* src) {
    std::strncpy(dst, src ? src : "", size - 1);
    dst[size - 1] = '\0';
}
} // namespace

void catch_sql_error(const SqlError& e) noexcept {
    caught.sqlstate = e.sqlstate;
    copy(caught.message, sizeof caught.message, e.message.c_str());
    copy(caught.detail, sizeof caught.detail, e.detail.c_str());
    copy(caught.hint, sizeof caught.hint, e.hint.c_str());
}

void catch_message(int sqlstate, const char* message) noexcept {
    caught.sqlstate = sqlstate;
    copy(caught.message, sizeof caught.message, message);
    caught.detail[0] = caught.hint[0] = '\0';
}

void raise_caught() {
    ereport(ERROR, (errcode(caught.sqlstate), errmsg("%s", caught.message),
                    caught.detail[0] ? errdetail("%s", caught.detail) : 0,
                    caught.hint[0] ? errhint("%s", caught.hint) : 0));
    pg_unreachable();
}

void rethrow_pg_error(ErrorData* edata) {
    PgError e(edata->sqlerrcode, edata->message ? edata->message : "", edata->detail ? edata->detail : "",
              edata->hint ? edata->hint : "");
    FreeErrorData(edata);
    throw e;
}

} // namespace ar::pg
