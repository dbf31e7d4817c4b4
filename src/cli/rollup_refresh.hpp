// After a load: roll up the days that have ended (activity_report.refresh_rollups), unless --no-refresh.
#pragma once
#include <string_view>

#include "cli/pg_session.hpp"

namespace ar::cli {

// Runs refresh_rollups(now(), all_time) in its own transaction and, unless quiet, says how many days it
// rolled up (`what` names the file or the run). all_time = false defers the rebuild of the stored all-time
// results (a load passes it between files, true after the last one). Does nothing when the extension has no
// refresh_rollups (version 0.1.0).
void refresh_rollups(PgSession& db, std::string_view what, bool quiet, bool all_time = true);

} // namespace ar::cli
