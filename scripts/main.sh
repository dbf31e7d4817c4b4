#!/usr/bin/env bash
# The main job: install what is needed, build and install the extension and the activity-report tool,
# start a throwaway cluster, create the extension, load the bundled sample data (every vocabulary) and
# the sample platform exports, generate synthetic data, print reports, stop.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
prepare_cluster_with_extension
export PGTZ=UTC
AR="$PG_BIN/activity-report"
psql -X -q -f scripts/load_sample.sql
psql -X -q -f scripts/sample_report.sql

echo "== activity-report load data/sample/exports/* (one row of the exporter file and one of the sitewide file are invalid on purpose)"
"$AR" load data/sample/exports/* || [ $? -eq 3 ]
echo "== activity-report generate --events 20000 --seed 1"
"$AR" generate --events 20000 --seed 1
echo "== activity-report report content_actions_log learner=alan@example.com --format table"
"$AR" report content_actions_log learner=alan@example.com --format table
echo "== activity-report report content_actions_log learner=alan@example.com --headers platform"
"$AR" report content_actions_log learner=alan@example.com --headers platform
echo "== activity-report report user_sessions user_id=g1-u11 --headers platform"
"$AR" report user_sessions user_id=g1-u11 --headers platform
echo "== activity-report report user_sessions user_id=g1-u11 (CSV with SQL headers: full precision)"
"$AR" report user_sessions user_id=g1-u11
echo "== activity-report report sitewide_activity --from 15/03/2026 (refused: the order of day and month is ambiguous)"
"$AR" report sitewide_activity --from 15/03/2026 || [ $? -eq 2 ]
echo "== activity-report report user_analytics user_id=u-ada --format table"
"$AR" report user_analytics user_id=u-ada --format table
echo "== activity-report dashboard u-ada: seed 003's dashboard as PDF and HTML"
"$AR" dashboard u-ada -o "$CLUSTER_DIR/dashboard_u-ada.pdf"
"$AR" dashboard u-ada --format html -o "$CLUSTER_DIR/dashboard_u-ada.html"
echo "wrote dashboard_u-ada.pdf ($(wc -c < "$CLUSTER_DIR/dashboard_u-ada.pdf") bytes) and dashboard_u-ada.html ($(wc -c < "$CLUSTER_DIR/dashboard_u-ada.html") bytes) beside the throwaway cluster"
echo "== activity-report report collaborative_groups --format table"
"$AR" report collaborative_groups --format table
