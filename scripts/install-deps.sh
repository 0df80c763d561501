#!/usr/bin/env bash
# Installs the Debian (bookworm) packages that valore needs to build, test and run.
# Idempotent: installs only what is missing, and runs `apt-get update` only then.
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
)
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
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive

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
daemon_wanted=false
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
