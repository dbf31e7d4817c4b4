// Thin RAII layer over libpq for the command-line tool: a connection that throws on errors (with the
// server's message, detail and hint), COPY in and out, and row-by-row streaming. The session's
// search_path is pinned to pg_catalog, pg_temp on connecting; the commands' SQL is schema-qualified too
// (operators as OPERATOR(pg_catalog.=)), so objects other users put in public never run.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <libpq-fe.h>

namespace ar::cli {

class PgError : public std::runtime_error {
public:
    PgError(const std::string& message, std::string sqlstate = {})
        : std::runtime_error(message), sqlstate_(std::move(sqlstate)) {}
    const std::string& sqlstate() const { return sqlstate_; }

private:
    std::string sqlstate_;
};

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

class PgSession {
public:
    // conninfo: a connection string or URI (--dbname), empty for the PG* environment alone.
    explicit PgSession(const std::string& conninfo);

    Result exec(const std::string& sql);
    // Parameters are text; nullopt is NULL.
    Result exec(const std::string& sql, const std::vector<std::optional<std::string>>& params);
    std::string literal(std::string_view value);  // quoted and escaped SQL literal

    void copy_in_begin(const std::string& copy_sql);
    void copy_in_put(std::string_view data);
    void copy_in_abort(const std::string& reason);  // ends COPY with an error (the transaction fails)
    Result copy_in_end();
    void copy_out(const std::string& copy_sql, const std::function<void(std::string_view)>& sink);
    // The result columns of a query (names, types), from preparing it: nothing runs.
    Result describe(const std::string& sql);
    // Runs a query in single-row mode; on_row gets each one-row result. Returns the description (0 rows).
    Result stream(const std::string& sql, const std::function<void(const PGresult&)>& on_row);

    PGconn* raw() { return conn_.get(); }

private:
    [[noreturn]] void fail(const PGresult* result, std::string_view context);

    struct ConnDeleter {
        void operator()(PGconn* c) const { PQfinish(c); }
    };
    std::unique_ptr<PGconn, ConnDeleter> conn_;
};

} // namespace ar::cli
