#!/usr/bin/env bash
# The Union report across hosts: each of the five capture services in its own
# network namespace with its own address, catalog and aggregation in another,
# joined only by veth pairs made here (no traffic leaves these namespaces).
# Checks that the federated report equals the all-in-one report, that
# cutting one link gives UNAVAILABLE naming the entity (or a partial report
# when asked) within the deadline, and that restoring it gives the full
# report again without restarting anything.
#   netns_test.sh SOURCE_DIR BUILD_DIR
# Exit 77 (skipped) when not root or network namespaces are not available.
set -uo pipefail
src=$1
build=$2
bin_catalog=$build/services/catalog/valore-catalog
bin_capture=$build/services/capture/valore-capture
bin_aggregation=$build/services/aggregation/valore-aggregation
valore=$build/cli/valore
entities=(unione campogalliano carpi novi-di-modena soliera)
tag="vl$$"
core="${tag}core"
work=$(mktemp -d -t valore-netns.XXXXXX)
pids=()

skip() { echo "SKIPPED: $*"; exit 77; }
fail() { echo "FAILED: $*"; exit 1; }

if [ "$(id -u)" -ne 0 ]; then skip "needs root to make network namespaces"; fi
command -v ip >/dev/null || skip "iproute2 (ip) is not installed"
if ! ip netns add "${tag}probe" 2>/dev/null; then skip "cannot create network namespaces here"; fi
ip netns del "${tag}probe"

cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  ip netns del "$core" 2>/dev/null
  for i in 0 1 2 3 4; do ip netns del "${tag}cap$i" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

# start NS NAME BINARY ARGS...: a server in a namespace; sets $address.
start() {
  local ns=$1 name=$2 binary=$3
  shift 3
  ip netns exec "$ns" "$binary" --insecure --data "$work/$name" "$@" \
    >"$work/$name.out" 2>"$work/$name.log" &
  pids+=($!)
  for _ in $(seq 1 100); do
    if grep -q "listening on" "$work/$name.out" 2>/dev/null; then
      address=$(awk '/listening on/ {print $4}' "$work/$name.out")
      return 0
    fi
    sleep 0.1
  done
  cat "$work/$name.log"
  fail "$name did not start"
}

ip netns add "$core"
ip -n "$core" link set lo up
for i in 0 1 2 3 4; do
  ns="${tag}cap$i"
  ip netns add "$ns"
  ip -n "$ns" link set lo up
  ip link add "${tag}c$i" netns "$core" type veth peer name "${tag}p$i" netns "$ns"
  ip -n "$core" addr add "10.201.$i.1/30" dev "${tag}c$i"
  ip -n "$ns" addr add "10.201.$i.2/30" dev "${tag}p$i"
  ip -n "$core" link set "${tag}c$i" up
  ip -n "$ns" link set "${tag}p$i" up
done

start "$core" catalog "$bin_catalog" --listen 0.0.0.0:7001
routing="$work/routing.textproto"
: >"$routing"
for i in 0 1 2 3 4; do
  start "${tag}cap$i" "capture-$i" "$bin_capture" --listen "10.201.$i.2:7002" \
    --catalog "10.201.$i.1:7001" --entities "${entities[$i]}"
  echo "route { entity: \"${entities[$i]}\" capture: \"10.201.$i.2:7002\" }" >>"$routing"
done
start "$core" aggregation "$bin_aggregation" --listen 127.0.0.1:7003 \
  --catalog 127.0.0.1:7001 --capture "" --routing "$routing"

in_core() {
  ip netns exec "$core" env VALORE_CATALOG=127.0.0.1:7001 \
    VALORE_AGGREGATION=127.0.0.1:7003 VALORE_AUTHOR=test "$valore" "$@"
}
in_core import "$src/data/terre-d-argine-2023" --routing "$routing" >/dev/null ||
  fail "import across the namespaces"
in_core report --period 2023S2 --format json --timeout 10 >"$work/federated.json" ||
  fail "federated report"

# The same data on one host (loopback of the core namespace, other ports).
start "$core" one-catalog "$bin_catalog" --listen 127.0.0.1:7101
start "$core" one-capture "$bin_capture" --listen 127.0.0.1:7102 --catalog 127.0.0.1:7101
start "$core" one-aggregation "$bin_aggregation" --listen 127.0.0.1:7103 \
  --catalog 127.0.0.1:7101 --capture 127.0.0.1:7102
one() {
  ip netns exec "$core" env VALORE_CATALOG=127.0.0.1:7101 VALORE_CAPTURE=127.0.0.1:7102 \
    VALORE_AGGREGATION=127.0.0.1:7103 VALORE_AUTHOR=test "$valore" "$@"
}
one import "$src/data/terre-d-argine-2023" >/dev/null || fail "all-in-one import"
one report --period 2023S2 --format json >"$work/single.json" || fail "all-in-one report"
cmp -s "$work/federated.json" "$work/single.json" ||
  fail "the federated report differs from the all-in-one report"
echo "ok: federated report equals the all-in-one report"

# Every entity's outcome table in one call: the same rows, in the same order
# (catalog order, whichever capture service holds an entity).
in_core overview --period 2023S2 --timeout 10 >"$work/federated-overview.txt" ||
  fail "federated overview"
one overview --period 2023S2 >"$work/single-overview.txt" || fail "all-in-one overview"
grep -q "Comune di Carpi" "$work/single-overview.txt" || fail "the overview does not show Carpi"
cmp -s "$work/federated-overview.txt" "$work/single-overview.txt" ||
  fail "the federated overview differs from the all-in-one overview"
one overview --period 2023S2 --format csv --out "$work/overview.csv" >/dev/null ||
  fail "overview as CSV"
[ "$(grep -c $'\r$' "$work/overview.csv")" -eq 7 ] ||
  fail "the overview CSV does not have a header, the Union-wide scope and five entities"
grep -q '^carpi,Comune di Carpi,' "$work/overview.csv" || fail "the overview CSV lacks carpi"
grep -q "^scopes/union,Unione delle Terre d'Argine e Comuni (complessivo)," "$work/overview.csv" ||
  fail "the overview CSV lacks the Union-wide scope"
echo "ok: federated overview equals the all-in-one overview; CSV for the Union and five entities"

# Cut carpi's link. The report cached before stays exact while aggregation's
# version watch on carpi's capture may still be trusted (half of carpi's
# --watch_lease, 2s by default: carpi holds any write that long), and is
# answered from memory; past the lease the watch has lapsed and the report
# needs carpi again.
ip -n "$core" link set "${tag}c2" down
sleep 2
started=$(date +%s)
if in_core report --period 2023S2 --format json --timeout 5 >/dev/null 2>"$work/cut.err"; then
  fail "the report succeeded with carpi cut off"
fi
elapsed=$(( $(date +%s) - started ))
grep -q '"carpi"' "$work/cut.err" || { cat "$work/cut.err"; fail "the error does not name carpi"; }
grep -q "UNAVAILABLE\|unavailable" "$work/cut.err" || { cat "$work/cut.err"; fail "not UNAVAILABLE"; }
[ "$elapsed" -le 6 ] || fail "the answer took ${elapsed}s, past the 5s deadline"
echo "ok: with carpi cut off the report is unavailable naming it (${elapsed}s)"
in_core report --period 2023S2 --format json --timeout 5 --partial >"$work/partial.json" \
  2>/dev/null || fail "partial report"
grep -q '"missing_entities"' "$work/partial.json" && grep -q '"carpi"' "$work/partial.json" ||
  fail "the partial report does not list carpi as missing"
echo "ok: a partial report lists carpi as missing"

# Restore the link: the full report again, no restart.
ip -n "$core" link set "${tag}c2" up
for _ in $(seq 1 50); do
  if in_core report --period 2023S2 --format json --timeout 5 >"$work/back.json" 2>/dev/null; then
    break
  fi
  sleep 0.2
done
cmp -s "$work/back.json" "$work/single.json" || fail "no full report after the link came back"
echo "ok: the full report is back after the link is restored"
echo "PASS"
