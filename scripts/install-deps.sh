#!/usr/bin/env bash
# Installs the Debian (bookworm) packages that valore needs to build, test and run,
# then the npm packages of package-lock.json (the web app's assets, the browser
# tests' tools) into node_modules/.
# Idempotent: installs only what is missing, and runs `apt-get update` only then;
# runs `npm ci` only when node_modules/ is missing or older than package-lock.json.
#   scripts/install-deps.sh            build + test dependencies
#   scripts/install-deps.sh --fuzz     also clang's libFuzzer runtime
#   scripts/install-deps.sh --bench    also PostgreSQL (the benchmark's peer)
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libgrpc++-dev libgrpc-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libabsl-dev librocksdb-dev libgtest-dev libgmock-dev libcsv-dev
  libssl-dev openssl iproute2 procps curl
  prometheus-cpp-dev libcpp-httplib-dev prometheus
  golang-github-gogo-googleapis-dev golang-google-genproto-dev python3
  libprotoc-dev openapi-specification python3-jsonschema
  libctemplate-dev chromium nlohmann-json3-dev
)
# Node.js from Debian only when there is none: one installed from elsewhere
# (with its own npm) would conflict with Debian's npm.
if ! command -v node >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi
for arg in "$@"; do
  case "$arg" in
    --fuzz) packages+=(clang libfuzzer-14-dev libclang-rt-14-dev) ;;
    --bench) packages+=(postgresql-15 postgresql-client-15) ;;
    *) echo "install-deps: unknown option $arg" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

# Debian's prometheus package starts its daemon in postinst; valore needs only
# its promtool. A policy-rc.d that answers 101 tells invoke-rc.d not to start
# services; one already there (a container's) is put back afterwards.
policy=/usr/sbin/policy-rc.d
policy_backup=""
restore_policy() {
  if [ -n "$policy_backup" ]; then
    $sudo mv -f "$policy_backup" "$policy"
  else
    $sudo rm -f "$policy"
  fi
}

# install_missing: apt-get installs the packages in $missing.
install_missing() {
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  local daemon_wanted=false running_before="" p pid
  for p in "${missing[@]}"; do
    if [ "$p" = prometheus ]; then daemon_wanted=true; fi
  done
  if $daemon_wanted; then
    if [ -e "$policy" ]; then
      policy_backup="$($sudo mktemp /usr/sbin/policy-rc.d.valore.XXXXXX)"
      $sudo cp -p "$policy" "$policy_backup"
    fi
    trap restore_policy EXIT
    # Daemons of the package's user running already are not ours to stop.
    running_before="$(pgrep -u prometheus -x prometheus 2>/dev/null || true)"
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod 755 "$policy"
  fi

  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

  if $daemon_wanted; then
    # Should postinst have started it anyway (systemd does not ask
    # policy-rc.d), stop it and keep it from starting at boot.
    if [ -d /run/systemd/system ]; then
      $sudo systemctl disable --now prometheus.service >/dev/null 2>&1 || true
    fi
    for pid in $(pgrep -u prometheus -x prometheus 2>/dev/null || true); do
      if ! grep -qx "$pid" <<<"$running_before"; then $sudo kill "$pid" || true; fi
    done
  fi
}

# install_node_modules: `npm ci` in the repository when node_modules/ is
# missing or older than package-lock.json (npm ci writes
# node_modules/.package-lock.json). No install scripts run: the packages are
# files to serve and libraries; the browser is Debian's chromium.
install_node_modules() {
  local root stamp out
  root=$(cd "$(dirname "$0")/.." && pwd)
  # Run on its own, out of a checkout (an image's first layer): the sources
  # come later, and with them a second run.
  if [ ! -f "$root/package-lock.json" ]; then return 0; fi
  stamp="$root/node_modules/.package-lock.json"
  if [ -e "$stamp" ] && ! [ "$root/package-lock.json" -nt "$stamp" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-deps: npm not found (node is there without it: install npm)" >&2
    exit 1
  fi
  echo "install-deps: npm ci (package-lock.json into node_modules/)" >&2
  if ! out=$(cd "$root" && npm ci --ignore-scripts --no-audit --no-fund 2>&1); then
    printf '%s\n' "$out" >&2
    echo "install-deps: npm ci failed" >&2
    exit 1
  fi
}

if [ ${#missing[@]} -gt 0 ]; then install_missing; fi
install_node_modules
