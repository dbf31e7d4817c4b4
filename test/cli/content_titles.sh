#!/usr/bin/env bash
# The Content Actions Log names a content by its title alone. Whatever the order of the files, an event names
# the one content of that title: loaded before the contents catalog, it gets its content_id when the catalog
# comes. From test/cli/data: "Compilers 101" is c-comp (2 events); "Twin Title" names two contents (c-twin-a,
# c-twin-b) and "Nowhere 404" none, so their events keep no content_id. Usage: test/cli/content_titles.sh [activity-report]
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
AR=${1:-activity-report}
DB=ar_cli_content_titles
export PGTZ=UTC
failures=0
check() { [ "$2" = "$3" ] || { echo "content title test FAILED: $1: got \"$2\", expected \"$3\""; failures=$((failures + 1)); }; }
q() { psql -X -qAt -d $DB -v ON_ERROR_STOP=1 -c "$1"; }
titles="SELECT string_agg(content_name || '=' || COALESCE(content_id, '(none)'), ' ' ORDER BY occurred_at) FROM activity_report.events"
expected="Compilers 101=c-comp Twin Title=(none) Nowhere 404=(none) Compilers 101=c-comp"
for order in "content_actions_titles.csv contents_titles_catalog.csv" "contents_titles_catalog.csv content_actions_titles.csv"; do
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
    psql -X -q -d $DB -c 'CREATE EXTENSION activity_report'
    for f in $order; do "$AR" load -q -d $DB "$HERE/data/$f" || check "load $f" "exit $?" "exit 0"; done
    check "content_id of each event ($order)" "$(q "$titles")" "$expected"
    check "rolled up: course events of c-comp ($order)" \
          "$(q "SELECT count(*) FROM activity_report.events WHERE content_id = 'c-comp'")|$(q "SELECT count(*) FROM activity_report_internal.rollup_dirty")" "2|0"
done
# Events first, then the catalog, without a refresh: the days of the events that changed are dirty.
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -X -q -d $DB -c 'CREATE EXTENSION activity_report'
"$AR" load -q -d $DB "$HERE/data/content_actions_titles.csv"
"$AR" load --no-refresh -q -d $DB "$HERE/data/contents_titles_catalog.csv"
check "dirty days after the catalog" "$(q "SELECT string_agg(DISTINCT day::text, ' ' ORDER BY day::text) FROM activity_report_internal.rollup_dirty")" "2026-03-01 2026-03-05"
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB"
[ $failures -eq 0 ] && echo "content title tests passed" || exit 1
