#!/usr/bin/env bash
# Rollups on generated data (design §8): every seed-003/004 report function and view gives the same rows
# with activity_report.use_rollups on and off, over all time and over random ranges whose bounds fall
# inside days, with part of the days rolled up, presence across midnight, late events before and after
# the next refresh; two concurrent refreshes never double count.
# Needs a running server (PG* set, e.g. by scripts/test.sh). Usage: test/rollups/run.sh [activity-report]
set -euo pipefail
AR=${1:-activity-report}
HERE=$(cd "$(dirname "$0")" && pwd)
EVENTS=${EVENTS:-30000}
export PGDATABASE=ar_rollups
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE" -c "CREATE DATABASE $PGDATABASE"
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE"' EXIT
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION activity_report'
no_refresh=
"$AR" generate --help 2>&1 | grep -q -- --no-refresh && no_refresh=--no-refresh
"$AR" generate --quiet $no_refresh --events "$EVENTS" --seed 7
q() { psql -X -q -v ON_ERROR_STOP=1 -tA -c "$1"; }

# Presence across midnight on a session whose window spans it, and a join the day before a range.
q "INSERT INTO activity_report.contents (content_id, content_type, name, starts_at, ends_at, duration, portal)
   VALUES ('night', 'OTSession', 'Night session', '2026-03-10 23:00+00', '2026-03-11 02:00+00', '180 minutes', 'portal-a')"
q "INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, portal)
   SELECT 'activity_exporter', t, u, 'Content - OTSession', a, 'N/A', 'night', 'portal-a'
     FROM (VALUES ('2026-03-10 23:10+00'::timestamptz, 'g7-u1', 'Join'), ('2026-03-11 00:40+00', 'g7-u1', 'Leave'),
                  ('2026-03-10 23:55+00', 'g7-u2', 'Join'), ('2026-03-11 01:30+00', 'g7-u2', 'Leave'),
                  ('2026-03-11 01:45+00', 'g7-u2', 'Join')) v(t, u, a)"

# Roll up the first half of the days: the rest stays raw.
mid=$(q "SELECT activity_report_internal.day_start(activity_report_internal.day_of(min(occurred_at) + (max(occurred_at) - min(occurred_at)) / 2))
         FROM activity_report.events")
q "SELECT activity_report.refresh_rollups('$mid')" >/dev/null
echo "rolled up until $mid: $(q "SELECT count(*) FILTER (WHERE NOT dirty) || ' of ' || count(*) || ' days' FROM activity_report.rollup_status")"

queries() { # the report calls to compare, with random ranges cut inside days
    psql -X -q -v ON_ERROR_STOP=1 -tA -f "$HERE/../report_calls.sql"
}

compare() { # label: every query agrees on both paths
    local label=$1 out
    out=$( { echo '\ir '"$HERE"'/compare.sql'; echo 'SELECT count(*) FROM (VALUES (1)) v;';
             queries | sed '1d' | while IFS= read -r line; do
                 [ -n "$line" ] && printf "SELECT %s AS q, pg_temp.paths_agree(%s);\n" \
                     "$(printf '%s' "$line" | sed "s/'/''/g; s/^/'/; s/\$/'/")" "$(printf '%s' "$line" | sed "s/'/''/g; s/^/'/; s/\$/'/")"
             done; } | psql -X -q -v ON_ERROR_STOP=1 -tA -F ' => ')
    local n bad
    n=$(grep -c ' => ' <<<"$out" || true)
    bad=$(grep ' => ' <<<"$out" | grep -v ' => same$' || true)
    if [ -n "$bad" ] || [ "$n" -lt 40 ]; then
        echo "FAIL $label: $n calls compared"; echo "$bad" | head -20; exit 1
    fi
    echo "ok   $label: $n report calls and views, same rows from rollups and raw events"
    out=$(printf '\\set ECHO none\n\\i %s\nSELECT c.daily, pg_temp.daily_sums_agree(c.daily, c.total, c.keys, c.additive) FROM pg_temp.daily_checks() c;\n' \
              "$HERE/compare.sql" | psql -X -q -v ON_ERROR_STOP=1 -tA -F ' => ')
    bad=$(grep -v ' => same$' <<<"$out" || true)
    [ -z "$bad" ] || { echo "FAIL $label: daily views do not sum to the all-time views"; echo "$bad"; exit 1; }
    echo "ok   $label: every daily view sums over the days to its all-time view"
}
compare "half the days rolled up"

# Late events on rolled-up days: copies of some events shifted by an hour (new source_ref), a leave that
# closes an open presence, a deletion. The days turn dirty and the reports read them raw until the refresh.
q "INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, content_name, portal, source_ref)
   SELECT vocabulary, occurred_at + interval '1 hour', user_id, category, action, label, content_id, content_name, portal, 'late:' || event_id
     FROM activity_report.events WHERE occurred_at < '$mid' AND event_id % 97 = 0"
q "DELETE FROM activity_report.events WHERE occurred_at < '$mid' AND event_id % 101 = 0"
echo "dirty days after late events: $(q "SELECT count(*) FROM activity_report.rollup_status WHERE dirty")"
compare "late events, before the refresh"
q "SELECT activity_report.refresh_rollups('$mid')" >/dev/null
compare "late events, after the refresh"

# Two concurrent refreshes of everything: one does the work, the other waits and finds nothing left.
q "UPDATE activity_report.events SET label = label WHERE event_id % 50 = 0"
q "SELECT activity_report.refresh_rollups()" > /tmp/ar_refresh_a.$$ &
q "SELECT activity_report.refresh_rollups()" > /tmp/ar_refresh_b.$$ &
wait
a=$(cat /tmp/ar_refresh_a.$$); b=$(cat /tmp/ar_refresh_b.$$); rm -f /tmp/ar_refresh_[ab].$$
days=$(q "SELECT count(*) FROM activity_report.rollup_slices")
echo "concurrent refreshes wrote $a and $b days"
[ $((a + b)) -le "$days" ] && { [ "$a" = 0 ] || [ "$b" = 0 ]; } || { echo "FAIL concurrent refreshes: $a + $b days"; exit 1; }
check() { if [ "$(q "$2")" = t ]; then echo "ok   $1"; else echo "FAIL $1"; exit 1; fi; }
check "rolled-up events equal the events, once each" \
    "SELECT (SELECT sum(events) FROM activity_report.rollup_facts) = (SELECT count(*) FROM activity_report.events)
        AND (SELECT sum(events) FROM activity_report.rollup_slices) = (SELECT count(*) FROM activity_report.events)"
check "one fact per day, portal, user and content" \
    "SELECT NOT EXISTS (SELECT FROM activity_report.rollup_facts GROUP BY day, portal, user_id, content_id HAVING count(*) > 1)"
check "nothing dirty" "SELECT NOT bool_or(dirty) FROM activity_report.rollup_status"
# so the refresh stored the rows over all time, and the all-time calls and views read them
check "all-time results stored and read" "SELECT activity_report_internal.use_all_time('-infinity', 'infinity')"
compare "everything rolled up"
