#!/usr/bin/env bash
# pg_dump + pg_restore keeps the user's taxonomy rows (once, beside the seeds) and all event data.
# Runs against the cluster in PGHOST/PGPORT (scripts/test.sh starts one).
set -euo pipefail
src=ar_dump_src dst=ar_dump_dst
dump=$(mktemp /tmp/ar_dump.XXXXXX)
trap 'rm -f "$dump"; dropdb --if-exists $src; dropdb --if-exists $dst' EXIT
q() { psql -X -qAt -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

dropdb --if-exists $src 2>/dev/null; dropdb --if-exists $dst 2>/dev/null
createdb $src
q $src "CREATE EXTENSION activity_report"
q $src "INSERT INTO activity_report.vocabularies (vocabulary, title) VALUES ('acme_lms', 'ACME LMS')"
q $src "INSERT INTO activity_report.activity_kinds (vocabulary, section, name, category_pattern, action_pattern, label_pattern, roles)
        VALUES ('acme_lms', 'Quizzes', 'Scored', 'Quiz - [Quiz name]', 'Score', '[Score percentage]', '{completion}')"
q $src "INSERT INTO activity_report.content_types (content_type, is_session, is_live) VALUES ('Hackathon', true, false)"
q $src "INSERT INTO activity_report.reaction_types (reaction, polarity) VALUES ('Mind blown', 1)"
q $src "INSERT INTO activity_report.users (user_id, email) VALUES ('u1', 'u1@example.com')"
q $src "INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, source_ref)
        VALUES ('acme_lms', '2026-01-01 10:00+00', 'u1', 'Quiz - Ciphers', 'Score', '80%', 'r1'),
               ('activity_exporter', '2026-01-01 10:05+00', 'u1', 'Content - OTSession', 'View', 'N/A', 'r2')"
q $src "SET activity_report.on_invalid = reject; INSERT INTO activity_report.events (occurred_at, user_id, category, action) VALUES ('2026-01-01', 'u1', 'Nope', 'Nope')"

pg_dump -Fc -f "$dump" $src
createdb $dst
pg_restore -d $dst --exit-on-error "$dump"

snapshot() {
    q "$1" "SELECT
      (SELECT count(*) FROM activity_report.vocabularies) || ' ' ||
      (SELECT count(*) FROM activity_report.activity_kinds) || ' ' ||
      (SELECT count(*) FROM activity_report.activity_kinds WHERE NOT seeded) || ' ' ||
      (SELECT count(*) FROM activity_report.content_types) || ' ' ||
      (SELECT count(*) FROM activity_report.reaction_types) || ' ' ||
      (SELECT string_agg(format('%s|%s|%s|%s|%s', event_id, kind_id, category, details, source_ref), ';' ORDER BY event_id) FROM activity_report.events) || ' ' ||
      (SELECT string_agg(reason, ';') FROM activity_report.rejected_events) || ' ' ||
      (SELECT string_agg(user_id || email, ';') FROM activity_report.users)"
}
passed=0 failed=0
check() { # name expected actual
    if [ "$2" == "$3" ]; then passed=$((passed + 1)); echo "ok - $1"; else failed=$((failed + 1)); echo "not ok - $1: expected '$2', got '$3'"; fi
}
check "same taxonomy, events, rejections and users after restore" "$(snapshot $src)" "$(snapshot $dst)"
check "user kind restored once" 1 "$(q $dst "SELECT count(*) FROM activity_report.activity_kinds WHERE name = 'Scored'")"
check "user kind classifies after restore" '{"quiz_name": "Ciphers", "score_percentage": 95}' \
      "$(q $dst "SELECT details FROM activity_report.classify('acme_lms', 'Quiz - Ciphers', 'Score', '95%')")"
check "kind_id sequence continues after restore" "t" \
      "$(q $dst "INSERT INTO activity_report.activity_kinds (vocabulary, section, name, category_pattern, action_pattern)
                 VALUES ('acme_lms', 'Quizzes', 'Opened', 'Quiz - [Quiz name]', 'Open') RETURNING kind_id > (SELECT max(kind_id) FROM activity_report.activity_kinds WHERE seeded)")"
check "event_id sequence continues after restore" "t" \
      "$(q $dst "INSERT INTO activity_report.events (occurred_at, user_id, category, action) VALUES ('2026-01-02', 'u1', 'Content - OTSession', 'View') RETURNING event_id > 2")"
echo "dump_restore: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
