#!/usr/bin/env bash
# Benchmarks/run.sh: this project's greenlets against stack copying, Boost.Context, ucontext, C++20
# coroutines and Python's greenlet, side by side in one run (see Benchmarks/README.md).
#
# Usage: Benchmarks/run.sh [--quick] [--runs N] [--no-install]
#   --quick       a short run (CI): shorter timed loops, 3 runs, memory at 100k and 1M only (1M
#                 only where it takes under 1 GB), smaller inputs for the overhead programs
#   --runs N      runs of every workload (default 5; --quick: 3); medians, min and max are shown
#   --no-install  do not install missing packages (peers whose tools are missing are skipped)
# Environment: STACKLESS=path uses that stackless tool instead of building it; CC_GCC, CXX_GXX,
# CC_CLANG, CXX_CLANG, PYTHON choose the compilers and the Python (default: gcc, g++, clang or
# /opt/swift/usr/bin/clang, clang++ likewise, python3).
#
# Installs what is missing, and says so: with apt-get, g++ and libboost-context-dev (and gnuplot
# when matplotlib cannot be had); with pip, greenlet and matplotlib. Builds the stackless tool
# (swift build -c release --product stackless) and everything else at -O2 under Benchmarks/.build,
# then writes Benchmarks/results/results.md (also printed), raw.tsv, switch.png and memory.png.
# Last, Benchmarks/http/run.sh (with --quick and --no-install passed on) measures an HTTP server
# written three ways (epoll loop, greensock tasklets, a thread per connection): results/http.md.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/.." && pwd)
build="$bench_dir/.build"
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
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

if [ "$quick" = 1 ]; then
    runs=${runs:-3}
    export BENCH_SECONDS=0.03
    memory_ns="100000 1000000"
    memory_runs=1
    fib_n=34
    calc_rounds=200
else
    runs=${runs:-5}
    export BENCH_SECONDS=0.2
    memory_ns="100000 1000000 10000000"
    memory_runs=3
    fib_n=40
    calc_rounds=4000
fi

say() { printf '==> [%s] %s\n' "$(date +%T)" "$*" >&2; }

# ---- what the run needs ----
PYTHON=${PYTHON:-python3}
CC_GCC=${CC_GCC:-gcc}
CXX_GXX=${CXX_GXX:-g++}
CC_CLANG=${CC_CLANG:-}
CXX_CLANG=${CXX_CLANG:-}
for c in clang /opt/swift/usr/bin/clang; do
    if [ -z "$CC_CLANG" ] && command -v "$c" >/dev/null 2>&1; then CC_CLANG=$(command -v "$c"); fi
done
for c in clang++ /opt/swift/usr/bin/clang++; do
    if [ -z "$CXX_CLANG" ] && command -v "$c" >/dev/null 2>&1; then CXX_CLANG=$(command -v "$c"); fi
done

apt_updated=0
apt_install() {
    if [ "$install" = 0 ]; then say "missing: $* (not installed: --no-install)"; return 1; fi
    if ! command -v apt-get >/dev/null 2>&1; then say "missing: $* (no apt-get here)"; return 1; fi
    if [ "$apt_updated" = 0 ]; then apt-get update -qq >/dev/null 2>&1 || true; apt_updated=1; fi
    say "installing with apt-get: $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
pip_install() {
    if [ "$install" = 0 ]; then say "missing Python package: $* (not installed: --no-install)"; return 1; fi
    say "installing with pip: $*"
    "$PYTHON" -m pip install -q "$@" >/dev/null 2>&1 ||
        "$PYTHON" -m pip install -q --break-system-packages "$@" >/dev/null 2>&1
}

command -v "$CXX_GXX" >/dev/null 2>&1 || apt_install g++ || true
[ -f /usr/include/boost/context/detail/fcontext.hpp ] || apt_install libboost-context-dev || true
"$PYTHON" -c 'import greenlet' 2>/dev/null || pip_install greenlet ||
    apt_install python3-greenlet || true
if ! "$PYTHON" -c 'import matplotlib' 2>/dev/null; then
    pip_install matplotlib || command -v gnuplot >/dev/null 2>&1 || apt_install gnuplot-nox || true
fi

mkdir -p "$build" "$results"
if [ -n "${STACKLESS:-}" ]; then
    say "using the stackless tool $STACKLESS (from \$STACKLESS)"
else
    say "building the stackless tool (swift build -c release --product stackless)"
    (cd "$repo" && swift build -c release --product stackless >"$build/swift-build.log" 2>&1) || {
        cat "$build/swift-build.log" >&2; echo "run.sh: the tool does not build" >&2; exit 1; }
    STACKLESS="$repo/.build/release/stackless"
fi

# ---- build the peers ----
common="-I$bench_dir/common"
peers=()       # key
declare -A cmd  # key -> command prefix
build_peer() {  # key, command line...
    local key=$1; shift
    if "$@" >"$build/$key.log" 2>&1; then
        peers+=("$key")
    else
        say "skipping $key: it does not build (see $build/$key.log)"
        skipped+=("$key")
    fi
}
skipped=()
say "building the peers at -O2"
CC=$CC_GCC build_peer stackless-gcc "$STACKLESS" cc -O2 $common "$bench_dir/peers/bench_stackless.c" -o "$build/stackless-gcc"
cmd[stackless-gcc]="$build/stackless-gcc"
if [ -n "$CC_CLANG" ]; then
    CC=$CC_CLANG build_peer stackless-clang "$STACKLESS" cc -O2 $common "$bench_dir/peers/bench_stackless.c" -o "$build/stackless-clang"
    cmd[stackless-clang]="$build/stackless-clang"
fi
build_peer stackcopy "$CC_GCC" -O2 $common "$bench_dir/peers/bench_stackcopy.c" "$bench_dir/peers/stackcopy/stackcopy.c" -o "$build/stackcopy"
cmd[stackcopy]="$build/stackcopy"
build_peer boost "$CXX_GXX" -O2 -std=c++17 $common "$bench_dir/peers/bench_boost.cpp" -lboost_context -o "$build/boost"
cmd[boost]="$build/boost"
build_peer ucontext "$CC_GCC" -O2 $common "$bench_dir/peers/bench_ucontext.c" -o "$build/ucontext"
cmd[ucontext]="$build/ucontext"
if [ -n "$CXX_CLANG" ]; then cxx20=$CXX_CLANG; cxx20_flags=-std=c++20; else cxx20=$CXX_GXX; cxx20_flags="-std=c++20 -fcoroutines"; fi
build_peer cxx20 "$cxx20" -O2 $cxx20_flags $common "$bench_dir/peers/bench_cxx20.cpp" -o "$build/cxx20"
cmd[cxx20]="$build/cxx20"
if "$PYTHON" -c 'import greenlet' 2>/dev/null; then
    peers+=(greenlet)
    cmd[greenlet]="$PYTHON $bench_dir/peers/bench_greenlet.py"
else
    say "skipping greenlet: the Python package is missing"
    skipped+=(greenlet)
fi

raw="$results/raw.tsv"
: >"$raw"
note() { printf 'N\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$raw"; }
for key in "${skipped[@]}"; do
    for w in switch_root switch_coro create channel memory; do note "$key" "$w" "-" "not built"; done
done

# ---- the peers' workloads: every peer once per run, the runs interleaved ----
for run in $(seq 1 "$runs"); do
    for key in "${peers[@]}"; do
        say "run $run/$runs: $key"
        status=0
        out=$(${cmd[$key]} all) || status=$?
        [ "$status" = 0 ] || say "$key failed (exit status $status); its figures of run $run are missing"
        printf '%s\n' "$out" | awk -v k="$key" -v r="$run" '$1 == "R" { printf "R\t%s\t%s\t%s\t%s\t%s\n", k, $2, $3, r, $4 }' >>"$raw"
    done
done
for key in "${peers[@]}"; do
    case $key in
    stackcopy) for d in 1 10 100 1000; do note "$key" switch_coro "$d" "asymmetric, as libaco: a coroutine switches to another through the root"; done ;;
    esac
done

# ---- memory per suspended coroutine: a fresh process per count ----
if [ "$quick" = 1 ]; then
    for key in "${peers[@]}"; do note "$key" memory 10000000 "not run with --quick"; done
fi
mem_avail_kb=$(awk '/MemAvailable/ { print $2 }' /proc/meminfo)
for key in "${peers[@]}"; do
    per=0
    for n in $memory_ns; do
        need_kb=$(awk -v b="$per" -v n="$n" 'BEGIN { printf "%d", b * n * 1.25 / 1024 }')
        if [ "$quick" = 1 ] && [ "$need_kb" -gt 1048576 ]; then
            note "$key" memory "$n" "not run with --quick: over 1 GB"
            continue
        fi
        if [ "$need_kb" -gt $((mem_avail_kb * 8 / 10)) ]; then
            why=$(awk -v b="$per" -v n="$n" -v a="$mem_avail_kb" 'BEGIN { printf "would need about %.0f GB at %.0f B each, %.0f GB available", b * n / 1e9, b, a * 1024 / 1e9 }')
            case $key in
            boost|ucontext) why="a whole stack each (16 KB malloc'd, its top page resident): $why" ;;
            greenlet) why="a Python object, frame and copied C stack each: $why" ;;
            esac
            note "$key" memory "$n" "$why"
            continue
        fi
        reps=$memory_runs
        [ "$n" -ge 10000000 ] && reps=1
        for run in $(seq 1 "$reps"); do
            say "memory: $key, $n coroutines (run $run/$reps)"
            line=$( (${cmd[$key]} memory "$n" || true) | awk '$1 == "R" { print $4 }')
            if [ -z "$line" ]; then note "$key" memory "$n" "failed"; break; fi
            printf 'R\t%s\tmemory\t%s\t%s\t%s\n' "$key" "$n" "$run" "$line" >>"$raw"
            per=$line
        done
    done
done

# ---- code that never switches: plain cc against stackless cc --suspend-all ----
overhead_ccs=("gcc:$CC_GCC")
[ -n "$CC_CLANG" ] && overhead_ccs+=("clang:$CC_CLANG")
# Two builds: the default (--one-body auto) and every function as one body (--one-body always).
for program in fib calc; do
    src="$bench_dir/overhead/$program.c"
    for variant in suspend-all one-body; do
        policy=auto; [ $variant = one-body ] && policy=always
        rm -rf "$build/transformed-$variant"
        (cd "$bench_dir/overhead" && "$STACKLESS" transform --suspend-all --one-body $policy -I "$bench_dir/common" \
            -o "$build/transformed-$variant" "$program.c")
        for entry in "${overhead_ccs[@]}"; do
            name=${entry%%:*}; cc=${entry#*:}
            "$cc" -O2 $common "$src" -o "$build/$program-$name-plain"
            CC=$cc "$STACKLESS" cc --suspend-all --one-body $policy -O2 $common "$src" -o "$build/$program-$name-$variant"
            "$cc" -O2 -c $common "$src" -o "$build/$program-$name-plain.o"
            "$cc" -O2 -c $("$STACKLESS" config --cflags) $common "$build/transformed-$variant/$program.c" \
                -o "$build/$program-$name-$variant.o"
            printf 'Z\t%s\t%s\t%s\t%s\n' "$program" "$name" \
                "$("$PYTHON" "$bench_dir/tools/textsize.py" "$build/$program-$name-plain.o" "$build/$program-$name-$variant.o" | tr ' ' '\t')" \
                "$variant" >>"$raw"
        done
    done
    arg=$fib_n; [ "$program" = calc ] && arg=$calc_rounds
    for run in $(seq 1 "$runs"); do
        for entry in "${overhead_ccs[@]}"; do
            name=${entry%%:*}
            for variant in plain suspend-all one-body; do
                say "overhead run $run/$runs: $program, $name, $variant"
                t=$( ("$build/$program-$name-$variant" "$arg" || true) | awk '$1 == "R" { print $4 }')
                [ -n "$t" ] || { say "$program-$name-$variant failed"; continue; }
                printf 'O\t%s\t%s\t%s\t%s\t%s\n' "$program" "$name" "$variant" "$run" "$t" >>"$raw"
            done
        done
    done
done

# ---- transform time against clang -fsyntax-only (wall clock) ----
syntax_cc=${CC_CLANG:-$CC_GCC}
now_ns() { date +%s%N; }
for src in "$bench_dir/overhead/fib.c" "$bench_dir/overhead/calc.c" "$bench_dir/peers/bench_stackless.c"; do
    file=$(basename "$src")
    lines=$(wc -l <"$src")
    for run in $(seq 1 "$runs"); do
        rm -rf "$build/transform-time"
        t0=$(now_ns)
        "$STACKLESS" transform --suspend-all -I "$bench_dir/common" -o "$build/transform-time" "$src"
        t1=$(now_ns)
        "$syntax_cc" -fsyntax-only $common $("$STACKLESS" config --cflags) "$src"
        t2=$(now_ns)
        printf 'T\t%s\ttransform\t%s\t%s\t%s\n' "$file" "$lines" "$run" "$(((t1 - t0) / 1000))e-3" >>"$raw"
        printf 'T\t%s\tsyntax\t%s\t%s\t%s\n' "$file" "$lines" "$run" "$(((t2 - t1) / 1000))e-3" >>"$raw"
    done
done

# ---- the machine and the tools ----
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); mode: $([ "$quick" = 1 ] && echo quick || echo full), $runs runs, timed loops of ${BENCH_SECONDS} s (thread CPU time)"
    echo "CPU: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo) ($(nproc) CPUs), kernel $(uname -r), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1e6 }' /proc/meminfo) RAM"
    echo "gcc: $("$CC_GCC" --version | head -1); g++: $("$CXX_GXX" --version | head -1)"
    [ -n "$CC_CLANG" ] && echo "clang: $("$CC_CLANG" --version | head -1) ($CC_CLANG); C++20 peer: $cxx20 $cxx20_flags"
    echo "stackless: $(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$repo" && git diff --quiet HEAD -- Sources 2>/dev/null || echo ' with uncommitted changes in Sources/'), libclang: $(ls -d /usr/lib/llvm-*/lib/libclang.so.1 2>/dev/null | sort -V | tail -1)"
    echo "Boost: $(awk '/define BOOST_LIB_VERSION/ { gsub(/"/, "", $3); print $3 }' /usr/include/boost/version.hpp 2>/dev/null); Python $("$PYTHON" -c 'import sys; print(sys.version.split()[0])'), greenlet $("$PYTHON" -c 'import greenlet; print(greenlet.__version__)' 2>/dev/null || echo missing)"
} >"$results/meta.txt"

"$PYTHON" "$bench_dir/tools/report.py" "$results"

# ---- the HTTP server written three ways (its own run and tables: results/http.md) ----
http_args=()
[ "$quick" = 1 ] && http_args+=(--quick)
[ "$install" = 0 ] && http_args+=(--no-install)
say "the HTTP servers: Benchmarks/http/run.sh ${http_args[*]}"
STACKLESS="$STACKLESS" CC="$CC_GCC" PYTHON="$PYTHON" "$bench_dir/http/run.sh" "${http_args[@]}" ||
    say "the HTTP benchmark failed (exit status $?)"
