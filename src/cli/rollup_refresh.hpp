// After a load: roll up the days that have ended (activity_report.refresh_rollups), unless --no-refresh.
#pragma once
#include <string_view>

#include "cli/pg_session.hpp"

namespace ar::cli {

// Runs refresh_rollups() in its own transaction and, unless quiet, says how many days it rolled up (`what`
// names the file or the run). Does nothing when the extension has no refresh_rollups (version 0.1.0).
void refresh_rollups(PgSession& db, std::string_view what, bool quiet);

} // namespace ar::cli
