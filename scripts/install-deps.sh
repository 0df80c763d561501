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
  libssl-dev openssl iproute2 procps
  golang-github-gogo-googleapis-dev golang-google-genproto-dev python3
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
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
