#!/usr/bin/env bash
# Runs the whole suite on loopback as an installation would, with TLS and
# authentication: the three services and the gateway (HTTPS, the web app),
# with data in a temporary folder holding the shipped Terre d'Argine data.
# Prints the address to open and three people's tokens, and runs until
# SIGINT or SIGTERM; then stops everything and removes the folder.
#   scripts/serve.sh [BUILD_DIR] [--ready FILE] [--listen HOST:PORT]
#
#   BUILD_DIR          where the binaries are (default build, relative to the
#                      repository)
#   --listen HOST:PORT the gateway's address (default 127.0.0.1:8443; port 0
#                      picks a free one)
#   --ready FILE       once everything serves, also write FILE (JSON, written
#                      whole, removed on exit):
#     {"url": "https://127.0.0.1:PORT", "ca": "/…/ca.pem", "logs": "/…",
#      "tokens": {"admin": "…", "editor": "…", "viewer": "…"},
#      "env": {"VALORE_CATALOG": "…", "VALORE_CAPTURE": "…",
#              "VALORE_AGGREGATION": "…", "VALORE_TLS_CA": "…",
#              "VALORE_TOKEN": "<the admin token>", "VALORE_AUTHOR": "…"}}
#
# People (bearer tokens): amministratore (admin), redattore.carpi (editor of
# carpi), revisore (viewer). Certificates: valore-capture (viewer) and
# valore-aggregation (job) for the services' calls to each other,
# valore-admin (admin, client.pem). The gateway's certificate is no principal:
# it passes on each caller's token.
set -euo pipefail

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
  exit 2
}

build=""
ready=""
listen=127.0.0.1:8443
while [ $# -gt 0 ]; do
  case "$1" in
    --ready)
      [ $# -ge 2 ] || usage
      ready=$2
      shift 2
      ;;
    --listen)
      [ $# -ge 2 ] || usage
      listen=$2
      shift 2
      ;;
    -h | --help) usage ;;
    -*) usage ;;
    *)
      [ -z "$build" ] || usage
      build=$1
      shift
      ;;
  esac
done
build=${build:-build}
# The ready file is named from the caller's folder; the rest from the
# repository's.
if [ -n "$ready" ] && [ "${ready#/}" = "$ready" ]; then ready="$PWD/$ready"; fi
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
valore="$build/cli/valore"
for binary in "$valore" "$build"/services/{catalog/valore-catalog,capture/valore-capture,aggregation/valore-aggregation,gateway/valore-gateway}; do
  if [ ! -x "$binary" ]; then
    echo "serve: $binary not found (make build, or give the build folder)" >&2
    exit 1
  fi
done

tmp=$(mktemp -d -t valore-serve.XXXXXX)
pids=()
names=()
ready_written=false

# shellcheck disable=SC2317 # run by the EXIT trap
stop_all() {
  local pid
  trap - INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if $ready_written; then rm -f "$ready"; fi
  rm -rf "$tmp"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# fail MESSAGE [FILE...]: says what went wrong, with the files (logs), and
# exits (stopping what runs).
fail() {
  echo "serve: $1" >&2
  shift
  local file
  for file in "$@"; do
    if [ -s "$file" ]; then cat "$file" >&2; fi
  done
  exit 1
}

# start NAME BINARY ARGS...: runs a server, waits until it prints the address
# it listens on, and sets $address to it.
start() {
  local name=$1 binary=$2 pid
  shift 2
  "$binary" "$@" >"$tmp/$name.out" 2>"$tmp/$name.log" &
  pid=$!
  pids+=("$pid")
  names+=("$name")
  for _ in $(seq 1 300); do
    address=$(awk -v name="valore-$name" \
      '$1 == name && $2 == "listening" && $3 == "on" {print $4; exit}' \
      "$tmp/$name.out" 2>/dev/null || true)
    if [ -n "$address" ]; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  fail "valore-$name did not start:" "$tmp/$name.out" "$tmp/$name.log"
}

# Certificates: a CA of this run; the server certificates name localhost and
# 127.0.0.1, and the --listen host when it is another one.
host=${listen%:*}
host=${host#[}
host=${host%]}
extra_san=()
case "$host" in
  "" | 127.0.0.1 | localhost | 0.0.0.0 | :: | ::1) ;;
  *) extra_san=("$host") ;;
esac
certs="$tmp/certs"
deploy/dev-certs/make-dev-certs.sh "$certs" "${extra_san[@]}" \
  >"$tmp/certs.log" 2>&1 || fail "the certificates could not be made:" "$tmp/certs.log"

# token ARGS...: adds a line to the token file; prints the new token if any.
tokens_file="$tmp/auth_tokens"
token() {
  "$valore" token create --tokens "$tokens_file" "$@" 2>"$tmp/token.log" ||
    fail "valore token create $* failed:" "$tmp/token.log"
}
admin_token=$(token --principal amministratore --role admin)
editor_token=$(token --principal redattore.carpi --role editor --entities carpi)
viewer_token=$(token --principal revisore --role viewer)
token --principal valore-capture --role viewer --cert valore-capture >/dev/null
token --principal valore-aggregation --role job --cert valore-aggregation >/dev/null
token --principal valore-admin --role admin --cert valore-admin >/dev/null

# tls NAME: the flags of a server with the certificate NAME.pem.
tls() {
  echo --tls_cert "$certs/$1.pem" --tls_key "$certs/$1.key" --tls_ca "$certs/ca.pem"
}

# shellcheck disable=SC2046 # tls prints flags, paths without spaces (mktemp)
start catalog "$build/services/catalog/valore-catalog" \
  --listen 127.0.0.1:0 --data "$tmp/catalog" \
  $(tls catalog) --auth_tokens "$tokens_file"
catalog=$address
# shellcheck disable=SC2046
start capture "$build/services/capture/valore-capture" \
  --listen 127.0.0.1:0 --data "$tmp/capture" --catalog "$catalog" \
  $(tls capture) --auth_tokens "$tokens_file"
capture=$address
# shellcheck disable=SC2046
start aggregation "$build/services/aggregation/valore-aggregation" \
  --listen 127.0.0.1:0 --data "$tmp/aggregation" \
  --catalog "$catalog" --capture "$capture" \
  $(tls aggregation) --auth_tokens "$tokens_file"
aggregation=$address
# shellcheck disable=SC2046
start gateway "$build/services/gateway/valore-gateway" \
  --listen "$listen" --catalog "$catalog" --capture "$capture" \
  --aggregation "$aggregation" $(tls gateway)
gateway=$address

# The command line, as the administrator.
export VALORE_CATALOG=$catalog VALORE_CAPTURE=$capture
export VALORE_AGGREGATION=$aggregation VALORE_TLS_CA=$certs/ca.pem
export VALORE_TOKEN=$admin_token VALORE_AUTHOR=amministratore
"$valore" import data/terre-d-argine-2023 >"$tmp/import.log" 2>&1 ||
  fail "valore import data/terre-d-argine-2023 failed:" "$tmp/import.log"

# The address to open: a wildcard host is reached on loopback.
gateway_host=${gateway%:*}
gateway_port=${gateway##*:}
case "$gateway_host" in
  0.0.0.0 | "[::]" | "") gateway_host=127.0.0.1 ;;
esac
url="https://$gateway_host:$gateway_port"

if [ -n "$ready" ]; then
  # json STRING: STRING as a JSON string (paths, addresses and tokens hold no
  # control characters).
  json() {
    local s=${1//\\/\\\\}
    printf '"%s"' "${s//\"/\\\"}"
  }
  {
    printf '{\n'
    printf '  "url": %s,\n' "$(json "$url")"
    printf '  "ca": %s,\n' "$(json "$certs/ca.pem")"
    printf '  "logs": %s,\n' "$(json "$tmp")"
    printf '  "tokens": {"admin": %s, "editor": %s, "viewer": %s},\n' \
      "$(json "$admin_token")" "$(json "$editor_token")" "$(json "$viewer_token")"
    printf '  "env": {\n'
    printf '    "VALORE_CATALOG": %s,\n' "$(json "$catalog")"
    printf '    "VALORE_CAPTURE": %s,\n' "$(json "$capture")"
    printf '    "VALORE_AGGREGATION": %s,\n' "$(json "$aggregation")"
    printf '    "VALORE_TLS_CA": %s,\n' "$(json "$certs/ca.pem")"
    printf '    "VALORE_TOKEN": %s,\n' "$(json "$admin_token")"
    printf '    "VALORE_AUTHOR": %s\n' "$(json "$VALORE_AUTHOR")"
    printf '  }\n}\n'
  } >"$ready.tmp.$$"
  mv -f "$ready.tmp.$$" "$ready"
  ready_written=true
fi

cat <<EOF
valore serves the Terre d'Argine data at

  $url/

Sign in with one of these tokens:
  amministratore   (admin)               $admin_token
  redattore.carpi  (editor of carpi)     $editor_token
  revisore         (viewer)              $viewer_token

The certificate is signed by a CA of this run: trust $certs/ca.pem
or accept the browser's warning. For the command line (as amministratore):
  export VALORE_CATALOG=$catalog VALORE_CAPTURE=$capture VALORE_AGGREGATION=$aggregation
  export VALORE_TLS_CA=$certs/ca.pem VALORE_TOKEN=$admin_token
Logs: $tmp/*.log

Ctrl-C to stop.
EOF

# Until a signal, or until a server stops by itself.
status=0
stopped=""
wait -n -p stopped "${pids[@]}" || status=$?
for i in "${!pids[@]}"; do
  if [ "${pids[$i]}" = "$stopped" ]; then
    tail -n 40 "$tmp/${names[$i]}.log" >"$tmp/stopped.log"
    fail "valore-${names[$i]} stopped (status $status); its log ends:" "$tmp/stopped.log"
  fi
done
fail "a server stopped (status $status)"
