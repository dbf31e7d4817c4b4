#!/usr/bin/env bash
# Shards benchmark: N generated events through a coordinator with two shards (postgres_fdw), and the same
# events on one node, in one run on one machine (the three servers share its cores). Prints events per
# shard, the refresh on each, the bytes a refresh pulled against the raw rows it did not ship, and the
# latency of report views and calls on the coordinator against the single node (best of 3).
# Usage: bench/shards.sh [events, default 200000]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"
N=${1:-200000}
SHARD_DIRS=()
prepare_cluster_with_extension
trap 'rc=$?; stop_shard_clusters $rc; stop_cluster' EXIT
start_shard_cluster $((PGPORT + 101))
start_shard_cluster $((PGPORT + 102))
AR="$PG_BIN/activity-report"
psql -X -q -c "CREATE DATABASE single" -c "CREATE DATABASE coordinator"
psql -X -q -d single -c 'CREATE EXTENSION activity_report'
qc() { psql -X -q -v ON_ERROR_STOP=1 -tA -d coordinator -c "$1"; }
qs() { psql -X -q -v ON_ERROR_STOP=1 -tA -d single -c "$1"; }
qc 'CREATE EXTENSION activity_report' ; qc 'CREATE EXTENSION postgres_fdw'
for i in 1 2; do
    d=${SHARD_DIRS[$((i - 1))]}
    qc "CREATE SERVER shard_$i FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '$d', port '$(cat "$d/port")', dbname 'postgres')"
    qc "CREATE USER MAPPING FOR CURRENT_USER SERVER shard_$i OPTIONS (user '$PGUSER')"
done
qc "SELECT activity_report.attach_shard('shard_1', ARRAY['Acme Academy'])" >/dev/null 2>&1
qc "SELECT activity_report.attach_shard('shard_2', ARRAY['Globex University'])" >/dev/null 2>&1
secs() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'; }
echo "== $N events"
load_c=$(secs env PGDATABASE=coordinator "$AR" generate --quiet --no-refresh --events "$N" --seed 7)
load_s=$(secs env PGDATABASE=single "$AR" generate --quiet --no-refresh --events "$N" --seed 7)
shard_q() { psql -X -tA -h "${SHARD_DIRS[$1]}" -p "$(cat "${SHARD_DIRS[$1]}/port")" -d postgres -c "$2"; }
raw_bytes=$(( $(shard_q 0 "SELECT sum(pg_column_size(e.*)) FROM activity_report.events e") + $(shard_q 1 "SELECT sum(pg_column_size(e.*)) FROM activity_report.events e") ))
ref_c=$(secs qc "SELECT activity_report.refresh_rollups()")
ref_s=$(secs qs "SELECT activity_report.refresh_rollups()")
pulled=$(qc "SELECT sum(pg_column_size(f.*)) FROM activity_report.rollup_facts f WHERE portal IN ('Acme Academy', 'Globex University')")
pulled=$(( pulled + $(qc "SELECT COALESCE(sum(pg_column_size(f.*)), 0) FROM activity_report.rollup_details f WHERE portal IN ('Acme Academy', 'Globex University')") ))
echo
echo "| | coordinator + 2 shards | one node |"
echo "|---|---:|---:|"
echo "| events | $(qc "SELECT count(*) FROM activity_report.events_local") here, $(shard_q 0 "SELECT count(*) FROM activity_report.events") + $(shard_q 1 "SELECT count(*) FROM activity_report.events") on the shards | $(qs "SELECT count(*) FROM activity_report.events") |"
echo "| \`activity-report generate\` (load), s | $load_c | $load_s |"
echo "| first \`refresh_rollups()\`, s | $ref_c | $ref_s |"
echo "| bytes a refresh pulled from the shards (facts and details) | $pulled | |"
echo "| bytes of the shards' raw rows (not shipped) | $raw_bytes | |"
best() { # db, sql: best of 3, ms
    local b="" ms
    for _ in 1 2 3; do
        ms=$(psql -X -qAt -d "$1" -c '\timing on' -c "$2" 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
        if [ -z "$b" ] || awk -v a="$ms" -v b="$b" 'BEGIN { exit !(a < b) }'; then b=$ms; fi
    done
    echo "$b"
}
u=$(qs "SELECT user_id FROM activity_report.events GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
echo
echo "| report (rolled up) | coordinator ms | one node ms |"
echo "|---|---:|---:|"
for q in "SELECT count(*) FROM activity_report.user_analytics_v" "SELECT count(*) FROM activity_report.collaborative_groups" \
         "SELECT count(*) FROM activity_report.collaborative_users_v" "SELECT * FROM activity_report.user_analytics('$u', '2026-03-01', '2026-03-08')" \
         "SELECT count(*) FROM activity_report.sitewide_activity('-infinity', 'infinity')"; do
    echo "| \`${q#SELECT }\` | $(best coordinator "$q") | $(best single "$q") |"
done
