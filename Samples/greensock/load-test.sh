#!/usr/bin/env bash
# Load test of http_server: builds it with `stackless cc -O2`, starts it on a free port and runs
# wrk (2 threads) on loopback at 100, 1,000 and 10,000 concurrent keep-alive connections, 5 s
# each (--quick: 2 s). Prints, per level, requests/s, p99 latency, wrk's socket errors and the
# server's resident memory, then checks that the server still answers and stops cleanly.
#
# Usage: Samples/greensock/load-test.sh [--quick] [--stackless PATH] [--path URLPATH]
#
#   --quick           2 s per level instead of 5
#   --stackless PATH  the driver (default: $STACKLESS, else .build/release or .build/debug's
#                     stackless in the repo, else `stackless` on PATH)
#   --path URLPATH    what to request (default /; e.g. "/hello?name=wrk")
#
# Installs wrk with apt-get when it is missing (and says so). Raises the descriptor limit
# (ulimit -n) for itself, the server and wrk: 10,000 connections need 10,000 descriptors on each
# side.
set -euo pipefail

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
duration=5
path=/
stackless="${STACKLESS:-}"
levels=(100 1000 10000)

die() { echo "load-test.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
    case "$1" in
    --quick) duration=2; shift ;;
    --stackless) [ $# -ge 2 ] || die "--stackless needs a path"; stackless=$2; shift 2 ;;
    --path) [ $# -ge 2 ] || die "--path needs a value"; path=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/{/^set -e/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
    esac
done

if [ -z "$stackless" ]; then
    for candidate in "$repo_root/.build/release/stackless" "$repo_root/.build/debug/stackless"; do
        [ -x "$candidate" ] && { stackless=$candidate; break; }
    done
fi
[ -n "$stackless" ] || stackless=$(command -v stackless || true)
[ -n "$stackless" ] && [ -x "$stackless" ] || die "no stackless driver (swift build, or pass --stackless)"
export STACKLESS_RUNTIME="${STACKLESS_RUNTIME:-$repo_root/Sources/StacklessRuntime}"

if ! command -v wrk >/dev/null 2>&1; then
    echo "load-test.sh: wrk not found; installing it with apt-get (package wrk)"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get install -y wrk >/dev/null 2>&1 ||
        { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y wrk >/dev/null; } ||
        die "could not install wrk"
fi

# Descriptors: each level's connections, plus the listener, epoll and wrk's own, on each side.
need=$((${levels[-1]} + 1024))
if [ "$(ulimit -Sn)" != unlimited ] && [ "$(ulimit -Sn)" -lt $need ]; then
    if [ "$(ulimit -Hn)" != unlimited ] && [ "$(ulimit -Hn)" -lt $need ]; then
        ulimit -Hn $need 2>/dev/null || die "ulimit -n: the hard limit $(ulimit -Hn) is below $need (raise it as root)"
    fi
    ulimit -Sn $need
fi
echo "descriptor limit: $(ulimit -Sn)"

work=$(mktemp -d "${TMPDIR:-/tmp}/greensock-load.XXXXXX")
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

echo "building http_server with stackless cc -O2"
"$stackless" cc -O2 -Wall -Wextra "$script_dir/http_server.c" -o "$work/http_server"

"$work/http_server" 0 >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
port=""
for _ in $(seq 100); do
    port=$(sed -n 's/^listening on \([0-9]*\)$/\1/p' "$work/server.out")
    [ -n "$port" ] && break
    sleep 0.05
done
[ -n "$port" ] || die "http_server did not start: $(cat "$work/server.err")"
echo "http_server (pid $server_pid) listening on $port; wrk -t2, $duration s per level, GET $path"

rss_kib() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$server_pid/status"; }
hwm_kib() { sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$server_pid/status"; }
echo "server RSS at start: $(rss_kib) KiB"

printf '%-12s %12s %12s %12s  %s\n' connections requests/s "p99 latency" "RSS (KiB)" "socket errors"
for c in "${levels[@]}"; do
    out="$work/wrk-$c.txt"
    # Sample the server's RSS while wrk holds every connection open (halfway through the run).
    ( sleep "$(awk "BEGIN{print $duration/2}")"; rss_kib >"$work/rss-$c" ) &
    sampler=$!
    wrk -t2 -c"$c" -d"${duration}s" --timeout 10s --latency "http://127.0.0.1:$port$path" >"$out" 2>&1 ||
        { cat "$out"; die "wrk failed at $c connections"; }
    wait $sampler || true
    kill -0 "$server_pid" 2>/dev/null || die "http_server died at $c connections: $(tail -5 "$work/server.err")"
    rps=$(sed -n 's/^Requests\/sec:[[:space:]]*\([0-9.]*\).*/\1/p' "$out")
    p99=$(awk '/Latency Distribution/ {d=1} d && $1 == "99%" {print $2; exit}' "$out")
    errors=$(sed -n 's/^[[:space:]]*Socket errors: \(.*\)$/\1/p' "$out")
    non2xx=$(sed -n 's/^[[:space:]]*Non-2xx or 3xx responses: \([0-9]*\).*/\1/p' "$out")
    note="${errors:-none}"
    [ -n "$non2xx" ] && note="$note; non-2xx: $non2xx"
    printf '%-12s %12s %12s %12s  %s\n' "$c" "$rps" "$p99" "$(cat "$work/rss-$c")" "$note"
done
echo "server peak RSS (VmHWM): $(hwm_kib) KiB"

# Still alive and answering after 10,000 connections, then a clean stop.
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /hello?name=after HTTP/1.1\r\nConnection: close\r\n\r\n' >&3
reply=$(cat <&3)
exec 3<&-
case "$reply" in
*"Hello, after! (request 1 on this connection)"*) echo "after the load: the server answers" ;;
*) die "after the load: unexpected reply: $reply" ;;
esac
kill -TERM "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=""
[ $status = 0 ] || die "http_server exited with status $status on SIGTERM"
echo "stopped cleanly on SIGTERM"
