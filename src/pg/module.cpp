// Module initialisation: the module magic, the GUCs, the taxonomy invalidation callback and the core's
// interrupt hook. Core headers first: they assert that PostgreSQL's headers are not in scope yet.
#include "core/interrupt.hpp"
#include "pg/taxonomy_cache.hpp"

#include "pg/boundary.hpp"
#include "pg/module.hpp"

extern "C" {
#include "access/xact.h"
#include "miscadmin.h"
#include "utils/guc.h"
PG_MODULE_MAGIC;
void _PG_init(void);
}

namespace {
bool settings_defined = false;
}

namespace ar::pg {
int on_invalid = on_invalid_error;

int current_on_invalid() {
    if (settings_defined) return on_invalid;
    const char* v = GetConfigOption("activity_report.on_invalid", true, false);
    if (v && pg_strcasecmp(v, "reject") == 0) return on_invalid_reject;
    if (v && pg_strcasecmp(v, "accept") == 0) return on_invalid_accept;
    return on_invalid_error;
}
}

namespace {
// Read by the reports in SQL (current_setting): defined here so a bad value is refused when it is set.
bool use_rollups = true;
}

namespace {
// Called by long loops of the core (a pattern matched against a huge value): query cancel and
// statement_timeout stop them. The ereport of CHECK_FOR_INTERRUPTS comes back as a PgError (pg_call),
// which unwinds the core's frames to the entry point's boundary.
void check_for_interrupts() {
    if (INTERRUPTS_PENDING_CONDITION()) ar::pg::pg_call([] { CHECK_FOR_INTERRUPTS(); });
}

const struct config_enum_entry on_invalid_options[] = {
    {"error", ar::pg::on_invalid_error, false},
    {"reject", ar::pg::on_invalid_reject, false},
    {"accept", ar::pg::on_invalid_accept, false},
    {nullptr, 0, false},
};

void define_settings() {
    DefineCustomEnumVariable(
        "activity_report.on_invalid",
        "What inserting an invalid event into activity_report.events does.",
        "error (default) raises an error; reject stores the row in activity_report.rejected_events with the "
        "reason and skips it; accept stores it unclassified (kind_id NULL, details hold the problems).",
        &ar::pg::on_invalid, ar::pg::on_invalid_error, on_invalid_options, PGC_USERSET, 0, nullptr, nullptr, nullptr);
    DefineCustomBoolVariable(
        "activity_report.use_rollups",
        "Whether the seed-003 and seed-004 reports read rollups for the days refresh_rollups has rolled up.",
        "on (default): rolled-up, unchanged days come from activity_report.rollup_facts and the other days from "
        "raw events; off: every day from raw events. Both give the same rows.",
        &use_rollups, true, PGC_USERSET, 0, nullptr, nullptr, nullptr);
    MarkGUCPrefixReserved("activity_report");
}
}

extern "C" void _PG_init(void) {
    // Loaded during a parallel operation (a worker, or a leader whose first call into the library is inside
    // a parallel query: the reports are SQL), a variable defined now could not take the session's value
    // (PostgreSQL refuses to set it then) and would run with its default: use_rollups on under a session's
    // off. So the library then defines nothing and the session's values stay placeholders, which is what
    // the SQL reads (current_setting) and what current_on_invalid falls back to.
    if (!IsInParallelMode()) {
        define_settings();
        settings_defined = true;
    }
    ar::pg::register_taxonomy_invalidation();
    ar::set_interrupt_hook(&check_for_interrupts);
}
