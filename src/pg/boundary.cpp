#include "pg/boundary.hpp"

#include <cstring>

namespace ar::pg::detail {

MemoryContext error_home = nullptr;

namespace {
constexpr const char* out_of_memory = "out of memory in activity_report while reporting an error";

// A copy of s in `home`, or nullptr for an empty string or when memory is short (never ereports).
const char* copy(MemoryContext home, const char* s, bool& short_of_memory) noexcept {
    if (!s || !*s) return nullptr;
    std::size_t n = std::strlen(s) + 1;
    auto* p = static_cast<char*>(MemoryContextAllocExtended(home, n, MCXT_ALLOC_HUGE | MCXT_ALLOC_NO_OOM));
    if (!p) {
        short_of_memory = true;
        return nullptr;
    }
    std::memcpy(p, s, n);
    return p;
}
} // namespace

void keep(Caught& caught, MemoryContext home, int sqlstate, const char* message, const char* detail,
          const char* hint) noexcept {
    bool short_of_memory = false;
    caught = Caught{};
    caught.sqlstate = sqlstate;
    caught.message = copy(home, message, short_of_memory);
    caught.detail = copy(home, detail, short_of_memory);
    caught.hint = copy(home, hint, short_of_memory);
    if (short_of_memory) caught = Caught{nullptr, ERRCODE_OUT_OF_MEMORY, out_of_memory, nullptr, nullptr};
}

void keep(Caught& caught, const PgError& e) noexcept {
    caught = Caught{};
    if (e.error) caught.pg_error = e.error;
    else caught = Caught{nullptr, ERRCODE_OUT_OF_MEMORY, out_of_memory, nullptr, nullptr};
}

void raise(const Caught& caught) {
    // ReThrowError keeps every field as the error was first raised and adds no context of ours.
    if (caught.pg_error) ReThrowError(caught.pg_error);
    ereport(ERROR, (errcode(caught.sqlstate), errmsg("%s", caught.message ? caught.message : ""),
                    caught.detail ? errdetail("%s", caught.detail) : 0, caught.hint ? errhint("%s", caught.hint) : 0));
    pg_unreachable();
}

ErrorData* take_error(MemoryContext home, MemoryContext back) noexcept {
    ErrorData* volatile kept = nullptr;
    MemoryContextSwitchTo(home);
    PG_TRY();
    { kept = CopyErrorData(); }
    PG_CATCH();
    { kept = nullptr; } // out of memory while copying: FlushErrorState drops both errors
    PG_END_TRY();
    MemoryContextSwitchTo(back);
    FlushErrorState();
    return kept;
}

} // namespace ar::pg::detail
