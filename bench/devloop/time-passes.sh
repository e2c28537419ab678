#!/usr/bin/env bash
# Where an incremental rebuild of a generated app spends its time: rustc's -Z time-passes for
# a one-string edit inside one handler, after bench/compile-time.sh ran (it leaves the app,
# its target dir and the app's rustc command in WORK).
#
#   bench/devloop/time-passes.sh WORK N [ROUNDS]     # e.g. /var/tmp/ft-ctbench-run.XXXX 40
#   KIND=grow PAGE=0 bench/devloop/time-passes.sh WORK 40
#
# KIND=same (default) replaces one digit of the edited string (its length kept); KIND=grow
# appends a character (every later byte of the file moves, as in a real edit). PAGE=K edits
# page K's footer (default N/2).
#
# Measurement only: rustc runs with RUSTC_BOOTSTRAP=1 (for -Z time-passes), on a *copy* of
# the app's incremental cache and with its outputs in WORK/scratch-N, so cargo's own build is
# untouched. RUSTC_BOOTSTRAP is part of the incremental cache's key, so a first compile warms
# the copy; then each round edits the page's footer string and recompiles. Prints the passes
# of the last round that took at least 10 ms (nested passes are included in their parents:
# codegen_crate holds the monomorphization collector, partitioning and codegen_to_LLVM_IR;
# LLVM_passes runs on other threads beside it), and the wall/CPU of each round.
set -euo pipefail
. "$(dirname "$0")/work.sh"
work_of time-passes.sh "WORK N [ROUNDS]" "$@"
rounds=${3:-3}
inc=$scratch/incremental
rm -rf "$inc"
cp -a "$work/target-$n/debug/incremental" "$inc"
cd "$app"
run=$scratch/rustc-time-passes.sh
printf '%s\n' "cd $(printf %q "$app")" "RUSTC_BOOTSTRAP=1 $cmd --emit=dep-info,link -C incremental=$inc -Z time-passes" >"$run"
bash "$run" >/dev/null 2>&1 # warm the copy under RUSTC_BOOTSTRAP
k=${PAGE:-$((n / 2))}
kind=${KIND:-same}
src=$(grep -l "\"Footer of page $k, edit-" src/*.rs)
out=$scratch/time-passes.txt
for r in $(seq 1 "$rounds"); do
  cur=$(grep -oE "Footer of page $k, edit-$k-[0-9]+\+*\"" "$src" | head -n 1 | sed 's/^Footer of page [0-9]*, //; s/"$//')
  if [ "$kind" = grow ]; then
    next="$cur+"
  else
    num=${cur#edit-"$k"-}
    plus=${num//[0-9]/}
    num=${num%%+*}
    next="edit-$k-${num%?}$(((${num: -1} + 1) % 10))$plus"
  fi
  sed -i "s/\"Footer of page $k, $cur\"/\"Footer of page $k, $next\"/" "$src"
  grep -q "$next\"" "$src" || { echo "time-passes: the edit did not apply" >&2; exit 1; }
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -o "$scratch/time" -f '%e %U %S' bash "$run" >"$out" 2>&1
  read -r w u s <"$scratch/time"
  echo "round $r, $kind, page $k ($cur -> $next): rustc wall $w s, CPU $(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }') s, load $load"
done
echo
echo "passes of the last round (seconds, >= 0.01):"
grep '^time:' "$out" | awk '{ t = $2; sub(";", "", t); if (t + 0 >= 0.01) printf "  %6.3f  %s\n", t, $NF }'
