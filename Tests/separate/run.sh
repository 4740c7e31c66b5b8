#!/usr/bin/env bash
# Separate compilation end to end: Tests/separate/project (a suspending function in another file
# than its caller) built per file with `make -j2 CC="stackless cc"` and with CMake; the link-time
# error when the SL_SUSPENDS contract is broken, and -p compile_commands.json fixing it; and
# ccache hits on a rebuild with STACKLESS_CC="ccache cc" (installs ccache with apt-get if it is missing, and says so).
#
# Usage: Tests/separate/run.sh [--stackless PATH] [--no-ccache] [--no-cmake]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
stackless="$repo/.build/debug/stackless"
use_ccache=1
use_cmake=1
while [ $# -gt 0 ]; do
    case "$1" in
    --stackless) stackless=$2; shift 2 ;;
    --no-ccache) use_ccache=0; shift ;;
    --no-cmake) use_cmake=0; shift ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
    esac
done
work=$(mktemp -d "${TMPDIR:-/tmp}/stackless-separate.XXXXXX")
trap 'rm -rf "$work"' EXIT
export STACKLESS_CACHE_DIR="$work/cache"
passed=0 failed=0
ok() { echo "ok   $1"; passed=$((passed + 1)); }
bad() { echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/    /' "$2" | head -20; failed=$((failed + 1)); }
fresh() { rm -rf "$work/p"; cp -r "$here/project" "$work/p"; }

# 1. make -j2 CC="stackless cc": one compile per file, then the link (checked).
fresh
if make -C "$work/p" -j2 CC="$stackless cc" >"$work/make.log" 2>&1 && "$work/p/pipeline" >"$work/out" &&
    cmp -s "$work/out" "$here/project/expected-output.txt"; then ok "make -j2 CC=\"stackless cc\""; else bad "make -j2" "$work/make.log"; fi

# 2. The broken contract: a link-time error naming the call, the definition and the fix.
fresh
make -C "$work/p" -j2 CC="$stackless cc" CFLAGS="-O2 -DBROKEN_CONTRACT" >"$work/broken.log" 2>&1
status=$?
if [ $status != 0 ] && grep -q "pipeline.c:2:.*error: 'pipeline' calls 'produce', compiled as not suspending, but src/producer.c defines 'produce' as suspending (produce -> greenlet_switch): declare it SL_SUSPENDS" "$work/broken.log" &&
    [ "$(grep -c "error:" "$work/broken.log")" = 1 ] && [ ! -e "$work/p/pipeline" ]; then
    ok "a broken SL_SUSPENDS contract is a link-time error"
else bad "broken contract (status $status)" "$work/broken.log"; fi
# stackless check says the same of the objects, for other linkers.
if ! "$stackless" check "$work"/p/src/*.o >"$work/check.log" 2>&1 && grep -q "compiled as not suspending" "$work/check.log"; then
    ok "stackless check reports it"; else bad "stackless check" "$work/check.log"; fi

# 3. -p compile_commands.json: every compile sees the whole program, the broken contract builds.
fresh
(cd "$work/p" && printf '[\n%s\n]\n' "$(for f in main pipeline producer; do
    printf '{"directory":"%s","file":"src/%s.c","command":"cc -O2 -DBROKEN_CONTRACT -c src/%s.c -o src/%s.o"}' "$work/p" $f $f $f
    [ $f != producer ] && printf ',\n'; done)" >compile_commands.json)
if make -C "$work/p" -j2 CC="$stackless cc -p $work/p/compile_commands.json" CFLAGS="-O2 -DBROKEN_CONTRACT" >"$work/p.log" 2>&1 &&
    "$work/p/pipeline" >"$work/out" && cmp -s "$work/out" "$here/project/expected-output.txt"; then
    ok "-p compile_commands.json fixes it"; else bad "-p" "$work/p.log"; fi

# 4. The same input gives the same object.
fresh
(cd "$work/p" && "$stackless" cc -O2 -g -c src/pipeline.c -o a.o && "$stackless" cc -O2 -g -c src/pipeline.c -o b.o) >"$work/det.log" 2>&1
if cmp -s "$work/p/a.o" "$work/p/b.o"; then ok "deterministic objects"; else bad "deterministic objects" "$work/det.log"; fi

# 5. CMake, through a one-line compiler wrapper.
if [ $use_cmake = 1 ] && command -v cmake >/dev/null; then
    fresh
    printf '#!/bin/sh\nexec "%s" cc "$@"\n' "$stackless" >"$work/stackless-cc"
    chmod +x "$work/stackless-cc"
    if cmake -S "$work/p" -B "$work/p/build" -DCMAKE_C_COMPILER="$work/stackless-cc" >"$work/cmake.log" 2>&1 &&
        cmake --build "$work/p/build" -j2 >>"$work/cmake.log" 2>&1 && "$work/p/build/pipeline" >"$work/out" &&
        cmp -s "$work/out" "$here/project/expected-output.txt"; then ok "CMake"; else bad "CMake" "$work/cmake.log"; fi
fi

# 6. ccache: a clean rebuild is served from the cache.
if [ $use_ccache = 1 ]; then
    if ! command -v ccache >/dev/null; then
        echo "     (ccache is missing: installing it with apt-get)"
        { apt-get install -y ccache || { apt-get update && apt-get install -y ccache; }; } >/dev/null 2>&1
    fi
    if command -v ccache >/dev/null; then
        export CCACHE_DIR="$work/ccache"
        fresh
        STACKLESS_CC="ccache cc" make -C "$work/p" CC="$stackless cc" >"$work/ccache.log" 2>&1
        make -C "$work/p" clean >/dev/null
        ccache -z >/dev/null
        STACKLESS_CC="ccache cc" make -C "$work/p" CC="$stackless cc" >>"$work/ccache.log" 2>&1
        hits=$(ccache --print-stats 2>/dev/null | awk -F'\t' '$1 == "direct_cache_hit" || $1 == "preprocessed_cache_hit" { n += $2 } END { print n + 0 }')
        if [ "$hits" -ge 3 ] && "$work/p/pipeline" >"$work/out" && cmp -s "$work/out" "$here/project/expected-output.txt"; then
            ok "ccache: $hits of 3 compiles hit on a rebuild"
        else
            ccache -s >>"$work/ccache.log" 2>&1
            bad "ccache hits ($hits)" "$work/ccache.log"
        fi
    else
        bad "ccache could not be installed"
    fi
fi

echo "separate: $passed passed, $failed failed"
[ $failed = 0 ]
