#!/usr/bin/env bash
# Loading rows of archived days (design §8: drop_events_before dropped their raw events, their rollups are final):
# such a row is rejected with its file, line and reason, the other rows land, the rollups of the archived day
# stay as they were, and loading the file again adds nothing. Usage: test/cli/archived_days.sh [activity-report]
set -uo pipefail
AR=${1:-activity-report}
DB=ar_cli_archived
export PGTZ=UTC
work=$(mktemp -d)
trap 'rm -rf "$work"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB"' EXIT
failures=0
check() { [ "$2" = "$3" ] || { printf 'archived days test FAILED: %s:\n--- got\n%s\n--- expected\n%s\n' "$1" "$2" "$3"; failures=$((failures + 1)); }; }
q() { psql -X -qAt -d $DB -v ON_ERROR_STOP=1 -c "$1"; }
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" 2>/dev/null && psql -X -q -d $DB -c 'CREATE EXTENSION activity_report'

header='User ID,First,Last,Company,Email,Category,Action,Label,Date,Content ID,Content Name,Content Slug'
printf '%s\nu1,A,One,,a@x.test,Hand,Raise,N/A,2026-01-10 10:00:00Z,s1,S,/s\nu1,A,One,,a@x.test,Hand,Raise,N/A,2026-01-11 10:00:00Z,s1,S,/s\n' \
    "$header" > "$work/january.csv"
# line 2: a late row of 2026-01-10 (archived below); line 3: March, which is not
printf '%s\nu2,B,Two,,b@x.test,Hand,Raise,N/A,2026-01-10 11:00:00Z,s1,S,/s\nu2,B,Two,,b@x.test,Hand,Raise,N/A,2026-03-10 11:00:00Z,s1,S,/s\n' \
    "$header" > "$work/late.csv"

"$AR" load -q -d $DB "$work/january.csv"
check "January dropped" "$(q "SELECT activity_report.drop_events_before('2026-02-01')")" 2
check "late rows" "$(cd "$work" && "$AR" load -d $DB late.csv; echo "exit $?")" \
'late.csv:2: occurred_at: occurred_at "2026-01-10 11:00:00+00": its day (UTC) is archived: its raw events were dropped (drop_events_before) and its rollups are final, so the event would never be counted
late.csv: 2 rows read, 1 loaded, 1 rejected, 0 already loaded
late.csv: rolled up 1 day
exit 3'
check "the archived day as rolled up, clean" "$(q "SELECT events || ' ' || archived || ' ' || NOT EXISTS (SELECT FROM activity_report_internal.rollup_dirty r WHERE r.day = s.day) FROM activity_report.rollup_slices s WHERE day = '2026-01-10'")" "1 true true"
check "the rejected row is kept" "$(q "SELECT user_id || ' ' || occurred_at FROM activity_report.rejected_events")" "u2 2026-01-10 11:00:00+00:00"
check "again" "$(cd "$work" && "$AR" load -q -d $DB late.csv; echo "exit $?"; q "SELECT count(*) FROM activity_report.events"; q "SELECT count(*) FROM activity_report.rejected_events")" \
"exit 3
1
1"
[ $failures -eq 0 ] && echo "archived days tests passed" || exit 1
