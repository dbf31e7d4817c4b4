// A load's new months: the months of its rows that have no partition get one, made empty and without its keys
// and indexes (activity_report_internal.open_event_months), so the INSERT fills a bare table and the indexes
// are built once at the end (index_event_months), several times faster than maintained row by row. Making a
// month holds events' ACCESS EXCLUSIVE lock to the commit; a load that cannot take it soon (another
// transaction reads or writes events) lets its rows of new months go to events_default instead.
#pragma once

#include "cli/month_sample.hpp"
#include "cli/pg_session.hpp"

namespace ar::cli {

// After the stage is filled and the load's write lock is held: makes the missing months of the stage's good
// rows, told by the sample of their times. Returns how many it made (0 also when the extension predates it or
// the lock was not free).
int open_new_months(PgSession& db, const MonthSample& months, bool quiet);

// After the last INSERT of a load that made months: their keys and indexes.
void index_new_months(PgSession& db);

} // namespace ar::cli
