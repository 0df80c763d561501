#!/usr/bin/env bash
# Starts the three services and the REST gateway on loopback (free ports,
# data in a temporary folder), imports the shipped Terre d'Argine data, prints
# what was stored and the appendix's two summary tables, reads one resource
# over REST with curl, writes the report for 2023S2 to out/ (HTML and CSV)
# and its open data to out/opendata-2023S2/ (CSVW tables and metadata,
# DCAT-AP_IT), and stops everything, leaving no process behind.
#   scripts/demo.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
data_dir=$(mktemp -d -t valore-demo.XXXXXX)
pids=()

stop_all() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$data_dir"
}
trap stop_all EXIT

# start NAME BINARY ARGS...: runs a server on port 0 and sets $address to the
# address it prints.
start() {
  local name=$1 binary=$2
  shift 2
  "$binary" --insecure --listen 127.0.0.1:0 "$@" \
    >"$data_dir/$name.out" 2>"$data_dir/$name.log" &
  pids+=($!)
  for _ in $(seq 1 100); do
    if grep -q "listening on" "$data_dir/$name.out" 2>/dev/null; then
      address=$(awk '/listening on/ {print $4}' "$data_dir/$name.out")
      echo "valore-$name listening on $address (insecure loopback demo)"
      return 0
    fi
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "demo: valore-$name did not start:" >&2
  cat "$data_dir/$name.log" >&2
  exit 1
}

start catalog "$build/services/catalog/valore-catalog" --data "$data_dir/catalog"
export VALORE_CATALOG=$address
start capture "$build/services/capture/valore-capture" --data "$data_dir/capture" \
  --catalog "$VALORE_CATALOG"
export VALORE_CAPTURE=$address
start aggregation "$build/services/aggregation/valore-aggregation" \
  --data "$data_dir/aggregation" \
  --catalog "$VALORE_CATALOG" --capture "$VALORE_CAPTURE"
export VALORE_AGGREGATION=$address
start gateway "$build/services/gateway/valore-gateway" \
  --catalog "$VALORE_CATALOG" --capture "$VALORE_CAPTURE" \
  --aggregation "$VALORE_AGGREGATION"
rest="http://$address/rest/valore/v1"
export VALORE_AUTHOR=${VALORE_AUTHOR:-demo}
valore="$build/cli/valore"

echo
"$valore" import data/terre-d-argine-2023
echo
"$valore" report --period 2023S2 --format text
echo
"$valore" overview --period 2023S2
echo
echo "The same data over REST (OpenAPI description: $rest/openapi.json):"
echo "\$ curl -sS $rest/entities/carpi"
curl -sS --fail-with-body "$rest/entities/carpi"
echo
mkdir -p out
echo
echo "Report written to:"
"$valore" report --period 2023S2 --format html --out out/valore-pubblico-2023S2.html
"$valore" report --period 2023S2 --format csv --out out/valore-pubblico-2023S2.csv
echo
echo "Open data (CSV on the Web with its metadata, DCAT-AP_IT description) written to:"
"$valore" export opendata --period 2023S2 --out out/opendata-2023S2
