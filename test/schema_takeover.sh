#!/usr/bin/env bash
# Nobody else's code runs as the installing superuser:
#  - CREATE EXTENSION refuses a schema activity_report that already exists and is owned by someone else,
#    writable by someone else, or not empty (SQLSTATE 42501, with a hint);
#  - the C taxonomy loader reads the extension's own member tables, found through the extension: neither a
#    schema renamed and replaced nor a view put in a table's place makes it run someone else's function.
# Runs against the cluster in PGHOST/PGPORT as a superuser (scripts/test.sh starts one), with a fresh database
# owned by a non-superuser.
set -euo pipefail
db=ar_schema_takeover owner=ar_takeover_owner
su() { psql -X -qAt -v ON_ERROR_STOP=1 -d $db -c "$1"; }
as_owner() { psql -X -qAt -v ON_ERROR_STOP=1 -U $owner -d $db -c "$1"; }
# SQLSTATE of the statement, or "ok" (psql prints it with VERBOSITY sqlstate).
sqlstate() { local out; if out=$(psql -X -qAt -v ON_ERROR_STOP=1 -v VERBOSITY=sqlstate ${2:+-U $2} -d $db -c "$1" 2>&1); then echo ok; else echo "$out" | sed -n 's/^ERROR: *//p' | head -1; fi; }
cleanup() {
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
    psql -X -q -d postgres -c "DROP ROLE IF EXISTS $owner" >/dev/null 2>&1 || true
}
fresh_db() {
    psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db OWNER $owner"
}
trap cleanup EXIT
cleanup
psql -X -q -d postgres -c "CREATE ROLE $owner LOGIN NOSUPERUSER"

passed=0 failed=0
check() { # name expected actual
    if [ "$2" == "$3" ]; then passed=$((passed + 1)); echo "ok - $1"; else failed=$((failed + 1)); echo "not ok - $1: expected '$2', got '$3'"; fi
}
installed() { su "SELECT count(*) FROM pg_catalog.pg_extension WHERE extname = 'activity_report'"; }

# (a) The database owner creates the schema first.
fresh_db
as_owner "CREATE SCHEMA activity_report"
check "schema owned by the database owner: CREATE EXTENSION refused" 42501 "$(sqlstate 'CREATE EXTENSION activity_report')"
check "nothing installed" 0 "$(installed)"
check "the error names the owner and gives a hint" 2 \
      "$(psql -X -q -d $db -c 'CREATE EXTENSION activity_report' 2>&1 | grep -c -e "owned by role \"$owner\"" -e '^HINT:')"

# The superuser's own schema, but the owner may create objects in it.
fresh_db
su "CREATE SCHEMA activity_report; GRANT CREATE ON SCHEMA activity_report TO $owner"
check "schema writable by another role: refused" 42501 "$(sqlstate 'CREATE EXTENSION activity_report')"
su "REVOKE CREATE ON SCHEMA activity_report FROM $owner; GRANT CREATE ON SCHEMA activity_report TO PUBLIC"
check "schema writable by PUBLIC: refused" 42501 "$(sqlstate 'CREATE EXTENSION activity_report')"
su "REVOKE CREATE ON SCHEMA activity_report FROM PUBLIC; CREATE FUNCTION activity_report.classify(text, text, text, text) RETURNS int LANGUAGE sql AS 'SELECT 1'"
check "schema that already holds a function: refused" 42501 "$(sqlstate 'CREATE EXTENSION activity_report')"
su "DROP FUNCTION activity_report.classify(text, text, text, text)"
check "the superuser's own empty schema: accepted" ok "$(sqlstate 'CREATE EXTENSION activity_report')"

# (b) A fresh install; then suppose the database owner got the schema anyway (what (a) refuses to set up).
fresh_db
su "CREATE EXTENSION activity_report"
su "CREATE TABLE public.ran_as (who name); GRANT INSERT ON public.ran_as TO PUBLIC; ALTER SCHEMA activity_report OWNER TO $owner"
as_owner "CREATE FUNCTION public.planted() RETURNS SETOF text LANGUAGE sql AS \$\$ INSERT INTO public.ran_as VALUES (current_user) RETURNING 'activity_exporter'::text \$\$"
# The owner renames the extension's schema and puts views over their function where the tables were.
as_owner "ALTER SCHEMA activity_report RENAME TO ar_real; CREATE SCHEMA activity_report;
          CREATE VIEW activity_report.vocabularies AS SELECT v AS vocabulary FROM public.planted() v;
          CREATE VIEW activity_report.activity_kinds AS SELECT * FROM ar_real.activity_kinds, public.planted();
          CREATE VIEW activity_report.reaction_types AS SELECT * FROM ar_real.reaction_types, public.planted();
          CREATE VIEW activity_report.content_types AS SELECT * FROM ar_real.content_types, public.planted()"
check "a renamed extension schema: the loader reads the extension's tables (seed kind Content / Viewed)" "Viewed" \
      "$(su "SELECT name FROM ar_real.classify('activity_exporter', 'Content - OTSession', 'View', 'N/A')")"
as_owner "CREATE TABLE activity_report.rejected_events (vocabulary text, occurred_at text, user_id text, category text, action text, label text, content_id text, content_name text, content_slug text, portal text, source_ref text UNIQUE, reason text, problems jsonb); GRANT INSERT ON activity_report.rejected_events TO PUBLIC"
su "SET activity_report.on_invalid = 'reject';
    INSERT INTO ar_real.events (occurred_at, user_id, category, action) VALUES ('2026-01-01', 'u1', 'Nope', 'Nope')"
check "a rejected row goes to the extension's rejected_events" "1 0" \
      "$(su "SELECT (SELECT count(*) FROM ar_real.rejected_events) || ' ' || (SELECT count(*) FROM activity_report.rejected_events)")"
check "the planted function did not run" 0 "$(su 'SELECT count(*) FROM public.ran_as')"
# A view put in a member table's place (here by the superuser, the only one who can) is refused, not read.
su "ALTER TABLE ar_real.vocabularies RENAME TO vocabularies_moved;
    CREATE VIEW ar_real.vocabularies AS SELECT v AS vocabulary FROM public.planted() v"
check "a view where a table was: refused" 55000 \
      "$(sqlstate "SELECT count(*) FROM ar_real.classify('activity_exporter', 'Content - OTSession', 'Join', 'N/A')")"
check "the planted function still did not run" 0 "$(su 'SELECT count(*) FROM public.ran_as')"
su "DROP VIEW ar_real.vocabularies; ALTER TABLE ar_real.vocabularies_moved RENAME TO vocabularies"
# A table that is not (or no longer) a member of the extension is refused too.
su "ALTER EXTENSION activity_report DROP TABLE ar_real.reaction_types"
check "a table that is not the extension's: refused" 55000 \
      "$(sqlstate "SELECT count(*) FROM ar_real.classify('activity_exporter', 'Content - OTSession', 'Join', 'N/A')")"
su "ALTER EXTENSION activity_report ADD TABLE ar_real.reaction_types"
check "back to normal once the table is the extension's again (seed kind Content / Joined)" "Joined" \
      "$(su "SELECT name FROM ar_real.classify('activity_exporter', 'Content - OTSession', 'Join', 'N/A')")"
echo "schema_takeover: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
