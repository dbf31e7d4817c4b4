#!/usr/bin/env bash
# activity-report load rolls up after each file (design §8), and the stored all-time results after the last:
# afterwards no day that has ended is dirty, the all-time reports read the stored results, and the
# rolled-up events are the loaded events (counted in events); --no-refresh leaves the loaded days dirty; a
# re-load of the same files rolls up nothing new. Usage: test/cli/load_refresh.sh [activity-report]
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
AR=${1:-activity-report}
DB=ar_cli_load_refresh
export PGTZ=UTC
failures=0
check() { [ "$2" = "$3" ] || { echo "load refresh test FAILED: $1: got \"$2\", expected \"$3\""; failures=$((failures + 1)); }; }
q() { psql -X -qAt -d $DB -v ON_ERROR_STOP=1 -c "$1"; }
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -X -q -d $DB -c 'CREATE EXTENSION activity_report'
files=("$ROOT"/data/sample/exports/sitewide_2026-03-15.csv "$ROOT"/data/sample/exports/exporter_2026-03-15.csv
       "$ROOT"/data/sample/exports/content_actions_2026-03.json)

"$AR" load -q --no-refresh -d $DB "${files[@]}"
check "--no-refresh: every day with events dirty" \
      "$(q "SELECT count(*) FILTER (WHERE dirty) || '/' || count(*) FROM activity_report.rollup_status")" \
      "$(q "SELECT count(DISTINCT (occurred_at AT TIME ZONE 'UTC')::date) || '/' || count(DISTINCT (occurred_at AT TIME ZONE 'UTC')::date) FROM activity_report.events")"

out=$("$AR" load -d $DB "${files[@]}")
check "a load rolls up the days that have ended" \
      "$(q "SELECT count(*) FROM activity_report.rollup_status WHERE dirty AND slice < (now() AT TIME ZONE 'UTC')::date")" 0
check "rolled-up events = events" \
      "$(q "SELECT (SELECT sum(events) FROM activity_report.rollup_status)::text || '/' || (SELECT count(*) FROM activity_report.events)")" \
      "$(q "SELECT count(*) || '/' || count(*) FROM activity_report.events")"
check "the first file's refresh took every dirty day" \
      "$(grep -c 'rolled up [1-9]' <<<"$out")" 1
check "after the last file, the stored all-time results are read" \
      "$(q "SELECT activity_report_internal.use_all_time('-infinity', 'infinity')")" t
out=$("$AR" load -d $DB "${files[@]}")
check "a re-load rolls up nothing" "$(grep -c 'rolled up 0 days' <<<"$out")" 3
# A day of today has not ended: it stays dirty, and the reports read it raw.
q "INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label) VALUES ('collaborative', now(), 'u-ada', 'Messages', 'Post', 'today')"
"$AR" load -q -d $DB "${files[0]}"
check "today stays dirty" "$(q "SELECT count(*) FROM activity_report.rollup_status WHERE dirty")" 1

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB"
[ $failures -eq 0 ] && echo "load refresh tests passed" || exit 1
