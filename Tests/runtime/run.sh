#!/usr/bin/env bash
# Builds and runs the runtime's tests (Tests/runtime/test-*.c) and the C samples
# (Samples/C/*.c) with `stackless cc`: first plain, then with
# -fsanitize=address,undefined, then a subset under valgrind (-gdwarf-4). The
# benchmark (bench-runtime.c) runs once, plain, with small counts, to keep it building.
#
# Usage: Tests/runtime/run.sh [--stackless PATH] [--cc CC] [--no-sanitize] [--no-valgrind]
#                             [--keep] [PATTERN...]
#
#   --stackless PATH  the stackless driver (default: <repo>/.build/debug/stackless)
#   --cc CC           the C compiler (default: $CC, else cc); exported as CC for stackless
#   --no-sanitize     skip the sanitizer pass
#   --no-valgrind     skip the valgrind pass
#   --keep            keep the build directory and print its path
#   PATTERN           only tests and samples whose name contains PATTERN
#
# A test or sample states its needs in a comment line of its own:
#   /* run.sh: flags=--torture -DSL_CHECKED */   extra stackless cc flags
#   /* run.sh: args=1000 5 */                    arguments for the run
#   /* run.sh: no-valgrind */                    too slow under valgrind
#   /* run.sh: plain-only */                     plain pass only (the benchmark)
#
# Prints one line per build and run, then a summary; exits non-zero if anything failed.

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
stackless="$repo_root/.build/debug/stackless"
cc="${CC:-cc}"
sanitize=1
valgrind=1
keep=0
patterns=()

die() { echo "run.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
    case "$1" in
    --stackless) [ $# -ge 2 ] || die "--stackless needs a path"; stackless=$2; shift 2 ;;
    --cc) [ $# -ge 2 ] || die "--cc needs a compiler"; cc=$2; shift 2 ;;
    --no-sanitize) sanitize=0; shift ;;
    --no-valgrind) valgrind=0; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) patterns+=("$1"); shift ;;
    esac
done

case "$stackless" in /*) ;; */*) stackless="$PWD/$stackless" ;; esac
[ -x "$stackless" ] || die "stackless driver not found: $stackless (run swift build, or pass --stackless)"
command -v "${cc%% *}" >/dev/null 2>&1 || die "C compiler not found: $cc"
if [ $valgrind = 1 ] && ! command -v valgrind >/dev/null 2>&1; then
    echo "run.sh: valgrind not found; skipping the valgrind pass" >&2
    valgrind=0
fi
export CC="$cc"
# The runtime under test is this tree's, whichever driver builds it.
export STACKLESS_RUNTIME="${STACKLESS_RUNTIME:-$repo_root/Sources/StacklessRuntime}"

work=$(mktemp -d "${TMPDIR:-/tmp}/stackless-runtime.XXXXXX") || die "cannot create a temp dir"
cleanup() { if [ $keep = 1 ]; then echo "build directory kept: $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT

# The programs: tests first, then samples.
programs=()
for f in "$script_dir"/test-*.c "$repo_root"/Samples/C/*.c "$script_dir"/bench-*.c; do
    [ -f "$f" ] || continue
    name=$(basename "$f" .c)
    if [ ${#patterns[@]} -gt 0 ]; then
        matched=0
        for p in "${patterns[@]}"; do [[ $name == *$p* ]] && matched=1; done
        [ $matched = 1 ] || continue
    fi
    programs+=("$f")
done
[ ${#programs[@]} -gt 0 ] || die "nothing matches ${patterns[*]}"

# The value of a `/* run.sh: key=value */` or `/* run.sh: key */` line.
directive() {
    local line
    line=$(grep -m1 -o "run\.sh: $2[^*]*" "$1") || return 1
    line=${line#run.sh: $2}
    line=${line#=}
    echo "${line% }"
}

passed=0
failed=0
failures=()

# run_one MODE FILE: builds and runs FILE in MODE (plain, asan, valgrind).
run_one() {
    local mode=$1 file=$2 name extra args exe log status
    name=$(basename "$file" .c)
    extra=$(directive "$file" flags) || extra=""
    args=$(directive "$file" args) || args=""
    exe="$work/$mode-$name"
    log="$work/$mode-$name.log"
    local flags=(-std=c11 -Wall -Wextra -Werror -I "$script_dir" -I "$STACKLESS_RUNTIME/src")
    local runner=()
    case $mode in
    plain) flags+=(-O2) ;;
    asan) flags+=(-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer) ;;
    valgrind) flags+=(-O1 -gdwarf-4)
        runner=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite) ;;
    esac
    # shellcheck disable=SC2086
    if ! "$stackless" cc $extra "${flags[@]}" "$file" -o "$exe" -lpthread >"$log" 2>&1; then
        printf 'FAIL %-8s %s: build failed\n' "$mode" "$name"
        head -n 20 "$log" | sed 's/^/    /'
        failed=$((failed + 1)); failures+=("$mode $name")
        return
    fi
    # shellcheck disable=SC2086
    ASAN_OPTIONS="detect_leaks=1:abort_on_error=0" UBSAN_OPTIONS="print_stacktrace=1" \
        timeout -k 5 300 "${runner[@]}" "$exe" $args >"$log.out" 2>"$log.err" </dev/null
    status=$?
    if [ $status = 0 ]; then
        printf 'ok   %-8s %s%s\n' "$mode" "$name" "$(tail -n 1 "$log.out" | sed -n 's/^ok\(.*\)$/\1/p')"
        passed=$((passed + 1))
    else
        local why="exit status $status"
        [ $status = 124 ] && why="timed out"
        [ $status = 99 ] && why="valgrind errors"
        printf 'FAIL %-8s %s: %s\n' "$mode" "$name" "$why"
        tail -n 15 "$log.err" | sed 's/^/    /'
        failed=$((failed + 1)); failures+=("$mode $name")
    fi
}

for f in "${programs[@]}"; do run_one plain "$f"; done
if [ $sanitize = 1 ]; then
    for f in "${programs[@]}"; do
        directive "$f" plain-only >/dev/null || run_one asan "$f"
    done
fi
if [ $valgrind = 1 ]; then
    for f in "${programs[@]}"; do
        directive "$f" no-valgrind >/dev/null && continue
        directive "$f" plain-only >/dev/null && continue
        run_one valgrind "$f"
    done
fi

echo "runtime: $passed passed, $failed failed"
if [ $failed -gt 0 ]; then
    printf '  failed: %s\n' "${failures[@]}"
    exit 1
fi
exit 0
