#!/usr/bin/env bash
# A load makes the monthly partitions its rows need (README "Partitions"): months without one get it, filled
# before their five indexes are built; the default partition's rows of such a month move in; months that have
# a partition, --no-new-months, and a busy events table (the load does not wait for its lock) leave rows where
# they go without it. Run as a login member of activity_report_writer, not the owner. Counts are by hand from
# the rows below. Usage: test/cli/load_months.sh [activity-report]
set -uo pipefail
AR=${1:-activity-report}
DB=ar_cli_load_months
export PGTZ=UTC
work=$(mktemp -d)
chmod 755 "$work"
trap 'rm -rf "$work"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "DROP ROLE IF EXISTS ar_months_loader" 2>/dev/null' EXIT
failures=0
check() { [ "$2" = "$3" ] || { printf 'load_months test FAILED: %s:\n--- got\n%s\n--- expected\n%s\n' "$1" "$2" "$3"; failures=$((failures + 1)); }; }
q() { psql -X -qAt -v ON_ERROR_STOP=1 -d $DB -c "$1"; }
load() { "$AR" load --no-refresh -d "dbname=$DB user=ar_months_loader" "$@" 2>&1 | sed "s|$work/||"; }
# partition, rows, indexes: every partition of events_local that holds rows or is a month
layout="SELECT string_agg(c.relname || ' ' || (SELECT count(*) FROM activity_report.events e WHERE e.tableoid = c.oid)
                          || ' ' || (SELECT count(*) FROM pg_index x WHERE x.indrelid = c.oid), ', ' ORDER BY c.relname)
          FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'activity_report.events_local'::regclass"

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -X -q -d postgres -c "DROP ROLE IF EXISTS ar_months_loader" -c "CREATE ROLE ar_months_loader LOGIN IN ROLE activity_report_writer"
q 'CREATE EXTENSION activity_report'
q "INSERT INTO activity_report.portal_access VALUES ('ar_months_loader', '*')"

header='User ID,Category,Action,Label,Date/Time,Content ID'
# n rows of a month, one a minute from its first day's 08:00 UTC
rows() { for ((i = 0; i < $2; i++)); do printf 'u-%d,Content - OTSession,View,N/A,%s-01 %02d:%02d:00Z,s-1\n' $((i % 7)) "$1" $((8 + i / 60)) $((i % 60)); done; }
# One January event inserted by SQL waits in the default partition (no month has a partition yet).
q "INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, source_ref)
   VALUES ('2026-01-20 10:00+00', 'u-sql', 'Content - OTSession', 'View', 'N/A', 'sql-1')"
# January 300 rows, February 200 (one at 31 January 23:30 at -01, which is 1 February 00:30 UTC).
{ echo "$header"; rows 2026-01 300; rows 2026-02 199; echo 'u-1,Content - OTSession,View,N/A,2026-01-31 23:30:00-01,s-1'; } > "$work/jan_feb.csv"
check "first load" "$(load "$work/jan_feb.csv")" "jan_feb.csv: 500 rows read, 500 loaded, 0 rejected, 0 already loaded"
check "January and February made, indexed, the SQL row moved in" "$(q "$layout")" \
      "events_default 0 5, events_y2026m01 301 5, events_y2026m02 200 5"
check "every row classified" "$(q "SELECT count(*) FILTER (WHERE kind_id IS NULL) FROM activity_report.events")" "0"
check "statistics of the new months" "$(q "SELECT string_agg(relname || ' ' || reltuples::bigint, ', ' ORDER BY relname) FROM pg_class WHERE relname IN ('events_y2026m01', 'events_y2026m02')")" \
      "events_y2026m01 301, events_y2026m02 200"
check "the months are the owner's" "$(q "SELECT count(*) FROM pg_class WHERE relname LIKE 'events_y2026m0_' AND relowner <> (SELECT relowner FROM pg_class WHERE oid = 'activity_report.events'::regclass)")" "0"
check "loaded again: nothing new" "$(load "$work/jan_feb.csv")" "jan_feb.csv: 500 rows read, 0 loaded, 0 rejected, 500 already loaded"
check "loaded again: same partitions" "$(q "$layout")" "events_default 0 5, events_y2026m01 301 5, events_y2026m02 200 5"

# --no-new-months: March's rows go to the default partition.
{ echo "$header"; rows 2026-03 50; } > "$work/mar.csv"
check "--no-new-months" "$(load --no-new-months "$work/mar.csv")" "mar.csv: 50 rows read, 50 loaded, 0 rejected, 0 already loaded"
check "March waits in the default partition" "$(q "$layout")" "events_default 50 5, events_y2026m01 301 5, events_y2026m02 200 5"

# events in use (another transaction has read it and goes on): the load does not wait, April's rows go to the
# default partition, and it says so.
{ echo "$header"; rows 2026-04 40; } > "$work/apr.csv"
psql -X -q -d $DB -c "BEGIN" -c "SELECT count(*) FROM activity_report.events" -c "SELECT pg_sleep(4)" -c "COMMIT" > /dev/null &
sleep 1
check "events in use" "$(load "$work/apr.csv")" \
"activity-report: activity_report.events is in use; rows of months without a partition go to events_default (activity_report.ensure_event_partitions moves them later)
apr.csv: 40 rows read, 40 loaded, 0 rejected, 0 already loaded"
wait
check "April waits in the default partition" "$(q "$layout")" "events_default 90 5, events_y2026m01 301 5, events_y2026m02 200 5"
# Then a load of May makes May (and only May: March and April are in no row of its file).
{ echo "$header"; rows 2026-05 10; } > "$work/may.csv"
check "May" "$(load "$work/may.csv")" "may.csv: 10 rows read, 10 loaded, 0 rejected, 0 already loaded"
check "May made" "$(q "$layout")" "events_default 90 5, events_y2026m01 301 5, events_y2026m02 200 5, events_y2026m05 10 5"

# Times without an offset, read in --timezone: the months are those of their UTC times. At +14
# (Pacific/Kiritimati) 30 June 22:00 and 1 July 05:00 are both in June UTC (08:00 and 15:00 on 30 June), so July
# is not made; at -7 (Los Angeles in summer) 31 July 20:00 is 1 August 03:00 UTC, and 15 July is July.
{ echo "$header"; echo 'u-1,Content - OTSession,View,N/A,2026-06-30 22:00:00,s-1'; echo 'u-2,Content - OTSession,View,N/A,2026-07-01 05:00:00,s-1'; } > "$work/jun.csv"
check "June at +14" "$(load --timezone Pacific/Kiritimati "$work/jun.csv")" "jun.csv: 2 rows read, 2 loaded, 0 rejected, 0 already loaded"
{ echo "$header"; echo 'u-1,Content - OTSession,View,N/A,2026-07-31 20:00:00,s-1'; echo 'u-2,Content - OTSession,View,N/A,2026-07-15 12:00:00,s-1'; } > "$work/jul.csv"
check "July and August at -7" "$(load --timezone America/Los_Angeles "$work/jul.csv")" "jul.csv: 2 rows read, 2 loaded, 0 rejected, 0 already loaded"
check "June, July and August made" "$(q "$layout")" \
      "events_default 90 5, events_y2026m01 301 5, events_y2026m02 200 5, events_y2026m05 10 5, events_y2026m06 2 5, events_y2026m07 1 5, events_y2026m08 1 5"
check "each key once" "$(q "SELECT count(*) || ' ' || count(DISTINCT source_ref) FROM activity_report.events")" "605 605"

[ $failures -eq 0 ] && echo "load_months: all checks passed"
exit $((failures > 0))
