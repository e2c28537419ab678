# Shared by the benchmarks that drive the todo example over loopback (login_flood.sh,
# scoped.sh): sourced, not run. The caller sets NAME (its name, for messages) first.
#
#   need_tools            wrk (installed with apt-get when missing), curl, python3
#   work_dir              a temporary folder in WORK, removed on exit with the app stopped
#   start_todo BIN DIR [VAR=value ...]
#                         starts BIN in DIR (database DIR/data/todos.db) on a free port with
#                         those environment variables; sets APP_PID and BASE
#   stop_app              stops it (TERM, then KILL after 5 s)
#   todo_log_in NAME PWD  logs NAME in (the first time creates the account); prints the cookie
#   reqs FILE, p99_ms FILE  requests/s and the 99% latency (ms) of a `wrk --latency` output

need_tools() {
    if ! command -v wrk >/dev/null; then
        echo "== installing wrk (apt-get)"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    fi
    for tool in curl python3; do
        command -v $tool >/dev/null || { echo "$NAME: $tool is required" >&2; exit 1; }
    done
}

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

work_dir() {
    WORK=$(mktemp -d "/tmp/ft-$NAME.XXXXXX")
    trap 'stop_app; rm -rf "$WORK"' EXIT
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

start_todo() {
    local bin=$1 dir=$2 port
    shift 2
    port=$(free_port)
    mkdir -p "$dir/data"
    (cd "$dir" && exec env HOST=127.0.0.1 PORT="$port" "$@" "$bin") >"$dir/app.log" 2>&1 &
    APP_PID=$!
    BASE=http://127.0.0.1:$port
    for _ in $(seq 1 300); do
        if curl -sf -o /dev/null --max-time 2 "$BASE/login"; then return 0; fi
        kill -0 "$APP_PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "$NAME: the todo app did not start; its log:" >&2
    cat "$dir/app.log" >&2
    exit 1
}

# The Origin header is what a browser sends with the form (ft's cross-site check).
todo_log_in() {
    local headers=$WORK/login.headers cookie
    curl -s -o /dev/null -D "$headers" --max-time 20 -H "Origin: $BASE" \
        --data "name=$1&pwd=$2" "$BASE/login"
    cookie=$(awk 'tolower($1) == "set-cookie:" && $2 ~ /^session_=/ {sub(/;.*/, "", $2); print $2}' \
        "$headers" | tail -n 1)
    [[ -n "$cookie" ]] || { echo "$NAME: no session cookie" >&2; cat "$headers" >&2; exit 1; }
    echo "$cookie"
}

reqs() { awk '/^Requests\/sec/ {printf "%.0f", $2}' "$1"; }
p99_ms() {
    awk '$1 == "99%" {v=$2; u=v; sub(/[a-z]+$/, "", v); sub(/^[0-9.]+/, "", u);
        if (u == "us") v /= 1000; else if (u == "s") v *= 1000; printf "%.2f", v}' "$1"
}
