#include "pg/dirty_days.hpp"

#include "core/presence_state.hpp"  // utc_text
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
PG_FUNCTION_INFO_V1(ar_made_by_this_transaction);
}

#include <optional>
#include <unordered_map>

#include <fmt/format.h>

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
// Days looked up in rollup_slices this transaction: archived or not; the last one apart, as for the marks.
std::unordered_map<DateADT, bool>* archived = nullptr;
std::optional<std::pair<DateADT, bool>> last_archived;
SPIPlanPtr archived_plan = nullptr;
char* archived_table = nullptr;  // the qualified name archived_plan reads
bool archived_checked_this_transaction = false;
bool schema_has_slices = false;

void forget_all() {
    if (marks) marks->clear();
    checked_this_transaction = false;
    last_marked.reset();
    if (archived) archived->clear();
    last_archived.reset();
    archived_checked_this_transaction = false;
}

void on_xact(XactEvent event, void*) {
    if (event == XACT_EVENT_COMMIT || event == XACT_EVENT_ABORT || event == XACT_EVENT_PREPARE ||
        event == XACT_EVENT_PARALLEL_COMMIT || event == XACT_EVENT_PARALLEL_ABORT)
        forget_all();
}

void on_subxact(SubXactEvent event, SubTransactionId sub, SubTransactionId parent, void*) {
    if (!marks) return;
    if (event == SUBXACT_EVENT_ABORT_SUB) { // a drop_events_before of it is undone too: look the days up again
        last_marked.reset();
        if (archived) archived->clear();
        last_archived.reset();
    }
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

// A kept plan of `sql` (one date parameter) over the extension's member table `name` of schema `nsp`, prepared
// again if that table's name changed. false: this schema has no such table (0.1.0).
bool prepare_plan(Oid nsp, const char* name, const char* sql, SPIPlanPtr& plan, char*& planned_table) {
    if (!OidIsValid(nsp) || !OidIsValid(get_relname_relid(name, nsp))) return false;
    const char* table = qualified_table_name(extension_table(nsp, name));
    if (plan && strcmp(table, planned_table) != 0) {
        SPI_freeplan(plan);
        plan = nullptr;
    }
    if (!plan) {
        SPI_connect();
        Oid types[1] = {DATEOID};
        SPIPlanPtr prepared = SPI_prepare(psprintf(sql, table), 1, types);
        if (!prepared) elog(ERROR, "activity_report: could not prepare a statement on %s", table);
        SPI_keepplan(prepared);
        SPI_finish();
        plan = prepared;
        if (planned_table) pfree(planned_table);
        planned_table = MemoryContextStrdup(TopMemoryContext, table);
    }
    return true;
}

// The marks' map, and the callbacks that forget what a transaction's end or a subtransaction's abort undoes;
// made once per backend.
void watch_transactions() {
    if (marks) return;
    marks = new std::unordered_map<DateADT, SubTransactionId>();
    pg_call([] {
        RegisterXactCallback(on_xact, nullptr);
        RegisterSubXactCallback(on_subxact, nullptr);
    });
}

// rollup_dirty as the extension's member table, found once per transaction.
bool prepare_insert() {
    if (!checked_this_transaction) {
        schema_has_log = prepare_plan(get_namespace_oid("activity_report_internal", true), "rollup_dirty",
                                      "INSERT INTO %s (day) VALUES ($1)", insert_plan, insert_table);
        checked_this_transaction = true;
    }
    return schema_has_log;
}

bool prepare_archived() {
    if (!archived_checked_this_transaction) {
        schema_has_slices = prepare_plan(extension_schema(), "rollup_slices",
                                         "SELECT s.archived FROM %s s WHERE s.day OPERATOR(pg_catalog.=) $1",
                                         archived_plan, archived_table);
        archived_checked_this_transaction = true;
    }
    return schema_has_slices;
}

} // namespace

namespace ar::pg {

bool day_archived(Datum occurred_at) {
    const DateADT day = utc_day(DatumGetTimestampTz(occurred_at));
    if (last_archived && last_archived->first == day) return last_archived->second;
    if (!archived) {
        watch_transactions();
        archived = new std::unordered_map<DateADT, bool>();
    }
    bool is_archived = false;
    if (auto it = archived->find(day); it != archived->end()) {
        is_archived = it->second;
    } else if (pg_call(prepare_archived)) {
        is_archived = pg_call([&] {
            Datum values[1] = {DateADTGetDatum(day)};
            SPI_connect();
            if (SPI_execute_plan(archived_plan, values, nullptr, true, 1) != SPI_OK_SELECT)
                elog(ERROR, "activity_report: could not read rollup_slices");
            bool found = false, isnull = true;
            if (SPI_processed == 1) {
                Datum v = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
                found = !isnull && DatumGetBool(v);
            }
            SPI_finish();
            return found;
        });
        archived->emplace(day, is_archived);
    }
    last_archived = std::make_pair(day, is_archived);
    return is_archived;
}

void mark_day_dirty(Datum occurred_at) {
    const DateADT day = utc_day(DatumGetTimestampTz(occurred_at));
    if (last_marked == day) return;
    watch_transactions();
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

Problem archived_day_problem(Datum occurred_at) {
    return {Field::occurred_at, ProblemCode::archived_day,
            fmt::format("occurred_at \"{}\": its day (UTC) is archived: its raw events were dropped (drop_events_before) and "
                        "its rollups are final, so the event would never be counted",
                        utc_text(DatumGetTimestampTz(occurred_at))),
            "Add the events of a day before its month is dropped; activity_report.rollup_slices lists the archived days."};
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

// activity_report_internal.made_by_this_transaction(xmin): whether a row was written by this transaction or
// one of its subtransactions (a savepoint's rows carry the subtransaction's xid, not the top-level one).
extern "C" Datum ar_made_by_this_transaction(PG_FUNCTION_ARGS) {
    return boundary([&] { return BoolGetDatum(TransactionIdIsCurrentTransactionId(DatumGetTransactionId(PG_GETARG_DATUM(0)))); });
}
