#include "cli/rollup_refresh.hpp"

#include <fmt/format.h>

namespace ar::cli {

void refresh_rollups(PgSession& db, std::string_view what, bool quiet, bool all_time) {
    auto has = db.exec("SELECT pg_catalog.to_regprocedure('activity_report.refresh_rollups(timestamp with time zone, boolean)') IS NOT NULL");
    if (std::string_view(PQgetvalue(has.get(), 0, 0)) != "t") return;
    auto days = db.exec(all_time ? "SELECT activity_report.refresh_rollups(pg_catalog.now(), true)"
                                 : "SELECT activity_report.refresh_rollups(pg_catalog.now(), false)");
    const std::string_view n = PQgetvalue(days.get(), 0, 0);
    if (!quiet) fmt::print("{}: rolled up {} day{}\n", what, n, n == "1" ? "" : "s");
}

} // namespace ar::cli
