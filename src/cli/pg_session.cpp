#include "cli/pg_session.hpp"

#include <vector>

#include <fmt/format.h>

namespace ar::cli {

PgSession::PgSession(const std::string& conninfo) {
    const char* keys[] = {"dbname", "fallback_application_name", nullptr};
    const char* values[] = {conninfo.empty() ? nullptr : conninfo.c_str(), "activity-report", nullptr};
    conn_.reset(PQconnectdbParams(keys, values, /*expand_dbname=*/1));
    if (!conn_) throw PgError("out of memory while connecting");
    if (PQstatus(conn_.get()) != CONNECTION_OK) {
        std::string message = PQerrorMessage(conn_.get());
        while (!message.empty() && message.back() == '\n') message.pop_back();
        throw PgError(fmt::format("cannot connect: {}", message));
    }
    PQsetClientEncoding(conn_.get(), "UTF8");
    // Only pg_catalog's functions and operators, whatever search_path the role or database sets: an
    // object another user put in public (say OPERATOR public.|| (text, bigint)) is never ours to run.
    exec("SELECT pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', false)");
}

void PgSession::fail(const PGresult* result, std::string_view context) {
    auto field = [&](int code) -> std::string {
        const char* v = result ? PQresultErrorField(result, code) : nullptr;
        return v ? v : "";
    };
    std::string message = field(PG_DIAG_MESSAGE_PRIMARY);
    if (message.empty()) {
        message = PQerrorMessage(conn_.get());
        while (!message.empty() && message.back() == '\n') message.pop_back();
    }
    std::string text = message;
    if (auto d = field(PG_DIAG_MESSAGE_DETAIL); !d.empty()) text += "\nDETAIL: " + d;
    if (auto h = field(PG_DIAG_MESSAGE_HINT); !h.empty()) text += "\nHINT: " + h;
    if (!context.empty()) text += fmt::format("\n(while {})", context);
    throw PgError(text, field(PG_DIAG_SQLSTATE));
}

Result PgSession::exec(const std::string& sql) { return exec(sql, {}); }

Result PgSession::exec(const std::string& sql, const std::vector<std::optional<std::string>>& params) {
    std::vector<const char*> values;
    for (auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    Result r(PQexecParams(conn_.get(), sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                          nullptr, 0));
    auto status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(r.get(), {});
    return r;
}

std::string PgSession::literal(std::string_view value) {
    char* quoted = PQescapeLiteral(conn_.get(), value.data(), value.size());
    if (!quoted) fail(nullptr, "quoting a value");
    std::string out = quoted;
    PQfreemem(quoted);
    return out;
}

void PgSession::copy_in_begin(const std::string& copy_sql) {
    Result r(PQexec(conn_.get(), copy_sql.c_str()));
    if (!r || PQresultStatus(r.get()) != PGRES_COPY_IN) fail(r.get(), "starting COPY");
}

void PgSession::copy_in_put(std::string_view data) {
    if (PQputCopyData(conn_.get(), data.data(), static_cast<int>(data.size())) != 1) fail(nullptr, "sending COPY data");
}

void PgSession::copy_in_abort(const std::string& reason) {
    PQputCopyEnd(conn_.get(), reason.c_str());
    while (Result r{PQgetResult(conn_.get())}) {}
}

Result PgSession::copy_in_end() {
    if (PQputCopyEnd(conn_.get(), nullptr) != 1) fail(nullptr, "ending COPY");
    Result last;
    while (Result r{PQgetResult(conn_.get())}) {
        if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
            Result failed = std::move(r);
            while (Result rest{PQgetResult(conn_.get())}) {}
            fail(failed.get(), {});
        }
        last = std::move(r);
    }
    return last;
}

void PgSession::copy_out(const std::string& copy_sql, const std::function<void(std::string_view)>& sink) {
    Result r(PQexec(conn_.get(), copy_sql.c_str()));
    if (!r || PQresultStatus(r.get()) != PGRES_COPY_OUT) fail(r.get(), {});
    char* buffer = nullptr;
    int n;
    while ((n = PQgetCopyData(conn_.get(), &buffer, 0)) > 0) {
        // Free the buffer even when the sink throws (e.g. a full disk).
        std::unique_ptr<char, decltype(&PQfreemem)> owned(buffer, PQfreemem);
        sink(std::string_view(buffer, static_cast<std::size_t>(n)));
    }
    if (n == -2) fail(nullptr, "reading COPY data");
    while (Result end{PQgetResult(conn_.get())})
        if (PQresultStatus(end.get()) != PGRES_COMMAND_OK) fail(end.get(), {});
}

Result PgSession::describe(const std::string& sql) {
    Result prepared(PQprepare(conn_.get(), "", sql.c_str(), 0, nullptr));
    if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) fail(prepared.get(), {});
    Result r(PQdescribePrepared(conn_.get(), ""));
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) fail(r.get(), {});
    return r;
}

Result PgSession::stream(const std::string& sql, const std::function<void(const PGresult&)>& on_row) {
    if (!PQsendQuery(conn_.get(), sql.c_str())) fail(nullptr, {});
    PQsetSingleRowMode(conn_.get());
    Result description, error;
    while (Result r{PQgetResult(conn_.get())}) {
        auto status = PQresultStatus(r.get());
        if (error) continue;  // drain
        if (status == PGRES_SINGLE_TUPLE) {
            on_row(*r);
            if (!description) description.reset(PQcopyResult(r.get(), PG_COPYRES_ATTRS));
        } else if (status == PGRES_TUPLES_OK) {
            if (!description) description = std::move(r);
        } else if (status != PGRES_COMMAND_OK) {
            error = std::move(r);
        }
    }
    if (error) fail(error.get(), {});
    return description;
}

} // namespace ar::cli
