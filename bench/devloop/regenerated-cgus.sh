#!/usr/bin/env bash
# Which codegen units a one-string edit makes rustc generate again, after bench/compile-time.sh
# ran (it leaves the app, its target dir and the app's rustc command in WORK). The units get
# readable names (-Z human-readable-cgu-names: `pK` is page K's module, `pK.volatile` its
# generic and inline code, `fallback.cgu` the crate's drop glue and shims); a unit is listed
# when its object file was written by the edit's build rather than reused from the cache.
#
#   bench/devloop/regenerated-cgus.sh WORK N            # e.g. /var/tmp/ft-ctbench-run.XXXX 40
#   KIND=same PAGE=0 bench/devloop/regenerated-cgus.sh WORK 40
#
# KIND=grow (default) appends a character to page PAGE's footer string (default N/2), so every
# later byte of the file moves; KIND=same replaces a digit. Measurement only: rustc runs with
# RUSTC_BOOTSTRAP=1 on a cache of its own in WORK/scratch-N/cgu-incremental, outputs in
# WORK/scratch-N; cargo's build is untouched.
set -euo pipefail
. "$(dirname "$0")/work.sh"
work_of regenerated-cgus.sh "WORK N" "$@"
inc=$scratch/cgu-incremental
rm -rf "$inc"
run=$scratch/rustc-cgus.sh
printf '%s\n' "cd $(printf %q "$app")" \
  "RUSTC_BOOTSTRAP=1 $cmd --emit=dep-info,link -C incremental=$inc -Z human-readable-cgu-names" >"$run"
bash "$run" >/dev/null 2>&1 # the cache before the edit
k=${PAGE:-$((n / 2))}
src=$(grep -l "\"Footer of page $k, edit-" "$app"/src/*.rs)
cur=$(grep -oE "Footer of page $k, edit-$k-[0-9]+\+*\"" "$src" | head -n 1 | sed 's/"$//')
if [ "${KIND:-grow}" = grow ]; then
  next="$cur+"
else
  digit=$(grep -oE '[0-9]\+*$' <<<"$cur" | cut -c1)
  plus=$(grep -oE '\+*$' <<<"$cur")
  next="${cur%"$digit$plus"}$(((digit + 1) % 10))$plus"
fi
sed -i "s/\"$cur\"/\"$next\"/" "$src"
grep -q "\"$next\"" "$src" || { echo "regenerated-cgus: the edit did not apply" >&2; exit 1; }
mark=$scratch/cgu-mark
touch "$mark"
sleep 1 # object files written by the edit's build are newer than the mark
/usr/bin/time -o "$scratch/time" -f '%e %U %S' bash "$run" >/dev/null 2>&1
read -r w u s <"$scratch/time"
session=$(ls -td "$inc"/*/s-* | head -n 1)
total=$(find "$session" -name '*.o' | wc -l)
mapfile -t redone < <(find "$session" -name '*.o' -newer "$mark" -printf '%f %s\n' | sort)
bytes=$(printf '%s\n' "${redone[@]}" | awk '{ s += $2 } END { print s + 0 }')
all=$(find "$session" -name '*.o' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
echo "${KIND:-grow} edit of page $k: rustc wall $w s, CPU $(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }') s"
echo "codegen units generated again: ${#redone[@]} of $total ($bytes of $all bytes of object code)"
# devapp.<hash>-p20.volatile.o -> p20.volatile; devapp.<hash>.o -> crate-root
printf '%s\n' "${redone[@]}" | sed -E 's/^[a-z_]+\.[0-9a-f]+//; s/\.o / /; s/^-//; s/^ /crate-root /; s/^\.([a-z]+) /crate-root.\1 /' |
  awk '{ printf "  %-28s %9d bytes\n", $1, $2 }'
