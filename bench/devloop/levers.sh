#!/usr/bin/env bash
# Build-setting and layout levers on the generated 40-page app, one bench/compile-time.sh run
# each (PAGES=40, no IR or expansion), every setting on the app crate only so the dependencies
# are never rebuilt: they come from DEPS_TARGET, a target dir where compile-time.sh built a
# generated app before (e.g. WORK/target-40 of a previous run).
#
#   DEPS_TARGET=/var/tmp/ft-ctbench-run.XXXX/target-40 bench/devloop/levers.sh [NAME...]
#
# Prints one table row per lever (see compile-time.sh for the columns). WORK_BASE (default
# /var/tmp/ft-ctbench-lever) gets one folder per lever; delete them afterwards (each holds a
# copy of the target dir, unless KEEP=1, for bench/devloop/time-passes.sh WORK_BASE-NAME 40).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
: "${DEPS_TARGET:?DEPS_TARGET=a target dir where a generated app was built}"
base=${WORK_BASE:-/var/tmp/ft-ctbench-lever}
ROUNDS=${ROUNDS:-3}
all="baseline cgu1 cgu16 debug0 split-unpacked no-incremental modules files"
names=${*:-$all}
for name in $names; do
  extra="" gen="" inc=""
  case $name in
  baseline) ;;
  cgu1) extra=$'[profile.dev.package.devapp]\ncodegen-units = 1' ;;
  cgu16) extra=$'[profile.dev.package.devapp]\ncodegen-units = 16' ;;
  debug0) extra=$'[profile.dev.package.devapp]\ndebug = 0' ;;
  split-unpacked) extra=$'[profile.dev.package.devapp]\nsplit-debuginfo = "unpacked"' ;;
  no-incremental) inc=0 ;;
  modules) gen=--modules ;;
  files) gen=--files ;;
  *) echo "levers: unknown lever $name (one of: $all)" >&2; exit 1 ;;
  esac
  work=$base-$name
  rm -rf "$work"
  echo "== $name" >&2
  out=$(env ${inc:+CARGO_INCREMENTAL=$inc} PAGES=40 ROUNDS="$ROUNDS" IR=0 EXPAND=0 WORK="$work" \
    DEPS_TARGET="$DEPS_TARGET" EXTRA_TOML="$extra" GEN_ARGS="$gen" "$root/bench/compile-time.sh")
  # The row names its lever instead of the page count.
  grep '^| 40 ' <<<"$out" | sed "s/^| 40 /| $name /"
  # Fail loudly if a setting rebuilt the dependencies (it would then not be an app-only lever).
  if grep -q 'Compiling ft-web ' "$work/log"; then echo "levers: $name rebuilt ft-web" >&2; fi
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work/target-40"
done
