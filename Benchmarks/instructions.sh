#!/usr/bin/env bash
# Benchmarks/instructions.sh: instructions per switch, channel message and tasklet_schedule,
# counted by callgrind (stable on a shared machine, where times are not), beside the hand-written
# prototype's figures and the targets of issue 12.
#
# Usage: Benchmarks/instructions.sh [--cc CC]... [--n N] [--profile WORKLOAD PARAM]
#   --cc CC        a compiler to build with (repeatable; default: gcc and clang when found)
#   --n N          the shorter run length (default 100000; the longer is 2N)
#   --profile W P  instead of the table: callgrind_annotate of workload W (param P, - for none)
#                  at 2N operations, per function (the first --cc only)
# Environment: STACKLESS=path uses that stackless tool (default: .build/release/stackless,
# built when missing).
#
# Each figure is (instructions at 2N operations - instructions at N) / N: everything done once
# (start-up, creating and freeing greenlets, building a scheduler) cancels out. Programs are
# `stackless cc -O2 -gdwarf-4` builds of peers/bench_stackless.c (its `count` mode), under
# Benchmarks/.build/instructions.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$bench_dir/.." && pwd)
build="$bench_dir/.build/instructions"
n=100000
ccs=()
profile=()
while [ $# -gt 0 ]; do
    case "$1" in
    --cc) ccs+=("$2"); shift 2 ;;
    --n) n=$2; shift 2 ;;
    --profile) profile=("$2" "$3"); shift 3 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "instructions.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
command -v valgrind >/dev/null 2>&1 || { echo "instructions.sh: needs valgrind (apt-get install valgrind)" >&2; exit 1; }
if [ ${#ccs[@]} = 0 ]; then
    ccs=(gcc)
    for c in clang /opt/swift/usr/bin/clang; do
        if command -v "$c" >/dev/null 2>&1; then ccs+=("$(command -v "$c")"); break; fi
    done
fi

STACKLESS=${STACKLESS:-$repo/.build/release/stackless}
if [ ! -x "$STACKLESS" ]; then
    echo "==> building the stackless tool (swift build -c release --product stackless)" >&2
    (cd "$repo" && swift build -c release --product stackless >&2)
fi
mkdir -p "$build"

programs=()
for cc in "${ccs[@]}"; do
    name=$(basename "$cc")
    # valgrind 3.19 cannot read clang 21's DWARF 5.
    CC=$cc "$STACKLESS" cc -O2 -gdwarf-4 -I"$bench_dir/common" "$bench_dir/peers/bench_stackless.c" \
        -o "$build/bench-$name" >&2
    programs+=("$build/bench-$name")
done

# Instructions executed by `program count W P N` (the whole process).
instructions() {
    local out="$build/callgrind.out.$$"
    valgrind --tool=callgrind --callgrind-out-file="$out" "$@" >/dev/null 2>"$build/valgrind.log" ||
        { cat "$build/valgrind.log" >&2; exit 1; }
    awk '/^summary:/ { print $2 }' "$out"
    rm -f "$out"
}

if [ ${#profile[@]} = 2 ]; then
    out="$build/callgrind.profile"
    valgrind --tool=callgrind --callgrind-out-file="$out" "${programs[0]}" count "${profile[0]}" "${profile[1]}" $((2 * n)) \
        >/dev/null 2>"$build/valgrind.log"
    echo "callgrind: ${programs[0]} count ${profile[0]} ${profile[1]} $((2 * n)); instructions per function / $((2 * n)):"
    callgrind_annotate "$out" 2>/dev/null | awk -v ops=$((2 * n)) '
        /Auto-annotated source/ { exit }
        /^-+$/ { rule++ }
        rule >= 3 && $1 ~ /^[0-9,]+$/ { c = $1; gsub(",", "", c); if (c / ops >= 0.5) printf "%8.1f  %s\n", c / ops, $0 }'
    exit 0
fi

# workload, param, description, prototype's figure, target (issue 12)
rows=(
    "switch_root|1|switch root <-> greenlet, depth 1 (one way)|32-45|45"
    "switch_root|1000|switch root <-> greenlet, depth 1000 (one way)|32-45|45"
    "switch_coro|1|switch greenlet <-> greenlet, depth 1 (one way)|43-54|55"
    "switch_coro|1000|switch greenlet <-> greenlet, depth 1000 (one way)|43-54|55"
    "channel|-|channel message, send to a waiting receiver (ping-pong)|-|110"
    "schedule|-|tasklet_schedule, round robin between two tasklets|-|60"
    "create|-|create a greenlet, switch into it, it returns, free it|-|-"
)

header="| operation | prototype | target |"
rule="|---|---|---|"
for p in "${programs[@]}"; do
    header+=" stackless ($(basename "$p" | sed 's/^bench-//')) |"
    rule+="---|"
done
echo "Instructions per operation (callgrind; (count at $((2 * n)) - count at $n) / $n), at $(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?'):"
echo
echo "$header"
echo "$rule"
for row in "${rows[@]}"; do
    IFS='|' read -r workload param what proto target <<<"$row"
    line="| $what | $proto | ≤ $target |"
    [ "$target" = - ] && line="| $what | $proto | - |"
    for p in "${programs[@]}"; do
        short=$(instructions "$p" count "$workload" "$param" "$n")
        long=$(instructions "$p" count "$workload" "$param" $((2 * n)))
        line+=" $(awk -v a="$short" -v b="$long" -v n="$n" 'BEGIN { printf "%.1f", (b - a) / n }') |"
    done
    echo "$line"
done
