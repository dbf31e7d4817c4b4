#!/usr/bin/env bash
# Loader benchmark: one User Activity Exporter file of N rows (20,000 users, 2,000 contents, nine kinds of
# activity, every row distinct), then, in one run on that file, each step after a CHECKPOINT:
#   - psql's \copy into an unindexed table of twelve text columns: the floor (parsing and storing the bytes);
#   - `activity-report load` into a fresh database (staging, keys, classification by the trigger, users and
#     contents, a new month's partition filled bare and then given its five indexes);
#   - the same load again (nothing new: every row is found by its key);
#   - 1,000 late events of 100 users into a rolled-up day and the refresh after them, and the whole rebuild
#     of the stored all-time results that refresh avoids;
#   - for reference, what activity_report.events itself costs any loader: one INSERT ... SELECT of the same rows
#     (keys computed in SQL) from an unindexed table into the empty events table, with its indexes and trigger
#     (into events_default, indexed: what a load of a month that has a partition costs).
# Prints a Markdown table: seconds, rows/s and share of the \copy's rate.
# Usage: bench/load.sh [rows, default 1000000]   (10000000 for the large run)
# The throwaway cluster gets shared_buffers = 1GB and max_wal_size = 4GB; with AR_BENCH_CLUSTER=running the
# server of the PG* environment is used as it is.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"
N=${1:-1000000}
if [ "${AR_BENCH_CLUSTER:-}" = running ]; then
    AR=${AR:-$ROOT/activity-report}
else
    prepare_cluster_with_extension >/dev/null
    psql -X -q -c "ALTER SYSTEM SET shared_buffers = '1GB'" -c "ALTER SYSTEM SET max_wal_size = '4GB'"
    run_as_pg "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -w restart >/dev/null
    AR=$PG_BIN/activity-report
fi
export PGTZ=UTC
work=$(mktemp -d /tmp/ar_bench_load.XXXXXX)
chmod 755 "$work"
trap 'rm -rf "$work"; stop_cluster 2>/dev/null || true' EXIT
DB=ar_bench_load REF=ar_bench_load_events
for db in $DB $REF; do
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    psql -X -q -d $db -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION activity_report'
done

echo "== writing $N rows"
psql -X -q -d $DB -v ON_ERROR_STOP=1 <<SQL
\copy (SELECT 'u-' || u AS "User ID", 'First' || u AS "First", 'Last' || u AS "Last", 'Company ' || (u % 97) AS "Company", 'user' || u || '@example.com' AS "Email", k.category AS "Category", k.action AS "Action", CASE WHEN k.label = '#' THEN 'Message number ' || i ELSE k.label END AS "Label", to_char(timestamptz '2026-01-01 00:00+00' + i * interval '1 second', 'YYYY-MM-DD HH24:MI:SS"Z"') AS "Date/Time", 's-' || c AS "Content ID", 'Content ' || c AS "Content Name", '/main/content/' || c AS "Content Slug" FROM generate_series(1, $N) i CROSS JOIN LATERAL (SELECT i % 20000 AS u, (i / 7) % 2000 AS c) x JOIN (VALUES (0, 'Content - OTSession', 'View', 'N/A'), (1, 'Content - OTSession', 'Join', 'N/A'), (2, 'Content - OTSession', 'Chat', '#'), (3, 'Content - OTSession', 'Emoji', 'Love'), (4, 'Content - OTSession', 'Leave', 'N/A'), (5, 'Content - video', 'Play', 'N/A'), (6, 'Content - video', 'Watch', 'N/A'), (7, 'Content - Course', 'View', 'N/A'), (8, 'Content - OTSession', 'Question', '#')) k(n, category, action, label) ON k.n = i % 9 ORDER BY i) TO '$work/export.csv' (FORMAT csv, HEADER)
SQL
bytes=$(stat -c %s "$work/export.csv")

# seconds DB COMMAND...: the command's wall-clock time, after a checkpoint of the cluster.
seconds() {
    psql -X -q -d postgres -c CHECKPOINT
    local t0=$(date +%s.%N)
    "$@" > "$work/out" 2>&1 || { cat "$work/out"; exit 1; }
    awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.2f", a - b }'
}
columns="c1 text, c2 text, c3 text, c4 text, c5 text, c6 text, c7 text, c8 text, c9 text, c10 text, c11 text, c12 text"

psql -X -q -d $DB -c "CREATE TABLE copy_floor ($columns)"
copy=$(seconds psql -X -q -d $DB -v ON_ERROR_STOP=1 -c "\copy copy_floor FROM '$work/export.csv' (FORMAT csv, HEADER)")
psql -X -q -d $DB -c "DROP TABLE copy_floor"

# The loader alone (--no-refresh), then the roll-up a default load runs after it, apart.
load=$(seconds "$AR" load -q --no-refresh -d $DB "$work/export.csv")
loaded=$(psql -X -qAt -d $DB -c "SELECT count(*) FROM activity_report.events")
[ "$loaded" -eq "$N" ] || { echo "load: $loaded of $N rows landed"; exit 1; }
refresh=$(seconds psql -X -q -d $DB -v ON_ERROR_STOP=1 -c "SELECT activity_report.refresh_rollups()")
reload=$(seconds "$AR" load --no-refresh -d $DB "$work/export.csv")
grep -q " 0 loaded, 0 rejected, $N already loaded" "$work/out" || { echo "re-load: $(cat "$work/out")"; exit 1; }

# Late events: 1,000 of 100 users in one rolled-up day, then the refresh that rolls the day up again and
# updates the stored all-time results of those users; for reference, the whole rebuild of those results
# (what every refresh paid before they were updated key by key).
psql -X -q -d $DB -v ON_ERROR_STOP=1 -c "INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category,
    action, label, content_id, content_name, source_ref)
    SELECT 'activity_exporter', timestamptz '2026-01-05 00:00+00' + i * interval '7 seconds', 'u-' || (i % 100),
           'Content - OTSession', 'Chat', 'late ' || i, 's-' || (i % 50), 'Content ' || (i % 50), 'late:' || i
      FROM generate_series(1, 1000) i"
late=$(seconds psql -X -q -d $DB -v ON_ERROR_STOP=1 -c "SELECT activity_report.refresh_rollups()")
[ "$(psql -X -qAt -d $DB -c "SELECT activity_report_internal.use_all_time('-infinity', 'infinity')")" = t ] ||
    { echo "late events: the stored all-time results are not current"; exit 1; }
rebuild=$(seconds psql -X -q -d $DB -v ON_ERROR_STOP=1 -c "SELECT activity_report_internal.rebuild_all_time_results()")

psql -X -q -d $REF -v ON_ERROR_STOP=1 -c "CREATE TABLE raw ($columns)" -c "\copy raw FROM '$work/export.csv' (FORMAT csv, HEADER)" -c "VACUUM ANALYZE raw"
events=$(seconds psql -X -q -d $REF -v ON_ERROR_STOP=1 -c "INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category,
    action, label, content_id, content_name, content_slug, source_ref)
    SELECT 'activity_exporter', c9::timestamptz, c1, c6, c7, c8, c10, c11, c12, 'load:' || md5(ROW(c1, c9, c6, c7, c8, c10)::text) || ':1' FROM raw")

echo
echo "$N rows, $((bytes / 1048576)) MiB (User Activity Exporter CSV), $(nproc) cores," \
     "shared_buffers $(psql -X -qAt -c 'SHOW shared_buffers'), max_wal_size $(psql -X -qAt -c 'SHOW max_wal_size')"
echo
echo "| step | seconds | rows/s | share of the \\copy's rate |"
echo "|---|---:|---:|---:|"
for step in "\\\\copy into an unindexed table (the floor):$copy" "activity-report load --no-refresh:$load" \
            "then refresh_rollups() (what a load without --no-refresh adds: the days and the all-time results):$refresh" \
            "activity-report load --no-refresh again (nothing new):$reload" \
            "for reference: INSERT ... SELECT into activity_report.events (its indexes and trigger):$events"; do
    awk -v name="${step%:*}" -v s="${step##*:}" -v n="$N" -v c="$copy" \
        'BEGIN { printf "| %s | %.2f | %.0f | %.0f %% |\n", name, s, n / s, 100 * c / s }'
done
echo
echo "| after the load | seconds |"
echo "|---|---:|"
echo "| 1,000 late events of 100 users into a rolled-up day, then \`refresh_rollups()\` (that day again, then the stored all-time results of those users) | $late |"
echo "| for reference: the whole rebuild of the stored all-time results (what such a refresh paid before) | $rebuild |"
for db in $DB $REF; do psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db"; done
