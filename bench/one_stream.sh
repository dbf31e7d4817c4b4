#!/usr/bin/env bash
# One huge group: minutes_viewed and engagement_rate over ONE (user, content) stream of N events (joins and
# leaves alternating, times shuffled). A stream of 4N must cost about 4 times one of N, in time and memory.
# Prints a Markdown table: best of 3 runs, and the backend's peak private memory (RssAnon, sampled from /proc).
# Usage: bench/one_stream.sh [sizes..., default 1000000 4000000]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"
SIZES=("${@:-1000000}")
[ $# -eq 0 ] && SIZES=(1000000 4000000)
prepare_cluster_with_extension
psql -X -q -v ON_ERROR_STOP=1 -c "ALTER SYSTEM SET work_mem = '256MB'" -c 'SELECT pg_reload_conf()' >/dev/null

best_ms() { # sql: best of 3, in ms
    local best=""
    for _ in 1 2 3; do
        local ms
        ms=$(PGOPTIONS="-c max_parallel_workers_per_gather=0" psql -X -qAt -c '\timing on' -c "$1" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
        if [ -z "$best" ] || awk -v a="$ms" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$ms; fi
    done
    echo "$best"
}
peak_mb() { # sql: peak RssAnon of the backend running it, in MB
    local pid="" peak=0
    PGAPPNAME=ar_stream_probe PGOPTIONS="-c max_parallel_workers_per_gather=0" psql -X -qAt -c "$1" >/dev/null &
    local client=$!
    while kill -0 "$client" 2>/dev/null; do
        [ -z "$pid" ] && pid=$(psql -X -qAt -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'ar_stream_probe'")
        if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
            local kb
            kb=$(awk '/^RssAnon:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
            [ -n "$kb" ] && [ "$kb" -gt "$peak" ] && peak=$kb
        fi
        sleep 0.02
    done
    wait "$client"
    echo $((peak / 1024))
}

echo "| events | count(*) ms | minutes_viewed ms | MB | engagement_rate ms | MB |"
echo "|---|---|---|---|---|---|"
for n in "${SIZES[@]}"; do
    psql -X -q -v ON_ERROR_STOP=1 <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS one_stream;
CREATE UNLOGGED TABLE one_stream AS
SELECT 'u1' AS user_id, 's1' AS content_id, CASE WHEN i % 2 = 0 THEN 'Join' ELSE 'Leave' END AS action,
       timestamptz '2026-03-01 00:00+00' + ((i * 7919) % $n) * interval '1 second' AS occurred_at
  FROM generate_series(0::bigint, $n - 1) AS i;
VACUUM ANALYZE one_stream;
SQL
    count=$(best_ms "SELECT user_id, count(*) FROM one_stream GROUP BY user_id")
    mv_sql="SELECT user_id, activity_report.minutes_viewed(user_id, content_id, action, occurred_at) FROM one_stream GROUP BY user_id"
    er_sql="SELECT user_id, activity_report.engagement_rate(user_id, content_id, action, occurred_at, timestamptz '2026-03-01', timestamptz '2026-04-01') FROM one_stream GROUP BY user_id"
    echo "| $n | $count | $(best_ms "$mv_sql") | $(peak_mb "$mv_sql") | $(best_ms "$er_sql") | $(peak_mb "$er_sql") |"
done
