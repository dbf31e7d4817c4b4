#include "cli/rollup_refresh.hpp"

#include <fmt/format.h>

namespace ar::cli {

void refresh_rollups(PgSession& db, std::string_view what, bool quiet) {
    auto has = db.exec("SELECT pg_catalog.to_regprocedure('activity_report.refresh_rollups(timestamp with time zone)') IS NOT NULL");
    if (std::string_view(PQgetvalue(has.get(), 0, 0)) != "t") return;
    auto days = db.exec("SELECT activity_report.refresh_rollups()");
    const std::string_view n = PQgetvalue(days.get(), 0, 0);
    if (!quiet) fmt::print("{}: rolled up {} day{}\n", what, n, n == "1" ? "" : "s");
}

} // namespace ar::cli
