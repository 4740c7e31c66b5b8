#!/usr/bin/env bash
# Benchmarks/http/run.sh: one HTTP server written three ways, measured side by side in one run:
# a thread per connection (threaded.c), a hand-written epoll loop (epoll_loop.c, the baseline of
# every ratio) and one tasklet per connection on greensock (greensock_server.c,
# built with stackless cc). See Benchmarks/README.md.
#
# Usage: Benchmarks/http/run.sh [--quick] [--runs N] [--no-install]
#   --quick       wrk runs of 2 s, 1 run, 5,000 idle connections (default: 5 s, 3 runs, 10,000)
#   --runs N      runs of every wrk workload, interleaved across servers; medians are shown
#   --no-install  do not install wrk when it is missing (the wrk workloads are then skipped)
# Environment: STACKLESS=path (default: the repo's .build/release/stackless, built if missing),
# CC (default gcc) for the two plain servers and the greensock build.
#
# Pinning: each server runs on CPU 0 and wrk on CPU 1 with one thread (taskset), so that on a
# 2-CPU machine the server and the load generator each have a CPU of their own and the threaded
# server cannot take wrk's. The server's CPU time per request is reported beside requests/s: when
# wrk is the bottleneck, requests/s differ less than the servers' costs do.
set -euo pipefail

http_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench_dir=$(cd "$http_dir/.." && pwd)
repo=$(cd "$bench_dir/.." && pwd)
build="$bench_dir/.build/http"
results="$bench_dir/results"
quick=0
runs=
install=1
while [ $# -gt 0 ]; do
    case "$1" in
    --quick) quick=1; shift ;;
    --runs) runs=$2; shift 2 ;;
    --no-install) install=0; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "http/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
if [ "$quick" = 1 ]; then duration=2; runs=${runs:-1}; idle_k=5000; else duration=5; runs=${runs:-3}; idle_k=10000; fi
levels="100 1000 10000"
page_level=1000     # the level at which GET / (the 568-byte page) is measured too
CC=${CC:-gcc}
PYTHON=${PYTHON:-python3}

say() { printf '==> [%s] %s\n' "$(date +%T)" "$*" >&2; }

# ---- what the run needs ----
if ! command -v wrk >/dev/null 2>&1; then
    if [ "$install" = 1 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing wrk with apt-get (it is missing)"
        apt-get update -qq >/dev/null 2>&1 || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null || say "wrk could not be installed"
    else
        say "wrk is missing and not installed: the wrk workloads are skipped"
    fi
fi
have_wrk=0; command -v wrk >/dev/null 2>&1 && have_wrk=1
pin_server="" pin_client=""
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then pin_server="taskset -c 0"; pin_client="taskset -c 1"; fi

# 10,000 connections need that many descriptors in the server and in wrk, plus some.
need_fds=$((idle_k > 10000 ? idle_k : 10000))
need_fds=$((need_fds + 1000))
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need_fds" ]; then
    ulimit -n "$need_fds" 2>/dev/null || say "ulimit -n is $(ulimit -n), under $need_fds: the 10,000 level will see errors"
fi
say "ulimit -n $(ulimit -n), threads' default stack (ulimit -s) $(ulimit -s) KiB"

mkdir -p "$build" "$results"
if [ -z "${STACKLESS:-}" ]; then
    STACKLESS="$repo/.build/release/stackless"
    if [ ! -x "$STACKLESS" ]; then
        say "building the stackless tool (swift build -c release --product stackless)"
        (cd "$repo" && swift build -c release --product stackless >"$build/swift-build.log" 2>&1) ||
            { cat "$build/swift-build.log" >&2; echo "http/run.sh: the tool does not build" >&2; exit 1; }
    fi
fi

# ---- build the three servers at -O2 ----
servers=()
declare -A bin
build_server() {   # key, command line...
    local key=$1; shift
    if "$@" >"$build/$key.log" 2>&1; then servers+=("$key"); bin[$key]="$build/$key"
    else say "$key does not build (see $build/$key.log)"; fi
}
say "building the servers at -O2"
build_server threaded "$CC" -std=c11 -O2 -Wall -Wextra "$http_dir/threaded.c" -o "$build/threaded" -pthread
build_server epoll "$CC" -std=c11 -O2 -Wall -Wextra "$http_dir/epoll_loop.c" -o "$build/epoll"
build_server greensock env CC="$CC" "$STACKLESS" cc -O2 "$http_dir/greensock_server.c" -o "$build/greensock"
"$CC" -std=c11 -O2 -Wall -Wextra "$http_dir/idle_client.c" -o "$build/idle_client"

raw="$results/http-raw.tsv"
: >"$raw"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
row() { local IFS=$'\t'; printf '%s\n' "$*" >>"$raw"; }
for key in threaded epoll greensock; do
    [ -n "${bin[$key]:-}" ] || row N "$key" "not built"
done

# ---- a server, started fresh for every measurement ----
server_pid= server_port=
start_server() {   # key
    local out="$build/server.out"
    : >"$out"
    $pin_server "${bin[$1]}" 0 >"$out" 2>"$build/server.err" &
    server_pid=$!
    for _ in $(seq 1 100); do
        server_port=$(awk '/^listening on / { print $3; exit }' "$out")
        [ -n "$server_port" ] && return 0
        sleep 0.05
    done
    say "$1 did not start (see $build/server.err)"; stop_server; return 1
}
stop_server() {
    [ -n "$server_pid" ] || return 0
    kill "$server_pid" 2>/dev/null || true
    # threaded has no clean stop and may hold thousands of threads: give it a moment, then KILL.
    for _ in $(seq 1 40); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.05; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
}
trap 'stop_server' EXIT
status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
user_ticks() { awk '{ print $14 }' "/proc/$1/stat"; }
clk_tck=$(getconf CLK_TCK)

# ---- correctness against the contract ----
for key in "${servers[@]}"; do
    say "checking $key against the contract"
    if out=$(timeout 120 "$PYTHON" "$http_dir/check.py" "${bin[$key]}" 2>&1); then row C "$key" ok
    else
        printf '%s\n' "$out" >&2
        row C "$key" "$(printf '%s\n' "$out" | grep -c '^FAIL') failed: $(printf '%s\n' "$out" | grep '^FAIL' | head -3 | tr '\n\t' '; ')"
    fi
done

# ---- throughput, latency and memory under wrk; runs interleaved across servers ----
workloads=()   # path, connections, requests per write (1: no pipelining)
for n in $levels; do workloads+=("/hello?name=bench $n 1"); done
workloads+=("/ $page_level 1")
# wrk's own cost per request keeps it the limit above: 16 pipelined requests per write make
# the server the limit, so this row compares the servers' capacity.
workloads+=("/hello?name=bench $page_level 16")
if [ "$have_wrk" = 1 ]; then
    for run in $(seq 1 "$runs"); do
        for w in "${workloads[@]}"; do
            read -r path n depth <<<"$w"
            lua=(); [ "$depth" -gt 1 ] && lua=(-s "$http_dir/pipeline.lua")
            for key in "${servers[@]}"; do
                say "run $run/$runs: $key, GET $path, $n connections, $depth per write, ${duration}s"
                start_server "$key" || continue
                t0=$(cpu_ticks "$server_pid"); u0=$(user_ticks "$server_pid")
                TIMEFORMAT='%U %S'
                # wrk's own CPU time (user, sys) tells whether the load generator was the limit.
                { time timeout $((duration + 60)) $pin_client wrk -t1 -c "$n" -d "${duration}s" --timeout 5s --latency "${lua[@]}" \
                    "http://127.0.0.1:$server_port$path" -- "$path" "$depth" >"$build/wrk.out" 2>&1; } 2>"$build/wrk.time" &
                wrk_job=$!
                # RSS with every connection open: sampled near the end of the run.
                sleep "$(awk -v d="$duration" 'BEGIN { print d - 0.5 }')"
                rss=$(status_kb "$server_pid" VmRSS)
                wait "$wrk_job" || true
                t1=$(cpu_ticks "$server_pid"); u1=$(user_ticks "$server_pid")
                hwm=$(status_kb "$server_pid" VmHWM)
                stop_server
                rps=$(awk '/^Requests\/sec:/ { print $2 }' "$build/wrk.out")
                p99=$(awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
                           f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : 0; print v * f }' "$build/wrk.out")
                total=$(awk '/requests in/ { print $1 }' "$build/wrk.out")
                errors=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 } /Non-2xx/ { print "non2xx=" $NF }' "$build/wrk.out" | paste -sd' ')
                wrk_cpu=$(awk '{ print $1 + $2 }' "$build/wrk.time")
                if [ -z "$rps" ] || [ "${total:-0}" = 0 ]; then
                    say "$key: wrk completed no request:"; cat "$build/wrk.out" >&2
                    row N "$key" "wrk GET $path at $n ($depth per write), run $run" "no request completed in ${duration} s"; continue
                fi
                label=$path; [ "$depth" -gt 1 ] && label="$path|$depth"
                row R "$key" "$label" "$n" "$run" "$rps" "$p99" "$rss" "$hwm" \
                    "$(awk -v t=$((t1 - t0)) -v h="$clk_tck" 'BEGIN { print t / h }')" "$total" "${errors:-0}" "$wrk_cpu" "$duration" \
                    "$(awk -v t=$((u1 - u0)) -v h="$clk_tck" 'BEGIN { print t / h }')"
            done
        done
    done
fi

# ---- memory per idle keep-alive connection ----
for key in "${servers[@]}"; do
    say "memory: $key with $idle_k idle keep-alive connections"
    start_server "$key" || continue
    sleep 0.2
    base=$(status_kb "$server_pid" VmRSS)
    fifo="$build/idle.fifo"; rm -f "$fifo"; mkfifo "$fifo"
    timeout 300 $pin_client "$build/idle_client" "$server_port" "$idle_k" <"$fifo" >"$build/idle.out" 2>"$build/idle.err" &
    client=$!
    exec 9>"$fifo"     # the client holds its connections until this closes
    ready=0
    for _ in $(seq 1 1200); do
        grep -q '^ready' "$build/idle.out" && { ready=1; break; }
        kill -0 "$client" 2>/dev/null || break
        sleep 0.1
    done
    if [ "$ready" = 1 ]; then
        sleep 0.5
        held=$(status_kb "$server_pid" VmRSS)
        row M "$key" "$idle_k" "$base" "$held"
    else
        say "$key: the idle client failed: $(cat "$build/idle.err")"
        row N "$key" "idle $idle_k" "the idle client failed: $(head -1 "$build/idle.err")"
    fi
    exec 9>&-
    wait "$client" 2>/dev/null || true
    rm -f "$fifo"
    stop_server
done

{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); mode: $([ "$quick" = 1 ] && echo quick || echo full), $runs run(s) of ${duration} s per workload; $idle_k idle connections"
    echo "CPU: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo) ($(nproc) CPUs), kernel $(uname -r); load average at the start: $load_start (a thread-per-connection run adds its threads to it)"
    echo "pinning: ${pin_server:-none} for the server, ${pin_client:-none} for wrk (wrk -t1) and the idle client"
    echo "cc: $("$CC" --version | head -1); wrk: $(wrk -v 2>&1 | head -1 | awk '{ print $1, $2 }')"
    echo "stackless: $(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$repo" && git diff --quiet HEAD -- Sources Samples/greensock 2>/dev/null || echo ' with uncommitted changes'), greensock backend: epoll"
    echo "threads: detached, default attributes: $(ulimit -s) KiB stacks (ulimit -s); ulimit -n $(ulimit -n)"
} >"$results/http-meta.txt"

"$PYTHON" "$http_dir/report.py" "$results"
