#!/usr/bin/env bash
# The loader's idempotency keys are the ones it has always written, now computed by the client:
#   'load:' || md5(ROW(vocabulary, occurred_at, COALESCE(user_id, lower(email)), category, action, label,
#                      COALESCE(content_id, content_name), portal)::text) || ':' || <number among identical rows>
# Real files with quotes, commas, parentheses, backslashes, a tab, a newline, spaces, non-ASCII text, identical
# rows (twice and three times: 8 records, one over two lines) and learners known by email (mixed case, non-ASCII: that key is the server's).
# Checked against that formula in plain SQL over the raw files (fields trimmed, empty ones NULL, as the loader
# reads them); a re-load adds nothing; a load that finds one of its keys committed by another transaction
# while it waited loads the rest; against a 0.1.0 schema a re-load keeps rejected rows once.
# Usage: test/cli/load_keys.sh [activity-report]
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
AR=${1:-activity-report}
DB=ar_cli_load_keys
export PGTZ=UTC
failures=0
check() { [ "$2" = "$3" ] || { printf 'load keys test FAILED: %s:\n--- got\n%s\n--- expected\n%s\n' "$1" "$2" "$3"; failures=$((failures + 1)); }; }
q() { psql -X -qAt -d $DB -v ON_ERROR_STOP=1 -c "$1"; }
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -X -q -d $DB -c 'CREATE EXTENSION activity_report'
cd "$HERE/data"

check "load" "$("$AR" load --no-refresh -d $DB keys_exporter.csv keys_content_actions.csv 2>&1)" \
'keys_exporter.csv: 8 rows read, 8 loaded, 0 rejected, 0 already loaded
keys_content_actions.csv:5: user_id: user_id is NULL or empty
keys_content_actions.csv: 4 rows read, 3 loaded, 1 rejected, 0 already loaded'

psql -X -q -d $DB -v ON_ERROR_STOP=1 <<'SQL'
CREATE FUNCTION pg_temp.f(text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT NULLIF(btrim($1, E' \t\n\r\f\v'), '') $$;
CREATE TABLE raw_x (n serial, c1 text, c2 text, c3 text, c4 text, c5 text, c6 text, c7 text, c8 text, c9 text, c10 text, c11 text, c12 text);
\copy raw_x (c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12) FROM 'keys_exporter.csv' (FORMAT csv, HEADER)
CREATE TABLE raw_a (n serial, c1 text, c2 text, c3 text, c4 text, c5 text, c6 text, c7 text);
\copy raw_a (c1, c2, c3, c4, c5, c6, c7) FROM 'keys_content_actions.csv' (FORMAT csv, HEADER)
CREATE TABLE expected AS
SELECT 'load:' || h || ':' || row_number() OVER (PARTITION BY h ORDER BY n) AS key FROM (
    SELECT n, md5(ROW('activity_exporter'::text, pg_temp.f(c9), pg_temp.f(c1), pg_temp.f(c6), pg_temp.f(c7), pg_temp.f(c8),
                      COALESCE(pg_temp.f(c10), pg_temp.f(c11)), NULL::text)::text) AS h FROM raw_x) x
UNION ALL
SELECT 'load:' || h || ':' || row_number() OVER (PARTITION BY h ORDER BY n) FROM (
    SELECT n, md5(ROW('content_actions'::text, pg_temp.f(c7), lower(pg_temp.f(c1)), pg_temp.f(c3), pg_temp.f(c5), pg_temp.f(c6),
                      pg_temp.f(c4), pg_temp.f(c2))::text) AS h FROM raw_a) a;
SQL
check "keys as the formula gives them" \
      "$(q "SELECT string_agg(source_ref, ' ' ORDER BY source_ref) FROM (SELECT source_ref FROM activity_report.events
              UNION ALL SELECT source_ref FROM activity_report.rejected_events) k")" \
      "$(q "SELECT string_agg(key, ' ' ORDER BY key) FROM expected")"
check "identical rows numbered" "$(q "SELECT string_agg(right(source_ref, 2), ' ' ORDER BY source_ref) FROM activity_report.events WHERE user_id IN ('u-1', 'u-4') AND label <> 'tab	here'")" \
      "$(q "SELECT string_agg(right(key, 2), ' ' ORDER BY key) FROM expected e JOIN activity_report.events v ON v.source_ref = e.key WHERE v.user_id IN ('u-1', 'u-4') AND v.label <> 'tab	here'")"
check "numbers among twins" "$(q "SELECT string_agg(right(source_ref, 1), '' ORDER BY right(source_ref, 1)) FROM activity_report.events WHERE user_id IN ('u-1', 'u-4', 'élodie@example.com')")" "11112223"
check "load again" "$("$AR" load --no-refresh -d $DB keys_exporter.csv keys_content_actions.csv 2>&1)" \
'keys_exporter.csv: 8 rows read, 0 loaded, 0 rejected, 8 already loaded
keys_content_actions.csv:5: user_id: user_id is NULL or empty
keys_content_actions.csv: 4 rows read, 0 loaded, 1 rejected, 3 already loaded'

# A load that meets one of its keys inserted by another transaction, committed while it waits: the insert
# (first tried without ON CONFLICT) fails on the key and is run again with it; that row counts as already loaded.
tmp=$(mktemp)
printf 'User ID,Category,Action,Label,Date/Time\nu-9,Content - OTSession,Join,N/A,2026-03-11 09:00:00+00:00\nu-9,Content - OTSession,Leave,N/A,2026-03-11 09:30:00+00:00\n' > "$tmp"
key=$(q "SELECT 'load:' || md5(ROW('activity_exporter'::text, '2026-03-11 09:00:00+00:00'::text, 'u-9'::text, 'Content - OTSession'::text,
                                  'Join'::text, 'N/A'::text, NULL::text, NULL::text)::text) || ':1'")
psql -X -q -d $DB -v ON_ERROR_STOP=1 -c "BEGIN" \
     -c "INSERT INTO activity_report.events (occurred_at, user_id, category, action, label, source_ref)
         VALUES ('2026-03-11 09:00+00', 'u-9', 'Content - OTSession', 'Join', 'N/A', '$key')" \
     -c "SELECT pg_sleep(2)" -c "COMMIT" > /dev/null &
sleep 1
check "a key committed meanwhile" "$("$AR" load --no-refresh -d $DB "$tmp" 2>&1 | sed "s|$tmp|file|")" \
      "file: 2 rows read, 1 loaded, 0 rejected, 1 already loaded"
wait
check "each row once" "$(q "SELECT count(*) || ' ' || count(DISTINCT source_ref) FROM activity_report.events WHERE user_id = 'u-9'")" "2 2"
rm -f "$tmp"

# events is partitioned by month and its unique key is per partition, (source_ref, occurred_at). A row without
# a UTC offset is at another instant under another --timezone, with the same key (made from the row as given):
# 31 March 23:30 is 1 April 06:30 UTC in Los Angeles (-07), 31 March 14:30 UTC in Tokyo (+09), two partitions.
# A second load under the other time zone adds nothing, and neither do two such loads at the same time (loads
# write one at a time, each seeing the keys the other committed).
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -X -q -d $DB -c 'CREATE EXTENSION activity_report'
q "SELECT activity_report.ensure_event_partitions('2026-03-01', '2026-05-01')" > /dev/null
tmp=$(mktemp)
{
    echo 'User ID,Category,Action,Label,Date/Time'
    for ((i = 0; i < 3000; i++)); do printf 'u-%d,Content - OTSession,View,N/A,2026-03-31 23:%02d:%02d\n' "$i" $((i / 60 % 60)) $((i % 60)); done
} > "$tmp"
"$AR" load --no-refresh -q -d $DB --timezone America/Los_Angeles "$tmp" > /dev/null 2>&1
check "another time zone, after" "$("$AR" load --no-refresh -d $DB --timezone Asia/Tokyo "$tmp" 2>&1 | sed "s|$tmp|file|")" \
      "file: 3000 rows read, 0 loaded, 0 rejected, 3000 already loaded"
check "one partition, each key once" "$(q "SELECT string_agg(p || ' ' || n || ' ' || k, ', ') FROM (SELECT tableoid::regclass::text p, count(*) n, count(DISTINCT source_ref) k FROM activity_report.events GROUP BY 1) x")" \
      "activity_report.events_y2026m04 3000 3000"
q "TRUNCATE activity_report.events"
"$AR" load --no-refresh -q -d $DB --timezone America/Los_Angeles "$tmp" > /dev/null 2>&1 & a=$!
"$AR" load --no-refresh -q -d $DB --timezone Asia/Tokyo "$tmp" > /dev/null 2>&1 & b=$!
wait $a; wait $b
check "two time zones at the same time: each key once" "$(q "SELECT count(*) || ' ' || count(DISTINCT source_ref) || ' ' || count(DISTINCT tableoid) FROM activity_report.events")" "3000 3000 1"
rm -f "$tmp"

# Against a database still at 0.1.0 (no unique key on rejected_events.source_ref): loading twice keeps each
# rejected row once (the client's and the trigger's rejections): sitewide.csv 4 (yesterday, a short row, Teleport,
# Review - 7), exporter.csv 2, keys_content_actions.csv 1.
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
psql -X -q -d $DB -c "CREATE EXTENSION activity_report VERSION '0.1.0'"
for i in 1 2; do "$AR" load --no-refresh -q -d $DB sitewide.csv exporter.csv keys_content_actions.csv 2>/dev/null; done
check "0.1.0: rejected rows once" "$(q "SELECT count(*) || ' ' || count(DISTINCT source_ref) FROM activity_report.rejected_events")" "7 7"

psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $DB"
[ $failures -eq 0 ] && echo "load key tests passed" || exit 1
