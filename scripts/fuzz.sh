#!/usr/bin/env bash
# Runs each libFuzzer harness for SECONDS on a scratch copy of its seed corpus
# (fuzz/corpus/NAME/), so the committed corpus never grows. Crashes, leaks,
# timeouts and out-of-memory inputs land in out/fuzz/NAME/; the script fails
# if any harness found one.
#   scripts/fuzz.sh BUILD_DIR SECONDS NAME...
set -uo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 BUILD_DIR SECONDS NAME..." >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "$1" && pwd)"
seconds="$2"
shift 2

# UB and leaks are findings like crashes; the report says where.
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
export ASAN_OPTIONS="detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export LSAN_OPTIONS="suppressions=$root/tools/sanitizers/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/valore-fuzz.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT

failed=()
for name in "$@"; do
  binary="$build/fuzz/$name"
  out="$root/out/fuzz/$name"
  mkdir -p "$out" "$scratch/$name"
  if [ -d "$root/fuzz/corpus/$name" ]; then
    cp -r "$root/fuzz/corpus/$name/." "$scratch/$name/"
  fi
  log="$out/fuzz.log"
  # -timeout: one input taking longer is a finding (a hang), not a slow run.
  "$binary" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$out/" "$scratch/$name" \
    >"$log" 2>&1
  rc=$?
  runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')"
  cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1)"
  if [ "$rc" -ne 0 ]; then
    failed+=("$name")
    echo "fuzz: $name FAILED (exit $rc); log and input in out/fuzz/$name/" >&2
    tail -n 60 "$log" >&2
  else
    echo "fuzz: $name ok: ${runs:-?} inputs in ${seconds}s, ${cov:-cov: ?}"
  fi
  rm -rf "${scratch:?}/$name"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: ${#failed[@]} harness(es) found a problem: ${failed[*]}" >&2
  exit 1
fi
