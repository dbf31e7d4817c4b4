#!/usr/bin/env bash
# The main job: install what is needed, build and install the extension, start a throwaway cluster,
# create the extension, load the bundled sample data (every vocabulary), print a report, stop.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
prepare_cluster_with_extension
psql -X -q -f scripts/load_sample.sql
psql -X -q -f scripts/sample_report.sql
