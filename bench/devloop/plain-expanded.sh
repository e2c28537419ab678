#!/usr/bin/env bash
# The generated app's *expanded* code compiled as plain source (no proc macro runs, every
# token with its own span instead of the macro call's): separates what the macros cost by
# running from what their output costs, and shows whether an invalidation comes from the
# macros' spans or from the code itself.
#
#   bench/devloop/plain-expanded.sh WORK N [debuginfo]   # after bench/compile-time.sh (EXPAND=1)
#
# Measurement only (RUSTC_BOOTSTRAP=1 for the internal features the expansion names; written
# for Rust 1.95's expansion, a later rustc may need other feature names). Works in
# WORK/plain-N: warms an incremental cache, then 2 same-length and 2 length-changing edits of
# page N/2's footer string (both copies of it: the template and the render function), each
# printed with rustc's main passes.
set -euo pipefail
work=${1:?usage: plain-expanded.sh WORK N [debuginfo]}
n=${2:?usage: plain-expanded.sh WORK N [debuginfo]}
debuginfo=${3:-line-tables-only}
scratch=$work/scratch-$n
[ -f "$scratch/expanded.rs" ] || { echo "plain-expanded: no $scratch/expanded.rs (compile-time.sh with EXPAND=1)" >&2; exit 1; }
dir=$work/plain-$n
rm -rf "$dir"
mkdir -p "$dir/out"
python3 - "$scratch/expanded.rs" "$dir/plain.rs" <<'EOF'
import re, sys
s = open(sys.argv[1]).read()
features = ("prelude_import, panic_internals, structural_match, derive_eq_internals, coverage_attribute, "
            "trivial_clone, fmt_internals, liballoc_internals, rustc_attrs, core_intrinsics, "
            "fmt_arguments_from_str, hint_must_use, fmt_helpers_for_derive")
s = s.replace("#![feature(prelude_import)]",
              f"#![feature({features})]\n#![allow(internal_features, unused)]\nextern crate alloc;", 1)
s = re.sub(r"(?m)^#\[table\(.*\)\]\n", "", s)  # the derive's helper attribute stays in the output
s = re.sub(r"(?m)^//!.*\n", "", s)
open(sys.argv[2], "w").write(s)
EOF
rlib=$(ls "$work/target-$n"/debug/deps/libft_html-*.rlib | head -n 1)
cmd=$(cat "$scratch/rustc-command")
cmd=${cmd/ src\/main.rs / $dir\/plain.rs }
cmd=$(sed -e "s|--out-dir [^ ]*|--out-dir $dir/out|" -e "s|-C debuginfo=[^ ]*|-C debuginfo=$debuginfo|" <<<"$cmd")
printf '%s\n' "cd $(printf %q "$work/app-$n")" \
  "RUSTC_BOOTSTRAP=1 $cmd --extern ft_html=$rlib --emit=dep-info,link -C incremental=$dir/inc -Z time-passes" >"$dir/run.sh"
bash "$dir/run.sh" >"$dir/warm.txt" 2>&1 || { echo "plain-expanded: the expanded code does not compile:" >&2; grep -m 20 '^error' "$dir/warm.txt" >&2; exit 1; }
k=$((n / 2))
cur=$(grep -oE "Footer of page $k, edit-$k-[0-9]+\+*" "$dir/plain.rs" | head -n 1)
for kind in same same grow grow; do
  num=${cur##*-}
  plus=${num//[0-9]/}
  num=${num%%+*}
  if [ "$kind" = grow ]; then next="${cur}+"; else next="Footer of page $k, edit-$k-${num%?}$(((${num: -1} + 1) % 10))$plus"; fi
  sed -i "s/$cur\"/$next\"/g" "$dir/plain.rs"
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -o "$dir/time" -f '%e %U %S' bash "$dir/run.sh" >"$dir/passes.txt" 2>&1
  read -r w u s <"$dir/time"
  echo "$kind ($cur -> ${next##*, }): rustc wall $w s, CPU $(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }') s, load $load"
  grep -E '\s(expand_crate|coherence_checking|type_check_crate|MIR_borrow_checking|codegen_to_LLVM_IR|LLVM_passes|link|total)$' "$dir/passes.txt" |
    awk '{ t = $2; sub(";", "", t); printf "    %6.3f  %s\n", t, $NF }'
  cur=$next
done
