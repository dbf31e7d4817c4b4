// The one C++ <-> PostgreSQL error boundary. Every SQL-callable function of the extension is
//     extern "C" Datum fn(PG_FUNCTION_ARGS) { return ar::pg::boundary([&] { ... }); }
// Two rules make it safe:
//  - C++ exceptions never unwind through PostgreSQL frames: boundary() catches everything, copies the
//    message into static buffers, leaves the catch block (running every destructor) and only then
//    raises ereport(ERROR) with the exception's SQLSTATE.
//  - PostgreSQL errors (longjmp) never skip C++ destructors: inside a boundary every call into
//    PostgreSQL that may ereport goes through pg_call(), which catches the error with PG_TRY, and
//    rethrows it as PgError, which boundary() re-raises unchanged (SQLSTATE, message, detail, hint).
//    The callable given to pg_call must not throw and must hold no object with a destructor.
#pragma once

extern "C" {
#include "postgres.h"
#include "fmgr.h"
#include "utils/elog.h"
}

#include <exception>
#include <new>
#include <type_traits>
#include <string>

namespace ar::pg {

// A user-facing error raised by our own code.
struct SqlError : std::exception {
    int sqlstate;
    std::string message, detail, hint;
    SqlError(int code, std::string msg, std::string det = {}, std::string hnt = {})
        : sqlstate(code), message(std::move(msg)), detail(std::move(det)), hint(std::move(hnt)) {}
    const char* what() const noexcept override { return message.c_str(); }
};

// A PostgreSQL error caught by pg_call, on its way back to ereport.
struct PgError : SqlError {
    using SqlError::SqlError;
};

[[noreturn]] void raise_caught(); // ereport(ERROR) from the buffers filled by the catch blocks
void catch_sql_error(const SqlError& e) noexcept;
void catch_message(int sqlstate, const char* message) noexcept;
[[noreturn]] void rethrow_pg_error(ErrorData* edata); // after FlushErrorState: throws PgError

template <typename F>
Datum boundary(F&& body) {
    try {
        return body();
    } catch (const SqlError& e) {
        catch_sql_error(e);
    } catch (const std::bad_alloc&) {
        catch_message(ERRCODE_OUT_OF_MEMORY, "out of memory in activity_report");
    } catch (const std::exception& e) {
        catch_message(ERRCODE_INTERNAL_ERROR, e.what());
    } catch (...) {
        catch_message(ERRCODE_INTERNAL_ERROR, "unknown C++ exception in activity_report");
    }
    raise_caught();
}

template <typename F>
auto pg_call(F&& call) -> decltype(call()) {
    MemoryContext context = CurrentMemoryContext;
    ErrorData* volatile edata = nullptr;
    if constexpr (std::is_void_v<decltype(call())>) {
        PG_TRY();
        { call(); }
        PG_CATCH();
        {
            MemoryContextSwitchTo(context);
            edata = CopyErrorData();
            FlushErrorState();
        }
        PG_END_TRY();
        if (edata) rethrow_pg_error(edata);
    } else {
        using R = decltype(call());
        static_assert(std::is_scalar_v<R>, "pg_call returns Datums, pointers and numbers only");
        volatile R result{}; // assigned between sigsetjmp and a possible longjmp

        PG_TRY();
        { result = call(); }
        PG_CATCH();
        {
            MemoryContextSwitchTo(context);
            edata = CopyErrorData();
            FlushErrorState();
        }
        PG_END_TRY();
        if (edata) rethrow_pg_error(edata);
        return result;
    }
}

} // namespace ar::pg
