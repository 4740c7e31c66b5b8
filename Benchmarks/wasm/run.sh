#!/usr/bin/env bash
# This project against Binaryen's Asyncify on wasm32-wasi: the same generator (generator.c),
# built once with `stackless cc` (greenlets) and once with clang then `wasm-opt --asyncify`, both
# finished by the same `wasm-opt -O2 --strip-debug`, run under wasmtime (scripts/wasi-run).
# Prints the size of each module and the time per value (best of 3) for: the switch alone at call
# depth 1 and 100, and with work between the values that never switches (a qsort through a
# comparator and a recursive fib: Asyncify instruments qsort, whose indirect call it must assume
# may unwind). The two builds must print the same values.
#
# Usage: Benchmarks/wasm/run.sh [--stackless PATH] [N]     (N values per run, default 300000)
# Needs: binaryen (wasm-opt; apt-get install binaryen), and what scripts/test-cross installs for
# wasm32 (clang-14, lld-14, wasi-libc, pip's wasmtime).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
stackless=$repo/.build/release/stackless
[ -x "$stackless" ] || stackless=$repo/.build/debug/stackless
if [ "${1:-}" = "--stackless" ]; then stackless=$2; shift 2; fi
n=${1:-300000}
for tool in clang-14 wasm-opt; do
    command -v $tool >/dev/null || { echo "run.sh: $tool not found (apt-get install binaryen; scripts/test-cross wasm32 installs the rest)" >&2; exit 2; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc="clang-14 --target=wasm32-wasi"

# Stackless: transformed, compiled and linked with the runtime (clang's driver runs wasm-opt -O2
# on an optimised link when it finds it; the same pass again does not change that).
CC="$cc" "$stackless" cc -O2 "$here/generator.c" -o "$work/stackless0.wasm"
wasm-opt "$work/stackless0.wasm" -O2 --strip-debug -o "$work/stackless.wasm"
# Asyncify: compiled with -O2, linked without optimisation (so that the function names are kept
# for the removelist: the driver next_value must not be instrumented), then the pass.
$cc -O2 -DUSE_ASYNCIFY -c "$here/generator.c" -o "$work/asyncify.o"
$cc "$work/asyncify.o" -o "$work/asyncify0.wasm"
wasm-opt "$work/asyncify0.wasm" --asyncify --pass-arg=asyncify-removelist@next_value -O2 --strip-debug \
    -o "$work/asyncify.wasm"
# The plain program without any switching at all, for scale: the generator's values computed in
# a loop (the asyncify build before the pass does that: its yield never unwinds).
wasm-opt "$work/asyncify0.wasm" -O2 --strip-debug -o "$work/plain.wasm"

size() { stat -c %s "$1"; }
echo "module size (bytes, after wasm-opt -O2 --strip-debug):"
printf '  %-34s %8d\n' "stackless (greenlets + runtime)" "$(size "$work/stackless.wasm")"
printf '  %-34s %8d\n' "asyncify" "$(size "$work/asyncify.wasm")"
printf '  %-34s %8d\n' "no switching (same code, no pass)" "$(size "$work/plain.wasm")"

# best MODULE ARGS...: the best time per value of 3 runs; checks the output against the first.
best() {
    local module=$1 b="" t out
    shift
    for _ in 1 2 3; do
        out=$("$repo/scripts/wasi-run" "$module" "$@" 2>"$work/err")
        t=$(sed -n 's/ ns per value//p' "$work/err")
        if [ -z "$b" ] || awk -v a="$t" -v b="$b" 'BEGIN { exit !(a < b) }'; then b=$t; fi
        echo "$out" >>"$work/outputs.$*"
    done
    echo "$b"
}
echo "time per value under wasmtime (ns, best of 3, $n values):"
printf '  %-34s %10s %10s\n' "" "stackless" "asyncify"
for args in "1 0" "100 0" "1 1"; do
    read -r depth with_work <<<"$args"
    label="switch at depth $depth"
    [ "$with_work" = 1 ] && label="switch at depth $depth + work"
    s=$(best "$work/stackless.wasm" "$n" "$depth" "$with_work")
    a=$(best "$work/asyncify.wasm" "$n" "$depth" "$with_work")
    printf '  %-34s %10s %10s\n' "$label" "$s" "$a"
    if [ "$(sort -u "$work/outputs.$n $depth $with_work" | wc -l)" != 1 ]; then
        echo "run.sh: the two builds print different values:" >&2
        sort -u "$work/outputs.$n $depth $with_work" >&2
        exit 1
    fi
done

# Whole programs in which every function may suspend: the e2e corpus's larger programs, built
# with `stackless cc --suspend-all` (every function transformed) and with Asyncify's defaults
# (every function that may reach an import, and every indirect call, instrumented).
echo "whole programs, every function may suspend (bytes; x: against the plain build):"
printf '  %-34s %8s %18s %18s\n' "" "plain" "--suspend-all" "asyncify"
for name in 057_expression_evaluator 062_sorting_suite 087_brainf_interpreter 240_threaded_interpreter; do
    src=$repo/Tests/e2e/programs/$name.c
    $cc -O2 -w -c "$src" -o "$work/p.o"
    $cc "$work/p.o" -o "$work/p0.wasm"
    wasm-opt "$work/p0.wasm" -O2 --strip-debug -o "$work/p.wasm"
    wasm-opt "$work/p0.wasm" --asyncify -O2 --strip-debug -o "$work/pa.wasm"
    CC="$cc" "$stackless" cc --suspend-all -O2 -w "$src" -o "$work/ps0.wasm"
    wasm-opt "$work/ps0.wasm" -O2 --strip-debug -o "$work/ps.wasm"
    p=$(size "$work/p.wasm") s=$(size "$work/ps.wasm") a=$(size "$work/pa.wasm")
    printf '  %-34s %8d %10d (%4.2fx) %10d (%4.2fx)\n' "$name" "$p" "$s" "$(awk -v a="$s" -v b="$p" 'BEGIN { print a / b }')" \
        "$a" "$(awk -v a="$a" -v b="$p" 'BEGIN { print a / b }')"
done
