#!/usr/bin/env bash
# Runs the browser tests of the web app (tests/web/*.test.mjs) with Node's
# test runner, against the binaries of BUILD_DIR (default build, relative to
# the repository). Needs node_modules/ (scripts/install-deps.sh) and Debian's
# chromium (or $VALORE_CHROMIUM).
#   tests/web/run-tests.sh [BUILD_DIR [TEST_FILE...]]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
if [ $# -ge 1 ]; then
  export VALORE_BUILD_DIR=$1
  shift
fi

if ! command -v node >/dev/null 2>&1; then
  echo "FAIL: node not found: run scripts/install-deps.sh" >&2
  exit 1
fi
for package in playwright-core axe-core bootstrap-italia; do
  if [ ! -f "node_modules/$package/package.json" ]; then
    echo "FAIL: node_modules/$package is missing: run scripts/install-deps.sh" >&2
    exit 1
  fi
done

# Node 18's runner takes no folder: every file is named.
if [ $# -ge 1 ]; then tests=("$@"); else tests=(tests/web/*.test.mjs); fi
exec node --test "${tests[@]}"
