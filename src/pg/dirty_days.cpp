#include "pg/dirty_days.hpp"

#include "pg/extension_objects.hpp"

extern "C" {
#include "access/xact.h"
#include "catalog/namespace.h"
#include "executor/spi.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"
PG_FUNCTION_INFO_V1(ar_forget_dirty_marks);
}

#include <optional>
#include <unordered_map>

namespace {

using namespace ar::pg;

// Day -> the subtransaction whose insert marked it. A mark made in a subtransaction that aborts is gone
// (its row is), one made in a subtransaction that commits belongs to the parent from then on; at the end of
// the transaction all are forgotten. refresh_rollups, which deletes marks, forgets them too (forget_dirty_marks).
std::unordered_map<DateADT, SubTransactionId>* marks = nullptr;
SPIPlanPtr insert_plan = nullptr;
char* insert_table = nullptr;  // the qualified name insert_plan writes to
bool checked_this_transaction = false;
bool schema_has_log = false;
// The day the last insert found marked: a load's rows mostly share their day (no map lookup for them).
std::optional<DateADT> last_marked;

void forget_all() {
    if (marks) marks->clear();
    checked_this_transaction = false;
    last_marked.reset();
}

void on_xact(XactEvent event, void*) {
    if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT || event == XACT_EVENT_PREPARE ||
        event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT)
        forget_all();
}

void on_subxact(SubXactEvent event, SubTransactionId sub, SubTransactionId parent, void*) {
    if (!marks) return;
    if (event == SUBXACT_EVENT_ABORT_SUB) last_marked.reset();
    for (auto it = marks->begin(); it != marks->end();) {
        if (it->second != sub) { ++it; continue; }
        if (event == SUBXACT_EVENT_ABORT_SUB) { it = marks->erase(it); continue; }
        if (event == SUBXACT_EVENT_COMMIT_SUB) it->second = parent;
        ++it;
    }
}

DateADT utc_day(TimestampTz t) {
    if (TIMESTAMP_IS_NOBEGIN(t)) return DATEVAL_NOBEGIN;
    if (TIMESTAMP_IS_NOEND(t)) return DATEVAL_NOEND;
    TimestampTz day = t / USECS_PER_DAY;  // both count from 2000-01-01 (UTC)
    if (t % USECS_PER_DAY < 0) --day;
    return static_cast<DateADT>(day);
}

// rollup_dirty as the extension's member table, found once per transaction; the kept plan is prepared again
// if its name changed. false: this schema has none (0.1.0).
bool prepare_insert() {
    if (checked_this_transaction) return schema_has_log;
    Oid internal = get_namespace_oid("activity_report_internal", true);
    schema_has_log = OidIsValid(internal) && OidIsValid(get_relname_relid("rollup_dirty", internal));
    if (schema_has_log) {
        const char* table = qualified_table_name(extension_table(internal, "rollup_dirty"));
        if (insert_plan && strcmp(table, insert_table) != 0) {
            SPI_freeplan(insert_plan);
            insert_plan = nullptr;
        }
        if (!insert_plan) {
            SPI_connect();
            Oid types[1] = {DATEOID};
            SPIPlanPtr plan = SPI_prepare(psprintf("INSERT INTO %s (day) VALUES ($1)", table), 1, types);
            if (!plan) elog(ERROR, "activity_report: could not prepare the rollup_dirty insert");
            SPI_keepplan(plan);
            SPI_finish();
            insert_plan = plan;
            if (insert_table) pfree(insert_table);
            insert_table = MemoryContextStrdup(TopMemoryContext, table);
        }
    }
    checked_this_transaction = true;
    return schema_has_log;
}

} // namespace

namespace ar::pg {

void mark_day_dirty(Datum occurred_at) {
    const DateADT day = utc_day(DatumGetTimestampTz(occurred_at));
    if (last_marked == day) return;
    if (!marks) {
        marks = new std::unordered_map<DateADT, SubTransactionId>();
        pg_call([] {
            RegisterXactCallback(on_xact, nullptr);
            RegisterSubXactCallback(on_subxact, nullptr);
        });
    }
    if (marks->contains(day)) {
        last_marked = day;
        return;
    }
    if (!pg_call(prepare_insert)) return;
    pg_call([&] {
        Datum values[1] = {DateADTGetDatum(day)};
        SPI_connect();
        if (SPI_execute_plan(insert_plan, values, nullptr, false, 0) != SPI_OK_INSERT)
            elog(ERROR, "activity_report: could not mark a day dirty");
        SPI_finish();
    });
    marks->emplace(day, pg_call([] { return GetCurrentSubTransactionId(); }));
    last_marked = day;
}

} // namespace ar::pg

// activity_report_internal.forget_dirty_marks(): refresh_rollups deleted marks this transaction may have
// made, so the next insert of such a day marks it again.
extern "C" Datum ar_forget_dirty_marks(PG_FUNCTION_ARGS) {
    return boundary([&] {
        forget_all();
        return Datum(0);
    });
}
