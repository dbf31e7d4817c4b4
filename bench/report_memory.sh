#!/usr/bin/env bash
# Reports stream: backend memory of sitewide_activity over all events stays flat as the event count grows
# (the function's rows go through a work_mem-bounded tuplestore that spills to temporary files; its query
# is planned for the actual range). Events come from `activity-report generate`. Prints a Markdown table.
# Usage: bench/report_memory.sh [sizes..., default 1000000 5000000]
set -euo pipefail
source "$(dirname "$0")/../scripts/lib.sh"
cd "$ROOT"
SIZES=("${@:-1000000}")
[ $# -eq 0 ] && SIZES=(1000000 5000000)
prepare_cluster_with_extension
AR="$PG_BIN/activity-report"
export PGTZ=UTC

# Peak private (anonymous) memory of the backend running one query, sampled every 50 ms from /proc; shared
# buffers are excluded (RssAnon), since they are the same fixed pool whatever the query.
measure() {
    local sql=$1 pid="" peak=0 start end
    start=$(date +%s.%N)
    PGAPPNAME=ar_mem_probe psql -X -q -c "\\copy ($sql) TO '/dev/null' WITH (FORMAT csv)" &
    local client=$!
    while kill -0 "$client" 2>/dev/null; do
        [ -z "$pid" ] && pid=$(psql -X -qAt -c "SELECT pid FROM pg_stat_activity WHERE application_name = 'ar_mem_probe'")
        if [ -n "$pid" ] && [ -r "/proc/$pid/status" ]; then
            local kb
            kb=$(awk '/^RssAnon:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
            [ -n "$kb" ] && [ "$kb" -gt "$peak" ] && peak=$kb
        fi
        sleep 0.05
    done
    wait "$client"
    end=$(date +%s.%N)
    echo "$peak $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')"
}

temp_bytes() { psql -X -qAt -c "SELECT temp_bytes FROM pg_stat_database WHERE datname = current_database()"; }

REPORT="SELECT * FROM activity_report.sitewide_activity('-infinity', 'infinity')"
have=0
seed=1
rows=()
for n in "${SIZES[@]}"; do
    if [ "$n" -gt "$have" ]; then
        echo "== activity-report generate --events $((n - have)) --seed $seed"
        "$AR" generate --quiet --events $((n - have)) --seed $seed
        have=$n
        seed=$((seed + 1))
        psql -X -q -c 'VACUUM ANALYZE activity_report.events'
    fi
    before=$(temp_bytes)
    read -r peak secs < <(measure "$REPORT")
    sleep 1
    after=$(temp_bytes)
    # JIT (on by default) compiles the plan's expressions with LLVM once per query when its cost passes
    # jit_above_cost, and optimizes and inlines past jit_optimize_above_cost: a fixed amount of memory
    # that is not the rows'. Measured again without it.
    read -r peak_nojit _ < <(PGOPTIONS="-c jit=off" measure "$REPORT")
    count=$(psql -X -qAt -c "SELECT count(*) FROM activity_report.events")
    rows+=("$(awk -v n="$count" -v p="$peak" -v q="$peak_nojit" -v s="$secs" -v t=$((after - before)) -v w="$(psql -X -qAt -c 'SHOW work_mem')" \
        'BEGIN { printf "| %d | %.1f | %.1f | %.1f | %.0f | %s |", n, s, p / 1024, q / 1024, t / 1048576, w }')")
done
echo
echo "sitewide_activity('-infinity', 'infinity') streamed to /dev/null with \\copy, PostgreSQL $(psql -X -qAt -c 'SHOW server_version')"
echo
echo "| events | seconds | backend peak private memory (MB) | same with jit = off (MB) | temporary files (MB) | work_mem |"
echo "|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
