#!/usr/bin/env bash
# End-to-end differential test harness for `stackless cc`.
#
# Every program under Tests/e2e/programs/ (a NNN_name.c file, or a NNN_name/
# folder of .c files) is built twice: once with plain $CC and once with
# `stackless cc --suspend-all --torture`, with the same flags. Both binaries
# are run and their stdout and exit status must be identical, and the stackless
# build must print no warning (-Wall -Wextra) that the plain build does not.
#
# Usage: Tests/e2e/run.sh [--stackless PATH] [--cc CC] [--sanitize] [--valgrind]
#                         [--run-with CMD] [--jobs N] [--keep] [--separate] [PATTERN...]
#
#   --stackless PATH  the stackless driver (default: <repo>/.build/debug/stackless)
#   --cc CC           the C compiler for both builds (default: $CC, else cc);
#                     exported as CC so that stackless uses it too
#   --sanitize        build both with -fsanitize=address,undefined -fno-sanitize-recover=all
#   --valgrind        build both with -gdwarf-4 and run both under valgrind
#   --run-with CMD    run both programs under CMD: an emulator for a cross compiler's output
#                     (`--cc aarch64-linux-gnu-gcc --run-with "qemu-aarch64 -L /usr/aarch64-linux-gnu"`,
#                     `--cc "clang --target=wasm32-wasi" --run-with scripts/wasi-run`). A program
#                     whose plain build fails for that target (setjmp on WASI) is reported as
#                     skipped, with the compiler's reason, and counted apart
#   --jobs N          programs tested in parallel (default: nproc)
#   --timeout SECS    per-run timeout (default: 20)
#   --keep            keep the temporary work directory and print its path
#   --separate        build multi-file programs the way make does: each .c with
#                     `stackless cc -c`, then a link of the objects (only folders)
#   --one-body POLICY `stackless cc --one-body POLICY` (auto, always, never): always emits
#                     every function it can as one body instead of two copies
#   PATTERN           only programs whose name contains PATTERN (shell globs allowed)
#
# A program that needs arguments carries a first-line comment in one of its
# .c files:  /* e2e: args=alpha beta 42 */  (split on whitespace, no quoting).
#
# Exit status: 0 if every selected program passed, 1 if any failed,
# 2 on usage or setup errors.

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
programs_dir="$script_dir/programs"

stackless="$repo_root/.build/debug/stackless"
cc="${CC:-cc}"
sanitize=0
valgrind=0
jobs=""
timeout_secs=20
keep=0
separate=0
one_body=()
patterns=()
target_runner=()

usage() { sed -n '2,/^$/{s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }
die() { echo "run.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
    case "$1" in
    --stackless) [ $# -ge 2 ] || die "--stackless needs a path"; stackless=$2; shift 2 ;;
    --stackless=*) stackless=${1#*=}; shift ;;
    --cc) [ $# -ge 2 ] || die "--cc needs a compiler"; cc=$2; shift 2 ;;
    --cc=*) cc=${1#*=}; shift ;;
    --sanitize) sanitize=1; shift ;;
    --run-with) [ $# -ge 2 ] || die "--run-with needs a command"; read -r -a target_runner <<<"$2"; shift 2 ;;
    --run-with=*) read -r -a target_runner <<<"${1#*=}"; shift ;;
    --valgrind) valgrind=1; shift ;;
    --jobs|-j) [ $# -ge 2 ] || die "--jobs needs a number"; jobs=$2; shift 2 ;;
    --jobs=*) jobs=${1#*=}; shift ;;
    -j[0-9]*) jobs=${1#-j}; shift ;;
    --timeout) [ $# -ge 2 ] || die "--timeout needs seconds"; timeout_secs=$2; shift 2 ;;
    --timeout=*) timeout_secs=${1#*=}; shift ;;
    --keep) keep=1; shift ;;
    --separate) separate=1; shift ;;
    --one-body) [ $# -ge 2 ] || die "--one-body needs a policy"; one_body=(--one-body "$2"); shift 2 ;;
    -h|--help) usage; exit 0 ;;
    --) shift; patterns+=("$@"); break ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) patterns+=("$1"); shift ;;
    esac
done

if [ -z "$jobs" ]; then
    jobs=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
fi
case "$jobs" in ''|*[!0-9]*|0) die "--jobs must be a positive integer" ;; esac
case "$timeout_secs" in ''|*[!0-9]*|0) die "--timeout must be a positive integer" ;; esac

# Resolve tools.
case "$stackless" in /*) ;; */*) stackless="$PWD/$stackless" ;; esac
if [ ! -x "$stackless" ]; then
    if command -v "$stackless" >/dev/null 2>&1; then stackless=$(command -v "$stackless")
    else die "stackless driver not found or not executable: $stackless (build it or pass --stackless)"; fi
fi
command -v "${cc%% *}" >/dev/null 2>&1 || die "C compiler not found: $cc"
timeout_cmd=$(command -v timeout || command -v gtimeout) || die "need coreutils timeout"
if [ $valgrind = 1 ]; then command -v valgrind >/dev/null 2>&1 || die "valgrind not found"; fi
[ -d "$programs_dir" ] || die "no programs directory at $programs_dir"
[ "${BASH_VERSINFO[0]}" -gt 4 ] || { [ "${BASH_VERSINFO[0]}" -eq 4 ] && [ "${BASH_VERSINFO[1]}" -ge 3 ]; } ||
    die "needs bash >= 4.3"

export CC="$cc"

# Both builds warn as -Wall -Wextra: the stackless build must add no warning of its own (the
# generated code's are the transform's bugs; the user's come once, at the user's line).
flags=(-std=gnu11 -O1 -Wall -Wextra)
if [ $sanitize = 1 ]; then
    # -O0: optimising a torture build's main (every call a suspend point, twice over) with the
    # sanitizers takes gcc minutes per function; the sanitizers check just as well unoptimised.
    flags=(-std=gnu11 -O0 -w -fsanitize=address,undefined -fno-sanitize-recover=all)
    # Distinctive exit status for sanitizer reports, so they are told apart from program statuses.
    export ASAN_OPTIONS="exitcode=97${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
    export UBSAN_OPTIONS="exitcode=97:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
fi
[ $valgrind = 1 ] && flags+=(-gdwarf-4)
runner=()
[ $valgrind = 1 ] && runner=(valgrind --error-exitcode=99 -q)
if [ ${#target_runner[@]} -gt 0 ]; then
    command -v "${target_runner[0]}" >/dev/null 2>&1 || die "--run-with: not found: ${target_runner[0]}"
    case "${target_runner[0]}" in */*) target_runner[0]=$(cd "$(dirname "${target_runner[0]}")" && pwd)/$(basename "${target_runner[0]}") ;; esac
    [ $valgrind = 1 ] && die "--valgrind and --run-with exclude each other"
    runner=("${target_runner[@]}")
fi

# Collect programs.
names=()
for entry in "$programs_dir"/*; do
    if [ -f "$entry" ] && [ "${entry%.c}" != "$entry" ]; then
        [ $separate = 1 ] && continue
        name=$(basename "$entry" .c)
    elif [ -d "$entry" ] && compgen -G "$entry/*.c" >/dev/null; then name=$(basename "$entry")
    else continue; fi
    if [ ${#patterns[@]} -gt 0 ]; then
        matched=0
        for pat in "${patterns[@]}"; do
            # shellcheck disable=SC2053
            [[ $name == *$pat* ]] && { matched=1; break; }
        done
        [ $matched = 1 ] || continue
    fi
    names+=("$name")
done
[ ${#names[@]} -gt 0 ] || die "no programs match ${patterns[*]:-(all)}"

work=$(mktemp -d "${TMPDIR:-/tmp}/stackless-e2e.XXXXXX") || die "cannot create a temp dir"
cleanup() {
    local pids
    pids=$(jobs -p)
    [ -n "$pids" ] && kill $pids 2>/dev/null
    if [ $keep = 1 ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT TERM
mkdir -p "$work/results"

# The warnings of a build log, each once, as file:line: message (no folder, no column: the
# stackless build names the user's files and lines).
warnings_of() {
    grep ': warning: ' "$1" | sed -E 's#^[^:]*/##; s#^([^:]+:[0-9]+):[0-9]+:#\1:#' | sort -u
}

# Print the first lines of a log file, indented.
excerpt() { head -n "${2:-20}" "$1" | sed 's/^/    /'; }

# The stackless build of a program's files into $dir/stackless: all files at once, or with
# --separate one `cc -c` per file and a link of the objects. Reads $inc from run_one.
build_stackless() {
    local dir=$1 f objects=()
    shift
    if [ $separate = 0 ]; then
        (cd "$dir" && "$stackless" cc --suspend-all --torture ${one_body[@]+"${one_body[@]}"} "${flags[@]}" "${inc[@]}" "$@" -o "$dir/stackless")
        return
    fi
    for f in "$@"; do
        (cd "$dir" && "$stackless" cc --suspend-all --torture ${one_body[@]+"${one_body[@]}"} "${flags[@]}" "${inc[@]}" -c "$f" \
            -o "$dir/$(basename "$f" .c).o") || return
        objects+=("$dir/$(basename "$f" .c).o")
    done
    (cd "$dir" && "$stackless" cc --torture "${flags[@]}" "${objects[@]}" -o "$dir/stackless")
}

# Test one program; writes $work/results/$idx.{txt,status}.
run_one() {
    local idx=$1 name=$2
    local dir="$work/$name" src="$programs_dir/$name" files=() args=() f line inc=()
    mkdir -p "$dir"
    if [ -d "$src" ]; then
        files=("$src"/*.c)
        inc=(-I "$src")
    else
        files=("$src.c")
    fi
    for f in "${files[@]}"; do
        IFS= read -r line <"$f" || true
        case "$line" in
        *"e2e: args="*)
            line=${line#*e2e: args=}
            line=${line%%\*/*}
            read -r -a args <<<"$line"
            break ;;
        esac
    done

    local out="$dir/result.txt" status=fail
    {
        # shellcheck disable=SC2086
        if ! (cd "$dir" && $cc "${flags[@]}" "${inc[@]}" "${files[@]}" -o "$dir/plain") >"$dir/plain.build.log" 2>&1; then
            if [ ${#target_runner[@]} -gt 0 ]; then
                printf 'skip %s: not a program for this target: %s\n' "$name" \
                    "$(grep -m1 'error:' "$dir/plain.build.log" | sed 's/^.*error: *//')"
                status=skip
            else
                printf 'FAIL %s: plain %s build failed\n' "$name" "$cc"
                excerpt "$dir/plain.build.log"
            fi
        elif ! build_stackless "$dir" "${files[@]}" >"$dir/stackless.build.log" 2>&1; then
            printf 'FAIL %s: stackless build failed\n' "$name"
            excerpt "$dir/stackless.build.log"
        else
            local prc src_rc
            (cd "$dir" && "$timeout_cmd" -k 5 "$timeout_secs" "${runner[@]}" ./plain "${args[@]}" \
                <"/dev/null" >"$dir/plain.out" 2>"$dir/plain.err")
            prc=$?
            (cd "$dir" && "$timeout_cmd" -k 5 "$timeout_secs" "${runner[@]}" ./stackless "${args[@]}" \
                <"/dev/null" >"$dir/stackless.out" 2>"$dir/stackless.err")
            src_rc=$?
            local same_out=1 extra_warnings
            cmp -s "$dir/plain.out" "$dir/stackless.out" || same_out=0
            extra_warnings=$(comm -13 <(warnings_of "$dir/plain.build.log") <(warnings_of "$dir/stackless.build.log"))
            if [ $prc = 124 ] || [ $prc = 137 ]; then
                printf 'FAIL %s: plain program timed out after %ss (corpus bug?)\n' "$name" "$timeout_secs"
            elif [ $sanitize = 1 ] && [ $prc = 97 ]; then
                printf 'FAIL %s: plain program reports sanitizer errors (corpus bug)\n' "$name"
                excerpt "$dir/plain.err"
            elif [ $valgrind = 1 ] && [ $prc = 99 ]; then
                printf 'FAIL %s: plain program reports valgrind errors (corpus bug)\n' "$name"
                excerpt "$dir/plain.err"
            elif [ $src_rc = 124 ] || [ $src_rc = 137 ]; then
                printf 'FAIL %s: stackless program timed out after %ss\n' "$name" "$timeout_secs"
            elif [ $sanitize = 1 ] && [ $src_rc = 97 ]; then
                printf 'FAIL %s: sanitizer errors in the stackless program\n' "$name"
                excerpt "$dir/stackless.err" 30
            elif [ $valgrind = 1 ] && [ $src_rc = 99 ]; then
                printf 'FAIL %s: valgrind errors in the stackless program\n' "$name"
                excerpt "$dir/stackless.err" 30
            elif [ $same_out = 1 ] && [ $prc = "$src_rc" ] && [ -n "$extra_warnings" ]; then
                printf 'FAIL %s: the stackless build warns where the plain one does not\n' "$name"
                printf '%s\n' "$extra_warnings" | head -n 10 | sed 's/^/    /'
            elif [ $same_out = 1 ] && [ $prc = "$src_rc" ]; then
                printf 'ok   %s\n' "$name"
                status=ok
            else
                local why=""
                [ $same_out = 0 ] && why="stdout differs"
                [ "$prc" != "$src_rc" ] && why="${why:+$why, }exit status $src_rc, expected $prc"
                printf 'FAIL %s: %s\n' "$name" "$why"
                if [ $same_out = 0 ]; then
                    diff -u --label "plain/$name" --label "stackless/$name" "$dir/plain.out" "$dir/stackless.out" |
                        head -n 30 | sed 's/^/    /'
                fi
                if [ -s "$dir/stackless.err" ]; then
                    echo "    --- stackless stderr:"
                    excerpt "$dir/stackless.err" 10
                fi
            fi
        fi
    } >"$out" 2>&1
    mv "$out" "$work/results/$idx.txt"
    echo "$status" >"$work/results/$idx.status"
}

echo "e2e: ${#names[@]} programs, cc=$cc, stackless=$stackless, jobs=$jobs$([ $separate = 1 ] && echo ', separate')$([ $sanitize = 1 ] && echo ', sanitize')$([ $valgrind = 1 ] && echo ', valgrind')$([ ${#target_runner[@]} -gt 0 ] && echo ", run with ${target_runner[*]}")"

next=0
passed=0
failed=0
skipped=0
flush() {
    while [ $next -lt ${#names[@]} ] && [ -e "$work/results/$next.status" ]; do
        cat "$work/results/$next.txt"
        case "$(cat "$work/results/$next.status")" in
        ok) passed=$((passed + 1)) ;;
        skip) skipped=$((skipped + 1)) ;;
        *) failed=$((failed + 1)) ;;
        esac
        next=$((next + 1))
    done
}

for i in "${!names[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
        wait -n 2>/dev/null
        flush
    done
    run_one "$i" "${names[$i]}" &
    flush
done
wait
flush

if [ $skipped -gt 0 ]; then echo "e2e: $passed passed, $failed failed, $skipped skipped"
else echo "e2e: $passed passed, $failed failed"; fi
[ $failed -eq 0 ]
