#!/usr/bin/env bash
# Compares two builds of the render benchmark (ft-html/benches/render/) in one run: the two
# binaries take turns (before, after, before, after, ...) in RENDER_MIN mode, and the best
# time of each engine on each shape over all the turns is kept. Prints one markdown table per
# shape: every engine before and after, the ft/maud ratio, and allocations per render.
#
#   cargo bench -p ft-html --bench render --no-run   # prints the binary's path
#   bench/render-compare.sh BEFORE_BINARY AFTER_BINARY
#   N=10 ROUNDS=2 bench/render-compare.sh /var/tmp/ft-before/render target/release/deps/render-<hash>
#
# N: batches per run (RENDER_MIN=N, default 30); ROUNDS: runs of each binary (default 3).
# maud, askama and sailfish are the control: their code is the same in both binaries, so their
# after/before shows how much the machine moved during the run.
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 BEFORE_BINARY AFTER_BINARY" >&2
    exit 2
fi
BEFORE=$1
AFTER=$2
N=${N:-30}
ROUNDS=${ROUNDS:-3}
for bin in "$BEFORE" "$AFTER"; do
    [[ -x $bin ]] || { echo "render-compare: $bin is not an executable" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/ft-render-compare.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

for round in $(seq 1 "$ROUNDS"); do
    for side in before after; do
        if [[ $side == before ]]; then bin=$BEFORE; else bin=$AFTER; fi
        echo "== $side, round $round/$ROUNDS (RENDER_MIN=$N, load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
        RENDER_MIN=$N RENDER_FORMAT=tsv "$bin" >"$WORK/run.tsv"
        sed "s/^/$side\t$round\t/" "$WORK/run.tsv" >>"$WORK/results.tsv"
    done
done

python3 - "$WORK/results.tsv" "$N" "$ROUNDS" "$BEFORE" "$AFTER" <<'EOF'
import sys

path, n, rounds, before_bin, after_bin = sys.argv[1:]
ENGINES = ["ft", "maud", "askama", "sailfish"]
best, allocs, shapes = {}, {}, []
for line in open(path):
    side, _round, shape, engine, ns, count, nbytes = line.rstrip("\n").split("\t")
    if shape not in shapes:
        shapes.append(shape)
    key = (side, shape, engine)
    best[key] = min(best.get(key, float("inf")), float(ns))
    allocs[key] = (float(count), float(nbytes))

def fmt_time(ns):
    if ns is None:
        return "-"
    if ns < 1e3:
        return f"{ns:.0f} ns"
    if ns < 1e6:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns / 1e6:.2f} ms"

def fmt_allocs(a):
    return "-" if a is None else f"{a[0]:.0f} ({a[1]:.0f} B)"

def ratio(a, b):
    return "-" if a is None or b is None else f"{a / b:.2f}x"

print(f"before: {before_bin}\nafter:  {after_bin}")
print(f"best of {rounds} runs of each binary (alternating), {n} batches per run; "
      "maud, askama and sailfish are the control (the same code in both binaries)")
for shape in shapes:
    print(f"\n### {shape}\n")
    print("| engine | before | after | after/before | allocs before | allocs after |")
    print("|---|---:|---:|---:|---:|---:|")
    for engine in ENGINES:
        b = best.get(("before", shape, engine))
        a = best.get(("after", shape, engine))
        print(f"| {engine} | {fmt_time(b)} | {fmt_time(a)} | {ratio(a, b)} "
              f"| {fmt_allocs(allocs.get(('before', shape, engine)))} "
              f"| {fmt_allocs(allocs.get(('after', shape, engine)))} |")
    fm = {}
    for side in ("before", "after"):
        ft, maud = best.get((side, shape, "ft")), best.get((side, shape, "maud"))
        fm[side] = None if ft is None or maud is None else ft / maud
    show = lambda r: "-" if r is None else f"{r:.2f}x"
    print(f"| **ft/maud** | {show(fm['before'])} | {show(fm['after'])} "
          f"| {ratio(fm['after'], fm['before'])} | | |")
EOF
