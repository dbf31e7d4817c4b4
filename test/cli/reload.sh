#!/usr/bin/env bash
# Loading a file loaded before: when its first rows are all in events, activity-report load sends every row's key
# alone first and then, reading the file again, only the rows that are new. A 3,000-row export, then the same
# export grown by 500 new rows, 2 bad ones and an exact copy of an earlier row (which is a row of its own), from
# a file and from standard input (read once); each result is compared with loading the grown file alone into a
# fresh database. Usage: test/cli/reload.sh [activity-report]
set -uo pipefail
AR=${1:-activity-report}
A=ar_cli_reload_a B=ar_cli_reload_b
export PGTZ=UTC
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
check() { [ "$2" = "$3" ] || { printf 'reload test FAILED: %s:\n--- got\n%s\n--- expected\n%s\n' "$1" "$2" "$3"; failures=$((failures + 1)); }; }
fresh() { psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" && psql -X -q -d "$1" -c 'CREATE EXTENSION activity_report'; }
load() { "$AR" load --no-refresh -d "$@" 2>&1 | sed "s|$work/||"; }
sig="SELECT count(*) || ' ' || md5(string_agg(source_ref || user_id || action || occurred_at, ',' ORDER BY source_ref)) FROM activity_report.events"

header='User ID,First,Last,Company,Email,Category,Action,Label,Date/Time,Content ID,Content Name,Content Slug'
row() { printf 'u-%d,F%d,L%d,,u%d@example.com,Content - OTSession,%s,N/A,2026-03-%02d %02d:%02d:00Z,s-%d,Session %d,/s/%d\n' \
        $(($1 % 50)) $(($1 % 50)) $(($1 % 50)) $(($1 % 50)) "$2" $((1 + $1 / 1440 % 28)) $(($1 / 60 % 24)) $(($1 % 60)) $(($1 % 7)) $(($1 % 7)) $(($1 % 7)); }
{ echo "$header"; for ((i = 0; i < 3000; i++)); do row $i Join; done; } > "$work/first.csv"
{ cat "$work/first.csv"
  for ((i = 3000; i < 3500; i++)); do row $i Leave; done
  echo 'u-1,F1,L1,,u1@example.com,Content - OTSession,Teleport,N/A,2026-03-01 00:00:00Z,s-1,Session 1,/s/1'
  echo 'u-1,F1,L1,,u1@example.com,Content - OTSession,Join,N/A,2026-02-30 00:00:00Z,s-1,Session 1,/s/1'
  row 7 Join; } > "$work/grown.csv"

# Lines: the header is line 1, the first 3,000 rows 2-3001, the 500 new ones 3002-3501, then the two bad ones.
fresh $A
check "first load" "$(load $A "$work/first.csv")" "first.csv: 3000 rows read, 3000 loaded, 0 rejected, 0 already loaded"
check "the same file again" "$(load $A "$work/first.csv")" "first.csv: 3000 rows read, 0 loaded, 0 rejected, 3000 already loaded"
check "the grown file" "$(load $A "$work/grown.csv")" \
'grown.csv:3502: action: no activity kind of vocabulary "activity_exporter" has action "Teleport"
grown.csv:3503: Date/Time: cannot read "2026-02-30 00:00:00Z" as a date and time
grown.csv: 3503 rows read, 501 loaded, 2 rejected, 3000 already loaded'
check "the grown file again" "$(load $A "$work/grown.csv" | tail -1)" "grown.csv: 3503 rows read, 0 loaded, 2 rejected, 3501 already loaded"
fresh $B
load $B "$work/grown.csv" > /dev/null
check "same events as loading the grown file alone" "$(psql -X -qAt -d $A -c "$sig")" "$(psql -X -qAt -d $B -c "$sig")"
check "rejected rows kept once" "$(psql -X -qAt -d $A -c "SELECT string_agg(origin, ' ' ORDER BY origin) FROM activity_report.rejected_events" | sed "s|$work/||g")" \
      "grown.csv:3502 grown.csv:3503"

# Standard input cannot be read twice: the rows are staged whole, with the same result.
fresh $B
load $B - < "$work/first.csv" > /dev/null
check "the grown file from standard input" "$(load $B - < "$work/grown.csv" | tail -1)" "stdin: 3503 rows read, 501 loaded, 2 rejected, 3000 already loaded"
check "same events from standard input" "$(psql -X -qAt -d $B -c "$sig")" "$(psql -X -qAt -d $A -c "$sig")"

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $A" -c "DROP DATABASE IF EXISTS $B"
[ $failures -eq 0 ] && echo "reload tests passed" || exit 1
