#!/usr/bin/env bash
# Where an incremental rebuild of a generated app spends its time: rustc's -Z time-passes for
# a one-string edit inside one handler, after bench/compile-time.sh ran (it leaves the app,
# its target dir and the app's rustc command in WORK).
#
#   bench/devloop/time-passes.sh WORK N [ROUNDS]     # e.g. /var/tmp/ft-ctbench-run.XXXX 40
#
# Measurement only: rustc runs with RUSTC_BOOTSTRAP=1 (for -Z time-passes), on a *copy* of
# the app's incremental cache and with its outputs in WORK/scratch-N, so cargo's own build is
# untouched. RUSTC_BOOTSTRAP is part of the incremental cache's key, so a first compile warms
# the copy; then each round edits page N/2's footer string and recompiles. Prints the passes
# of the last round that took at least 10 ms (nested passes are included in their parents:
# codegen_crate holds the monomorphization collector, partitioning and codegen_to_LLVM_IR;
# LLVM_passes runs on other threads beside it), and the wall/CPU of each round.
set -euo pipefail
work=${1:?usage: time-passes.sh WORK N [ROUNDS]}
n=${2:?usage: time-passes.sh WORK N [ROUNDS]}
rounds=${3:-3}
app=$work/app-$n
scratch=$work/scratch-$n
[ -f "$scratch/rustc-command" ] || { echo "time-passes: no $scratch/rustc-command (run bench/compile-time.sh first)" >&2; exit 1; }
cmd=$(cat "$scratch/rustc-command")
inc=$scratch/incremental
rm -rf "$inc"
cp -a "$work/target-$n/debug/incremental" "$inc"
cd "$app"
run=$scratch/rustc-time-passes.sh
printf '%s\n' "cd $(printf %q "$app")" "RUSTC_BOOTSTRAP=1 $cmd --emit=dep-info,link -C incremental=$inc -Z time-passes" >"$run"
bash "$run" >/dev/null 2>&1 # warm the copy under RUSTC_BOOTSTRAP
k=$((n / 2))
out=$scratch/time-passes.txt
for r in $(seq 1 "$rounds"); do
  cur=$(grep -o "edit-$k-[0-9]*\"" src/main.rs | head -n 1 | tr -d '"')
  next="edit-$k-$((${cur##*-} + 1))"
  sed -i "s/$cur\"/$next\"/" src/main.rs
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -o "$scratch/time" -f '%e %U %S' bash "$run" >"$out" 2>&1
  read -r w u s <"$scratch/time"
  echo "round $r ($cur -> $next): rustc wall $w s, CPU $(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }') s, load $load"
done
echo
echo "passes of the last round (seconds, >= 0.01):"
grep '^time:' "$out" | awk '{ t = $2; sub(";", "", t); if (t + 0 >= 0.01) printf "  %6.3f  %s\n", t, $NF }'
