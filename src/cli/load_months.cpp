#include "cli/load_months.hpp"

#include <string>
#include <vector>

#include <fmt/format.h>

namespace ar::cli {

namespace {

// The sample's times, read as the rows' are (times no monthly partition takes are ignored by the function).
constexpr const char* open_sql =
    "SELECT activity_report_internal.open_event_months($1::pg_catalog.text[]::pg_catalog.timestamptz[])";

// A text[] literal of canonical times (digits, '-', ':', '.', '+' and a space: nothing to escape).
std::string array_literal(const std::vector<std::string>& times) {
    std::string out = "{";
    for (const auto& t : times) {
        if (out.size() > 1) out += ',';
        out += '"';
        out += t;
        out += '"';
    }
    return out + "}";
}

// Shorter than deadlock_timeout: a load waiting for the write lock while holding a read lock on events (from its
// check for a file loaded before) would deadlock with this one; this one gives way first.
constexpr const char* wait_for_lock = "200ms";

} // namespace

int open_new_months(PgSession& db, const MonthSample& months, bool quiet) {
    auto times = months.times();
    if (times.empty()) return 0;
    auto callable = db.exec(
        "SELECT p IS NOT NULL AND pg_catalog.has_function_privilege(p, 'EXECUTE') "
        "  FROM pg_catalog.to_regprocedure('activity_report_internal.open_event_months(timestamptz[])') p");
    if (std::string_view(PQgetvalue(callable.get(), 0, 0)) != "t") return 0;
    std::string timeout = PQgetvalue(db.exec("SELECT pg_catalog.current_setting('lock_timeout')").get(), 0, 0);
    db.exec("SAVEPOINT ar_load_months");
    db.exec(fmt::format("SET LOCAL lock_timeout = '{}'", wait_for_lock));
    int made = 0;
    try {
        made = std::stoi(PQgetvalue(db.exec(open_sql, {array_literal(times)}).get(), 0, 0));
        db.exec("RELEASE SAVEPOINT ar_load_months");
    } catch (const PgError& e) {
        if (e.sqlstate() != "55P03" && e.sqlstate() != "40P01") throw;
        db.exec("ROLLBACK TO SAVEPOINT ar_load_months");
        db.exec("RELEASE SAVEPOINT ar_load_months");
        if (!quiet)
            fmt::print(stderr, "activity-report: activity_report.events is in use; rows of months without a partition go to "
                               "events_default (activity_report.ensure_event_partitions moves them later)\n");
    }
    db.exec("SELECT pg_catalog.set_config('lock_timeout', $1, true)", {timeout});
    return made;
}

void index_new_months(PgSession& db) {
    // Index builds sort every row of a month: give them room unless the session already gives more.
    db.exec("SELECT pg_catalog.set_config('maintenance_work_mem', '256MB', true) "
            " WHERE pg_catalog.pg_size_bytes(pg_catalog.current_setting('maintenance_work_mem')) OPERATOR(pg_catalog.<) 268435456");
    db.exec("SELECT activity_report_internal.index_event_months()");
}

} // namespace ar::cli
