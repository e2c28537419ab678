#!/usr/bin/env bash
# Instructions per operation, ft-data vs hand-written rusqlite, under callgrind: repeatable on
# a busy machine where timings move by tens of percent. Each (variant, operation) runs at two
# counts N1 < N2 on a fresh seeded file; (Ir(N2) - Ir(N1)) / (N2 - N1) is the cost of one
# operation, everything in the process included (SQLite, malloc, the async runtime).
#
#   ft-data/benches/callgrind.sh                 # insert, get, query
#   OPS="query" N1=50 N2=250 ft-data/benches/callgrind.sh
#   BIN=/path/to/ops_count ft-data/benches/callgrind.sh   # a binary built elsewhere
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OPS=${OPS:-"insert get query"}
command -v valgrind >/dev/null || { echo "callgrind: valgrind is required" >&2; exit 1; }
BIN=${BIN:-$(cd "$ROOT" && cargo bench -q -p ft-data --bench ops_count --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "ops_count" and m.get("executable"):
        print(m["executable"])')}
OUT=$(mktemp -d /tmp/ft-data-callgrind.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
ir() { # variant op n -> total instructions
    valgrind --tool=callgrind --callgrind-out-file="$OUT/cg.$1.$2.$3" "$BIN" "$1" "$2" "$3" 2>"$OUT/log" >/dev/null
    grep -m1 '^totals:' "$OUT/cg.$1.$2.$3" | awk '{print $2}'
}
printf '| operation | raw rusqlite (Ir/op) | ft-data (Ir/op) | ft-data / raw |\n|---|---:|---:|---:|\n'
for op in $OPS; do
    case $op in
        insert) d1=${N1:-200}; d2=${N2:-1200} ;;
        get) d1=${N1:-1000}; d2=${N2:-6000} ;;
        *) d1=${N1:-50}; d2=${N2:-300} ;;
    esac
    r=$(( ($(ir raw "$op" "$d2") - $(ir raw "$op" "$d1")) / (d2 - d1) ))
    f=$(( ($(ir ft "$op" "$d2") - $(ir ft "$op" "$d1")) / (d2 - d1) ))
    printf '| %s | %d | %d | %s |\n' "$op" "$r" "$f" "$(python3 -c "print(f'{$f/$r:.2f}x')")"
done
