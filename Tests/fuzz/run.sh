#!/usr/bin/env bash
# Differential fuzzing of `stackless cc --suspend-all --torture` against plain cc.
#
#   Tests/fuzz/run.sh [--stackless PATH] [--cc CC] [--count N] [--seed-start S]
#                     [--jobs J] [--keep DIR] [--size Z]
#
# For every seed S..S+N-1: generate a program with gen.py, build it with
# `$CC -std=gnu11 -O1 -Wall -Wextra` and with `PATH cc --suspend-all --torture
# -std=gnu11 -O1 -Wall -Wextra` (odd seeds add `--one-body always`: every function
# as one body instead of two copies), run both (10 s timeout each) and compare
# stdout and exit status; the stackless build must print no warning that the plain
# build does not (by line and message).
# Failing programs (and both outputs) are kept in the --keep directory.
# Prints `fuzz: N passed, M failed`; exits non-zero if anything failed.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

FLAGS=(-std=gnu11 -O1 -Wall -Wextra)
TIMEOUT=10

# ------------------------------------------------------------------ worker
# Invoked as: run.sh __worker SEED   (configuration comes from FUZZ_* vars)
if [ "${1:-}" = "__worker" ]; then
    seed=$2
    d="$FUZZ_WORK/$seed"
    mkdir -p "$d"
    cd "$d" || exit 2
    one_body=()
    [ $((seed % 2)) = 1 ] && one_body=(--one-body always)
    repro="python3 $here/gen.py --seed $seed --size $FUZZ_SIZE > p.c && $FUZZ_STACKLESS cc --suspend-all --torture ${one_body[*]} ${FLAGS[*]} p.c -o p && ./p"
    verdict() {   # verdict PASS|FAIL reason
        if [ "$1" = PASS ]; then
            echo PASS > "$FUZZ_WORK/result.$seed"
            rm -rf "$d"
            exit 0
        fi
        echo FAIL > "$FUZZ_WORK/result.$seed"
        local k="$FUZZ_KEEP/seed-$seed"
        mkdir -p "$k"
        cp -f "$d"/* "$k"/ 2>/dev/null
        rm -f "$k/ref" "$k/sl"
        {
            echo "FAIL seed $seed: $2"
            echo "  kept:      $k"
            echo "  reproduce: $repro"
        } > "$FUZZ_WORK/msg.$seed"
        cat "$FUZZ_WORK/msg.$seed"
        rm -rf "$d"
        exit 0
    }
    python3 "$here/gen.py" --seed "$seed" --size "$FUZZ_SIZE" > p.c 2> gen.err \
        || verdict FAIL "generator crashed (see gen.err)"
    $FUZZ_CC "${FLAGS[@]}" p.c -o ref > ref.cc.err 2>&1 \
        || verdict FAIL "plain $FUZZ_CC failed to compile the program (generator bug?)"
    CC="$FUZZ_CC" "$FUZZ_STACKLESS" cc --suspend-all --torture ${one_body[@]+"${one_body[@]}"} "${FLAGS[@]}" p.c -o sl > sl.cc.err 2>&1 \
        || verdict FAIL "stackless failed to compile the program (see sl.cc.err)"
    timeout "$TIMEOUT" ./ref > ref.out 2> ref.err
    ref_rc=$?
    timeout "$TIMEOUT" ./sl > sl.out 2> sl.err
    sl_rc=$?
    echo "$ref_rc" > ref.rc
    echo "$sl_rc" > sl.rc
    if [ "$ref_rc" -ge 124 ]; then
        verdict FAIL "plain build exited with $ref_rc (timeout/crash: generator bug?)"
    fi
    if [ "$sl_rc" = 124 ]; then
        verdict FAIL "stackless build timed out after ${TIMEOUT}s (plain build: status $ref_rc)"
    fi
    if ! cmp -s ref.out sl.out; then
        line=$(cmp ref.out sl.out 2>&1 | head -1)
        verdict FAIL "stdout differs ($line); status plain=$ref_rc stackless=$sl_rc"
    fi
    if [ "$ref_rc" != "$sl_rc" ]; then
        verdict FAIL "exit status differs: plain=$ref_rc stackless=$sl_rc"
    fi
    # Lines the stackless build warns about and the plain one does not. Warnings of the
    # compilers' folding heuristics are left out: with a suspending call hoisted out of an
    # expression (`!(f(), ~x)` becomes `!((void)t, ~x)`) they may see through what the call hid;
    # they judge constants, not the transform's code; so does clang's -Wparentheses-equality,
    # which it leaves out for some operand types. (A line the plain build warns about too
    # passes: which of its warnings a compiler prints depends on what it folded.)
    warning_lines() {
        grep ': warning: ' "$1" | sed -E 's#^([^:]+:[0-9]+):.*$#\1#' | sort -u
    }
    heuristic='\[-W(sign-compare|bool-compare|type-limits|int-in-bool-context|tautological[a-z-]*|parentheses-equality)\]'
    extra_lines=$(comm -13 <(warning_lines ref.cc.err) <(grep -Ev "$heuristic" sl.cc.err | warning_lines /dev/stdin) | head -n 3)
    extra=$(for l in $extra_lines; do grep -m1 "^$l:[0-9]*: warning: " sl.cc.err; done)
    if [ -n "$extra" ]; then
        verdict FAIL "the stackless build warns where the plain one does not: $extra"
    fi
    verdict PASS
fi

# ------------------------------------------------------------------ driver
usage() {
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

stackless="$root/.build/debug/stackless"
cc=cc
count=200
start=1
jobs=$(nproc 2>/dev/null || echo 2)
keep=""
size=2
while [ $# -gt 0 ]; do
    case "$1" in
        --stackless) stackless=$2; shift 2 ;;
        --cc) cc=$2; shift 2 ;;
        --count) count=$2; shift 2 ;;
        --seed-start) start=$2; shift 2 ;;
        --jobs) jobs=$2; shift 2 ;;
        --keep) keep=$2; shift 2 ;;
        --size) size=$2; shift 2 ;;
        -h|--help) usage ;;
        *) echo "run.sh: unknown argument: $1" >&2; usage ;;
    esac
done

case "$stackless" in /*) ;; *) stackless="$(pwd)/$stackless" ;; esac
if [ ! -x "$stackless" ]; then
    echo "run.sh: stackless not found or not executable: $stackless (build it, or pass --stackless PATH)" >&2
    exit 2
fi
if ! command -v "${cc%% *}" > /dev/null 2>&1; then
    echo "run.sh: C compiler not found: $cc" >&2
    exit 2
fi
if [ -z "$keep" ]; then
    keep=$(mktemp -d "${TMPDIR:-/tmp}/stackless-fuzz.XXXXXX")
else
    mkdir -p "$keep"
fi
keep=$(cd "$keep" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/stackless-fuzz-work.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "fuzz: seeds $start..$((start + count - 1)), size $size, $jobs jobs, cc=$cc"
echo "fuzz: stackless=$stackless"
echo "fuzz: failing programs are kept in $keep"

export FUZZ_WORK="$work" FUZZ_KEEP="$keep" FUZZ_CC="$cc" FUZZ_STACKLESS="$stackless" \
       FUZZ_SIZE="$size"
seq "$start" $((start + count - 1)) | xargs -P "$jobs" -n 1 bash "$here/run.sh" __worker

passed=0
failed=0
failed_seeds=()
for s in $(seq "$start" $((start + count - 1))); do
    if [ "$(cat "$work/result.$s" 2>/dev/null)" = PASS ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        failed_seeds+=("$s")
    fi
done
if [ "$failed" -gt 0 ]; then
    echo "fuzz: failing seeds: ${failed_seeds[*]}"
else
    rmdir "$keep" 2>/dev/null
fi
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
