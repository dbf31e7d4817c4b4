#!/usr/bin/env bash
# Classification benchmark: (1) the C++ classifier alone on the seed taxonomy, ns per event;
# (2) inside PostgreSQL, inserting N events with the classifying trigger against the same insert with
# the trigger disabled, both in one run (alternating, best of ROUNDS, default 3); and against inserting,
# trigger disabled, the same rows already carrying the kind_id and details the trigger writes (so that the
# difference is the trigger's work, not the storing of its two columns); (3) the same on and off with every
# free-text label made distinct (what the trigger's memo of recent keys cannot help with); (4) on and off
# into a bare table of events' columns (no indexes, no partitions), where the insert around the trigger is
# cheapest and the difference least noisy; (5) the time EXPLAIN ANALYZE gives inside the trigger. Usage: [ROUNDS=n] bench/classify.sh [N events, default 1000000]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"
N=${1:-1000000}
prepare_cluster_with_extension
work=$(mktemp -d)
psql -X -q -f scripts/load_sample.sql
psql -X -q -c "\copy (SELECT kind_id, vocabulary, section, name, category_pattern, action_pattern, label_pattern, array_to_string(roles, ',') FROM activity_report.activity_kinds ORDER BY kind_id) TO '$work/kinds.tsv'"
psql -X -q -c "\copy (SELECT vocabulary, category, action, coalesce(label, '') FROM activity_report.events ORDER BY event_id) TO '$work/triples.tsv'"
g++ -std=c++20 -O2 -Isrc bench/classify_bench.cpp src/core/*.cpp -lfmt -o "$work/classify_bench"
echo "== C++ classifier, seed taxonomy, sample events round-robin"
"$work/classify_bench" "$work/kinds.tsv" "$work/triples.tsv" 10000000

echo "== INSERT of $N events: classifying trigger on vs off (same rows, same run)"
psql -X -q -v ON_ERROR_STOP=1 <<SQL
CREATE TABLE bench_src AS
  SELECT e.vocabulary, e.occurred_at + (g * interval '1 second') AS occurred_at, e.user_id || (g % 1000) AS user_id,
         e.category, e.action, e.label, e.content_id
    FROM generate_series(1, $N / (SELECT count(*) FROM activity_report.events)) g, activity_report.events e;
VACUUM ANALYZE bench_src;
SQL
COLUMNS="vocabulary, occurred_at, user_id, category, action, label, content_id"
psql -X -q -v ON_ERROR_STOP=1 <<SQL
INSERT INTO activity_report.events ($COLUMNS) SELECT * FROM bench_src;
CREATE TABLE bench_classified AS SELECT $COLUMNS, kind_id, details FROM activity_report.events ORDER BY event_id;
VACUUM ANALYZE bench_classified;
-- The same rows with each free-text label made distinct: a label gets " #<row>" where its key still
-- classifies as the same kind with it (not "N/A", not a fixed label such as a status).
CREATE TABLE bench_keys AS
  SELECT DISTINCT vocabulary, category, action, label FROM bench_src;
ALTER TABLE bench_keys ADD COLUMN varies boolean;
UPDATE bench_keys k SET varies = k.label IS NOT NULL AND
  (SELECT kind_id FROM activity_report.classify(k.vocabulary, k.category, k.action, k.label)) IS NOT DISTINCT FROM
  (SELECT kind_id FROM activity_report.classify(k.vocabulary, k.category, k.action, k.label || ' #1'));
CREATE TABLE bench_distinct AS
  SELECT s.vocabulary, s.occurred_at, s.user_id, s.category, s.action,
         CASE WHEN k.varies THEN s.label || ' #' || row_number() OVER () ELSE s.label END AS label, s.content_id
    FROM bench_src s JOIN bench_keys k
      ON (k.vocabulary, k.category, k.action) = (s.vocabulary, s.category, s.action) AND k.label IS NOT DISTINCT FROM s.label;
VACUUM ANALYZE bench_distinct;
CREATE TABLE bench_bare (LIKE activity_report.events INCLUDING DEFAULTS INCLUDING IDENTITY);
CREATE TRIGGER bench_classify BEFORE INSERT ON bench_bare FOR EACH ROW EXECUTE FUNCTION activity_report_internal.events_classify();
SQL
time_insert() { # the ALTER TABLE, then the INSERT's columns and source[, and target]
    local target=${4:-activity_report.events}
    psql -X -q -v ON_ERROR_STOP=1 -c "$1" -c "TRUNCATE $target" >/dev/null
    local t0=$(date +%s.%N)
    psql -X -q -v ON_ERROR_STOP=1 -c "INSERT INTO $target ($2) SELECT * FROM $3" >/dev/null
    awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { print a - b }'
}
rows=$(psql -X -qAt -c "SELECT count(*) FROM bench_src")
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a < b) ? a : b }'; }
distinct=$(psql -X -qAt -c "SELECT count(*) FROM bench_src s JOIN bench_keys k ON (k.vocabulary, k.category, k.action) = (s.vocabulary, s.category, s.action) AND k.label IS NOT DISTINCT FROM s.label WHERE k.varies")
off= given= on= doff= don= boff= bon=
DISABLE="ALTER TABLE activity_report.events DISABLE TRIGGER events_classify"
ENABLE="ALTER TABLE activity_report.events ENABLE TRIGGER events_classify"
for _ in $(seq "${ROUNDS:-3}"); do # alternating, best of ROUNDS each: the difference is small against the insert
    off=$(min "$(time_insert "$DISABLE" "$COLUMNS" bench_src)" "$off")
    given=$(min "$(time_insert "$DISABLE" "$COLUMNS, kind_id, details" bench_classified)" "$given")
    on=$(min "$(time_insert "$ENABLE" "$COLUMNS" bench_src)" "$on")
    doff=$(min "$(time_insert "$DISABLE" "$COLUMNS" bench_distinct)" "$doff")
    don=$(min "$(time_insert "$ENABLE" "$COLUMNS" bench_distinct)" "$don")
    boff=$(min "$(time_insert "ALTER TABLE bench_bare DISABLE TRIGGER bench_classify" "$COLUMNS" bench_src bench_bare)" "$boff")
    bon=$(min "$(time_insert "ALTER TABLE bench_bare ENABLE TRIGGER bench_classify" "$COLUMNS" bench_src bench_bare)" "$bon")
done
awk -v rows="$rows" -v off="$off" -v on="$on" -v given="$given" 'BEGIN {
    printf "rows: %d  trigger off: %.2f s  trigger off, rows carrying kind_id and details: %.2f s  trigger on: %.2f s\n", rows, off, given, on
    printf "trigger cost: %.2f us per event against the same rows stored without it (%.2f us against rows without its two columns)\n", (on - given) * 1e6 / rows, (on - off) * 1e6 / rows }'
awk -v rows="$rows" -v off="$doff" -v on="$don" -v d="$distinct" 'BEGIN {
    printf "free-text labels distinct (%d of %d rows, %.0f %%): trigger off: %.2f s  trigger on: %.2f s  trigger cost: %.2f us per event (against rows without its two columns)\n", d, rows, d * 100 / rows, off, on, (on - off) * 1e6 / rows }'
awk -v rows="$rows" -v off="$boff" -v on="$bon" 'BEGIN {
    printf "bare table: trigger off: %.2f s  trigger on: %.2f s  trigger cost: %.2f us per event (against rows without its two columns)\n", off, on, (on - off) * 1e6 / rows }'
psql -X -q -c "TRUNCATE activity_report.events"
inside=$(psql -X -qAt -c "EXPLAIN (ANALYZE) INSERT INTO activity_report.events ($COLUMNS) SELECT * FROM bench_src" |
         sed -n 's/^Trigger events_classify on [^:]*: time=\([0-9.]*\).*/\1/p' | awk '{ s += $1 } END { print s }')
awk -v rows="$rows" -v ms="$inside" 'BEGIN { printf "inside the trigger (EXPLAIN ANALYZE): %.0f ms, %.2f us per event\n", ms, ms * 1000 / rows }'
rm -rf "$work"
