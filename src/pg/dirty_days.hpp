// Days made dirty by inserted events (rollup_dirty, 54_rollups.sql), marked from the classifying trigger:
// once per day and (sub)transaction, not per row, and without a transition table (PostgreSQL collects none
// from a foreign partition, and a shard's events are one: 57_shards.sql).
#pragma once

#include "core/taxonomy.hpp"
#include "pg/boundary.hpp"

namespace ar::pg {

// The UTC day of occurred_at, in rollup_dirty unless this transaction already put it there. Throws (through
// pg_call) like any SQL insert. No-op where the schema has no rollup_dirty (0.1.0).
void mark_day_dirty(Datum occurred_at);

// Whether the UTC day of occurred_at is archived (rollup_slices.archived: drop_events_before dropped its raw
// events, and its rollups are all there is): an event inserted for it now could never be counted, so the
// classifying trigger treats it as invalid. Looked up once per day and transaction; false where the schema has
// no rollup_slices (0.1.0).
bool day_archived(Datum occurred_at);
// The problem of such an event, naming its day.
Problem archived_day_problem(Datum occurred_at);

} // namespace ar::pg
