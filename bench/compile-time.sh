#!/usr/bin/env bash
# Compile time as the app grows (issue 20): for N pages in one src/main.rs (bench/devloop/gen.py,
# a standalone crate like `ft new`'s, with the starter's dev profile and ft-web by path), measures
#   - the full clean build (dependencies + app), once, into its own CARGO_TARGET_DIR;
#   - the app crate alone, clean (`cargo clean -p devapp` in that target dir, then build);
#   - rebuilds after a one-string edit inside one handler (page N/2's footer text), each round
#     a *different* edit: first the edits that change the string's length (what a real edit
#     does: every later byte of the file moves), the first one after the clean build apart, then
#     ROUNDS more (best and median); then ROUNDS edits that keep the length (one character
#     replaced: the best case of rustc's incremental cache);
#   - the app crate's macro-expanded source (rustc -Zunpretty=expanded) and LLVM IR, per page.
# Wall and CPU (user+sys of cargo, rustc and the linker) come from /usr/bin/time. The 1-minute
# load average is printed beside every figure: on a shared machine the wall times are upper
# bounds, the CPU times are what an idle machine needs.
#
#   bench/compile-time.sh                       # PAGES="1 10 40" ROUNDS=3
#   PAGES="1 10" ROUNDS=5 bench/compile-time.sh
#
# Env: PAGES, ROUNDS; WORK=DIR (default: a new /var/tmp/ft-ctbench-run.XXXXXX, kept for
# inspection; must be outside the workspace); DEPS_TARGET=DIR, a target dir where a generated
# app was built before, copied instead of the clean build (the "full clean" column is then
# empty); CLEAN_EACH=1 does the full clean build for every N instead of copying the first
# one's target dir; IR=0 skips the LLVM IR count (a non-incremental compile of the crate),
# EXPAND=0 the expansion too. For trying build settings on the app crate only:
# EXTRA_TOML='[profile.dev.package.devapp] ...' is appended to the generated Cargo.toml,
# GEN_ARGS='--modules' goes to gen.py, CARGO_INCREMENTAL=0 is passed on to cargo.
#
# -Zunpretty and --emit=llvm-ir are applied to a copy of the app's rustc command line (from
# `cargo build -vv`) with RUSTC_BOOTSTRAP=1, its outputs in a scratch folder and without the
# incremental cache: for measuring only, they never touch cargo's fingerprints or the
# project's build. Needs bash, python3, /usr/bin/time (apt-get install time).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
PAGES=${PAGES:-"1 10 40"}
ROUNDS=${ROUNDS:-3}
[ "$ROUNDS" -ge 1 ] && [ "$ROUNDS" -le 8 ] || { echo "compile-time: ROUNDS is 1 to 8" >&2; exit 1; }
IR=${IR:-1}
EXPAND=${EXPAND:-1}
EXTRA_TOML=${EXTRA_TOML:-}
GEN_ARGS=${GEN_ARGS:-}
CLEAN_EACH=${CLEAN_EACH:-0}
DEPS_TARGET=${DEPS_TARGET:-}
[ -x /usr/bin/time ] || { echo "compile-time: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }
WORK=${WORK:-$(mktemp -d /var/tmp/ft-ctbench-run.XXXXXX)}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
case "$WORK/" in "$root"/*) echo "compile-time: WORK=$WORK is inside the workspace" >&2; exit 1 ;; esac
unset CARGO_BUILD_TARGET_DIR RUSTFLAGS
log=$WORK/log
: >"$log"
say() { echo "compile-time: $*" >&2; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# timed NAME CMD...: runs CMD, appends its output to the log; sets WALL, CPU (user+sys), LOAD
# (the 1-minute load average before and after, "a-b").
timed() {
  local name=$1 tf=$WORK/time.$$ before
  shift
  before=$(load1)
  echo "== $name: $*" >>"$log"
  if ! /usr/bin/time -o "$tf" -f '%e %U %S' "$@" >>"$log" 2>&1; then
    say "FAILED: $name (see $log)"
    tail -n 30 "$log" >&2
    exit 1
  fi
  read -r WALL u s <"$tf"
  CPU=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
  LOAD="$before-$(load1)"
}

# stats LIST...: "best median" of the numbers.
stats() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f %.2f", v[1], m }'; }

rows=()
first_target=""
for n in $PAGES; do
  app=$WORK/app-$n
  target=$WORK/target-$n
  rm -rf "$app"
  # shellcheck disable=SC2086
  python3 "$root/bench/devloop/gen.py" "$app" --pages "$n" --ft-path "$root" $GEN_ARGS 2>>"$log"
  [ -z "$EXTRA_TOML" ] || printf '\n%s\n' "$EXTRA_TOML" >>"$app/Cargo.toml"
  counts=$(tail -n 1 "$log" | sed 's/^gen.py: [^:]*: //')
  say "N=$n: $counts"
  cp "$root/Cargo.lock" "$app/Cargo.lock" # the workspace's versions, resolved offline
  cd "$app"
  export CARGO_TARGET_DIR=$target
  full="-"
  if [ -d "$target" ]; then
    say "N=$n: reusing $target"
  elif [ -n "$DEPS_TARGET" ] && [ -z "$first_target" ]; then
    cp -a "$DEPS_TARGET" "$target"
  elif [ -n "$first_target" ] && [ "$CLEAN_EACH" != 1 ]; then
    cp -a "$first_target" "$target"
  else
    say "N=$n: full clean build (dependencies and app) into $target"
    timed "N=$n full clean build" cargo build
    full="$WALL / $CPU (load $LOAD)"
  fi
  [ -n "$first_target" ] || first_target=$target
  # The app crate alone, from nothing (the copied target dir may hold another N's app: its
  # fingerprint does not name the folder, so it would pass for fresh).
  cargo clean -q -p devapp
  mark=$(wc -l <"$log")
  timed "N=$n app crate clean" cargo build -vv
  app_clean="$WALL / $CPU (load $LOAD)"
  tail -n +"$mark" "$log" | grep -q 'Compiling devapp' || { say "FAILED: devapp was not compiled"; exit 1; }

  # Edits: page K's footer string, a different text each round. "grow": round r makes it
  # "edit-K-r" and r '+', one character longer than the round before; "same": one digit
  # replaced, the length kept.
  k=$((n / 2))
  src=$(grep -l "\"Footer of page $k, edit-" src/*.rs) # src/main.rs, or src/pK.rs (--files)
  grow_w=() grow_c=() same_w=() same_c=() loads=() first=""
  for r in $(seq 1 $((2 * ROUNDS + 1))); do
    if [ "$r" -le $((ROUNDS + 1)) ]; then
      kind=grow
      new="edit-$k-$r$(printf '+%.0s' $(seq 1 "$r"))"
    else
      kind=same
      new="edit-$k-$((r % 10))$(printf '+%.0s' $(seq 1 $((ROUNDS + 1))))"
    fi
    sed -E -i "s/\"Footer of page $k, edit-$k-[0-9]+\+*\"/\"Footer of page $k, $new\"/" "$src"
    grep -q "$new\"" "$src" || { say "FAILED: the edit marker of page $k is gone"; exit 1; }
    mark=$(wc -l <"$log")
    timed "N=$n edit $r ($kind): $new" cargo build -vv
    tail -n +"$mark" "$log" | grep -q 'Compiling devapp' || { say "FAILED: round $r did not rebuild devapp"; exit 1; }
    if [ "$r" = 1 ]; then
      first="$WALL / $CPU (load $LOAD)"
    elif [ "$kind" = grow ]; then
      grow_w+=("$WALL") grow_c+=("$CPU")
    else
      same_w+=("$WALL") same_c+=("$CPU")
    fi
    [ "$r" = 1 ] || loads+=("$LOAD")
    say "N=$n: edit $r ($kind): wall $WALL s, CPU $CPU s, load $LOAD"
  done
  read -r gwb gwm <<<"$(stats "${grow_w[@]}")"
  read -r gcb gcm <<<"$(stats "${grow_c[@]}")"
  read -r swb swm <<<"$(stats "${same_w[@]}")"
  read -r scb scm <<<"$(stats "${same_c[@]}")"

  # The app's rustc command, from the last round's `cargo build -vv`.
  cmd=$(tail -n +"$mark" "$log" | grep -- '--crate-name devapp' | tail -n 1 | sed -e 's/^ *Running `//' -e 's/`$//')
  [ -n "$cmd" ] || { say "FAILED: no rustc command for devapp in the log"; exit 1; }
  scratch=$WORK/scratch-$n
  rm -rf "$scratch"
  mkdir -p "$scratch"
  # Outputs into the scratch folder, no incremental cache, no dep-info.
  # shellcheck disable=SC2001
  cmd=$(sed -e "s|--out-dir [^ ]*|--out-dir $scratch|" -e 's|-C incremental=[^ ]*||' -e 's|--emit=[^ ]*||' -e 's|--error-format=json||' -e 's|--json=[^ ]*||' <<<"$cmd")
  echo "$cmd" >"$scratch/rustc-command"
  expanded="-"
  if [ "$EXPAND" = 1 ]; then
    eval "RUSTC_BOOTSTRAP=1 $cmd -Zunpretty=expanded" >"$scratch/expanded.rs" 2>>"$log"
    exp_bytes=$(wc -c <"$scratch/expanded.rs")
    exp_lines=$(wc -l <"$scratch/expanded.rs")
    expanded="$exp_bytes B, $exp_lines lines ($((exp_bytes / n)) B, $((exp_lines / n)) lines)"
  fi
  ir="-"
  if [ "$IR" = 1 ]; then
    eval "$cmd --emit=llvm-ir" >>"$log" 2>&1
    ir_lines=$(cat "$scratch"/*.ll | wc -l)
    ir="$ir_lines ($((ir_lines / n)))"
  fi
  src_lines=$(cat src/*.rs | wc -l)
  lo=$(printf '%s\n' "${loads[@]}" | tr '-' '\n' | sort -n | sed -n '1p;$p' | paste -sd-)
  rows+=("| $n | $counts | $full | $app_clean | $first | $gwb / $gcb | $gwm / $gcm | $swb / $scb | $swm / $scm | $lo | $expanded | $ir |")
  say "N=$n: app clean $app_clean; first edit $first; length-changing edits best $gwb/$gcb median $gwm/$gcm; same-length edits best $swb/$scb median $swm/$scm; load $lo; expanded $expanded (src $src_lines lines)"
  cd "$root"
done

echo
echo "ft $(git -C "$root" rev-parse --short HEAD)${GEN_ARGS:+, gen.py $GEN_ARGS}${EXTRA_TOML:+, Cargo.toml + $(tr '\n' ' ' <<<"$EXTRA_TOML")}${CARGO_INCREMENTAL:+, CARGO_INCREMENTAL=$CARGO_INCREMENTAL}$(git -C "$root" diff --quiet HEAD -- ft-web ft-html ft-macros ft-tags ft-data || echo '+dirty'), $(rustc -V | cut -d' ' -f1-2), $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), ROUNDS=$ROUNDS; work dir $WORK"
echo "Seconds, wall / CPU (user+sys); load = 1-minute load average before-after. Wall figures are upper bounds on a shared machine."
echo
echo "Edits: one string literal in page N/2's handler; \"length changes\" is the realistic edit, \"same length\" the best case."
echo
echo "| pages | source | full clean build | app crate, clean | first edit | edit, length changes: best | median | edit, same length: best | median | load during edits | expanded (per page) | LLVM IR lines (per page) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
