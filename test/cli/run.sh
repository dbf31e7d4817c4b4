#!/usr/bin/env bash
# End-to-end tests of the activity-report tool against a running server (PG* environment set, e.g. by
# scripts/test.sh): real files in test/cli/data, every malformed case, the exact rows that land and the
# exact rejections. The transcript is compared with test/cli/expected.out (each value checked by hand
# against the files). Usage: test/cli/run.sh [path to activity-report]
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
AR=${1:-activity-report}
OUT=$(mktemp)
trap 'rm -f "$OUT" /tmp/ar_cli_big.csv /tmp/ar_cli_report.csv /tmp/ar_cli_platform.csv' EXIT
export PGTZ=UTC PGDATABASE=ar_cli_e2e
psql -X -q -d postgres -c 'DROP DATABASE IF EXISTS ar_cli_e2e' -c 'CREATE DATABASE ar_cli_e2e' -c 'DROP DATABASE IF EXISTS ar_cli_e2e2' -c 'CREATE DATABASE ar_cli_e2e2'
psql -X -q -c 'CREATE EXTENSION activity_report'
psql -X -q -d ar_cli_e2e2 -c 'CREATE EXTENSION activity_report'
cd "$HERE/data"

step() { echo; echo "### $*"; }
run() { "$@" 2>&1; echo "exit $?"; }
q() { psql -X -q -P footer=off -P null='(null)' -c "$1"; }

{
step "usage"
run "$AR" | head -1
run "$AR" load
run "$AR" frobnicate
run "$AR" load --format nonsense sitewide.csv
run "$AR" report sitewide_activity --format xml
run "$AR" --dbname "host=/nonexistent port=1" load sitewide.csv | sed 's/connection to server on socket.*failed/connection failed/'

step "sitewide report export (seed 000): BOM, CRLF, quoted commas and newlines, bad rows"
run "$AR" load sitewide.csv
q "SELECT vocabulary, occurred_at, user_id, category, action, label, content_id, content_name, source_ref ~ '^load:[0-9a-f]{32}:[12]\$' AS keyed FROM activity_report.events ORDER BY event_id"
q "SELECT origin, occurred_at, user_id, category, action, label, reason FROM activity_report.rejected_events ORDER BY rejected_id"
q "SELECT user_id, first_name, last_name, company, email FROM activity_report.users ORDER BY user_id"
q "SELECT content_id, name, slug FROM activity_report.contents ORDER BY content_id"

step "re-loading the same file adds nothing"
run "$AR" load --quiet sitewide.csv
q "SELECT (SELECT count(*) FROM activity_report.events) AS events, (SELECT count(*) FROM activity_report.rejected_events) AS rejected"

step "User Activity Exporter (seed 001): reordered columns, an extra column, a non-leap 29 February"
run "$AR" load exporter.csv
q "SELECT occurred_at, user_id, category, action, label, kind_id IS NOT NULL AS classified FROM activity_report.events WHERE vocabulary = 'activity_exporter' ORDER BY event_id"
q "SELECT origin, reason FROM activity_report.rejected_events WHERE vocabulary = 'activity_exporter' ORDER BY rejected_id"

step "Content Actions Log (seed 002) as CSV: learners by email, bad Source for the Type, no email"
run "$AR" load content_actions.csv
q "SELECT occurred_at, user_id, portal, category, action, label, content_name FROM activity_report.events WHERE vocabulary = 'content_actions' ORDER BY event_id"
q "SELECT origin, user_id, reason FROM activity_report.rejected_events WHERE vocabulary = 'content_actions' ORDER BY rejected_id"

step "Content Actions Log as JSON: both key spellings, escapes, a nested value, a non-object, --portal"
run "$AR" load --portal initech content_actions.json
q "SELECT occurred_at, user_id, portal, category, action, label, content_name FROM activity_report.events WHERE vocabulary = 'content_actions' AND user_id = 'u-grace' ORDER BY event_id"
q "SELECT origin, reason FROM activity_report.rejected_events WHERE origin LIKE 'content_actions.json%' ORDER BY rejected_id"

step "headerless rows from standard input with --format"
printf 'ada@example.com,acme,course,Compilers 101,status_change,course_started,2026-03-02 08:00:00+00\nada@example.com,acme,course,Compilers 101,status_change\n' | run "$AR" load --format content-actions -
q "SELECT occurred_at, user_id, action, label FROM activity_report.events WHERE label = 'course_started'"
q "SELECT origin, reason FROM activity_report.rejected_events WHERE origin LIKE 'stdin%'"

step "empty file, header only, unknown header"
run "$AR" load empty.csv header_only.csv
run "$AR" load unknown_header.csv

step "a quoted field never closed: the rows before it land, the rest of the file is one rejected row"
run "$AR" load unterminated.csv
q "SELECT origin, reason, length(content_name) AS name_length FROM activity_report.rejected_events WHERE origin LIKE 'unterminated.csv%'"

step "invalid UTF-8 is rejected, not lost"
run "$AR" load bad_utf8.csv
q "SELECT origin, content_name, reason FROM activity_report.rejected_events WHERE origin LIKE 'bad_utf8.csv%'"

step "broken JSON: the whole file is refused, nothing of it lands"
run "$AR" load broken.json
q "SELECT count(*) FROM activity_report.events WHERE occurred_at = '2026-03-09'"

step "a label of 4 MiB"
{ echo 'User ID,First,Last,Company,Email,Category,Action,Label,Date,Content ID,Content Name,Content Slug'
  printf 'u-ada,Ada,Lovelace,,ada@example.com,Chat,Chat,"'; head -c 4194304 /dev/zero | tr '\0' 'x'; printf '",2026-03-11 10:00:00,,,\n'; } > /tmp/ar_cli_big.csv
run "$AR" load /tmp/ar_cli_big.csv | sed 's|/tmp/ar_cli_big.csv|big.csv|'
q "SELECT length(label), left(label, 3) FROM activity_report.events WHERE occurred_at = '2026-03-11 10:00:00+00'"

step "reports: CSV, JSON, table, filters, output file"
run "$AR" report sitewide_activity --from 2026-03-10 --to 2026-03-11 content_id=s-keynote
run "$AR" report content_actions_log --format json learner=grace@example.com
run "$AR" report unique_users --format table
run "$AR" report user_activity_export include=Content/Joined,Content/Leave --format table
run "$AR" report content_actions_log -o /tmp/ar_cli_report.csv type=enrollment
cat /tmp/ar_cli_report.csv
run "$AR" report collaborative_users
run "$AR" report sitewide_activity colour=blue
run "$AR" report no_such_report
run "$AR" report --list | grep -c '^[a-z_]*('

step "downloads for people: platform headers, ISO 8601 dates, one decimal, tags and dimensions, ambiguous dates refused"
q "UPDATE activity_report.users SET tags = '{speaker,vip}', dimensions = '{\"Phone\": \"+1 555 0100\", \"LinkedIn\": \"https://www.linkedin.com/in/ada\"}' WHERE user_id = 'u-ada'"
q "UPDATE activity_report.users SET tags = '{\"early bird\"}', dimensions = '{\"City\": \"Arlington\", \"Phone\": \"+1 555 0199\"}' WHERE user_id = 'u-grace'"
q "UPDATE activity_report.contents SET content_type = 'OTSession', starts_at = '2026-03-10 09:00+00', ends_at = '2026-03-10 10:00+00' WHERE content_id = 's-keynote'"
printf 'u-grace,Grace,Hopper,US Navy,grace@example.com,Content - OTSession,Join,N/A,2026-03-10 09:10:41Z,s-keynote,Opening Keynote,/main/live/keynote\nu-grace,Grace,Hopper,US Navy,grace@example.com,Content - OTSession,Leave,N/A,2026-03-10 09:53:00Z,s-keynote,Opening Keynote,/main/live/keynote\n' | run "$AR" load --format exporter -
run "$AR" report unique_users --headers platform
run "$AR" report unique_users --format table
run "$AR" report unique_users
run "$AR" report sitewide_activity --headers platform --from 2026-03-10T10:15+01:00 --to 2026-03-10T09:17Z
run "$AR" report user_activity_export --headers platform --from 2026-03-10T09:10 --to '2026-03-10 09:11:00+00'
run "$AR" report content_actions_log --headers platform type=enrollment
# A download with platform headers loads back as the platform's own export: same events, dates read.
run "$AR" report sitewide_activity vocabulary=event_platform --headers platform -o /tmp/ar_cli_platform.csv
run "$AR" load -d ar_cli_e2e2 /tmp/ar_cli_platform.csv | sed 's|/tmp/ar_cli_platform.csv|platform.csv|'
psql -X -q -P footer=off -d ar_cli_e2e2 -c "SELECT occurred_at, user_id, category, action, length(label), content_id FROM activity_report.events ORDER BY occurred_at, event_id"
run "$AR" report content_actions_log --format json --headers platform type=revoked_access
run "$AR" report content_actions_log_json type=revoked_access
run "$AR" report content_actions_log_json type=revoked_access --headers platform --format table
for f in csv json table; do run "$AR" report content_actions_log --timezone Europe/Paris --format $f type=revoked_access; done
run "$AR" report user_sessions user_id=u-grace
run "$AR" report user_sessions user_id=u-grace --headers platform
run "$AR" report user_sessions user_id=u-grace --format table
run "$AR" report user_analytics user_id=u-grace --headers platform
run "$AR" report sitewide_activity --from 10/03/2026
run "$AR" report sitewide_activity --to 3.10.2026
run "$AR" report sitewide_activity from_ts=10-03-2026
run "$AR" report collaborative_groups --headers spreadsheet

step "generate: deterministic for a seed, valid in every vocabulary"
run "$AR" generate --events 5000 --seed 7 | sed 's/ in [0-9.]* s$//'
run "$AR" generate --events 5000 --seed 7 -d ar_cli_e2e2 | sed 's/ in [0-9.]* s$//'
run "$AR" generate --events 5000 --seed 7 | sed 's/ in [0-9.]* s$//'
run "$AR" generate --events lots
q "SELECT vocabulary, count(*) > 0 AS present, bool_and(kind_id IS NOT NULL) AS all_classified FROM activity_report.events WHERE source_ref LIKE 'gen:7:%' GROUP BY 1 ORDER BY 1"
sig="SELECT md5(string_agg(concat_ws('|', source_ref, vocabulary, occurred_at, user_id, category, action, label, content_id, portal), E'\n' ORDER BY source_ref)) FROM activity_report.events WHERE source_ref LIKE 'gen:7:%'"
a=$(psql -X -qAt -c "$sig"); b=$(psql -X -qAt -d ar_cli_e2e2 -c "$sig")
[ "$a" = "$b" ] && echo "same rows in both databases" || echo "generated rows differ: $a vs $b"
} > "$OUT"

psql -X -q -d postgres -c 'DROP DATABASE ar_cli_e2e' -c 'DROP DATABASE ar_cli_e2e2'
if diff -u "$HERE/expected.out" "$OUT"; then
    echo "cli end-to-end tests passed"
else
    echo "cli end-to-end tests FAILED (diff above: expected, actual)"
    [ -n "${AR_CLI_ACTUAL:-}" ] && cp "$OUT" "$AR_CLI_ACTUAL"
    exit 1
fi
