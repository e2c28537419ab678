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

NAME=login_flood
# shellcheck source=bench/todo_app.sh
source "$ROOT/bench/todo_app.sh"
need_tools
work_dir

kb() { awk -v k="$2" '$1 == k":" {print $2}' "/proc/$1/status"; }
mb() { awk -v n="$1" 'BEGIN {printf "%.1f", n / 1024}'; }

# Starts the todo app ($1: debug|release, $2: on|off); sets APP_PID and BASE.
start_app() {
    start_todo "$TARGET/$1/examples/todo" "$WORK/$1-$2" "LOGIN_THROTTLE=$2"
}

# Logs the user `bench` in (creating the account); prints the session cookie.
log_in() {
    local cookie
    cookie=$(todo_log_in bench right)
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
