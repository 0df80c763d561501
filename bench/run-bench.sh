#!/usr/bin/env bash
# Runs the benchmarks (make bench): starts PostgreSQL 15 on a unix socket in a
# temporary folder (initdb + pg_ctl, as the postgres user when run as root),
# runs valore-bench, which starts and stops the valore services itself, and
# stops PostgreSQL and removes the folder whatever happens.
#   bench/run-bench.sh [BUILD_DIR] [OUT_JSON] [valore-bench flags...]
set -euo pipefail
build=${1:-build-bench}
out=${2:-bench/results/latest.json}
shift $(($# < 2 ? $# : 2))
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

pg_bin=/usr/lib/postgresql/15/bin
if [ ! -x "$pg_bin/initdb" ]; then
  echo "run-bench: PostgreSQL 15 not found in $pg_bin (scripts/install-deps.sh --bench)" >&2
  exit 1
fi
pg_dir=$(mktemp -d -t valore-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  # initdb refuses to run as root.
  chown postgres: "$pg_dir"
  as_pg=(runuser -u postgres --)
fi

stop_postgres() {
  if [ -f "$pg_dir/data/postmaster.pid" ]; then
    (cd / && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop) >/dev/null 2>&1 || true
  fi
  rm -rf "$pg_dir"
}
trap stop_postgres EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "run-bench: starting PostgreSQL 15 in $pg_dir" >&2
(cd / && "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust \
  -E UTF8 --locale=C >"$pg_dir/initdb.log" 2>&1) || {
  cat "$pg_dir/initdb.log" >&2
  exit 1
}
# Only the unix socket in the temporary folder: no TCP port to collide with.
# Defaults otherwise (fsync and synchronous_commit on, as the services sync),
# with room for a bulk load's WAL between checkpoints.
(cd / && "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w \
  -o "-c listen_addresses='' -c unix_socket_directories='$pg_dir' -c max_wal_size=4GB" \
  start >/dev/null) || {
  cat "$pg_dir/postgres.log" >&2
  exit 1
}

"$build/bench/valore-bench" --build_dir "$build" --source_dir "$root" --out "$out" \
  --pg_bin "$pg_bin" --pg_socket "$pg_dir" "$@"
