// The subcommands of activity-report. Each returns the process exit code (see exit_code) and throws
// UsageError for bad arguments, PgError for database errors.
#pragma once

#include "cli/options.hpp"

namespace ar::cli {

namespace exit_code {
constexpr int ok = 0;
constexpr int failure = 1;   // database, file or data error: nothing of the failed part was written
constexpr int usage = 2;     // bad command line
constexpr int rejected = 3;  // load finished, and some rows went to activity_report.rejected_events
} // namespace exit_code

extern const char* const load_help;
extern const char* const report_help;
extern const char* const generate_help;
extern const char* const dashboard_help;

int run_load(const ParsedArgs& args);
int run_report(const ParsedArgs& args);
int run_generate(const ParsedArgs& args);
int run_dashboard(const ParsedArgs& args);

} // namespace ar::cli
