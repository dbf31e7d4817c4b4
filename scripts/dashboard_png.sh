#!/usr/bin/env bash
# The README's picture of the dashboard document: builds and installs, starts a throwaway cluster, loads the
# curated data of the dashboard test (test/cli/dashboard_data.sql), writes the PDF dashboard of its user
# "dana" and renders its first page to docs/dashboard.png with pdftoppm (poppler-utils).
# Usage: scripts/dashboard_png.sh [OUTPUT.png]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
png=$(realpath -m "${1:-docs/dashboard.png}")
install_deps poppler-utils
build_and_install
start_cluster
export PGTZ=UTC
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION activity_report' -f test/cli/dashboard_data.sql
pdf="$CLUSTER_DIR/dashboard.pdf"
"$PG_BIN/activity-report" dashboard dana -o "$pdf"
pdftoppm -png -r 96 -f 1 -l 1 -singlefile "$pdf" "${png%.png}"
echo "== wrote $png"
