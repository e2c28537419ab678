#!/usr/bin/env bash
# Load benchmark: ft vs hand-written actix-web + maud (rusqlite, sqlx) vs FastHTML (uvicorn),
# three routes each (a 100-row page from SQLite, a one-row htmx partial, a form POST that
# inserts), all in one run. Loopback only; every server and every wrk run is bounded in time.
#
#   bench/run.sh                      # 10 s per route, 2 wrk threads, 32 connections
#   DURATION=5 ROUNDS=3 bench/run.sh  # shorter runs, best of 3 rounds
#   SERVERS="ft rusqlite" bench/run.sh
#   FT_BEFORE_DIR=/var/tmp/ft-before bench/run.sh   # adds ft-before: that dir's ft_app
#
# FT_BEFORE_DIR: a folder holding an ft_app built from other (older) code; when set, the
# server "ft-before" runs it exactly as "ft" runs this checkout's, right after ft in each round.
#
# Installs wrk with apt-get when it is missing. Prints the table and writes it into
# docs/perf-web.md (between the results markers). Needs python3 with fasthtml 0.14.14,
# fastlite and uvicorn for the FastHTML column (skipped, saying so, without them).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
ROUNDS=${ROUNDS:-1}
SERVERS=${SERVERS:-"rusqlite ft sqlx fasthtml"}
OUT_DOC=${OUT_DOC:-$ROOT/docs/perf-web.md}
BIN=${CARGO_TARGET_DIR:-$ROOT/target}/release
FT_BEFORE_DIR=${FT_BEFORE_DIR:-}

if [[ -n $FT_BEFORE_DIR && " $SERVERS " != *" ft-before "* ]]; then
    if [[ " $SERVERS " == *" ft "* ]]; then
        SERVERS=$(echo " $SERVERS " | sed 's/ ft / ft ft-before /; s/^ //; s/ $//')
    else
        SERVERS="$SERVERS ft-before"
    fi
fi
if [[ " $SERVERS " == *" ft-before "* && ! -x $FT_BEFORE_DIR/ft_app ]]; then
    echo "bench: ft-before needs FT_BEFORE_DIR set to a folder with an executable ft_app" >&2
    exit 1
fi

if ! command -v wrk >/dev/null; then
    echo "== installing wrk (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
for tool in curl python3; do
    command -v $tool >/dev/null || { echo "bench: $tool is required" >&2; exit 1; }
done

echo "== building the Rust servers (release)"
(cd "$ROOT" && cargo build --release -q -p ft-bench --bins)

WORK=$(mktemp -d /tmp/ft-bench.XXXXXX)
# shellcheck source=bench/server.sh
source "$ROOT/bench/server.sh"
trap 'stop_server; rm -rf "$WORK"' EXIT

if [[ " $SERVERS " == *" fasthtml "* ]] &&
    ! python3 -c 'import fasthtml, fastlite, uvicorn' 2>/dev/null; then
    echo "== FastHTML skipped: python3 cannot import fasthtml, fastlite and uvicorn"
    SERVERS=${SERVERS//fasthtml/}
fi

port_of() {
    case $1 in
        rusqlite) echo 5101 ;; ft) echo 5102 ;; sqlx) echo 5103 ;; fasthtml) echo 5104 ;;
        ft-before) echo 5105 ;;
    esac
}

# Starts server $1 on a freshly seeded database; sets SERVER_PID.
start_server() {
    local name=$1 port db
    port=$(port_of "$name")
    db=$WORK/$name.db
    python3 "$ROOT/bench/seed.py" "$db"
    case $name in
        ft) FT_BENCH_DB=$db PORT=$port "$BIN/ft_app" >"$WORK/$name.log" 2>&1 & ;;
        ft-before) FT_BENCH_DB=$db PORT=$port "$FT_BEFORE_DIR/ft_app" >"$WORK/$name.log" 2>&1 & ;;
        rusqlite) FT_BENCH_DB=$db PORT=$port "$BIN/actix_rusqlite" >"$WORK/$name.log" 2>&1 & ;;
        sqlx) FT_BENCH_DB=$db PORT=$port "$BIN/actix_sqlx" >"$WORK/$name.log" 2>&1 & ;;
        fasthtml)
            FT_BENCH_DB=$db python3 -m uvicorn fasthtml_app:app --app-dir "$ROOT/bench" \
                --host 127.0.0.1 --port "$port" --workers 1 --no-access-log \
                --log-level warning >"$WORK/$name.log" 2>&1 &
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
vm_hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }

# One wrk run: name route url [wrk args...]; appends a line to results.tsv.
measure() {
    local name=$1 route=$2 url=$3 round=$4
    shift 4
    wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" --timeout 10s "$@" "$url" >/dev/null
    local before after out
    before=$(cpu_ticks "$SERVER_PID")
    out=$WORK/$name.$route.$round.wrk
    wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --timeout 10s --latency "$@" "$url" >"$out"
    after=$(cpu_ticks "$SERVER_PID")
    python3 "$ROOT/bench/report.py" parse "$name" "$route" "$round" "$out" $((after - before)) \
        >>"$WORK/results.tsv"
    tail -n 1 "$WORK/results.tsv" | awk -F'\t' '{printf "   %-9s %-8s %10.0f req/s  p99 %8.2f ms  %7.1f us CPU/req\n", $1, $2, $4, $5, $6}'
}

: >"$WORK/results.tsv"
: >"$WORK/memory.tsv"
for round in $(seq 1 "$ROUNDS"); do
    for name in $SERVERS; do
        echo "== $name (round $round/$ROUNDS, load average $(cut -d' ' -f1-3 /proc/loadavg))"
        start_server "$name"
        port=$(port_of "$name")
        base=http://127.0.0.1:$port
        # What each route answers, checked against the others before anything is measured.
        curl -sf "$base/" >"$WORK/$name.page"
        curl -sf -H 'HX-Request: true' "$base/items/42" >"$WORK/$name.partial"
        curl -sf -X POST -H 'HX-Request: true' --data 'title=New+item+%26+more' \
            "$base/items" >"$WORK/$name.post"
        python3 "$ROOT/bench/report.py" check "$WORK" "$name"
        measure "$name" page "$base/" "$round"
        measure "$name" partial "$base/items/42" "$round" -H 'HX-Request: true'
        measure "$name" post "$base/items" "$round" -s "$ROOT/bench/post.lua"
        printf '%s\t%s\t%s\n' "$name" "$round" "$(vm_hwm_kb "$SERVER_PID")" >>"$WORK/memory.tsv"
        stop_server
    done
done

PARAMS="duration=${DURATION}s warmup=${WARMUP}s threads=$THREADS connections=$CONNS rounds=$ROUNDS"
if [[ " $SERVERS " == *" ft-before "* ]]; then
    # report.py knows the four servers; ft-before gets a row of its own right after ft's.
    python3 - "$ROOT/bench" "$WORK" "$OUT_DOC" "$PARAMS ft-before=$FT_BEFORE_DIR/ft_app" <<'EOF'
import sys
sys.dont_write_bytecode = True
sys.path.insert(0, sys.argv[1])
import report
report.SERVERS.insert(report.SERVERS.index("ft") + 1, "ft-before")
report.LABEL["ft-before"] = "ft (before)"
report.table(*sys.argv[2:5])
EOF
else
    python3 "$ROOT/bench/report.py" table "$WORK" "$OUT_DOC" "$PARAMS"
fi
