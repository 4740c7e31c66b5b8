#!/usr/bin/env bash
# Builds and runs the runtime's tests (Tests/runtime/test-*.c) and the C samples
# (Samples/C/*.c) with `stackless cc`: first plain, then with
# -fsanitize=address,undefined, then a subset under valgrind (-gdwarf-4). The
# benchmark (bench-runtime.c) runs once, plain, with small counts, to keep it building.
#
# Usage: Tests/runtime/run.sh [--stackless PATH] [--cc CC] [--run-with CMD] [--no-sanitize]
#                             [--no-valgrind] [--keep] [PATTERN...]
#
#   --stackless PATH  the stackless driver (default: <repo>/.build/debug/stackless)
#   --cc CC           the C compiler (default: $CC, else cc); exported as CC for stackless
#   --run-with CMD    run each program under CMD (an emulator: `qemu-riscv64 -L /usr/riscv64-linux-gnu`,
#                     scripts/wasi-run); implies --no-sanitize --no-valgrind
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
#   /* run.sh: needs=threads fork */              what the target must have (WASI has neither
#                                                threads, setjmp nor fork: skipped there, said so)
#
# Prints one line per build and run, then a summary; exits non-zero if anything failed.

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Options, checks and the work directory: Tests/c-harness.sh.
source "$script_dir/../c-harness.sh"
harness_setup runtime "$@"
target_runner=("${runner[@]}")
# WASI has no threads, setjmp, fork or sockets: programs that need them say so
# (`/* run.sh: needs=threads setjmp */`) and are reported as not for that target.
target_lacks=()
link_threads=(-lpthread)
# shellcheck disable=SC2086
case "$($cc -dumpmachine 2>/dev/null)" in
*wasi*) target_lacks=(threads setjmp fork); link_threads=() ;;
esac

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
skipped=0
failures=()

# run_one MODE FILE: builds and runs FILE in MODE (plain, asan, valgrind).
run_one() {
    local mode=$1 file=$2 name extra args exe log status
    name=$(basename "$file" .c)
    local need lacked
    for need in $(directive "$file" needs); do
        for lacked in "${target_lacks[@]}"; do
            if [ "$need" = "$lacked" ]; then
                printf 'skip %-8s %s: the target has no %s\n' "$mode" "$name" "$need"
                skipped=$((skipped + 1))
                return
            fi
        done
    done
    extra=$(directive "$file" flags) || extra=""
    args=$(directive "$file" args) || args=""
    exe="$work/$mode-$name"
    log="$work/$mode-$name.log"
    local flags=(-std=c11 -Wall -Wextra -Werror -I "$script_dir" -I "$STACKLESS_RUNTIME/src")
    local runner=("${target_runner[@]}")
    case $mode in
    plain) flags+=(-O2) ;;
    asan) flags+=(-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer) ;;
    valgrind) flags+=(-O1 -gdwarf-4)
        runner=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite) ;;
    esac
    # shellcheck disable=SC2086
    if ! "$stackless" cc $extra "${flags[@]}" "$file" -o "$exe" "${link_threads[@]}" >"$log" 2>&1; then
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

if [ $skipped -gt 0 ]; then echo "runtime: $passed passed, $failed failed, $skipped skipped"
else echo "runtime: $passed passed, $failed failed"; fi
if [ $failed -gt 0 ]; then
    printf '  failed: %s\n' "${failures[@]}"
    exit 1
fi
exit 0
