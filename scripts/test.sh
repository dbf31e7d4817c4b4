#!/usr/bin/env bash
# Every test: unit tests (GoogleTest/CTest) and the fuzzer, then pg_regress and isolation tests, the
# upgrade and dump/restore tests, the CLI tests and a bounded sqlsmith run against a throwaway cluster.
# Exits non-zero on any failure and prints the diffs.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
install_deps sqlsmith poppler-utils  # poppler-utils: pdftotext / pdfinfo for the dashboard test
failed=()

echo "== unit tests and fuzzing"
bash scripts/unit.sh || failed+=(unit)

build_and_install
start_cluster
echo "== pg_regress and isolation tests"
if ! make -s installcheck PG_CONFIG="$PG_BIN/pg_config"; then
    failed+=(regress)
    for f in regression.diffs output_iso/regression.diffs; do
        [ -f "$f" ] && { echo "== $f"; cat "$f"; }
    done
fi
echo "== upgrade from 0.1.0: ALTER EXTENSION UPDATE equals a fresh install"
bash test/upgrade/run.sh || failed+=(upgrade)
echo "== dump and restore"
bash test/dump_restore.sh || failed+=(dump_restore)
echo "== CREATE EXTENSION into someone else's schema, tables found through the extension"
bash test/schema_takeover.sh || failed+=(schema_takeover)
echo "== rollups on generated data: the same rows from rollups and raw events, late events, concurrent refreshes"
bash test/rollups/run.sh "$PG_BIN/activity-report" || failed+=(rollups)
echo "== shards: a coordinator and two shard clusters over postgres_fdw give the reports of one node"
bash test/shards/run.sh "$PG_BIN/activity-report" || failed+=(shards)
echo "== activity-report end-to-end"
bash test/cli/run.sh "$PG_BIN/activity-report" || failed+=(cli)
echo "== activity-report dashboard: PDF and HTML carry the hand-computed numbers"
bash test/cli/dashboard.sh "$PG_BIN/activity-report" || failed+=(cli_dashboard)
echo "== one identity per person, whatever the order of the files"
bash test/cli/identity.sh "$PG_BIN/activity-report" || failed+=(cli_identity)
echo "== a content first seen in an event file takes its type from the category"
bash test/cli/content_type.sh "$PG_BIN/activity-report" || failed+=(cli_content_type)
bash test/cli/content_titles.sh "$PG_BIN/activity-report" || failed+=(cli_content_titles)
echo "== catalog files: users, contents, groups, group members"
bash test/cli/catalogs.sh "$PG_BIN/activity-report" || failed+=(cli_catalogs)
echo "== a file that mixes vocabularies loads back (the tool's own sitewide download)"
bash test/cli/mixed_vocabularies.sh "$PG_BIN/activity-report" || failed+=(cli_mixed_vocabularies)
echo "== load: idempotency keys as the formula gives them, a key committed meanwhile"
bash test/cli/load_keys.sh "$PG_BIN/activity-report" || failed+=(cli_load_keys)
echo "== load: a file's new months get partitions, indexed once filled"
bash test/cli/load_months.sh "$PG_BIN/activity-report" || failed+=(cli_load_months)
echo "== load: a file loaded before, grown, from a file and from standard input"
bash test/cli/reload.sh "$PG_BIN/activity-report" || failed+=(cli_reload)
echo "== load: rows of archived days are rejected with their reason, nothing else changes"
bash test/cli/archived_days.sh "$PG_BIN/activity-report" || failed+=(cli_archived_days)
echo "== load rolls up after each file (--no-refresh skips it)"
bash test/cli/load_refresh.sh "$PG_BIN/activity-report" || failed+=(cli_load_refresh)
echo "== two loads of one file at the same time"
bash test/load_concurrent.sh "$PG_BIN/activity-report" || failed+=(load_concurrent)
echo "== activity-report runs none of the objects a user put in public"
bash test/cli/search_path.sh "$PG_BIN/activity-report" || failed+=(cli_search_path)
echo "== activity-report generate: 200,000 events, every one valid, reports non-empty"
bash test/generate_valid.sh "$PG_BIN/activity-report" || failed+=(generate)
echo "== sqlsmith: random queries as a portal-bound writer, 0 crashes"
bash test/sqlsmith.sh "$PG_BIN/activity-report" "$CLUSTER_DIR/server.log" || failed+=(sqlsmith)

if [ ${#failed[@]} -gt 0 ]; then
    echo "FAILED: ${failed[*]}"
    exit 1
fi
echo "all test suites passed"
