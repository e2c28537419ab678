#!/usr/bin/env bash
# Edit-to-browser times of `ft dev`: from saving an edit to a page showing it, with the app's
# real live-reload script playing the browser (scripts/measure-reload.mjs), for
#   - a markup edit: `ft dev` (markup hot reload), a string literal inside a compiled tag
#     macro template rewritten, applied to the running app without a rebuild;
#   - a handler edit: `ft dev --no-hot`, the same literal, so every round is a real rebuild
#     and restart (the edit sits in a handler's code);
# on the todo example (`cargo dev -p ft-examples --example todo`: the login form's "Password"
# placeholder, page /) and on generated N-page apps (bench/devloop/gen.py, all pages in one
# src/main.rs, or each in an inline module for pNm: page N/2's footer text, page /pN/2),
# ROUNDS rounds each. Every save changes
# the literal's length (measure-reload.mjs GROW=1), as a real edit does: rustc re-checks more
# after a length change, so same-length edits (EDIT=same) are the build's best case. Prints a
# markdown table: median, min and max, and the load average before and after each run.
#
#   bench/devloop/edit-to-browser.sh                    # APPS="todo p1 p40" ROUNDS=10
#   APPS="p40" KINDS=markup ROUNDS=3 bench/devloop/edit-to-browser.sh
#
# Every run checks the runner's log: a markup run fails when any save rebuilt (the runner's
# reason is printed), a handler run when a save was applied as markup or fewer than ROUNDS
# builds happened. The runner and its app run in their own process group (setsid), stopped
# with `kill -- -PGID` at the end and on any error; the edited file is restored from a copy if
# measure-reload.mjs could not restore it.
#
# Env: APPS (todo, pN: N pages in one file, pNm: N pages each in a module, a `d` after either:
# with ft-web as a shared library, `ft dev --dylib`), KINDS ("markup
# handler"), ROUNDS (10), PORT0 (5091, the first port; each run takes the next), WORK (/var/tmp/ft-e2b-apps: the generated apps, each
# with its own target dir, and the runners' logs; outside the workspace), FT_TARGET
# (/var/tmp/ft-e2b-target: the target dir for the `ft` binary and the todo example), EDIT
# (grow: every save changes the literal's length; same: rounds 2-9 keep it), FT_PROFILE (dev:
# the runner as `cargo dev` runs it; release: as `cargo install ft-web-cli` builds it).
# Needs bash, python3, curl, node 22+ (or 20.10+, run with --experimental-websocket).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
APPS=${APPS:-"todo p1 p40"}
KINDS=${KINDS:-"markup handler"}
ROUNDS=${ROUNDS:-10}
PORT0=${PORT0:-5091}
WORK=${WORK:-/var/tmp/ft-e2b-apps}
FT_TARGET=${FT_TARGET:-/var/tmp/ft-e2b-target}
EDIT=${EDIT:-grow}
FT_PROFILE=${FT_PROFILE:-dev}
case $EDIT in grow) grow=1 ;; same) grow= ;; *) echo "edit-to-browser: EDIT is grow or same" >&2; exit 1 ;; esac
case $FT_PROFILE in dev) ft_dir=debug ;; release) ft_dir=release ;; *) echo "edit-to-browser: FT_PROFILE is dev or release" >&2; exit 1 ;; esac
mkdir -p "$WORK/logs"
WORK=$(cd "$WORK" && pwd)
case "$WORK/" in "$root"/*) echo "edit-to-browser: WORK=$WORK is inside the workspace" >&2; exit 1 ;; esac
unset CARGO_BUILD_TARGET_DIR RUSTFLAGS
say() { echo "edit-to-browser: $*" >&2; }
die() { say "FAILED: $*"; exit 1; }
node_ws=()
node -e 'if (typeof WebSocket !== "function") process.exit(1)' 2>/dev/null || node_ws=(--experimental-websocket)

pgid="" file="" backup=""
stop_runner() {
  if [ -n "$pgid" ]; then
    kill -- -"$pgid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 -- -"$pgid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- -"$pgid" 2>/dev/null || true
    pgid=""
  fi
}
restore() {
  if [ -n "$backup" ] && [ -f "$backup" ] && ! cmp -s "$backup" "$file"; then
    cp "$backup" "$file"
    say "restored $file"
  fi
}
trap 'stop_runner; restore' EXIT
trap 'exit 130' INT TERM

say "building ft (ft-web-cli, $FT_PROFILE profile) into $FT_TARGET"
(cd "$root" && CARGO_TARGET_DIR=$FT_TARGET cargo build -q --profile "$FT_PROFILE" -p ft-web-cli --bin ft)
ft=$FT_TARGET/$ft_dir/ft

# setup APP: sets dir, target, cargs (cargo build args), watch (ft dev's --watch), file,
# marker, page, extra_env; generates and builds the app once.
setup() {
  case $1 in
    todo)
      dir=$root target=$FT_TARGET cargs=(-p ft-examples --example todo) dylib=0
      # Only the examples: other sources of this checkout may be edited meanwhile.
      watch=(--watch "$root/examples/examples")
      file=$root/examples/examples/todo.rs marker=Password page=/ extra_env=()
      ;;
    p[0-9]*)
      # pNm: the same app with each page in a module (gen.py --modules); pNd, pNmd: with
      # ft-web as a shared library too (gen.py --dylib, `ft dev --dylib`)
      local n=${1#p} layout=()
      dylib=0
      [ "${n%d}" != "$n" ] && n=${n%d} dylib=1 layout=(--dylib)
      [ "${n%m}" != "$n" ] && n=${n%m} layout+=(--modules)
      dir=$WORK/$1 target=$WORK/$1/target cargs=() watch=()
      if [ ! -f "$dir/Cargo.toml" ]; then
        python3 "$root/bench/devloop/gen.py" "$dir" --pages "$n" --ft-path "$root" ${layout[@]+"${layout[@]}"}
        cp "$root/Cargo.lock" "$dir/Cargo.lock"
      fi
      mkdir -p "$dir/data"
      local k=$((n / 2))
      file=$dir/src/main.rs marker="Footer of page $k," page=/p$k
      extra_env=(DEVAPP_DB="$dir/data/devapp.db")
      ;;
    *) die "unknown app $1 (todo, pN, pNm, pNd or pNmd)" ;;
  esac
  grep -q "\"$marker" "$file" || die "no literal \"$marker...\" in $file"
  say "$1: building once ($dir, target $target)"
  (cd "$dir" && CARGO_TARGET_DIR=$target cargo build -q "${cargs[@]}")
}

# run_kind APP KIND PORT: starts the runner, measures, checks its log, stops it; appends a row.
rows=()
run_kind() {
  local app=$1 kind=$2 port=$3 flags=() log out load stats median min max applied rebuilt built
  [ "$kind" = handler ] && flags=(--no-hot)
  [ "$dylib" = 1 ] && flags+=(--dylib)
  [ "$kind" = markup ] || [ "$kind" = handler ] || die "unknown kind $kind (markup or handler)"
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then die "port $port is taken"; fi
  log=$WORK/logs/$app-$kind.log
  say "$app, $kind edit: ft dev ${flags[*]} ${cargs[*]} on port $port (log $log)"
  (cd "$dir" && exec env PORT="$port" CARGO_TARGET_DIR="$target" "${extra_env[@]}" \
    setsid "$ft" dev "${flags[@]}" "${watch[@]}" "${cargs[@]}") >"$log" 2>&1 </dev/null &
  local pid=$!
  sleep 0.5
  pgid=$(ps -o pgid= -p "$pid" | tr -d ' ') || true
  [ -n "$pgid" ] || { cat "$log" >&2; die "the runner did not start"; }
  for i in $(seq 1 1200); do
    curl -sf -o /dev/null "http://127.0.0.1:$port$page" && break
    kill -0 -- -"$pgid" 2>/dev/null || { cat "$log" >&2; die "the runner exited"; }
    [ "$i" -lt 1200 ] || { tail -n 30 "$log" >&2; die "no answer on port $port$page after 10 minutes"; }
    sleep 0.5
  done
  backup=$WORK/logs/$app.orig
  cp "$file" "$backup"
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  say "$app, $kind edit: load $load ($(uptime | sed 's/.*load average: //'))"
  out=$WORK/logs/$app-$kind.out
  if ! PORT=$port PAGE=$page GROW=$grow timeout 900 node "${node_ws[@]}" "$root/scripts/measure-reload.mjs" \
    "$file" "$marker" "$ROUNDS" >"$out" 2>&1; then
    cat "$out" >&2
    tail -n 30 "$log" >&2
    die "$app, $kind edit: measure-reload.mjs failed"
  fi
  cat "$out" >&2
  restore
  sleep 1 # the runner's answer to the restoring save, into the log
  applied=$(grep -c 'template(s) applied' "$log" || true)
  rebuilt=$(grep -c 'changed, rebuilding' "$log" || true)
  built=$(grep -c '^ft dev: built in' "$log" || true)
  if [ "$kind" = markup ]; then
    if [ "$rebuilt" -gt 0 ]; then
      grep -B1 'changed, rebuilding' "$log" >&2
      die "$app, markup edit: $rebuilt save(s) rebuilt instead of applying the markup (the runner's reasons above)"
    fi
    [ "$applied" -ge "$ROUNDS" ] || die "$app, markup edit: only $applied markup applications in $log"
    grep 'template(s) applied' "$log" | sed 's/^/  /' | head -n 3 >&2
  else
    [ "$applied" -eq 0 ] || die "$app, handler edit: $applied save(s) were applied as markup under --no-hot"
    # The first build is the start; the restoring save may still be building.
    [ $((built - 1)) -ge "$ROUNDS" ] || { tail -n 30 "$log" >&2; die "$app, handler edit: $((built - 1)) rebuilds for $ROUNDS rounds"; }
    grep '^ft dev: built in' "$log" | sed 's/^/  /' | tail -n 3 >&2
  fi
  load="$load / $(cut -d' ' -f1 /proc/loadavg)"
  stop_runner
  stats=$(grep '^edit-to-reload over' "$out")
  median=$(sed -E 's/.*median ([0-9.]+) s.*/\1/' <<<"$stats")
  min=$(sed -E 's/.*min ([0-9.]+) s.*/\1/' <<<"$stats")
  max=$(sed -E 's/.*max ([0-9.]+) s.*/\1/' <<<"$stats")
  local how="ft dev"
  [ "$kind" = handler ] && how="ft dev --no-hot (rebuild + restart)"
  [ "$kind" = markup ] && how="ft dev (markup applied, no rebuild)"
  rows+=("| $app | $kind | $how | $median | $min | $max | $load |")
}

port=$PORT0
for app in $APPS; do
  setup "$app"
  for kind in $KINDS; do
    run_kind "$app" "$kind" "$port"
    port=$((port + 1))
  done
  backup=""
done

echo
echo "ft $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- ft-web ft-web-cli ft-html ft-macros ft-tags ft-template ft-data examples || echo '+dirty'), $(rustc -V | cut -d' ' -f1-2), node $(node --version), $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), ROUNDS=$ROUNDS EDIT=$EDIT FT_PROFILE=$FT_PROFILE"
echo "Seconds from the save to a fresh GET of the page showing the new text, after the live-reload script called location.reload(). Load: 1/5/15-minute load average before the run / 1-minute after."
echo
echo "| app | edit | runner | median | min | max | load before / after |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
