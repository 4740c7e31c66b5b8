#!/usr/bin/env bash
# Benchmarks/http/instructions.sh: the user-space instructions each HTTP server executes per
# request, counted by callgrind: stable on a shared machine, where the user CPU time of run.sh
# (10 ms ticks) is not. Each server runs under callgrind while `wrk -t1 -c N -d S` drives
# `GET /hello?name=bench`; the figure is the server's whole count / the requests wrk completed
# (start-up is a few hundred thousand instructions, under 0.5% of a run). The kernel's work (the
# system calls themselves) is not counted; run.sh shows that both servers make the same calls.
#
# Usage: Benchmarks/http/instructions.sh [--connections "100 1000"] [--seconds S]
# Environment: STACKLESS=path (default: the repo's .build/release/stackless, built if missing),
# CC (default gcc). Writes results/http-instructions.md (printed too).
set -euo pipefail
http_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench_dir=$(cd "$http_dir/.." && pwd)
repo=$(cd "$bench_dir/.." && pwd)
build="$bench_dir/.build/http-instructions"
levels="100 1000"
seconds=4
while [ $# -gt 0 ]; do
    case "$1" in
    --connections) levels=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "http/instructions.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
say() { printf '==> [%s] %s\n' "$(date +%T)" "$*" >&2; }
for tool in valgrind wrk; do
    command -v $tool >/dev/null 2>&1 || { echo "http/instructions.sh: needs $tool (apt-get install $tool)" >&2; exit 1; }
done
CC=${CC:-gcc}
STACKLESS=${STACKLESS:-$repo/.build/release/stackless}
if [ ! -x "$STACKLESS" ]; then
    say "building the stackless tool (swift build -c release --product stackless)"
    (cd "$repo" && swift build -c release --product stackless >&2)
fi
mkdir -p "$build"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
say "building the servers at -O2"
"$CC" -std=c11 -O2 -Wall -Wextra "$http_dir/epoll_loop.c" -o "$build/epoll"
CC="$CC" "$STACKLESS" cc -O2 -Wall -Wextra "$http_dir/greensock_server.c" -o "$build/greensock"
CC="$CC" "$STACKLESS" cc -O2 "$repo/Samples/greensock/http_server.c" -o "$build/sample"

# count KEY N: prints "requests instructions"
count() {
    local out="$build/$1.out" cg="$build/callgrind.$1"
    : >"$out"
    valgrind --tool=callgrind --callgrind-out-file="$cg" "$build/$1" 0 >"$out" 2>"$build/$1.valgrind" &
    local pid=$! port=
    for _ in $(seq 1 200); do
        port=$(awk '/^listening on / { print $3; exit }' "$out")
        [ -n "$port" ] && break
        sleep 0.1
    done
    [ -n "$port" ] || { kill "$pid"; echo "http/instructions.sh: $1 did not start" >&2; exit 1; }
    wrk -t1 -c"$2" -d"${seconds}s" "http://127.0.0.1:$port/hello?name=bench" >"$build/$1.wrk"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo "$(awk '/requests in/ { print $1 }' "$build/$1.wrk") $(awk '/^summary:/ { print $2 }' "$cg")"
}

results="$bench_dir/results/http-instructions.md"
{
    echo "# HTTP servers: user-space instructions per request (callgrind)"
    echo
    echo "- $(date -u '+%Y-%m-%d %H:%M UTC'); stackless $(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?'); $("$CC" --version | head -1)"
    echo "- \`GET /hello?name=bench\`, wrk -t1 for ${seconds} s against the server under callgrind"
    echo
    echo "| connections | epoll loop (baseline) | greensock (tasklets, http_common.h) | the greensock sample (its own parser) |"
    echo "|---|---|---|---|"
} >"$results.tmp"
for n in $levels; do
    line="| $n |"
    base=
    for key in epoll greensock sample; do
        say "$key at $n connections"
        read -r req ins < <(count "$key" "$n")
        per=$((ins / req))
        [ -z "$base" ] && base=$per
        line+=" $per $(awk -v a="$per" -v b="$base" 'BEGIN { printf "×%.2f", a / b }') ($req requests) |"
    done
    echo "$line" >>"$results.tmp"
done
mv "$results.tmp" "$results"
cat "$results"
