#!/usr/bin/env bash
# A content first seen in an event file takes its type from the category where the vocabulary says it
# ("Content - OTSession" -> OTSession), when that names a content_types row, so a live session's Join/Leave count
# as live minutes in user_analytics. Values by hand from test/cli/data/content_types.csv: Katherine joins
# s-orbit at 14:00 and leaves at 14:30 (30 live minutes, 1 session). Usage: test/cli/content_type.sh [activity-report]
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
AR=${1:-activity-report}
DB=ar_cli_content_type
export PGTZ=UTC
failures=0
check() { [ "$2" = "$3" ] || { echo "content type test FAILED: $1: got \"$2\", expected \"$3\""; failures=$((failures + 1)); }; }
q() { psql -X -qAt -d $DB -v ON_ERROR_STOP=1 -c "$1"; }
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -X -q -d $DB -c 'CREATE EXTENSION activity_report'
# s-typed is known as a video before: event files only fill what is empty.
q "INSERT INTO activity_report.contents (content_id, content_type, name) VALUES ('s-typed', 'webinar', 'Typed Before')"

"$AR" load -q -d $DB "$HERE/data/content_types.csv"
check "exit status" "$?" 0
check "content types" "$(q "SELECT string_agg(content_id || '=' || COALESCE(content_type, '(null)'), ' ' ORDER BY content_id) FROM activity_report.contents")" \
      "c-lower=course c-upper=Course h-1=(null) s-chat=(null) s-orbit=OTSession s-typed=webinar"
check "user_analytics: live minutes, sessions" \
      "$("$AR" report -d $DB user_analytics user_id=u-kat --format json | grep -o '"live_minutes":[0-9.]*,\|"sessions_viewed":[0-9]*' | tr -d '\n')" \
      '"sessions_viewed":1"live_minutes":30,'
# Loading the file again changes nothing.
"$AR" load -q -d $DB "$HERE/data/content_types.csv"
check "re-load" "$(q "SELECT count(*) FILTER (WHERE content_type IS NOT NULL) || '/' || count(*) FROM activity_report.contents")" "4/6"

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB"
[ $failures -eq 0 ] && echo "content type tests passed" || exit 1
