#!/usr/bin/env bash
# A short run of every fuzz target (20 s each; FUZZ_SECS to change it), from the seeds and
# the corpus grown by longer runs: fails when any input crashes, hangs or runs out of memory.
# Called by scripts/test. See README.md.
set -euo pipefail
cd "$(dirname "$0")"
# libfuzzer-sys compiles libFuzzer (C++) and only supports some platforms.
if ! command -v c++ >/dev/null; then
  echo "skipped: fuzz smoke run (no C++ compiler to build libFuzzer: apt-get install g++)"
  exit 0
fi
case "$(uname -s)/$(uname -m)" in
  Linux/x86_64 | Linux/aarch64 | Darwin/*) ;;
  *)
    echo "skipped: fuzz smoke run (libFuzzer is not supported on $(uname -sm))"
    exit 0
    ;;
esac
bash build.sh --bins --quiet >/dev/null
failed=()
for target in params session_decode html2ft; do
  log="${TMPDIR:-/tmp}/fuzz-smoke-$target.log"
  if bash run.sh "$target" "${FUZZ_SECS:-20}" >"$log" 2>&1; then
    echo "fuzz $target: ok, $(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$') runs in ${FUZZ_SECS:-20} s"
  else
    echo "fuzz $target: FAILED (log: $log)"
    grep -E '^(==[0-9]+== ERROR|thread .* panicked|SUMMARY|artifact_prefix|Test unit written)' "$log" | head -20 || true
    failed+=("$target")
  fi
done
[ ${#failed[@]} -eq 0 ] || { echo "fuzz targets that failed: ${failed[*]}" >&2; exit 1; }
