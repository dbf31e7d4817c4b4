#!/usr/bin/env bash
# Rollup benchmark (design §8): N events from `activity-report generate` (not rolled up), then in one run:
#   - refresh_rollups() of all of them, its days and the rebuild of the stored all-time results apart; a
#     refresh of the last days that hold MORE events (default 1M), as after a day's load; and again after MORE
#     new events (another seed; the generator puts them on the same days, so every day is redone: the worst
#     case of late events);
#   - per seed-003/004 report function and view: the raw path (activity_report.use_rollups = off) and the
#     rollup path, each the best of 3 runs, timed inside the server (EXPLAIN ANALYZE's execution time, so no
#     rows travel to the client), and their ratio;
#   - the rollups' bytes against the raw events' bytes.
# Prints Markdown tables. Usage: bench/rollups.sh [N, default 10000000]
# The throwaway cluster gets shared_buffers = 1GB and max_wal_size = 4GB; with AR_BENCH_CLUSTER=running the
# server of the PG* environment is used as it is.
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"
N=${1:-10000000}
MORE=${MORE:-1000000}
if [ "${AR_BENCH_CLUSTER:-}" = running ]; then
    AR=${AR:-$ROOT/activity-report}
else
    prepare_cluster_with_extension >/dev/null
    psql -X -q -c "ALTER SYSTEM SET shared_buffers = '1GB'" -c "ALTER SYSTEM SET max_wal_size = '4GB'"
    run_as_pg "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -w restart >/dev/null
    AR=$PG_BIN/activity-report
fi
export PGTZ=UTC PGDATABASE=ar_bench_rollups
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE" -c "CREATE DATABASE $PGDATABASE"
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION activity_report'
q() { psql -X -qAt -v ON_ERROR_STOP=1 -c "$1"; }
elapsed() { # seconds of a SQL statement, timed by the client
    local t0=$(date +%s.%N)
    q "$1" >/dev/null
    awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.2f", a - b }'
}

echo "== generating $N events (seed 1)"
t0=$(date +%s.%N)
"$AR" generate --quiet --no-refresh --events "$N" --seed 1
load=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.1f", a - b }')
q "VACUUM ANALYZE"
refresh=$(elapsed "SELECT activity_report.refresh_rollups(now(), false)")
q "VACUUM ANALYZE activity_report.rollup_facts"
q "VACUUM ANALYZE activity_report.rollup_details"
rebuild=$(elapsed "SELECT activity_report.refresh_rollups()")
# the days that hold the last MORE events, redone: what a refresh after a day's load of MORE events does
q "INSERT INTO activity_report_internal.rollup_dirty
   SELECT day FROM (SELECT day, sum(events) OVER (ORDER BY day DESC) - events AS after FROM activity_report.rollup_slices) d
    WHERE after < $MORE"
new_days=$(q "SELECT count(DISTINCT day) || ' days, ' || (SELECT sum(s.events) FROM activity_report.rollup_slices s WHERE s.day IN (SELECT day FROM activity_report_internal.rollup_dirty)) || ' events' FROM activity_report_internal.rollup_dirty")
refresh_new=$(elapsed "SELECT activity_report.refresh_rollups(now(), false)")
t0=$(date +%s.%N)
"$AR" generate --quiet --no-refresh --events "$MORE" --seed 2
load_more=$(awk -v a="$(date +%s.%N)" -v b="$t0" 'BEGIN { printf "%.1f", a - b }')
refresh_more=$(elapsed "SELECT activity_report.refresh_rollups(now(), false)")
rebuild_more=$(elapsed "SELECT activity_report.refresh_rollups()")
q "VACUUM ANALYZE"

user=$(q "SELECT user_id FROM activity_report.events WHERE user_id LIKE 'g1-%' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
group=$(q "SELECT group_id FROM activity_report.group_members GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
course=$(q "SELECT parent_id FROM activity_report.contents WHERE parent_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")

# best of 3 runs of EXPLAIN ANALYZE's execution time, in ms (one run when it takes over 5 s)
best_ms() {
    local mode=$1 sql=$2 best=
    for _ in 1 2 3; do
        [ -n "$best" ] && awk -v b="$best" 'BEGIN { exit !(b > 5000) }' && break
        local ms
        ms=$(psql -X -qAt -v ON_ERROR_STOP=1 -c "SET activity_report.use_rollups = $mode" \
                 -c "EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) $sql" | sed -n 's/.*"Execution Time": \([0-9.]*\).*/\1/p')
        [ -z "$best" ] || awk -v a="$ms" -v b="$best" 'BEGIN { exit !(a < b) }' && best=$ms
    done
    printf '%s' "$best"
}

echo
echo "$N events ($(q "SELECT count(*) FROM activity_report.events") with the second seed), 2 cores; times inside the server, best of 3"
echo
echo "| report | rows | raw path ms | rollup path ms | raw / rollup |"
echo "|---|---:|---:|---:|---:|"
while IFS='|' read -r name sql; do
    raw=$(best_ms off "$sql"); rolled=$(best_ms on "$sql"); rows=$(q "SELECT count(*) FROM ($sql) x")
    awk -v n="$name" -v c="$rows" -v r="$raw" -v o="$rolled" 'BEGIN { printf "| %s | %d | %.1f | %.1f | %.1f× |\n", n, c, r, o, r / o }'
done <<LIST
user_analytics(user)|SELECT * FROM activity_report.user_analytics('$user')
user_sessions(user)|SELECT * FROM activity_report.user_sessions('$user')
user_on_demand(user)|SELECT * FROM activity_report.user_on_demand('$user')
user_attachments(user)|SELECT * FROM activity_report.user_attachments('$user')
user_analytics(user, a month)|SELECT * FROM activity_report.user_analytics('$user', '2026-03-01 00:00+00', '2026-04-01 00:00+00')
collaborative_users(group)|SELECT * FROM activity_report.collaborative_users('$group')
course_activity_engagement(course)|SELECT * FROM activity_report.course_activity_engagement('$course')
collaborative_groups()|SELECT * FROM activity_report.collaborative_groups()
collaborative_courses()|SELECT * FROM activity_report.collaborative_courses()
user_analytics_v|SELECT * FROM activity_report.user_analytics_v
user_sessions_v|SELECT * FROM activity_report.user_sessions_v
user_on_demand_v|SELECT * FROM activity_report.user_on_demand_v
user_attachments_v|SELECT * FROM activity_report.user_attachments_v
collaborative_users_v|SELECT * FROM activity_report.collaborative_users_v
collaborative_groups (view)|SELECT * FROM activity_report.collaborative_groups
course_activity_engagement_v|SELECT * FROM activity_report.course_activity_engagement_v
collaborative_courses (view)|SELECT * FROM activity_report.collaborative_courses
user_analytics_daily_v|SELECT * FROM activity_report.user_analytics_daily_v
user_sessions_daily_v|SELECT * FROM activity_report.user_sessions_daily_v
user_on_demand_daily_v|SELECT * FROM activity_report.user_on_demand_daily_v
user_attachments_daily_v|SELECT * FROM activity_report.user_attachments_daily_v
collaborative_users_daily_v|SELECT * FROM activity_report.collaborative_users_daily_v
collaborative_groups_daily_v|SELECT * FROM activity_report.collaborative_groups_daily_v
course_activity_engagement_daily_v|SELECT * FROM activity_report.course_activity_engagement_daily_v
collaborative_courses_daily_v|SELECT * FROM activity_report.collaborative_courses_daily_v
user_sessions_daily_v, one week|SELECT * FROM activity_report.user_sessions_daily_v WHERE day >= '2026-03-09' AND day < '2026-03-16'
LIST
echo
echo "| step | seconds |"
echo "|---|---:|"
echo "| generate and load $N events | $load |"
echo "| refresh_rollups(now(), false) of them: the days (every day new) | $refresh |"
echo "| rebuild of the stored all-time results (refresh_rollups() with nothing left to roll up) | $rebuild |"
echo "| refresh_rollups(now(), false) of the last days, holding $new_days (as after a day's load) | $refresh_new |"
echo "| generate and load $MORE more | $load_more |"
echo "| refresh_rollups(now(), false) after them (the generator puts them on the same days: every day is redone) | $refresh_more |"
echo "| rebuild of the stored all-time results after them | $rebuild_more |"
echo
echo "| storage | size |"
echo "|---|---:|"
q "SELECT '| rollups (facts, details, slices) | ' || pg_size_pretty(sum(pg_total_relation_size(c))) || ' |' FROM unnest(ARRAY['activity_report.rollup_facts', 'activity_report.rollup_details', 'activity_report.rollup_slices']::regclass[]) c"
q "SELECT '| stored all-time results (all_time_*, daily_*) | ' || pg_size_pretty(sum(pg_total_relation_size(c.oid))) || ' |' FROM pg_class c WHERE c.relnamespace = 'activity_report_internal'::regnamespace AND c.relkind = 'r' AND c.relname ~ '^(all_time|daily)_' AND c.relname NOT IN ('all_time_built', 'all_time_stale')"
q "SELECT '| raw events | ' || pg_size_pretty(sum(pg_total_relation_size(i.inhrelid))) || ' |' FROM pg_inherits i WHERE i.inhparent = 'activity_report.events'::regclass" 2>/dev/null \
  || q "SELECT '| raw events | ' || pg_size_pretty(pg_total_relation_size('activity_report.events')) || ' |'"
q "SELECT '| fact rows per event | ' || round((SELECT count(*) FROM activity_report.rollup_facts)::numeric / (SELECT count(*) FROM activity_report.events), 3) || ' |'"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE"
