#!/usr/bin/env bash
# A file that mixes vocabularies loads back: the tool's own sitewide_activity and user_activity_export downloads of
# generated data (every vocabulary: event_platform, activity_exporter, content_actions, collaborative) load into a
# fresh database with every row landing, as plain CSV and with --headers platform, as the same events: each in its
# own vocabulary and portal (the downloads write both), so of the same kind; a file with a Vocabulary column
# lands each row in its own vocabulary. Checked against the source database with a plain-SQL signature of
# the events. Usage: test/cli/mixed_vocabularies.sh [activity-report]
set -uo pipefail
AR=${1:-activity-report}
SRC=ar_cli_mixed_src DST=ar_cli_mixed_dst
export PGTZ=UTC
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
check() { [ "$2" = "$3" ] || { printf 'mixed vocabularies test FAILED: %s: got "%s", expected "%s"\n' "$1" "$2" "$3"; failures=$((failures + 1)); }; }
q() { psql -X -qAt -d "$1" -v ON_ERROR_STOP=1 -c "$2"; }
fresh() { psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" && psql -X -q -d "$1" -c 'CREATE EXTENSION activity_report'; }
# What a download carries of an event (the who-columns come from users, so they are left out), and what the
# trigger makes of it; and, for a file that has no Portal column, the event with its vocabulary.
sig="SELECT md5(string_agg(concat_ws('|', vocabulary, portal, user_id, category, action, label, occurred_at, content_id,
                                     kind_id, details::text), E'\n'
                           ORDER BY user_id, occurred_at, category, action, label, content_id, vocabulary)) FROM activity_report.events"
vsig="SELECT md5(string_agg(concat_ws('|', vocabulary, user_id, category, action, label, occurred_at, content_id), E'\n'
                            ORDER BY user_id, occurred_at, category, action, label, content_id, vocabulary)) FROM activity_report.events"

fresh $SRC
"$AR" generate -d $SRC --quiet --events 3000 --seed 11 > /dev/null
events=$(q $SRC "SELECT count(*) FROM activity_report.events")
check "generated vocabularies" "$(q $SRC "SELECT count(DISTINCT vocabulary) FROM activity_report.events")" 4

"$AR" report -d $SRC sitewide_activity > "$work/sitewide.csv"
fresh $DST
check "plain CSV download" "$("$AR" load --no-refresh -d $DST "$work/sitewide.csv" | sed "s|$work/||"; echo "exit ${PIPESTATUS[0]}")" \
      "sitewide.csv: $events rows read, $events loaded, 0 rejected, 0 already loaded
exit 0"
check "plain CSV: the same events" "$(q $DST "$sig")" "$(q $SRC "$sig")"
check "plain CSV: every row classified" "$(q $DST "SELECT count(*) FROM activity_report.events WHERE kind_id IS NULL")" 0
check "plain CSV loaded again" "$("$AR" load --no-refresh -d $DST "$work/sitewide.csv" | sed "s|$work/||")" \
      "sitewide.csv: $events rows read, 0 loaded, 0 rejected, $events already loaded"

for report in sitewide_activity user_activity_export; do
    "$AR" report -d $SRC $report --headers platform > "$work/$report.csv"
    check "$report download: its last two columns" "$(head -1 "$work/$report.csv" | tr -d '\r' | awk -F, '{print $(NF-1) "," $NF}')" "Vocabulary,Portal"
    fresh $DST
    check "$report download with platform headers" "$("$AR" load --no-refresh -d $DST "$work/$report.csv" | sed "s|$work/||"; echo "exit ${PIPESTATUS[0]}")" \
          "$report.csv: $events rows read, $events loaded, 0 rejected, 0 already loaded
exit 0"
    check "$report download, platform headers: the same events" "$(q $DST "$sig")" "$(q $SRC "$sig")"
done

# Seed 000's column titles and a Vocabulary column: each row lands in its own vocabulary.
psql -X -q -d $SRC -c "\copy (SELECT e.user_id AS \"User ID\", u.first_name AS \"First\", u.last_name AS \"Last\", u.company AS \"Company\",
    u.email AS \"Email\", e.category AS \"Category\", e.action AS \"Action\", e.label AS \"Label\", e.occurred_at AS \"Date\",
    e.content_id AS \"Content ID\", e.content_name AS \"Content Name\", e.content_slug AS \"Content Slug\", e.vocabulary AS \"Vocabulary\"
    FROM activity_report.events e LEFT JOIN activity_report.users u USING (user_id) ORDER BY e.event_id) TO '$work/vocabulary.csv' (FORMAT csv, HEADER)"
fresh $DST
check "Vocabulary column" "$("$AR" load --no-refresh -d $DST "$work/vocabulary.csv" | sed "s|$work/||"; echo "exit ${PIPESTATUS[0]}")" \
      "vocabulary.csv: $events rows read, $events loaded, 0 rejected, 0 already loaded
exit 0"
check "Vocabulary column: the same events in the same vocabularies" "$(q $DST "$vsig")" "$(q $SRC "$vsig")"

# A row's own Vocabulary is kept even when another vocabulary would take the row: an unknown one and one in which
# the row is no event are rejected; an empty one is the layout's (event_platform), or another where the row is one.
check "a given vocabulary is kept" "$(cd "$(dirname "$0")/data" && "$AR" load --no-refresh -d $DST vocabulary_column.csv; echo "exit $?")" \
      'vocabulary_column.csv:2: vocabulary: unknown vocabulary "nonsense"
vocabulary_column.csv:3: category: category "Chat" matches no kind of vocabulary "activity_exporter" with action "Chat"
vocabulary_column.csv: 4 rows read, 2 loaded, 2 rejected, 0 already loaded
exit 3'
check "an empty vocabulary" "$(q $DST "SELECT string_agg(vocabulary || ':' || action, ' ' ORDER BY action) FROM activity_report.events WHERE user_id = 'u-1'")" \
      "event_platform:Chat activity_exporter:Join"

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $SRC" -c "DROP DATABASE IF EXISTS $DST"
[ $failures -eq 0 ] && echo "mixed vocabulary tests passed" || exit 1
