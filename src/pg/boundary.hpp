// The one C++ <-> PostgreSQL error boundary. Every SQL-callable function of the extension is
//     extern "C" Datum fn(PG_FUNCTION_ARGS) { return ar::pg::boundary([&] { ... }); }
// and every call into PostgreSQL that may ereport, inside it, is
//     pg_call([&] { return some_postgres_function(...); })
// Why this is safe by construction:
//  - C++ exceptions never unwind through PostgreSQL frames: boundary() catches everything. Its catch
//    blocks only copy (into the memory context current at the boundary's entry, with allocations that
//    cannot ereport) and leave; once every C++ destructor has run, boundary() raises the error.
//  - A PostgreSQL error (a longjmp) lands in pg_call's own frame, never in a caller's: pg_call copies the
//    whole ErrorData (message, detail, hint, context, positions, schema/table/column/datatype/constraint
//    names...) into that same boundary context, flushes the error state and throws PgError. The C++
//    frames unwind normally, and boundary() re-raises the ErrorData unchanged with ReThrowError.
//  - pg_call's ErrorStackGuard restores PG_exception_stack and error_context_stack however pg_call is
//    left: by return, by longjmp, or by a C++ exception thrown by the callable itself. No throw can leave
//    PostgreSQL pointing at a dead frame.
// One rule remains for the callable: a longjmp skips its own locals, so it holds no object with a
// destructor (plain C calls on values prepared outside it). Throwing from it is safe, but clearer outside.
#pragma once

extern "C" {
#include "postgres.h"
#include "fmgr.h"
#include "utils/elog.h"
#include "utils/palloc.h"
}

#include <exception>
#include <new>
#include <string>
#include <type_traits>

namespace ar::pg {

// A user-facing error raised by our own code.
struct SqlError : std::exception {
    int sqlstate;
    std::string message, detail, hint;
    SqlError(int code, std::string msg, std::string det = {}, std::string hnt = {})
        : sqlstate(code), message(std::move(msg)), detail(std::move(det)), hint(std::move(hnt)) {}
    const char* what() const noexcept override { return message.c_str(); }
};

// A PostgreSQL error caught by pg_call, on its way back to boundary(), which re-raises it whole.
// `error` lives in the boundary's memory context; nullptr when even copying it ran out of memory.
struct PgError : std::exception {
    ErrorData* error;
    explicit PgError(ErrorData* e) noexcept : error(e) {}
    const char* what() const noexcept override { return error && error->message ? error->message : "out of memory"; }
};

namespace detail {
// Where pg_call keeps caught errors: the memory context current at the innermost boundary's entry,
// which lives until that boundary has raised the error.
extern MemoryContext error_home;

// What a boundary caught, copied out of the exception before the catch block ends. Trivially
// destructible: nothing is lost when raise() longjmps out of boundary()'s frame.
struct Caught {
    ErrorData* pg_error = nullptr; // re-raised as it is
    int sqlstate = ERRCODE_INTERNAL_ERROR;
    const char* message = nullptr;
    const char* detail = nullptr;
    const char* hint = nullptr;
};
static_assert(std::is_trivially_destructible_v<Caught>);

// Never throw, never ereport (allocation failures give a fixed out-of-memory message).
void keep(Caught& caught, MemoryContext home, int sqlstate, const char* message, const char* detail = nullptr,
          const char* hint = nullptr) noexcept;
void keep(Caught& caught, const PgError& e) noexcept;
[[noreturn]] void raise(const Caught& caught);

// In pg_call after a longjmp: copies the current error into `home`, flushes the error state and
// returns in `back`. Never ereports: nullptr when the copy ran out of memory.
ErrorData* take_error(MemoryContext home, MemoryContext back) noexcept;
} // namespace detail

// Saves PostgreSQL's error-handling stacks (and our error home) and restores them when the scope is
// left, whichever way.
class ErrorStackGuard {
public:
    ErrorStackGuard() noexcept
        : exception_stack_(PG_exception_stack), context_stack_(error_context_stack), error_home_(detail::error_home) {}
    ~ErrorStackGuard() { restore(); }
    ErrorStackGuard(const ErrorStackGuard&) = delete;
    ErrorStackGuard& operator=(const ErrorStackGuard&) = delete;
    void restore() const noexcept {
        PG_exception_stack = exception_stack_;
        error_context_stack = context_stack_;
        detail::error_home = error_home_;
    }

private:
    sigjmp_buf* const exception_stack_;
    ErrorContextCallback* const context_stack_;
    const MemoryContext error_home_;
};

template <typename F>
Datum boundary(F&& body) {
    // No object with a destructor in this frame: raise() longjmps out of it.
    const MemoryContext outer_home = detail::error_home;
    const MemoryContext home = CurrentMemoryContext;
    detail::error_home = home;
    detail::Caught caught;
    try {
        Datum result = body();
        detail::error_home = outer_home;
        return result;
    } catch (const PgError& e) {
        detail::keep(caught, e);
    } catch (const SqlError& e) {
        detail::keep(caught, home, e.sqlstate, e.message.c_str(), e.detail.c_str(), e.hint.c_str());
    } catch (const std::bad_alloc&) {
        detail::keep(caught, home, ERRCODE_OUT_OF_MEMORY, "out of memory in activity_report");
    } catch (const std::exception& e) {
        detail::keep(caught, home, ERRCODE_INTERNAL_ERROR, e.what());
    } catch (...) {
        detail::keep(caught, home, ERRCODE_INTERNAL_ERROR, "unknown C++ exception in activity_report");
    }
    detail::error_home = outer_home;
    detail::raise(caught);
}

template <typename F>
auto pg_call(F&& call) -> decltype(call()) {
    using R = decltype(call());
    static_assert(std::is_void_v<R> || std::is_scalar_v<R>, "pg_call returns Datums, pointers and numbers only");
    // Neither local changes after sigsetjmp, so both are intact after a longjmp.
    const ErrorStackGuard guard;
    const MemoryContext caller_context = CurrentMemoryContext;
    sigjmp_buf on_error;
    if (sigsetjmp(on_error, 0) != 0) {
        guard.restore();
        MemoryContext home = detail::error_home ? detail::error_home : caller_context;
        throw PgError(detail::take_error(home, caller_context));
    }
    PG_exception_stack = &on_error;
    return call();
}

} // namespace ar::pg
