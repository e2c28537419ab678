#!/usr/bin/env bash
# Server instructions per request, under callgrind: repeatable on a busy machine, where wrk's
# CPU per request moves by +-10% between runs. Each server runs under valgrind on a freshly
# seeded database; per route, WARM requests warm it up, the counters are zeroed, N requests
# are sent over one keep-alive connection (bench/drive.py), and the dump's total is divided
# by N (everything the server process did: actix, the handler, SQLite, malloc).
#
#   bench/callgrind.sh                         # ft and the hand-written rusqlite server
#   N=500 SERVERS=ft ROUTES=partial bench/callgrind.sh
#   BIN=/var/tmp/prof/release BIN_BUILT=1 bench/callgrind.sh   # binaries built elsewhere
#   VALGRIND_ARGS=--cache-sim=yes bench/callgrind.sh   # also simulate caches (misses in the dumps)
#   DB=postgres bench/callgrind.sh             # ft and tokio-postgres on PostgreSQL (PG_URL)
#
# DB=postgres: each server gets a database of its own next to PG_URL's (default
# postgres://postgres@127.0.0.1:5432/test), seeded as bench/run.sh seeds it; the binaries are
# built with ft-bench's `postgres` feature. The PostgreSQL backends' work is not counted.
#
# The dumps stay in $OUT (callgrind_annotate them to see where the instructions go).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-2000}
WARM=${WARM:-200}
DB=${DB:-sqlite}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432/test}
case $DB in
    sqlite) SERVERS=${SERVERS:-"rusqlite ft"} FEATURES=() ;;
    postgres) SERVERS=${SERVERS:-"tokio-postgres ft"} FEATURES=(--features postgres) ;;
    *) echo "callgrind: DB is sqlite or postgres, not $DB" >&2; exit 1 ;;
esac
ROUTES=${ROUTES:-"partial page post"}
BIN=${BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/release}
OUT=${OUT:-$(mktemp -d /tmp/ft-callgrind.XXXXXX)}
mkdir -p "$OUT"
PORT=${PORT:-5111}

command -v valgrind >/dev/null || { echo "callgrind: valgrind is required" >&2; exit 1; }
[[ -n "${BIN_BUILT:-}" ]] ||
    (cd "$ROOT" && cargo build --release -q -p ft-bench --bins ${FEATURES[@]+"${FEATURES[@]}"})

STOP_WAIT=100 # valgrind exits slowly
# shellcheck source=bench/server.sh
source "$ROOT/bench/server.sh"
trap stop_server EXIT

binary_of() {
    case $1 in
        ft) echo "$BIN/ft_app" ;; rusqlite) echo "$BIN/actix_rusqlite" ;; sqlx) echo "$BIN/actix_sqlx" ;;
        tokio-postgres) echo "$BIN/actix_tokio_postgres" ;;
        *) echo "callgrind: unknown server $1" >&2; exit 1 ;;
    esac
}

pg() { PGOPTIONS='-c client_min_messages=warning' psql -q -X -v ON_ERROR_STOP=1 "$@" >/dev/null; }
# DB=postgres: a new database for server $1 with bench/run.sh's `item` table; prints its URL.
seed_pg() {
    local db=ft_callgrind_${1//-/_}
    pg "$PG_URL" -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" -c "CREATE DATABASE \"$db\""
    pg "${PG_URL%/*}/$db" -f "$ROOT/bench/pg_seed.sql"
    echo "${PG_URL%/*}/$db"
}

total_ir() { # the instruction total of a callgrind dump
    awk '/^(summary|totals):/ {print $2; exit}' "$1"
}

printf '%-9s %-8s %14s\n' server route "instr/request"
for name in $SERVERS; do
    if [[ $DB == postgres ]]; then
        db=$(seed_pg "$name")
    else
        db=$OUT/$name.db
        rm -f "$db" "$db-wal" "$db-shm"
        python3 "$ROOT/bench/seed.py" "$db"
    fi
    # shellcheck disable=SC2086 # VALGRIND_ARGS is a list of options
    FT_BENCH_DB=$db FT_BENCH_PG=$db PORT=$PORT valgrind --tool=callgrind --vgdb=yes ${VALGRIND_ARGS:-} \
        --callgrind-out-file="$OUT/$name.%p.out" "$(binary_of "$name")" \
        >"$OUT/$name.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 600); do
        curl -s -o /dev/null "http://127.0.0.1:$PORT/items/1" && break
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/$name.log" >&2; exit 1; }
        sleep 0.2
    done
    for route in $ROUTES; do
        python3 "$ROOT/bench/drive.py" "$PORT" "$route" "$WARM"
        callgrind_control -z "$SERVER_PID" >/dev/null 2>&1
        python3 "$ROOT/bench/drive.py" "$PORT" "$route" "$N"
        callgrind_control -d "$name-$route" "$SERVER_PID" >/dev/null 2>&1
        dump=$(ls -t "$OUT/$name.$SERVER_PID.out".* | head -n 1)
        mv "$dump" "$OUT/$name.$route.out"
        printf '%-9s %-8s %14d\n' "$name" "$route" $(($(total_ir "$OUT/$name.$route.out") / N))
    done
    stop_server
    if [[ $DB == postgres ]]; then
        pg "$PG_URL" -c "DROP DATABASE IF EXISTS \"ft_callgrind_${name//-/_}\" WITH (FORCE)"
    fi
done
echo "dumps: $OUT"
