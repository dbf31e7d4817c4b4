#!/usr/bin/env bash
# Proves `activity-report generate` against a real server (PG* environment set, e.g. by scripts/test.sh):
# generates EVENTS events (default 200000) for SEED (default 1) into a fresh database through COPY with
# activity_report.on_invalid = error (one invalid event fails the load), then checks that every event was
# classified, that all four vocabularies are there and that the main reports return non-empty results.
# Usage: test/generate_valid.sh [path to activity-report]. Exits non-zero on any failure.
set -euo pipefail
AR=${1:-activity-report}
EVENTS=${EVENTS:-200000}
SEED=${SEED:-1}
export PGDATABASE=ar_generate_valid
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE" -c "CREATE DATABASE $PGDATABASE"
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE"' EXIT
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION activity_report'

echo "== activity-report generate --events $EVENTS --seed $SEED"
"$AR" generate --events "$EVENTS" --seed "$SEED"

q() { psql -X -q -v ON_ERROR_STOP=1 -tA -c "$1"; }
fail=0
check() { # name, SQL returning a boolean, SQL shown on failure
    local got
    got=$(q "$2")
    if [ "$got" = t ]; then echo "ok   $1"; else echo "FAIL $1"; [ -n "${3:-}" ] && q "$3"; fail=1; fi
}

# A second seed in the same database: its IDs and source_refs do not collide with the first one's.
SEED2=$((SEED + 1))
"$AR" generate --quiet --events 20000 --seed "$SEED2"
check_second=$(psql -X -q -tA -c "SELECT count(*) FROM activity_report.events WHERE source_ref LIKE 'gen:$SEED2:%'")
[ "$check_second" = 20000 ] || { echo "FAIL second seed: $check_second events"; exit 1; }
echo "second seed $SEED2: 20000 more events loaded beside the first"
psql -X -q -v ON_ERROR_STOP=1 -c "DELETE FROM activity_report.events WHERE source_ref LIKE 'gen:$SEED2:%'"

echo "== per-vocabulary counts"
q "SELECT vocabulary, count(*) FROM activity_report.events GROUP BY 1 ORDER BY 1" | sed 's/|/\t/g'
q "SELECT 'users', count(*) FROM activity_report.users WHERE user_id LIKE 'g$SEED-%'
   UNION ALL SELECT 'contents', count(*) FROM activity_report.contents WHERE content_id LIKE 'g$SEED-%'
   UNION ALL SELECT 'groups', count(*) FROM activity_report.groups WHERE group_id LIKE 'g$SEED-%'
   UNION ALL SELECT 'group_members', count(*) FROM activity_report.group_members WHERE group_id LIKE 'g$SEED-%'" | sed 's/|/\t/g'
echo "== kinds per vocabulary"
q "SELECT k.vocabulary, count(DISTINCT e.kind_id) || ' of ' || (SELECT count(*) FROM activity_report.activity_kinds k2 WHERE k2.vocabulary = k.vocabulary)
     FROM activity_report.events e JOIN activity_report.activity_kinds k USING (kind_id) GROUP BY 1 ORDER BY 1" | sed 's/|/\t/g'

echo "== checks"
check "exactly $EVENTS events" "SELECT count(*) = $EVENTS FROM activity_report.events"
check "every event classified" "SELECT count(*) = 0 FROM activity_report.events WHERE kind_id IS NULL"
check "nothing rejected" "SELECT count(*) = 0 FROM activity_report.rejected_events"
check "four vocabularies" "SELECT count(DISTINCT vocabulary) = 4 FROM activity_report.events"
check "every event's content exists" "SELECT count(*) = 0 FROM activity_report.events e WHERE e.content_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM activity_report.contents c WHERE c.content_id = e.content_id)"
check "minutes_viewed over events > 0" \
    "SELECT activity_report.minutes_viewed(user_id, content_id, action, occurred_at) > 0 FROM activity_report.events"
check "engagement_rate over sessions in (0, 100]" \
    "SELECT r > 0 AND r <= 100 FROM (SELECT activity_report.engagement_rate(e.user_id, e.content_id, e.action, e.occurred_at, c.starts_at, c.ends_at) r
       FROM activity_report.events e JOIN activity_report.contents c USING (content_id) WHERE c.starts_at IS NOT NULL) s"
# The most active user with live sessions, videos and downloads.
user=$(q "SELECT user_id FROM activity_report.events WHERE vocabulary IN ('activity_exporter', 'event_platform')
          GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
echo "most active user: $user"
psql -X -q -c "SELECT * FROM activity_report.user_analytics('$user')" -x
check "user_analytics($user)" \
    "SELECT total_minutes_viewed > 0 AND sessions_viewed > 0 AND videos_viewed > 0 AND live_minutes > 0 AND on_demand_minutes > 0
            AND chat_messages_sent > 0 AND attachments_downloaded > 0 AND reactions > 0 AND poll_responses > 0
       FROM activity_report.user_analytics('$user')" \
    "SELECT * FROM activity_report.user_analytics('$user')"
check "user_sessions($user) non-empty" "SELECT count(*) > 0 FROM activity_report.user_sessions('$user')"
check "user_on_demand($user) non-empty" "SELECT count(*) > 0 FROM activity_report.user_on_demand('$user')"
check "user_attachments($user) non-empty" "SELECT count(*) > 0 FROM activity_report.user_attachments('$user')"
check "some user has recording minutes" \
    "SELECT bool_or(a.recording_minutes > 0) FROM (SELECT user_id FROM activity_report.users ORDER BY user_id LIMIT 60) u,
            LATERAL activity_report.user_analytics(u.user_id) a"
check "collaborative_groups() counts" \
    "SELECT count(*) > 0 AND sum(publications) > 0 AND sum(comments) > 0 AND sum(reactions) > 0 FROM activity_report.collaborative_groups()"
group=$(q "SELECT group_id FROM activity_report.group_members GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
check "collaborative_users($group) non-empty" "SELECT count(*) > 0 FROM activity_report.collaborative_users('$group')"
course=$(q "SELECT content_id FROM activity_report.events WHERE vocabulary = 'collaborative' AND category = 'Course'
            GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
check "course_activity_engagement($course) has views" \
    "SELECT count(*) > 0 AND sum(views) > 0 FROM activity_report.course_activity_engagement('$course')"
check "collaborative_courses() non-empty" \
    "SELECT count(*) > 0 AND sum(views) > 0 AND bool_or(reaction_score IS NOT NULL) FROM activity_report.collaborative_courses()"
check "content_actions_log non-empty" "SELECT count(*) > 0 FROM activity_report.content_actions_log('-infinity', 'infinity')"
check "sitewide_activity non-empty" "SELECT count(*) > 0 FROM activity_report.sitewide_activity('-infinity', 'infinity')"
check "unique_users non-empty" "SELECT count(*) > 0 FROM activity_report.unique_users('-infinity', 'infinity')"

if [ $fail -ne 0 ]; then echo "== generate_valid: FAILED"; exit 1; fi
echo "== generate_valid: all checks passed"
