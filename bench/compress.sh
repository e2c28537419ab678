#!/usr/bin/env bash
# Compression benchmark: the 100-row todo page (GET /) from ft, built with its `compress` feature,
# and from the hand-written actix-web + maud + rusqlite server wrapped in actix's `Compress`
# middleware (FT_BENCH_COMPRESS=1), both asked with `Accept-Encoding: gzip, br`, and both
# without the header for reference, in one run. Loopback only; every wrk run is bounded.
#
#   bench/compress.sh                    # 10 s per run, 2 wrk threads, 32 connections
#   DURATION=5 bench/compress.sh
#
# Prints the table and writes it into docs/perf-web.md (between the compress markers).
# Installs wrk with apt-get when it is missing.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
OUT_DOC=${OUT_DOC:-$ROOT/docs/perf-web.md}
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release
ACCEPT="gzip, br"

if ! command -v wrk >/dev/null; then
    echo "== installing wrk (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
for tool in curl python3; do
    command -v $tool >/dev/null || { echo "bench: $tool is required" >&2; exit 1; }
done

echo "== building the Rust servers (release)"
(cd "$ROOT" && cargo build --release -q -p ft-bench --bin ft_app --bin actix_rusqlite)

WORK=$(mktemp -d /tmp/ft-compress.XXXXXX)
# shellcheck source=bench/server.sh
source "$ROOT/bench/server.sh"
trap 'stop_server; rm -rf "$WORK"' EXIT

# Starts server $1 on a freshly seeded database on port $2; sets SERVER_PID.
start_server() {
    local name=$1 port=$2 db=$WORK/$1.db
    python3 "$ROOT/bench/seed.py" "$db"
    case $name in
        ft) FT_BENCH_DB=$db PORT=$port "$BIN/ft_app" >"$WORK/$name.log" 2>&1 & ;;
        rusqlite)
            FT_BENCH_COMPRESS=1 FT_BENCH_DB=$db PORT=$port "$BIN/actix_rusqlite" \
                >"$WORK/$name.log" 2>&1 &
            ;;
    esac
    SERVER_PID=$!
    for _ in $(seq 1 300); do
        if curl -s -o /dev/null "http://127.0.0.1:$port/items/1"; then return 0; fi
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "bench: $name did not start; its log:" >&2
    cat "$WORK/$name.log" >&2
    exit 1
}

cpu_ticks() { # utime + stime of a process, in clock ticks
    python3 -c 'import sys; f=open(f"/proc/{sys.argv[1]}/stat").read().rsplit(")",1)[1].split(); print(int(f[11])+int(f[12]))' "$1"
}

# One wrk run of GET /: name coding url [wrk args...]; appends a line to results.tsv:
# name, coding, req/s, p99 ms, wire bytes per response (wrk's read bytes / requests: head
# and body), body bytes (curl), Content-Encoding, CPU us per request.
measure() {
    local name=$1 coding=$2 url=$3
    shift 3
    local curl_args=(-s -o /dev/null -D "$WORK/head" -w '%{size_download}')
    [[ $coding == plain ]] || curl_args+=(-H "Accept-Encoding: $ACCEPT")
    local body_bytes enc
    body_bytes=$(curl "${curl_args[@]}" "$url")
    enc=$(awk -F': *' 'tolower($1)=="content-encoding" {gsub("\r",""); print $2}' "$WORK/head")
    wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" --timeout 10s "$@" "$url" >/dev/null
    local before after out=$WORK/$name.$coding.wrk
    before=$(cpu_ticks "$SERVER_PID")
    wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --timeout 10s --latency "$@" "$url" >"$out"
    after=$(cpu_ticks "$SERVER_PID")
    python3 - "$name" "$coding" "$out" "$body_bytes" "${enc:-none}" $((after - before)) \
        >>"$WORK/results.tsv" <<'EOF'
import os, re, sys
name, coding, path, body, enc, ticks = sys.argv[1:]
text = open(path).read()
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
m = re.search(r"(\d+) requests in [\d.]+\w+, ([\d.]+)(B|KB|MB|GB) read", text)
n = int(m.group(1))
read = float(m.group(2)) * {"B": 1, "KB": 1024, "MB": 1024**2, "GB": 1024**3}[m.group(3)]
p = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
p99 = float(p.group(1)) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[p.group(2)]
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
if bad:
    print(f"bench: {name} {coding}: {bad.group(1)} non-2xx answers", file=sys.stderr)
cpu = int(ticks) / os.sysconf("SC_CLK_TCK") / max(n, 1) * 1e6
print(f"{name}\t{coding}\t{rps:.0f}\t{p99:.2f}\t{read / max(n, 1):.0f}\t{body}\t{enc}\t{cpu:.1f}")
EOF
    tail -n 1 "$WORK/results.tsv" | awk -F'\t' '{printf "   %-9s %-6s %8s req/s  p99 %7s ms  %6s B/response (body %s, %s)  %6s us CPU/req\n", $1, $2, $3, $4, $5, $6, $7, $8}'
}

: >"$WORK/results.tsv"
for name in ft rusqlite; do
    port=$([[ $name == ft ]] && echo 5112 || echo 5111)
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    echo "== $name (load average $load)"
    echo "$name: $load" >>"$WORK/load"
    start_server "$name" "$port"
    url=http://127.0.0.1:$port/
    measure "$name" br "$url" -H "Accept-Encoding: $ACCEPT"
    measure "$name" plain "$url"
    stop_server
done

python3 - "$WORK/results.tsv" "$OUT_DOC" \
    "duration=${DURATION}s warmup=${WARMUP}s threads=$THREADS connections=$CONNS" \
    "$(paste -sd';' "$WORK/load")" <<'EOF'
import datetime, os, platform, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
label = {"ft": "ft (`compress` on)", "rusqlite": "actix-web + maud + rusqlite + `Compress`"}
out = [
    "| server | Accept-Encoding | req/s | p99 (ms) | bytes/response (wire) | body bytes | Content-Encoding | CPU µs/req |",
    "|---|---|---:|---:|---:|---:|---|---:|",
]
for name, coding, rps, p99, wire, body, enc, cpu in rows:
    ae = "`gzip, br`" if coding == "br" else "none"
    out.append(f"| {label[name]} | {ae} | {int(rps):,} | {p99} | {int(wire):,} | {int(body):,} | {enc} | {cpu} |")
cpus = os.cpu_count()
out.append("")
out.append(f"{datetime.date.today()}, {platform.machine()} with {cpus} CPUs, wrk {sys.argv[3]}, "
           f"GET / (100 rows), one run; load average before each server: {sys.argv[4]}; "
           "`bench/compress.sh`.")
table = "\n".join(out)
print(table)
doc = sys.argv[2]
begin, end = "<!-- compress:begin -->", "<!-- compress:end -->"
if os.path.exists(doc):
    text = open(doc).read()
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        open(doc, "w").write(f"{head}{begin}\n{table}\n{end}{tail}")
EOF
