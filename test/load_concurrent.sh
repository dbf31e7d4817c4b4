#!/usr/bin/env bash
# Two `activity-report load` of the same file at the same time: every good row lands once, every bad row is
# kept once in rejected_events, and a date the loader cannot read (BC, infinity) is kept as it was given.
# Runs against the cluster in PGHOST/PGPORT (scripts/test.sh starts one). Usage: test/load_concurrent.sh [activity-report]
set -euo pipefail
AR=${1:-activity-report}
export PGDATABASE=ar_load_concurrent PGTZ=UTC
dir=$(mktemp -d /tmp/ar_load_concurrent.XXXXXX)
trap 'cat "$dir"/*.out >&2 || true; rm -rf "$dir"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE"' EXIT
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE" -c "CREATE DATABASE $PGDATABASE"
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION activity_report'
q() { psql -X -qAt -v ON_ERROR_STOP=1 -c "$1"; }

# GOOD valid rows (distinct times), BAD rows with an unknown action, and three dates the loader cannot read.
GOOD=3000 BAD=2000
file=$dir/export.csv
{
    echo 'Date/Time,User ID,Email,First,Last,Company,Category,Action,Label,Content ID,Content Name,Content Slug'
    for ((i = 0; i < GOOD; i++)); do
        printf '2026-03-10 %02d:%02d:%02dZ,u-%d,,,,,Content - OTSession,View,N/A,s-1,Session,/s\n' $((i / 3600 % 24)) $((i / 60 % 60)) $((i % 60)) "$i"
    done
    for ((i = 0; i < BAD; i++)); do
        printf '2026-03-11 %02d:%02d:%02dZ,u-%d,,,,,Content - OTSession,Teleport,N/A,s-1,Session,/s\n' $((i / 3600 % 24)) $((i / 60 % 60)) $((i % 60)) "$i"
    done
    echo '0044-03-15 10:00:00 BC,u-bc,,,,,Content - OTSession,View,N/A,s-1,Session,/s'
    echo 'infinity,u-inf,,,,,Content - OTSession,View,N/A,s-1,Session,/s'
    echo '-infinity,u-minf,,,,,Content - OTSession,View,N/A,s-1,Session,/s'
} > "$file"

# Both loads start together; each commits its file in one transaction.
"$AR" load --quiet "$file" > "$dir/a.out" 2>&1 & a=$!
"$AR" load --quiet "$file" > "$dir/b.out" 2>&1 & b=$!
status_a=0 status_b=0
wait $a || status_a=$?
wait $b || status_b=$?

passed=0 failed=0
check() { # name expected actual
    if [ "$2" == "$3" ]; then passed=$((passed + 1)); echo "ok - $1"; else failed=$((failed + 1)); echo "not ok - $1: expected '$2', got '$3'"; fi
}
# Exit status 3: some rows rejected (both loads report the rejected rows of the file).
check "first load finished with rejected rows" 3 "$status_a"
check "second load finished with rejected rows" 3 "$status_b"
check "every good row landed once" "$GOOD $GOOD" "$(q "SELECT count(*) || ' ' || count(DISTINCT source_ref) FROM activity_report.events")"
check "every bad row kept once" "$((BAD + 3)) $((BAD + 3))" \
      "$(q "SELECT count(*) || ' ' || count(DISTINCT source_ref) FROM activity_report.rejected_events")"
check "the rejected rows are the bad ones" "$BAD" "$(q "SELECT count(*) FROM activity_report.rejected_events WHERE action = 'Teleport'")"
check "unreadable dates kept as given" "-infinity|0044-03-15 10:00:00 BC|infinity" \
      "$(q "SELECT string_agg(occurred_at, '|' ORDER BY occurred_at) FROM activity_report.rejected_events WHERE user_id IN ('u-bc', 'u-inf', 'u-minf')")"
# A third load afterwards adds nothing.
"$AR" load --quiet "$file" > /dev/null 2>&1 || true
check "a later load adds nothing" "$GOOD $((BAD + 3))" \
      "$(q "SELECT (SELECT count(*) FROM activity_report.events) || ' ' || (SELECT count(*) FROM activity_report.rejected_events)")"
echo "load_concurrent: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
