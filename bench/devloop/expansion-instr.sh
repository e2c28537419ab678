#!/usr/bin/env bash
# What the macros cost on every build, in instructions (repeatable whatever else the machine
# is doing, unlike seconds): valgrind's callgrind counts rustc expanding a generated app
# (`-Z unpretty=expanded`: parsing, expanding every macro call, name resolution, printing),
# after bench/compile-time.sh ran (it leaves the app, its target dir and the app's rustc
# command in WORK).
#
#   bench/devloop/expansion-instr.sh WORK N        # e.g. /var/tmp/ft-ctbench-run.XXXX 40
#
# Prints the total and the inclusive counts of the passes and macros that matter: the
# expansion (`expand_crate`), the proc macros' share of it (the bridge to them, then ft's tag
# macros, routes and tables), name resolution, and the printing this measurement adds (not
# part of a real build). Measurement only: rustc runs with RUSTC_BOOTSTRAP=1 for the -Z flag,
# its output is thrown away, nothing is built. Needs valgrind (callgrind_annotate).
set -euo pipefail
. "$(dirname "$0")/work.sh"
work_of expansion-instr.sh "WORK N" "$@"
command -v callgrind_annotate >/dev/null || { echo "expansion-instr: valgrind is needed (apt-get install valgrind)" >&2; exit 1; }
rustc=$(printf '%s\n' "$cmd" | grep -oE "[^ ]*/bin/rustc " | head -n 1)
[ -n "$rustc" ] || { echo "expansion-instr: no rustc in $scratch/rustc-command" >&2; exit 1; }
out=$scratch/callgrind.expansion
cmd=${cmd/"$rustc"/"valgrind --tool=callgrind --callgrind-out-file=$out $rustc"}
(cd "$app" && eval "RUSTC_BOOTSTRAP=1 $cmd -Zunpretty=expanded" >/dev/null 2>"$scratch/callgrind.log") || {
  echo "expansion-instr: rustc failed, see $scratch/callgrind.log" >&2
  exit 1
}
callgrind_annotate --inclusive=yes "$out" 2>/dev/null | awk '
  /PROGRAM TOTALS/ { v["total"] = $1 }
  / \?\?\?:<rustc_expand::expand::MacroExpander>::expand_crate / { v["expand"] = $1 }
  /run_bridge_and_client/ && !("bridge" in v) { v["bridge"] = $1 }
  / \?\?\?:ft_template::expand / { v["tags"] = $1 }
  / \?\?\?:ft_macros::route::expand / { v["routes"] = $1 }
  / \?\?\?:ft_macros::table::expand / { v["tables"] = $1 }
  / \?\?\?:<rustc_resolve::Resolver>::resolve_crate / { v["resolve"] = $1 }
  / \?\?\?:rustc_ast_pretty::pprust::state::print_crate / { v["print"] = $1 }
  END {
    n = split("total expand bridge tags routes tables resolve print", k, " ")
    split("total|expansion (expand_crate)|  of which the proc macros (the bridge to them)|    tag macros (ft_template::expand)|    routes (ft_macros::route::expand)|    tables (ft_macros::table::expand)|name resolution (resolve_crate)|printing (this measurement only)", label, "|")
    for (i = 1; i <= n; i++) printf "%16s  %s\n", (k[i] in v) ? v[k[i]] : "-", label[i]
  }
'
