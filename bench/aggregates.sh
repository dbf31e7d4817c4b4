#!/usr/bin/env bash
# Aggregate benchmark: each metric aggregate next to count(*) with the same GROUP BY and next to the best
# plain-SQL formulations of the same metric, in one run on the same rows, with serial and with parallel plans,
# on two data sets: synthetic rows (actions cycling through every role, random times) and rows shaped like real
# streams (a join, a leave, now and then a repeated join, reactions and watch progress between, in time order
# as an event log stores them). Prints Markdown tables.
# Usage: bench/aggregates.sh [events, default 1000000]   (10000000 for the large run)
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"
N=${1:-1000000}
prepare_cluster_with_extension
psql -X -q -v ON_ERROR_STOP=1 -c "ALTER SYSTEM SET work_mem = '256MB'" -c 'SELECT pg_reload_conf()' >/dev/null
echo "== generating $N events, twice"
# Synthetic: 2,000 users x 200 sessions; each (user, session) stream alternates joins and leaves with some
# repeated joins, ties and unmatched leaves; reactions and watch progress for the other metrics.
# Streams: the same 2,000 x 200 streams; position p of a stream is a join when p is even, a leave when odd
# (one in ten a repeated join instead), one event in seven a reaction, a view or a watch instead; the
# session of content c starts at hour c, a viewer arrives in its first 10 minutes, events 5 minutes apart,
# the session closes 3 hours after its start; stored in time order.
psql -X -q -v ON_ERROR_STOP=1 <<SQL
CREATE UNLOGGED TABLE bench_events AS
SELECT 'u' || (i % 2000) AS user_id, 's' || ((i / 2000) % 200) AS content_id,
       (ARRAY['Join', 'Leave', 'Join', 'Leave', 'Join', 'View', 'Leave', 'Emoji', 'Watch', 'Leave'])[1 + (i / 3) % 10] AS action,
       (ARRAY['N/A', 'Like', 'Outdated', 'Useful', '50%', 'N/A', 'Love'])[1 + i % 7] AS label,
       (ARRAY['Content - OTSession', 'YouTube 40%', 'Content - video'])[1 + i % 3] AS category,
       timestamptz '2026-03-01 00:00+00' + ((i * 7919) % 864000) * interval '1 second' AS occurred_at,
       timestamptz '2026-03-11 00:00+00' AS closes_at
  FROM generate_series(1::bigint, $N) AS i;
VACUUM ANALYZE bench_events;
CREATE UNLOGGED TABLE bench_streams AS
SELECT 'u' || (k % 2000) AS user_id, 's' || (k / 2000) AS content_id,
       CASE WHEN (i * 2654435761) % 7 = 0 THEN (ARRAY['Emoji', 'Watch', 'View'])[1 + i % 3]
            WHEN p % 2 = 0 OR (i * 40503) % 10 = 0 THEN 'Join' ELSE 'Leave' END AS action,
       (ARRAY['N/A', 'Like', 'Useful', '50%', 'Love'])[1 + i % 5] AS label,
       (ARRAY['Content - OTSession', 'YouTube 40%', 'Content - video'])[1 + i % 3] AS category,
       start + ((k * 7919) % 600) * interval '1 second' + p * interval '5 minutes' + (i % 60) * interval '1 second' AS occurred_at,
       start + interval '3 hours' AS closes_at
  FROM (SELECT i, i % 400000 AS k, i / 400000 AS p, timestamptz '2026-03-01 00:00+00' + (i % 400000 / 2000) * interval '1 hour' AS start
          FROM generate_series(0::bigint, $N - 1) AS i) g
 ORDER BY occurred_at;
VACUUM ANALYZE bench_streams;
SQL

# Workers per Gather, set per connection (start_cluster's command-line setting would win over ALTER SYSTEM):
# 0 for serial plans, 2 for the parallel table.
run() { # label, sql: best of 3 runs (1 when it takes over 5 s), in ms; $T names the table
    local best="" sql=${2//bench_events/$T}
    for _ in 1 2 3; do
        local ms
        ms=$(PGOPTIONS="-c max_parallel_workers_per_gather=$WORKERS" psql -X -qAt -c '\timing on' -c "$sql" 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1)
        [ -n "$ms" ] || { echo "FAIL: $1 did not run" >&2; exit 1; }
        if [ -z "$best" ] || awk -v a="$ms" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$ms; fi
        awk -v a="$ms" 'BEGIN { exit !(a > 5000) }' && break
    done
    echo "$best"
}
MINUTES_TWO_WINDOWS="
    WITH ev AS (SELECT user_id, content_id, occurred_at, closes_at, lower(action) = 'leave' AS is_leave
                  FROM bench_events WHERE lower(action) IN ('join', 'leave')),
         w AS (SELECT *, lag(is_leave, 1, true) OVER s AS after_leave,
                      min(occurred_at) FILTER (WHERE is_leave) OVER (s ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS next_leave,
                      max(closes_at) OVER (s ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS closes
                 FROM ev WINDOW s AS (PARTITION BY user_id, content_id ORDER BY occurred_at, is_leave DESC))
    SELECT user_id, sum(extract(epoch FROM coalesce(next_leave, greatest(closes, occurred_at)) - occurred_at) / 60)
      FROM w WHERE NOT is_leave AND after_leave GROUP BY user_id"

# The plain SQL is exact: it gives minutes_viewed's numbers (checked on both data sets, before timing), and
# parallel plans give the serial plans' numbers bit for bit.
for T in bench_events bench_streams; do
    same=$(psql -X -qAt -c "
        WITH a AS (SELECT user_id, activity_report.minutes_viewed(user_id, content_id, action, occurred_at, closes_at) AS m FROM $T GROUP BY user_id),
             b AS (${MINUTES_TWO_WINDOWS//bench_events/$T})
        SELECT count(*) FROM a FULL JOIN b USING (user_id)
         WHERE a.m IS DISTINCT FROM b.sum AND NOT (abs(a.m - b.sum) <= 1e-9 * greatest(abs(a.m), 1) AND a.m > 0)
           AND NOT (COALESCE(a.m, 0) = 0 AND COALESCE(b.sum, 0) = 0)")
    echo "== $T: the two-window plain SQL against minutes_viewed: $same users differ"
    [ "$same" = 0 ] || { echo "FAIL: the plain SQL is not exact"; exit 1; }
    ALL="SELECT user_id, activity_report.minutes_viewed(user_id, content_id, action, occurred_at, closes_at) AS m,
                activity_report.engagement_rate(user_id, content_id, action, occurred_at, timestamptz '2026-03-02', timestamptz '2026-03-09') AS e,
                activity_report.reaction_score(action, label) AS r, activity_report.watched_fraction(category, action, label) AS w
           FROM $T GROUP BY user_id"
    differ=$(psql -X -qAt -c "SET max_parallel_workers_per_gather = 0" -c "CREATE TEMP TABLE s AS $ALL" \
                  -c "SET max_parallel_workers_per_gather = 2" -c "SET parallel_setup_cost = 0" -c "SET min_parallel_table_scan_size = 0" \
                  -c "CREATE TEMP TABLE p AS $ALL" \
                  -c "SELECT count(*) FROM s FULL JOIN p USING (user_id) WHERE (s.*) IS DISTINCT FROM (p.*)" | tail -1)
    echo "== $T: parallel against serial plans: $differ users differ"
    [ "$differ" = 0 ] || { echo "FAIL: parallel plans give other numbers"; exit 1; }
done

rows() { # plan: the rows of one plan shape, on table $T
    G="GROUP BY user_id"
    count=$(run count "SELECT user_id, count(*) FROM bench_events $G")
    # The executor's share: built-in count(x) over each argument column of the aggregate, same GROUP BY.
    mv_in=$(run minutes_inputs "SELECT user_id, count(user_id), count(content_id), count(action), count(occurred_at), count(closes_at) FROM bench_events $G")
    er_in=$(run engagement_inputs "SELECT user_id, count(user_id), count(content_id), count(action), count(occurred_at) FROM bench_events $G")
    rs_in=$(run reaction_inputs "SELECT user_id, count(action), count(label) FROM bench_events $G")
    wf_in=$(run watched_inputs "SELECT user_id, count(category), count(action), count(label) FROM bench_events $G")
    mv=$(run minutes_viewed "SELECT user_id, activity_report.minutes_viewed(user_id, content_id, action, occurred_at, closes_at) FROM bench_events $G")
    mv_sql=$(run minutes_sql "
    WITH ev AS (SELECT user_id, content_id, occurred_at, lower(action) = 'leave' AS is_leave, max(closes_at) OVER (PARTITION BY user_id, content_id) AS closes
                  FROM bench_events WHERE lower(action) IN ('join', 'leave')),
         marked AS (SELECT *, lag(is_leave, 1, true) OVER w AS prev_leave FROM ev WINDOW w AS (PARTITION BY user_id, content_id ORDER BY occurred_at, is_leave DESC)),
         eff AS (SELECT *, lead(occurred_at) OVER w AS next_at FROM marked WHERE is_leave <> prev_leave WINDOW w AS (PARTITION BY user_id, content_id ORDER BY occurred_at, is_leave DESC))
    SELECT user_id, sum(extract(epoch FROM coalesce(next_at, greatest(closes, occurred_at)) - occurred_at) / 60) FROM eff WHERE NOT is_leave $G")
    # the two-window form: after a join the viewer is present and after a leave absent, whatever came before,
    # so an interval opens at a join whose predecessor is not a join and closes at the next leave (leave first
    # at equal times); one sort, two window functions over it
    mv_sql2=$(run minutes_sql_two "$MINUTES_TWO_WINDOWS")
    er=$(run engagement_rate "SELECT user_id, activity_report.engagement_rate(user_id, content_id, action, occurred_at, timestamptz '2026-03-02', timestamptz '2026-03-09') FROM bench_events $G")
    er_sql=$(run engagement_sql "
    WITH ev AS (SELECT user_id, content_id, occurred_at, lower(action) = 'leave' AS is_leave FROM bench_events WHERE lower(action) IN ('join', 'leave')),
         marked AS (SELECT *, lag(is_leave, 1, true) OVER w AS prev_leave FROM ev WINDOW w AS (PARTITION BY user_id, content_id ORDER BY occurred_at, is_leave DESC)),
         eff AS (SELECT *, lead(occurred_at) OVER w AS next_at FROM marked WHERE is_leave <> prev_leave WINDOW w AS (PARTITION BY user_id, content_id ORDER BY occurred_at, is_leave DESC)),
         streams AS (SELECT user_id, content_id, sum(extract(epoch FROM upper(r) - lower(r))) AS present
                       FROM (SELECT user_id, content_id, tstzrange(occurred_at, coalesce(next_at, timestamptz '2026-03-09')) * tstzrange('2026-03-02', '2026-03-09') AS r
                               FROM eff WHERE NOT is_leave AND occurred_at < coalesce(next_at, timestamptz '2026-03-09')) x
                      WHERE NOT isempty(r) GROUP BY 1, 2)
    SELECT user_id, avg(100 * present / extract(epoch FROM interval '7 days')) FROM streams WHERE present > 0 $G")
    rs=$(run reaction_score "SELECT user_id, activity_report.reaction_score(action, label) FROM bench_events $G")
    rs_sql=$(run reaction_sql "
    WITH roles AS (SELECT lower(action_pattern) AS action, bool_or('view' = ANY (roles)) AS v, bool_or('reaction' = ANY (roles)) AS r FROM activity_report.activity_kinds GROUP BY 1)
    SELECT user_id, greatest(-100, least(100, 100.0 * (count(*) FILTER (WHERE r AND coalesce(pl.polarity, pa.polarity) > 0) - count(*) FILTER (WHERE r AND coalesce(pl.polarity, pa.polarity) < 0)) / nullif(count(*) FILTER (WHERE v), 0)))
      FROM bench_events b LEFT JOIN roles ON roles.action = lower(b.action)
      LEFT JOIN activity_report.reaction_types pl ON lower(pl.reaction) = lower(b.label)
      LEFT JOIN activity_report.reaction_types pa ON lower(pa.reaction) = lower(b.action) $G")
    wf=$(run watched_fraction "SELECT user_id, activity_report.watched_fraction(category, action, label) FROM bench_events $G")
    wf_sql=$(run watched_sql "
    SELECT user_id, least(1, greatest(coalesce(max(greatest(coalesce(substring(category FROM '(\d+(?:\.\d+)?)\s*%')::float8, 0), coalesce(substring(label FROM '^\s*(\d+(?:\.\d+)?)\s*%\s*$')::float8, 0))) / 100, 0),
                                      0.1 * count(*) FILTER (WHERE substring(category FROM '\d+(?:\.\d+)?\s*%') IS NULL AND label !~ '^\s*\d+(\.\d+)?\s*%\s*$')))
      FROM bench_events WHERE lower(action) IN (SELECT lower(action_pattern) FROM activity_report.activity_kinds WHERE 'watch_progress' = ANY (roles)) $G")

    local partial
    partial=$(PGOPTIONS="-c max_parallel_workers_per_gather=$WORKERS" psql -X -qAt -c "EXPLAIN (COSTS OFF) SELECT user_id, activity_report.minutes_viewed(user_id, content_id, action, occurred_at, closes_at) FROM $T $G" | grep -c 'Partial' || true)
    [ "$WORKERS" = 0 ] || [ "$partial" -gt 0 ] || plan="$plan (the planner chose none at this size)"
    row() { awk -v n="$1" -v p="$plan" -v a="$2" -v c="$count" -v s="$3" -v i="$4" 'BEGIN { printf "| %s | %s | %.0f | %.0f | %.2f | %.0f | %.2f | %.0f | %.1f |\n", n, p, a, c, a / c, i, a / i, s, s / a }'; }
    row minutes_viewed "$mv" "$mv_sql2" "$mv_in"
    row "minutes_viewed (against the three-window SQL)" "$mv" "$mv_sql" "$mv_in"
    row engagement_rate "$er" "$er_sql" "$er_in"
    row reaction_score "$rs" "$rs_sql" "$rs_in"
    row watched_fraction "$wf" "$wf_sql" "$wf_in"
    eval "ms_$WORKERS=\"$mv $er $rs $wf\""
}

for T in bench_events bench_streams; do
    echo
    [ "$T" = bench_events ] && echo "$N events, synthetic (actions cycling through every role, random times), GROUP BY user_id (2,000 groups)" \
                            || echo "$N events shaped like real streams (joins, leaves, repeated joins, reactions between; time order), GROUP BY user_id (2,000 groups)"
    echo "best of 3 (1 when over 5 s); parallel: 2 workers, Partial / Finalize Aggregate; PostgreSQL $(psql -X -qAt -c 'SHOW server_version')"
    echo
    echo "| aggregate | plan | ms | count(*) ms | × count(*) | count(arg) per argument ms | × that | plain SQL ms | plain SQL ÷ aggregate |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
    WORKERS=0 plan=serial rows
    WORKERS=2 plan=parallel rows
    echo
    awk -v s="$ms_0" -v p="$ms_2" 'BEGIN { split(s, a, " "); split(p, b, " "); n = split("minutes_viewed engagement_rate reaction_score watched_fraction", m, " ");
        printf "serial ÷ parallel:"; for (i = 1; i <= n; ++i) printf " %s %.2f%s", m[i], a[i] / b[i], i < n ? "," : "\n" }'
done
