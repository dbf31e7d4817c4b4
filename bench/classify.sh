#!/usr/bin/env bash
# Classification benchmark: (1) the C++ classifier alone on the seed taxonomy, ns per event;
# (2) inside PostgreSQL, inserting N events with the classifying trigger against the same insert with
# the trigger disabled, both in one run (alternating, best of 3); and against inserting, trigger disabled,
# the same rows already carrying the kind_id and details the trigger writes (so that the difference is
# the trigger's work, not the storing of its two columns); (3) the time EXPLAIN ANALYZE gives inside the
# trigger. Usage: bench/classify.sh [N events, default 1000000]
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
SQL
time_insert() { # the ALTER TABLE, then the INSERT's columns and source
    psql -X -q -v ON_ERROR_STOP=1 -c "$1" -c "TRUNCATE activity_report.events" >/dev/null
    local t0=$(date +%s.%N)
    psql -X -q -v ON_ERROR_STOP=1 -c "INSERT INTO activity_report.events ($2) SELECT * FROM $3" >/dev/null
    awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { print a - b }'
}
rows=$(psql -X -qAt -c "SELECT count(*) FROM bench_src")
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a < b) ? a : b }'; }
off= given= on=
for _ in 1 2 3; do # alternating, best of 3 each: the difference is small against the insert
    off=$(min "$(time_insert "ALTER TABLE activity_report.events DISABLE TRIGGER events_classify" "$COLUMNS" bench_src)" "$off")
    given=$(min "$(time_insert "ALTER TABLE activity_report.events DISABLE TRIGGER events_classify" "$COLUMNS, kind_id, details" bench_classified)" "$given")
    on=$(min "$(time_insert "ALTER TABLE activity_report.events ENABLE TRIGGER events_classify" "$COLUMNS" bench_src)" "$on")
done
awk -v rows="$rows" -v off="$off" -v on="$on" -v given="$given" 'BEGIN {
    printf "rows: %d  trigger off: %.2f s  trigger off, rows carrying kind_id and details: %.2f s  trigger on: %.2f s\n", rows, off, given, on
    printf "trigger cost: %.2f us per event against the same rows stored without it (%.2f us against rows without its two columns)\n", (on - given) * 1e6 / rows, (on - off) * 1e6 / rows }'
psql -X -q -c "TRUNCATE activity_report.events"
inside=$(psql -X -qAt -c "EXPLAIN (ANALYZE) INSERT INTO activity_report.events ($COLUMNS) SELECT * FROM bench_src" |
         sed -n 's/^Trigger events_classify on [^:]*: time=\([0-9.]*\).*/\1/p' | awk '{ s += $1 } END { print s }')
awk -v rows="$rows" -v ms="$inside" 'BEGIN { printf "inside the trigger (EXPLAIN ANALYZE): %.0f ms, %.2f us per event\n", ms, ms * 1000 / rows }'
rm -rf "$work"
