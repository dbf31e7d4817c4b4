#!/usr/bin/env bash
# The upgrade test (design §10): a database made with 0.1.0 and filled (test/upgrade/fill.sql), then
# ALTER EXTENSION activity_report UPDATE, must equal a fresh install of the current version holding the same
# data: the same catalog (catalog_snapshot.sql: members, signatures, markings, bodies, comments, privileges,
# indexes, constraints, triggers, policies, views), and the same answers (probe.sql: stored summaries, user
# taxonomy rows, rejected rows, every report as a reader bound to one portal). Stored summaries also read
# the same before and after the update. Needs a running cluster (PGHOST/PGPORT) with the extension installed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap '[ -n "${KEEP_UPGRADE_OUTPUT:-}" ] || rm -rf "$out"; for db in ar_upgrade_old ar_upgrade_new; do psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db"; done' EXIT
current=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$here/../../activity_report.control")
run() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
failed=0

for db in ar_upgrade_old ar_upgrade_new; do
    run -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done

# The library keeps every C symbol a released script names.
libdir=$(psql -X -Atc "SELECT setting FROM pg_config WHERE name = 'PKGLIBDIR'" -d postgres)
nm -D --defined-only "$libdir/activity_report.so" > "$out/symbols.txt"
for script in "$here"/../../activity_report--*.sql; do
    for sym in $(grep -o "'MODULE_PATHNAME', '[a-z_0-9]*'" "$script" | sed "s/.*, '\(.*\)'/\1/" | sort -u); do
        grep -qw "$sym" "$out/symbols.txt" || { echo "FAIL $(basename "$script") names $sym, which the library lacks"; failed=1; }
    done
done
[ $failed -eq 0 ] && echo "ok   the library has every C symbol the released scripts name"

echo "-- 0.1.0, filled, then updated to $current"
run -d ar_upgrade_old -c "CREATE EXTENSION activity_report VERSION '0.1.0'"
run -d ar_upgrade_old -f "$here/fill.sql" >/dev/null
run -d ar_upgrade_old -f "$here/probe.sql" > "$out/before.txt"
run -d ar_upgrade_old -c "ALTER EXTENSION activity_report UPDATE"
version=$(run -d ar_upgrade_old -Atc "SELECT extversion FROM pg_extension WHERE extname = 'activity_report'")
if [ "$version" != "$current" ]; then echo "FAIL: updated to $version, not $current"; failed=1; fi
run -d ar_upgrade_old -f "$here/catalog_snapshot.sql" > "$out/catalog_updated.txt"
run -d ar_upgrade_old -f "$here/probe.sql" > "$out/after.txt"

echo "-- a fresh install of $current with the same data"
run -d ar_upgrade_new -c "CREATE EXTENSION activity_report"
run -d ar_upgrade_new -f "$here/catalog_snapshot.sql" > "$out/catalog_fresh.txt"
run -d ar_upgrade_new -f "$here/fill.sql" >/dev/null
run -d ar_upgrade_new -f "$here/probe.sql" > "$out/fresh.txt"

check() { # name, file a, file b
    if diff -u "$2" "$3" > "$out/diff"; then
        echo "ok   $1 ($(wc -l < "$2") lines)"
    else
        echo "FAIL $1:"; cat "$out/diff"; failed=1
    fi
}
check "catalog: updated = fresh install" "$out/catalog_updated.txt" "$out/catalog_fresh.txt"
check "data and reports: updated = fresh install" "$out/after.txt" "$out/fresh.txt"
grep -E '^(summary|rollup|raw)\|' "$out/before.txt" > "$out/summaries_before.txt"
grep -E '^(summary|rollup|raw)\|' "$out/after.txt" > "$out/summaries_after.txt"
check "stored summaries: before = after the update" "$out/summaries_before.txt" "$out/summaries_after.txt"
# The probe itself must have seen something: every report gave rows to the reader, who sees only acme.
for want in 'reader events|21|21' 'summary|acme|acme-u1|' 'collaborative_courses|' 'user_sessions|' 'sitewide_activity_v|'; do
    grep -qF "$want" "$out/after.txt" || { echo "FAIL probe output lacks '$want'"; failed=1; }
done
if grep -q 'globex' <(sed -n '/^reader events/,$p' "$out/after.txt" | grep -v -e '^user_analytics other portal' -e '^kept summaries as reader'); then
    echo "FAIL the acme reader saw globex rows"; failed=1
fi

# What a DBA added to the 0.1.0 events table stops the update before it changes anything, listed with the
# statements that make it again; once dropped, the update goes through and they can be made again.
echo "-- 0.1.0 with a view, a trigger, an index and a grant of the DBA's on events"
run -d postgres -c "DROP DATABASE IF EXISTS ar_upgrade_old" -c "CREATE DATABASE ar_upgrade_old"
run -d ar_upgrade_old -c "CREATE EXTENSION activity_report VERSION '0.1.0'"
run -d ar_upgrade_old -f "$here/fill.sql" >/dev/null
run -d ar_upgrade_old <<'SQL'
DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ar_upgrade_auditor') THEN CREATE ROLE ar_upgrade_auditor; END IF; END $$;
CREATE VIEW public.dba_counts AS SELECT user_id, count(*) AS n FROM activity_report.events GROUP BY 1;
GRANT SELECT ON activity_report.events TO ar_upgrade_auditor;
CREATE FUNCTION public.dba_audit() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RETURN NULL; END $f$;
CREATE TRIGGER dba_audit AFTER INSERT ON activity_report.events FOR EACH ROW EXECUTE FUNCTION public.dba_audit();
CREATE INDEX dba_portal_idx ON activity_report.events (portal);
CREATE FUNCTION public.dba_label(e activity_report.events) RETURNS text LANGUAGE sql AS 'SELECT e.label';
SQL
events_before=$(run -d ar_upgrade_old -Atc "SELECT count(*) FROM activity_report.events")
refused=$(psql -X -q -d ar_upgrade_old -c "ALTER EXTENSION activity_report UPDATE" 2>&1 || true)
for want in 'ERROR:  activity_report 0.2.0 replaces activity_report.events by a partitioned table' \
            'grant: GRANT SELECT ON activity_report.events TO ar_upgrade_auditor' \
            'index activity_report.dba_portal_idx: CREATE INDEX dba_portal_idx ON activity_report.events USING btree (portal)' \
            'trigger dba_audit: CREATE TRIGGER dba_audit AFTER INSERT ON activity_report.events FOR EACH ROW EXECUTE FUNCTION public.dba_audit()' \
            'view public.dba_counts: CREATE VIEW public.dba_counts AS' \
            'function public.dba_label(activity_report.events): CREATE OR REPLACE FUNCTION public.dba_label(e activity_report.events)' \
            'Nothing was changed.'; do
    grep -qF "$want" <<<"$refused" || { echo "FAIL the refused update does not say '$want':"; echo "$refused"; failed=1; }
done
state=$(run -d ar_upgrade_old -Atc "SELECT extversion || ' ' || (SELECT count(*) FROM activity_report.events) || ' ' || (SELECT count(*) FROM public.dba_counts) FROM pg_extension WHERE extname = 'activity_report'")
[ "$state" = "0.1.0 $events_before $(run -d ar_upgrade_old -Atc "SELECT count(DISTINCT user_id) FROM activity_report.events")" ] \
    || { echo "FAIL after the refused update (version, events, the view's rows): $state"; failed=1; }
run -d ar_upgrade_old <<'SQL'
DROP VIEW public.dba_counts;
REVOKE SELECT ON activity_report.events FROM ar_upgrade_auditor;
DROP TRIGGER dba_audit ON activity_report.events;
DROP INDEX activity_report.dba_portal_idx;
DROP FUNCTION public.dba_label(activity_report.events);
ALTER EXTENSION activity_report UPDATE;
CREATE VIEW public.dba_counts AS SELECT user_id, count(*) AS n FROM activity_report.events GROUP BY 1;
GRANT SELECT ON activity_report.events TO ar_upgrade_auditor;
CREATE TRIGGER dba_audit AFTER INSERT ON activity_report.events FOR EACH ROW EXECUTE FUNCTION public.dba_audit();
CREATE INDEX dba_portal_idx ON activity_report.events (portal);
CREATE FUNCTION public.dba_label(e activity_report.events) RETURNS text LANGUAGE sql AS 'SELECT e.label';
SQL
after=$(run -d ar_upgrade_old -Atc "SELECT extversion || ' ' || (SELECT count(*) FROM activity_report.events) || ' ' || has_table_privilege('ar_upgrade_auditor', 'activity_report.events', 'SELECT') || ' ' || (SELECT count(*) FROM activity_report.events e WHERE public.dba_label(e) IS NOT DISTINCT FROM e.label) FROM pg_extension WHERE extname = 'activity_report'")
if [ "$after" = "$current $events_before true $events_before" ]; then
    echo "ok   the DBA's objects on events stop the update with their statements, and are made again after it"
else
    echo "FAIL after dropping them and updating: $after (want: $current $events_before true $events_before)"; failed=1
fi
run -d postgres -c "DROP DATABASE ar_upgrade_old" -c "DROP ROLE ar_upgrade_auditor"
exit $failed
