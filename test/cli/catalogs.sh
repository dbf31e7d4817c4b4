#!/usr/bin/env bash
# Catalog files through activity-report load (design §11): users (a BOM, CRLF, quoted commas, `|` lists with a
# quoted element, two dimension columns, a row without ID, an ID given twice), contents (snake_case header,
# CRLF, minutes and intervals, a bad date, a bad duration, an unknown type, a window ending before it starts,
# a bad status), groups and group members; a catalog overwrites the columns it carries (and only those), event
# files only fill what is empty. Every expected value is worked out by hand from the files in test/cli/data.
# Usage: test/cli/catalogs.sh [activity-report]
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
AR=${1:-activity-report}
DB=ar_cli_catalogs
export PGTZ=UTC PGDATESTYLE=ISO
failures=0
check() { [ "$2" = "$3" ] || { printf 'catalog test FAILED: %s:\n--- got\n%s\n--- expected\n%s\n' "$1" "$2" "$3"; failures=$((failures + 1)); }; }
q() { psql -X -qAt -d $DB -v ON_ERROR_STOP=1 -c "$1"; }
load() { "$AR" load --no-refresh -d $DB "$@" 2>&1; echo "exit $?"; }
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -X -q -d $DB -c 'CREATE EXTENSION activity_report'
cd "$HERE/data"
users="SELECT concat_ws('|', user_id, first_name, last_name, company, email, role, tags, dimensions, portal) FROM activity_report.users ORDER BY user_id"
contents="SELECT concat_ws('|', content_id, content_type, name, slug, parent_id, starts_at, ends_at, duration, status, author, co_authors,
                 group_id, source_language, available_languages, unavailable_languages, tags, created_at, updated_at, portal)
            FROM activity_report.contents ORDER BY content_id"

# Events first: u-ada, u-grace and u-linus with their names, s-keynote without a type.
"$AR" load --no-refresh -q -d $DB sitewide.csv

check "users catalog" "$(load users_catalog.csv)" \
'users_catalog.csv:4: User ID: missing
users_catalog.csv:5: User ID "u-grace" appears again on line 6 (that row is loaded)
users_catalog.csv: users catalog, 6 rows read, 4 loaded, 2 rejected (catalog rows are rejected here only: correct them in the file and load it again)
exit 3'
check "users after the catalog" "$(q "$users")" \
'u-ada|Augusta|Lovelace|Analytical Engines, Ltd|ada@example.com|Attendee|{speaker,vip}|{"Phone": "+44 20 7946 0000", "LinkedIn": "https://linkedin.example/ada"}|acme
u-alan|Alan|Turing|Bletchley Park|alan@example.com|Learner|{}|{}|globex
u-grace|Grace|Hopper|US Navy|grace@example.com|Speaker|{speaker,"\"keynote\" host"}|{"Phone": "+1 555 0100"}|acme
u-kat|Katherine|Johnson|NASA|kat@example.com|Learner|{}|{}
u-linus|Linus|linus@example.com|{}|{}'

check "contents catalog" "$(load contents_catalog.csv)" \
'contents_catalog.csv:6: creation_date: cannot read "yesterday" as a date and time
contents_catalog.csv:7: duration: cannot read "forever" as minutes or an interval (e.g. 45, 01:30:00, 1 hour 30 minutes)
contents_catalog.csv:8: content_type: "Podcast" is not a content type of activity_report.content_types (add it there first)
contents_catalog.csv:9: ends_at: 2026-03-10 09:00:00+00 is not after starts_at 2026-03-10 10:00:00+00
contents_catalog.csv:10: status: "Paused" is not Active, Archived or Deleted
contents_catalog.csv: contents catalog, 9 rows read, 4 loaded, 5 rejected (catalog rows are rejected here only: correct them in the file and load it again)
exit 3'
contents_expected='c-crypto|Course|Cryptanalysis 101|/courses/crypto-101|Active|Alan Turing|{}|g-all|en|{}|{}|{crypto}|globex
l-1|Lesson|Lesson 1|c-crypto|01:30:00|Active|{}|{}|{}|{}|globex
s-keynote|OTSession|Opening Keynote|/main/live/keynote|2026-03-10 09:00:00+00|2026-03-10 10:00:00+00|01:00:00|Active|u-grace|{u-ada,u-alan}|en|{fr,de}|{es}|{"keynote, opening",live}|2026-01-05 00:00:00+00|2026-03-01 12:00:00+00|acme
v-intro|video|Intro, to Engines|/main/videos/intro|00:20:30|Archived|u-ada|{}|en|{}|{}|{}|acme'
check "contents after the catalog" "$(q "$contents")" "$contents_expected"

check "groups catalog" "$(load groups_catalog.csv)" \
'groups_catalog.csv:4: Name: missing
groups_catalog.csv: groups catalog, 3 rows read, 2 loaded, 1 rejected (catalog rows are rejected here only: correct them in the file and load it again)
exit 3'
check "groups" "$(q "SELECT concat_ws('|', group_id, name, parent_id, portal) FROM activity_report.groups ORDER BY group_id")" \
'g-all|All of Acme|acme
g-eng|Engineering|g-all|acme'
check "group members catalog" "$(load group_members_catalog.csv)" \
'group_members_catalog.csv:5: User ID: missing
group_members_catalog.csv: group members catalog, 4 rows read, 3 loaded, 1 rejected (catalog rows are rejected here only: correct them in the file and load it again)
exit 3'
check "group members" "$(q "SELECT concat_ws('|', group_id, user_id, role) FROM activity_report.group_members ORDER BY group_id, user_id")" \
'g-all|u-ada|admin
g-eng|u-ada|Learner
g-eng|u-grace|learner'

# An event file after the catalogs fills nothing that is set: u-ada stays Augusta, s-keynote stays as the catalog has it.
"$AR" load --no-refresh -q -d $DB exporter.csv
check "event file after the catalogs" "$(q "SELECT first_name FROM activity_report.users WHERE user_id = 'u-ada'")|$(q "$contents" | grep '^s-keynote')" \
"Augusta|$(echo "$contents_expected" | grep '^s-keynote')"

# A second users catalog with fewer columns (snake_case, the table's own names): it replaces what it carries
# (names, company, email, the LinkedIn dimension, removed when empty) and keeps role, tags, portal, Phone.
check "users catalog update" "$(load users_catalog_update.csv)" \
'users_catalog_update.csv: users catalog, 2 rows read, 2 loaded, 0 rejected
exit 0'
check "users after the update" "$(q "$users" | grep -E '^u-(ada|new)\|')" \
'u-ada|Ada|Lovelace|Analytical Engines|ada@example.com|Attendee|{speaker,vip}|{"Phone": "+44 20 7946 0000"}|acme
u-new|New|Person|NEW@example.com|{}|{"LinkedIn": "https://linkedin.example/new"}'

# Loading a catalog again changes nothing.
"$AR" load --no-refresh -q -d $DB contents_catalog.csv
check "contents catalog again" "$(q "$contents")" "$contents_expected"

check "a header close to a catalog's" "$(load users_catalog_short.csv)" \
'activity-report: users_catalog_short.csv: the header looks like a users catalog but has no "First", "Last", "Company" column
exit 1'

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB"
[ $failures -eq 0 ] && echo "catalog tests passed" || exit 1
