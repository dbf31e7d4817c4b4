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
exit $failed
