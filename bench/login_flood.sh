#!/usr/bin/env bash
# Login flood: the todo example under a flood of wrong-password logins (128 connections, no
# account needed), while a logged-in user loads their todo page. Reports the app's peak RSS
# and the p99 of that page during the flood, with the login throttle on (as the example
# ships) and off (the password-hashing pool alone), for debug and release builds.
#
#   bench/login_flood.sh                       # both builds, throttle on and off, 10 s each
#   PROFILES=release THROTTLE=off DURATION=5 bench/login_flood.sh
#
# Loopback only; the app runs on a free 127.0.0.1 port with a database in a temporary folder;
# every wrk run and every wait is bounded in time. Installs wrk with apt-get when missing.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
PROFILES=${PROFILES:-"debug release"}
THROTTLE=${THROTTLE:-"on off"}
DURATION=${DURATION:-10}
CONNS=${CONNS:-128}
# Connections of the measuring load (a closed loop: each waits for its page).
PAGE_CONNS=${PAGE_CONNS:-2}

if ! command -v wrk >/dev/null; then
    echo "== installing wrk (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
for tool in curl python3; do
    command -v $tool >/dev/null || { echo "login_flood: $tool is required" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/ft-login-flood.XXXXXX)
APP_PID=""
stop_app() {
    if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill -TERM "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$APP_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    APP_PID=""
}
trap 'stop_app; rm -rf "$WORK"' EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
kb() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status"; }
mb() { awk -v n="$1" 'BEGIN {printf "%.1f", n / 1024}'; }
p99_ms() { # the 99% line of wrk --latency, in ms
    awk '$1 == "99%" {v=$2; u=v; sub(/[a-z]+$/, "", v); sub(/^[0-9.]+/, "", u);
        if (u == "us") v /= 1000; else if (u == "s") v *= 1000; printf "%.2f", v}' "$1"
}
reqs() { awk '/^Requests\/sec/ {printf "%.0f", $2}' "$1"; }

# Starts the todo app ($1: debug|release, $2: on|off); sets APP_PID and BASE.
start_app() {
    local bin=$TARGET/$1/examples/todo port dir
    port=$(free_port)
    dir=$WORK/$1-$2
    mkdir -p "$dir/data"
    (cd "$dir" && HOST=127.0.0.1 PORT=$port LOGIN_THROTTLE=$2 exec "$bin") >"$dir/app.log" 2>&1 &
    APP_PID=$!
    BASE=http://127.0.0.1:$port
    for _ in $(seq 1 300); do
        if curl -sf -o /dev/null --max-time 2 "$BASE/login"; then return 0; fi
        kill -0 "$APP_PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "login_flood: the todo app did not start; its log:" >&2
    cat "$dir/app.log" >&2
    exit 1
}

# Logs the user `bench` in (creating the account); prints the session cookie.
log_in() {
    local headers=$WORK/login.headers cookie
    curl -s -o /dev/null -D "$headers" --max-time 10 -H "Origin: $BASE" \
        --data 'name=bench&pwd=right' "$BASE/login"
    cookie=$(awk 'tolower($1) == "set-cookie:" && $2 ~ /^session_=/ {sub(/;.*/, "", $2); print $2}' \
        "$headers" | tail -n 1)
    [[ -n "$cookie" ]] || { echo "login_flood: no session cookie" >&2; cat "$headers" >&2; exit 1; }
    curl -sf --max-time 10 -H "Cookie: $cookie" "$BASE/" | grep -q "bench's Todo list" ||
        { echo "login_flood: the logged-in page did not load" >&2; exit 1; }
    echo "$cookie"
}

# Samples VmRSS every 0.1 s until $2 (a file) exists; writes the highest value (kB) to $3.
sample_rss() {
    local pid=$1 stop=$2 out=$3 peak=0 now
    while [[ ! -e "$stop" ]] && kill -0 "$pid" 2>/dev/null; do
        now=$(kb "$pid" VmRSS)
        ((now > peak)) && peak=$now
        sleep 0.1
    done
    echo "$peak" >"$out"
}

echo "== building the todo example (${PROFILES// /, })"
for profile in $PROFILES; do
    flag=""
    [[ $profile == release ]] && flag=--release
    (cd "$ROOT" && cargo build -q $flag -p ft-examples --example todo)
done

printf '\n%-8s %-9s %10s %10s %10s %10s %12s %12s  %s\n' build throttle "page p99" \
    "(idle)" "RSS peak" "RSS after" "logins/s" "pages/s" "login answers"
for profile in $PROFILES; do
    for mode in $THROTTLE; do
        start_app "$profile" "$mode"
        run=$WORK/$profile-$mode
        cookie=$(log_in)
        # The page with no flood, for comparison.
        wrk -t1 -c"$PAGE_CONNS" -d3s --timeout 5s --latency -H "Cookie: $cookie" \
            "$BASE/" >"$run/idle.wrk"
        rss_before=$(kb "$APP_PID" VmRSS)
        sample_rss "$APP_PID" "$run/stop" "$run/rss.peak" &
        sampler=$!
        FLOOD_ORIGIN=$BASE timeout $((DURATION + 15)) wrk -t1 -c"$CONNS" -d"${DURATION}s" \
            --timeout 10s -s "$ROOT/bench/login_flood.lua" "$BASE/login" >"$run/flood.wrk" &
        flood=$!
        # The measuring load starts once the flood is under way and ends with it.
        sleep 1
        timeout $((DURATION + 15)) wrk -t1 -c"$PAGE_CONNS" -d"$((DURATION - 1))s" --timeout 10s \
            --latency -H "Cookie: $cookie" "$BASE/" >"$run/page.wrk"
        wait "$flood"
        touch "$run/stop"
        wait "$sampler"
        sleep 1
        hwm=$(kb "$APP_PID" VmHWM)
        rss_after=$(kb "$APP_PID" VmRSS)
        peak=$(cat "$run/rss.peak")
        ((hwm > peak)) && peak=$hwm
        printf '%-8s %-9s %8s ms %7s ms %7s MB %7s MB %12s %12s  %s (RSS before %s MB)\n' \
            "$profile" "$mode" "$(p99_ms "$run/page.wrk")" "$(p99_ms "$run/idle.wrk")" \
            "$(mb "$peak")" "$(mb "$rss_after")" "$(reqs "$run/flood.wrk")" \
            "$(reqs "$run/page.wrk")" "$(awk '/^statuses/ {$1=""; print}' "$run/flood.wrk")" \
            "$(mb "$rss_before")"
        stop_app
    done
done
echo
echo "flood: $CONNS connections of wrong-password logins for ${DURATION}s; page: GET / of a" \
    "logged-in user on $PAGE_CONNS connections during the flood; RSS from /proc (VmRSS" \
    "sampled every 0.1 s, and VmHWM); load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
