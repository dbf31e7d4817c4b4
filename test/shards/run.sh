#!/usr/bin/env bash
# Shards (design §8, "Beyond one node"): a coordinator database on the running server (PG* set, e.g. by
# scripts/test.sh) and two shard clusters started here (as the postgres user, private sockets and ports,
# always stopped). Generated data goes through the coordinator; a second database on the running server gets
# the same data on one node. Every seed report and view on the coordinator equals the single node's, also for a
# portal-bound reader; a stopped shard makes refresh_rollups fail naming it, with the rollups unchanged, and
# the refresh succeeds once it is back. Usage: test/shards/run.sh [activity-report]
set -euo pipefail
AR=${1:-activity-report}
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/../../scripts/lib.sh"
EVENTS=${EVENTS:-20000}
COORD=ar_shards_coordinator SINGLE=ar_shards_single
SHARD_DIRS=()
cleanup() {
    local rc=$?
    stop_shard_clusters $rc
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $COORD" -c "DROP DATABASE IF EXISTS $SINGLE" || true
    return $rc
}
trap cleanup EXIT
qc() { psql -X -q -v ON_ERROR_STOP=1 -tA -d $COORD -c "$1"; }
qs() { psql -X -q -v ON_ERROR_STOP=1 -tA -d $SINGLE -c "$1"; }
ok() { echo "ok   $1"; }
fail() { echo "FAIL $1"; exit 1; }

base=$((PGPORT + 100))
start_shard_cluster $((base + 1))
start_shard_cluster $((base + 2))
for db in $COORD $SINGLE; do
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    psql -X -q -v ON_ERROR_STOP=1 -d $db -c 'CREATE EXTENSION activity_report'
done

# The coordinator: one postgres_fdw server per shard. No password: the shards trust their private socket;
# a non-superuser's mapping says so with password_required 'false' (only a superuser may set it).
qc "CREATE EXTENSION postgres_fdw"
qc "CREATE ROLE ar_shard_reader_a LOGIN IN ROLE activity_report_reader" 2>/dev/null || true
for i in 1 2; do
    d=${SHARD_DIRS[$((i - 1))]}
    qc "CREATE SERVER shard_$i FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host '$d', port '$(cat "$d/port")', dbname 'postgres')"
    qc "CREATE USER MAPPING FOR CURRENT_USER SERVER shard_$i OPTIONS (user '$PGUSER')"
    qc "CREATE USER MAPPING FOR ar_shard_reader_a SERVER shard_$i OPTIONS (user '$PGUSER', password_required 'false')"
done

# The generator's three portals (src/cli/generate.cpp): the first on shard 1, the second on shard 2, the
# third stays on the coordinator.
portals=("Acme Academy" "Globex University" "Initech Learning")
qc "SELECT activity_report.attach_shard('shard_1', ARRAY['${portals[0]}', 'acme'])" >/dev/null
qc "SELECT activity_report.attach_shard('shard_2', ARRAY['${portals[1]}'])" >/dev/null
for db in $COORD $SINGLE; do
    qx() { psql -X -q -v ON_ERROR_STOP=1 -tA -d $db -c "$1"; }
    qx "INSERT INTO activity_report.portal_access VALUES ('ar_shard_reader_a', '${portals[0]}')"
    PGDATABASE=$db "$AR" generate --quiet --no-refresh --events "$EVENTS" --seed 7
done
n1=$(psql -X -tA -h "${SHARD_DIRS[0]}" -p "$(cat "${SHARD_DIRS[0]}/port")" -d postgres -c "SELECT count(*) FROM activity_report.events")
n2=$(psql -X -tA -h "${SHARD_DIRS[1]}" -p "$(cat "${SHARD_DIRS[1]}/port")" -d postgres -c "SELECT count(*) FROM activity_report.events")
nl=$(qc "SELECT count(*) FROM activity_report.events_local")
all=$(qs "SELECT count(*) FROM activity_report.events")
[ "$n1" -gt 0 ] && [ "$n2" -gt 0 ] && [ "$nl" -gt 0 ] && [ $((n1 + n2 + nl)) = "$all" ] \
    || fail "events through the coordinator: shard 1 $n1, shard 2 $n2, local $nl, single node $all"
ok "generated events reached their shards: $n1 + $n2 on the shards, $nl on the coordinator = $all on one node"
[ "$(qc "SELECT count(*) FROM activity_report.events WHERE kind_id IS NULL")" = 0 ] || fail "unclassified events"
# A load through the coordinator (a Content Actions Log of portal acme, on shard 1), and again: nothing new.
load() { PGDATABASE=$1 "$AR" load --quiet "$HERE/../cli/data/content_actions.csv" >/dev/null 2>&1 || [ $? = 3 ]; }  # 3: its bad rows rejected
load $COORD; load $SINGLE; load $COORD; load $SINGLE  # the same event_ids on both
acme=$(psql -X -tA -h "${SHARD_DIRS[0]}" -p "$(cat "${SHARD_DIRS[0]}/port")" -d postgres -c "SELECT count(*) FROM activity_report.events WHERE portal = 'acme'")
[ "$acme" -gt 0 ] && [ "$acme" = "$(qs "SELECT count(*) FROM activity_report.events WHERE portal = 'acme'")" ] \
    && [ "$(qc "SELECT count(*) FROM activity_report.events")" = "$(qs "SELECT count(*) FROM activity_report.events")" ] \
    || fail "activity-report load through the coordinator: $acme rows of acme on shard 1"
ok "activity-report load through the coordinator: $acme rows on shard 1, a re-load adds nothing"
all=$(qs "SELECT count(*) FROM activity_report.events")

compare() { # label, role: every report call and view gives the same rows on the coordinator and the single node
    local label=$1 role=${2:-} calls exp out bad n
    calls=$(mktemp); exp=$(mktemp)
    { PGDATABASE=$SINGLE psql -X -q -v ON_ERROR_STOP=1 -tA -f "$HERE/../report_calls.sql" | sed '1d'
      for f in sitewide_activity user_activity_export content_actions_log unique_users; do
          echo "SELECT * FROM activity_report.$f('-infinity', 'infinity')"; done
      for v in sitewide_activity_v user_activity_export_v content_actions_log_v unique_users_v content_action_sources; do
          echo "SELECT * FROM activity_report.$v"; done; } | grep -v '^$' > "$calls"
    run_calls() { # db: one line per call, "i<TAB>rows as jsonb[]"
        { echo '\ir '"$HERE"'/../rollups/compare.sql'; [ -n "$role" ] && echo "SET ROLE $role;"
          awk '{ gsub(/\x27/, "\x27\x27"); printf "COPY (SELECT %d, pg_temp.rows_of(\x27%s\x27)) TO STDOUT;\n", NR, $0 }' "$calls"; } |
            psql -X -q -v ON_ERROR_STOP=1 -d "$1"
    }
    run_calls $SINGLE > "$exp"
    out=$( { echo '\ir '"$HERE"'/../rollups/compare.sql'
             echo "CREATE TEMP TABLE expected (i int, r jsonb[]);"
             echo "\\copy expected FROM '$exp'"
             cat <<'SQL'
CREATE FUNCTION pg_temp.same(a jsonb[], b jsonb[]) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    IF cardinality(a) <> cardinality(b) THEN RETURN false; END IF;
    FOR i IN 1 .. COALESCE(cardinality(a), 0) LOOP
        IF NOT pg_temp.json_close(a[i], b[i]) THEN RETURN false; END IF;
    END LOOP;
    RETURN true;
END $$;
CREATE TEMP TABLE got (i int, r jsonb[]);
SQL
             [ -n "$role" ] && echo "GRANT ALL ON got TO $role; SET ROLE $role;"
             awk '{ gsub(/\x27/, "\x27\x27"); printf "INSERT INTO got SELECT %d, pg_temp.rows_of(\x27%s\x27);\n", NR, $0 }' "$calls"
             echo "RESET ROLE;"
             echo "SELECT count(*) || ' ' || count(*) FILTER (WHERE NOT pg_temp.same(e.r, g.r)) || ' ' || COALESCE(sum(cardinality(e.r)), 0) FROM expected e JOIN got g USING (i);"
             echo "SELECT 'differs: ' || e.i || ' ' || cardinality(e.r) || ' vs ' || cardinality(g.r) FROM expected e JOIN got g USING (i) WHERE NOT pg_temp.same(e.r, g.r) LIMIT 5;"
           } | psql -X -q -v ON_ERROR_STOP=1 -tA -d $COORD)
    n=$(wc -l < "$calls")
    read -r compared bad rows <<<"$(head -1 <<<"$out")"
    if [ "$compared" != "$n" ] || [ "$bad" != 0 ] || [ "$rows" -lt 100 ]; then
        echo "FAIL $label: $compared of $n calls compared, $bad differ, $rows rows"; tail -n +2 <<<"$out"
        grep -n . "$calls" | sed -n "$(tail -n +2 <<<"$out" | awk '{print $2"p"}' | head -3 | paste -sd';')"
        rm -f "$calls" "$exp"; exit 1
    fi
    rm -f "$calls" "$exp"
    ok "$label: $n report calls and views, $rows rows, the same on the coordinator as on one node"
}
compare "raw events, nothing rolled up"

qc "SELECT activity_report.refresh_rollups()" >/dev/null
qs "SELECT activity_report.refresh_rollups()" >/dev/null
[ "$(qc "SELECT activity_report_internal.use_all_time('-infinity', 'infinity')")" = t ] || fail "the coordinator does not read its stored all-time results"
[ "$(qc "SELECT count(*) FROM activity_report.rollup_facts")" = "$(qs "SELECT count(*) FROM activity_report.rollup_facts")" ] \
    && [ "$(qc "SELECT sum(events) FROM activity_report.rollup_slices")" = "$all" ] || fail "the coordinator's rollups do not hold every event once"
ok "refresh_rollups on the coordinator: the shards' facts pulled, $(qc "SELECT sum(events) FROM activity_report.rollup_slices") events rolled up"
compare "rolled up"
compare "rolled up, as a reader bound to ${portals[0]} (a shard's portal)" ar_shard_reader_a

# What the coordinator's refresh asks a shard for: its facts of a day, never its events.
remote=$(qc "EXPLAIN (VERBOSE, COSTS OFF) SELECT * FROM activity_report_shard_1.rollup_facts f WHERE f.day = '2026-03-10' AND f.portal = ANY (ARRAY['${portals[0]}'])" | sed -n 's/^ *Remote SQL: //p')
grep -q 'FROM activity_report.rollup_facts WHERE' <<<"$remote" || fail "pull query: $remote"
echo "     the pull's remote query: $remote"

# Late events through the coordinator (on both shards and here), then shard 2 is stopped: the refresh fails
# naming it, and the coordinator's rollups are as they were.
late="INSERT INTO activity_report.events (vocabulary, occurred_at, user_id, category, action, label, content_id, content_name, portal, source_ref)
      SELECT vocabulary, occurred_at + interval '1 hour', user_id, category, action, label, content_id, content_name, portal, 'late:' || event_id
        FROM activity_report.events WHERE event_id % 53 = 0 ORDER BY event_id"
qc "$late"; qs "$late"
qc "DELETE FROM activity_report.events WHERE event_id % 89 = 0"; qs "DELETE FROM activity_report.events WHERE event_id % 89 = 0"
before=$(qc "SELECT md5(string_agg(f::text, '' ORDER BY f::text)) FROM activity_report.rollup_facts f")
shard_down "${SHARD_DIRS[1]}"
err=$(qc "SELECT activity_report.refresh_rollups()" 2>&1 >/dev/null) && fail "refresh with a shard down succeeded"
grep -q 'shard "shard_2"' <<<"$err" || fail "the error does not name the shard: $err"
[ "$(qc "SELECT md5(string_agg(f::text, '' ORDER BY f::text)) FROM activity_report.rollup_facts f")" = "$before" ] || fail "rollups changed"
ok "shard 2 stopped: refresh fails ($(head -1 <<<"$err" | cut -c1-90)...), rollups unchanged"
shard_up "${SHARD_DIRS[1]}"
qc "SELECT activity_report.refresh_rollups()" >/dev/null
qs "SELECT activity_report.refresh_rollups()" >/dev/null
[ "$(qc "SELECT NOT bool_or(dirty) FROM activity_report.rollup_status")" = t ] || fail "days left dirty"
ok "shard 2 back: refresh succeeds"
compare "late events and deletes, refreshed again"

# A dimension change reaches the shards: a content's end moves (recording minutes count after it).
ch="UPDATE activity_report.contents SET ends_at = ends_at - interval '10 minutes' WHERE ends_at IS NOT NULL AND content_id IN (SELECT content_id FROM activity_report.contents WHERE ends_at IS NOT NULL ORDER BY 1 LIMIT 20)"
qc "$ch"; qs "$ch"
qc "SELECT activity_report.refresh_rollups()" >/dev/null; qs "SELECT activity_report.refresh_rollups()" >/dev/null
compare "dimensions changed, refreshed again"
