# Shared by scripts/*.sh: install build dependencies, start and stop a throwaway PostgreSQL cluster.
# PostgreSQL refuses to run as root, so as root the cluster runs as the postgres user.

PG_MAJOR=${PG_MAJOR:-15}
# AR_PG_BIN: another (relocated) server installation to build against and test with, e.g. a private copy.
PG_BIN=${AR_PG_BIN:-/usr/lib/postgresql/$PG_MAJOR/bin}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Extra packages a caller needs may follow (scripts/test.sh: sqlsmith, poppler-utils).
install_deps() {
    # libcairo2-dev, pkg-config and fonts-dejavu-core: the PDF dashboard (activity-report dashboard).
    local pkgs=(postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR libpq-dev libfmt-dev
                libcairo2-dev pkg-config fonts-dejavu-core
                libgtest-dev cmake g++ make clang libclang-rt-14-dev "$@")
    local missing=()
    for p in "${pkgs[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "== installing ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

build_and_install() {
    echo "== building and installing the extension"
    make -C "$ROOT" -j"$(nproc)" PG_CONFIG="$PG_BIN/pg_config" >/dev/null
    as_root make -C "$ROOT" install PG_CONFIG="$PG_BIN/pg_config" >/dev/null
}

run_as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# Starts a cluster on a private socket directory and port; exports PGHOST, PGPORT, PGUSER, PGDATABASE.
# The EXIT trap stops it and removes it, also on failure.
start_cluster() {
    CLUSTER_DIR=$(mktemp -d /tmp/activity_report.XXXXXX)
    chmod 755 "$CLUSTER_DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$CLUSTER_DIR"
    export PGHOST=$CLUSTER_DIR PGPORT=${PGPORT:-$((54000 + RANDOM % 1000))} PGUSER=postgres PGDATABASE=postgres
    [ "$(id -u)" -eq 0 ] || export PGUSER=$(id -un)
    trap stop_cluster EXIT
    run_as_pg "$PG_BIN/initdb" -D "$CLUSTER_DIR/data" -U "$PGUSER" -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
    run_as_pg "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -l "$CLUSTER_DIR/server.log" -w \
        -o "-k $CLUSTER_DIR -p $PGPORT -c listen_addresses='' -c fsync=off -c max_parallel_workers_per_gather=2" start >/dev/null
    echo "== throwaway cluster on socket $PGHOST port $PGPORT"
}

# The common start of the main job and the benchmarks: dependencies, build and install, a fresh cluster
# with the extension created.
prepare_cluster_with_extension() {
    install_deps
    build_and_install
    start_cluster
    psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION activity_report'
}

stop_cluster() {
    local rc=$?
    if [ -n "${CLUSTER_DIR:-}" ] && [ -d "$CLUSTER_DIR/data" ]; then
        run_as_pg "$PG_BIN/pg_ctl" -D "$CLUSTER_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        [ $rc -ne 0 ] && [ -f "$CLUSTER_DIR/server.log" ] && { echo "== server log (tail)"; tail -n 30 "$CLUSTER_DIR/server.log"; }
        rm -rf "$CLUSTER_DIR"
    fi
    return $rc
}

# Shard clusters (test/shards, bench/shards.sh): more throwaway clusters beside the main one, each on its own
# socket directory and port, with the extension created in its postgres database. start_shard_cluster PORT
# appends the directory to SHARD_DIRS; stop_shard_clusters RC stops and removes them all (the caller's EXIT
# trap calls it), printing their logs when RC is not 0.
start_shard_cluster() {
    local dir; dir=$(mktemp -d /tmp/activity_report_shard.XXXXXX)
    chmod 755 "$dir"; [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    SHARD_DIRS+=("$dir")
    run_as_pg "$PG_BIN/initdb" -D "$dir/data" -U "$PGUSER" -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
    echo "$1" > "$dir/port"
    shard_up "$dir"
    psql -X -q -h "$dir" -p "$1" -d postgres -c 'CREATE EXTENSION activity_report'
}
shard_up() { run_as_pg "$PG_BIN/pg_ctl" -D "$1/data" -l "$1/server.log" -w -o "-k $1 -p $(cat "$1/port") -c listen_addresses='' -c fsync=off" start >/dev/null; }
shard_down() { run_as_pg "$PG_BIN/pg_ctl" -D "$1/data" -m fast -w stop >/dev/null; }
stop_shard_clusters() {
    local d
    for d in "${SHARD_DIRS[@]}"; do
        [ -f "$d/data/postmaster.pid" ] && { shard_down "$d" 2>/dev/null || true; }
        [ "$1" -ne 0 ] && [ -f "$d/server.log" ] && { echo "== shard log $d (tail)"; tail -n 15 "$d/server.log"; }
        rm -rf "$d"
    done
}
