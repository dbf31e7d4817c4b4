#!/usr/bin/env bash
# A bounded sqlsmith run: random queries over generated data (every table, view, function and aggregate
# of the extension among PostgreSQL's), sent by a plain writer bound to one portal, with a statement
# timeout. Errors are expected; a crashed backend is not: 0 crashes in the server log, or the test fails.
# Usage: test/sqlsmith.sh ACTIVITY_REPORT SERVER_LOG [QUERIES]   (PG* environment set, e.g. by scripts/test.sh)
set -uo pipefail
AR=$1 LOG=$2 QUERIES=${3:-${AR_SQLSMITH_QUERIES:-3000}}
DB=ar_sqlsmith SEED=7
fail() { echo "sqlsmith test FAILED: $*"; exit 1; }
command -v sqlsmith >/dev/null || fail "sqlsmith is not installed (scripts/lib.sh install_deps sqlsmith)"

psql -X -q -d postgres -v ON_ERROR_STOP=1 <<SQL || fail "set-up"
DROP DATABASE IF EXISTS $DB;
DROP ROLE IF EXISTS ar_smith;
CREATE DATABASE $DB;
SQL
psql -X -q -d $DB -v ON_ERROR_STOP=1 <<SQL || fail "extension and role"
CREATE EXTENSION activity_report;
CREATE ROLE ar_smith LOGIN IN ROLE activity_report_writer;
ALTER ROLE ar_smith SET statement_timeout = '1s';
ALTER ROLE ar_smith SET lock_timeout = '1s';
INSERT INTO activity_report.portal_access VALUES ('ar_smith', 'Globex University');
SQL
"$AR" generate -d $DB --quiet --events 20000 --seed $SEED || fail "generate"
psql -X -q -d $DB -c 'ANALYZE'

start=$(stat -c %s "$LOG")
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# sqlsmith stops at the first lost connection; the time limit is a backstop for a query that escapes
# the statement timeout (it may call set_config), generous for a loaded machine: stopped by it, the run
# still counts when it got through at least two thirds of its queries.
began=$SECONDS
timeout --signal=INT 600 sqlsmith --target="host=$PGHOST port=$PGPORT dbname=$DB user=ar_smith application_name=sqlsmith" \
    --seed=$SEED --max-queries="$QUERIES" --exclude-catalog --verbose > "$out" 2>&1
rc=$?
echo "sqlsmith: $QUERIES queries asked, exit $rc after $((SECONDS - began)) s"
tail -c 2000 "$out" | tr '\r' '\n' | grep -v '^$' | tail -n 8

new=$(tail -c +"$((start + 1))" "$LOG")
crashes=$(grep -cE 'terminated by signal|server process \(PID [0-9]+\) was terminated' <<< "$new")
if [ "$crashes" -gt 0 ]; then
    echo "== the crashes, with the query that was running"
    grep -E -A2 'terminated by signal|was terminated' <<< "$new" | head -n 40
    fail "$crashes backend crash(es)"
fi
grep -q 'server closed the connection unexpectedly' "$out" && fail "sqlsmith lost its connection (see its output above)"
if [ $rc -eq 124 ]; then
    # one progress character per query (. ok, e error, t timeout, ...) on the lines before the summary
    done_queries=$(tr '\r' '\n' < "$out" | grep -E '^[.a-zA-Z]+$' | grep -vE '[a-df-su-zA-Z]' | tr -d '\n' | wc -c)
    [ "${done_queries:-0}" -ge $((QUERIES * 2 / 3)) ] || fail "sqlsmith ran ${done_queries:-0} of its $QUERIES queries in 600 s"
    echo "sqlsmith: stopped by the time limit after $done_queries queries"
fi
psql -X -q -d postgres -c "DROP DATABASE $DB" -c 'DROP ROLE ar_smith'
echo "sqlsmith: 0 crashes"
