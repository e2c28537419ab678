#!/usr/bin/env bash
# Load benchmark: ft vs hand-written actix-web + maud (rusqlite, sqlx) vs FastHTML (uvicorn),
# three routes each (a 100-row page from SQLite, a one-row htmx partial, a form POST that
# inserts), all in one run. Loopback only; every server and every wrk run is bounded in time.
#
#   bench/run.sh                      # 10 s per route, 2 wrk threads, 32 connections
#   DURATION=5 ROUNDS=3 bench/run.sh  # shorter runs, best of 3 rounds
#   SERVERS="ft rusqlite" bench/run.sh
#   FT_BEFORE_DIR=/var/tmp/ft-before bench/run.sh   # adds ft-before: that dir's ft_app
#   DB=postgres bench/run.sh          # on PostgreSQL: ft vs actix-web + maud + tokio-postgres
#
# DB=postgres: the same three routes on PostgreSQL (docs/perf-pg.md). PG_URL (default
# postgres://postgres@127.0.0.1:5432/test, a URL without a query) is where psql creates one
# database per server, ft_bench_<server>, seeded with the same 100 rows; each server gets that
# database's URL (ft as FT_BENCH_DB, tokio-postgres as FT_BENCH_PG). Servers "tokio-postgres"
# and "ft", and "fasthtml" (bench/fasthtml_pg_app.py: fastsql) when FASTHTML_PYTHON (default
# python3) imports fasthtml, fastsql, psycopg2 and uvicorn; the Rust servers are built with
# ft-bench's `postgres` feature. Besides the server's CPU, the table shows the CPU of the
# PostgreSQL backends serving it, per request.
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
DB=${DB:-sqlite}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432/test}
FASTHTML_PYTHON=${FASTHTML_PYTHON:-python3}
case $DB in
    sqlite)
        SERVERS=${SERVERS:-"rusqlite ft sqlx fasthtml"}
        OUT_DOC=${OUT_DOC:-$ROOT/docs/perf-web.md}
        FEATURES=()
        ;;
    postgres)
        SERVERS=${SERVERS:-"tokio-postgres ft fasthtml"}
        OUT_DOC=${OUT_DOC:-$ROOT/docs/perf-pg.md}
        FEATURES=(--features postgres)
        command -v psql >/dev/null || { echo "bench: DB=postgres needs psql" >&2; exit 1; }
        psql -q -X -v ON_ERROR_STOP=1 "$PG_URL" -c 'SELECT 1' >/dev/null ||
            { echo "bench: cannot reach PostgreSQL at $PG_URL" >&2; exit 1; }
        ;;
    *) echo "bench: DB is sqlite or postgres, not $DB" >&2; exit 1 ;;
esac
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
(cd "$ROOT" && cargo build --release -q -p ft-bench --bins ${FEATURES[@]+"${FEATURES[@]}"})

WORK=$(mktemp -d /tmp/ft-bench.XXXXXX)
# shellcheck source=bench/server.sh
source "$ROOT/bench/server.sh"
trap 'stop_server; drop_pg_dbs; rm -rf "$WORK"' EXIT

if [[ $DB == postgres ]]; then
    if [[ " $SERVERS " == *" fasthtml "* ]] &&
        ! "$FASTHTML_PYTHON" -c 'import fasthtml, fastsql, psycopg2, uvicorn' 2>/dev/null; then
        echo "== FastHTML skipped: $FASTHTML_PYTHON cannot import fasthtml, fastsql, psycopg2 and uvicorn"
        SERVERS=${SERVERS//fasthtml/}
    fi
elif [[ " $SERVERS " == *" fasthtml "* ]] &&
    ! python3 -c 'import fasthtml, fastlite, uvicorn' 2>/dev/null; then
    echo "== FastHTML skipped: python3 cannot import fasthtml, fastlite and uvicorn"
    SERVERS=${SERVERS//fasthtml/}
fi

port_of() {
    case $1 in
        rusqlite) echo 5101 ;; ft) echo 5102 ;; sqlx) echo 5103 ;; fasthtml) echo 5104 ;;
        ft-before) echo 5105 ;; tokio-postgres) echo 5106 ;;
    esac
}

# DB=postgres: each server's own database, next to PG_URL's.
pg_db() { echo "ft_bench_${1//-/_}"; }
pg_url() { echo "${PG_URL%/*}/$(pg_db "$1")"; }
pg() { PGOPTIONS='-c client_min_messages=warning' psql -q -X -v ON_ERROR_STOP=1 "$@" >/dev/null; }
# A new database for server $1 with the `item` table of bench/seed.py and its 100 rows.
seed_pg() {
    local db
    db=$(pg_db "$1")
    pg "$PG_URL" -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" -c "CREATE DATABASE \"$db\""
    pg "$(pg_url "$1")" -f "$ROOT/bench/pg_seed.sql"
}
drop_pg_dbs() {
    [[ $DB == postgres ]] || return 0
    for name in $SERVERS; do
        pg "$PG_URL" -c "DROP DATABASE IF EXISTS \"$(pg_db "$name")\" WITH (FORCE)" || true
    done
}

# Starts server $1 on a freshly seeded database; sets SERVER_PID.
start_server() {
    local name=$1 port db
    port=$(port_of "$name")
    if [[ $DB == postgres ]]; then
        seed_pg "$name"
        db=$(pg_url "$name")
    else
        db=$WORK/$name.db
        python3 "$ROOT/bench/seed.py" "$db"
    fi
    case $name in
        ft) FT_BENCH_DB=$db PORT=$port "$BIN/ft_app" >"$WORK/$name.log" 2>&1 & ;;
        ft-before) FT_BENCH_DB=$db PORT=$port "$FT_BEFORE_DIR/ft_app" >"$WORK/$name.log" 2>&1 & ;;
        rusqlite) FT_BENCH_DB=$db PORT=$port "$BIN/actix_rusqlite" >"$WORK/$name.log" 2>&1 & ;;
        sqlx) FT_BENCH_DB=$db PORT=$port "$BIN/actix_sqlx" >"$WORK/$name.log" 2>&1 & ;;
        tokio-postgres) FT_BENCH_PG=$db PORT=$port "$BIN/actix_tokio_postgres" >"$WORK/$name.log" 2>&1 & ;;
        fasthtml) if [[ $DB == postgres ]]; then
            # SQLAlchemy's name for the psycopg2 driver
            FT_BENCH_DB=postgresql+psycopg2://${db#*://} "$FASTHTML_PYTHON" -m uvicorn fasthtml_pg_app:app \
                --app-dir "$ROOT/bench" --host 127.0.0.1 --port "$port" --workers 1 --no-access-log \
                --log-level warning >"$WORK/$name.log" 2>&1 &
        else
            FT_BENCH_DB=$db python3 -m uvicorn fasthtml_app:app --app-dir "$ROOT/bench" \
                --host 127.0.0.1 --port "$port" --workers 1 --no-access-log \
                --log-level warning >"$WORK/$name.log" 2>&1 &
        fi ;;
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
# DB=postgres: "pid ticks" of each PostgreSQL backend connected to server $1's database.
pg_backend_ticks() {
    local pid
    for pid in $(psql -X -At "$PG_URL" -c \
        "SELECT pid FROM pg_stat_activity WHERE datname = '$(pg_db "$1")' AND pid <> pg_backend_pid()"); do
        [[ -r /proc/$pid/stat ]] && echo "$pid $(cpu_ticks "$pid" 2>/dev/null || echo 0)"
    done
    return 0
}

# One wrk run: name route url [wrk args...]; appends a line to results.tsv.
measure() {
    local name=$1 route=$2 url=$3 round=$4
    shift 4
    wrk -t"$THREADS" -c"$CONNS" -d"${WARMUP}s" --timeout 10s "$@" "$url" >/dev/null
    local before after out
    [[ $DB == postgres ]] && pg_backend_ticks "$name" >"$WORK/pg.before"
    before=$(cpu_ticks "$SERVER_PID")
    out=$WORK/$name.$route.$round.wrk
    wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --timeout 10s --latency "$@" "$url" >"$out"
    after=$(cpu_ticks "$SERVER_PID")
    python3 "$ROOT/bench/report.py" parse "$name" "$route" "$round" "$out" $((after - before)) \
        >>"$WORK/results.tsv"
    tail -n 1 "$WORK/results.tsv" | awk -F'\t' '{printf "   %-9s %-8s %10.0f req/s  p99 %8.2f ms  %7.1f us CPU/req\n", $1, $2, $4, $5, $6}'
    if [[ $DB == postgres ]]; then
        # The backends' CPU over the run: a backend that started during it counts from zero.
        pg_backend_ticks "$name" >"$WORK/pg.after"
        local ticks n
        ticks=$(awk 'NR == FNR {b[$1] = $2; next} {t += $2 - ($1 in b ? b[$1] : 0)} END {print t + 0}' \
            "$WORK/pg.before" "$WORK/pg.after")
        n=$(tail -n 1 "$WORK/results.tsv" | cut -f7)
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$route" "$round" "$ticks" "$n" \
            "$(wc -l <"$WORK/pg.after")" >>"$WORK/pg_cpu.tsv"
        awk -F'\t' -v hz="$(getconf CLK_TCK)" '{printf "   %-9s %-8s PostgreSQL: %d backends, %7.1f us CPU/req\n", $1, $2, $6, $4 / hz / ($5 > 0 ? $5 : 1) * 1e6}' \
            <(tail -n 1 "$WORK/pg_cpu.tsv")
    fi
}

: >"$WORK/results.tsv"
: >"$WORK/memory.tsv"
: >"$WORK/pg_cpu.tsv"
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
if [[ $DB == postgres ]]; then
    python3 "$ROOT/bench/report.py" table-pg "$WORK" "$OUT_DOC" "$PARAMS"
elif [[ " $SERVERS " == *" ft-before "* ]]; then
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
