#!/usr/bin/env bash
# Builds and runs greensock's tests (Tests/greensock/test-*.c) and the smoke test of the samples
# (Samples/greensock's echo_server and http_server, driven by smoke-samples.c) with
# `stackless cc`: plain, then with -fsanitize=address,undefined (LeakSanitizer on), then a subset
# under valgrind (--leak-check=full --track-fds=yes: a descriptor left open at exit fails), each
# with the default backend (epoll) and again with GREENSOCK_BACKEND=poll. In the plain pass,
# Benchmarks/http/check.py (the HTTP contract) also runs against http_server and the benchmark's
# greensock_server when python3 is there.
#
# Usage: Tests/greensock/run.sh [--stackless PATH] [--cc CC] [--run-with CMD] [--no-sanitize]
#                               [--no-valgrind] [--keep] [PATTERN...]
#
#   --stackless PATH  the stackless driver (default: <repo>/.build/debug/stackless)
#   --cc CC           the C compiler (default: $CC, else cc); exported as CC for stackless
#   --run-with CMD    run the programs (the samples' servers) under CMD, an emulator for a cross
#                     compiler's output; implies --no-sanitize --no-valgrind, and the HTTP
#                     contract check, which starts its server itself, is left out
#   --no-sanitize     skip the sanitizer pass
#   --no-valgrind     skip the valgrind pass
#   --keep            keep the build directory and print its path
#   PATTERN           only tests whose name contains PATTERN ("samples": the smoke test)
#
# A test states its needs in a comment line of its own:
#   /* run.sh: no-valgrind */     too slow, or at odds with valgrind's own descriptors
#
# Prints one line per build and run, then a summary; exits non-zero if anything failed.

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Options, checks and the work directory: Tests/c-harness.sh.
source "$script_dir/../c-harness.sh"
harness_setup greensock "$@"
target_runner=("${runner[@]}")   # --run-with: an emulator for a cross compiler's programs
samples="$repo_root/Samples/greensock"

matches() {
    [ ${#patterns[@]} -eq 0 ] && return 0
    local p
    for p in "${patterns[@]}"; do [[ $1 == *$p* ]] && return 0; done
    return 1
}

# The programs: the tests, then "samples" (the smoke test of both servers).
programs=()
for f in "$script_dir"/test-*.c; do
    name=$(basename "$f" .c)
    matches "$name" && programs+=("$name")
done
matches samples && programs+=(samples)
[ ${#programs[@]} -gt 0 ] || die "nothing matches ${patterns[*]}"

# Whether a test carries a `/* run.sh: KEY */` line.
has_directive() { [ -f "$script_dir/$1.c" ] && grep -q "run\.sh: $2" "$script_dir/$1.c"; }

passed=0
failed=0
failures=()

fail() {   # fail MODE NAME WHY LOG
    printf 'FAIL %-14s %s: %s\n' "$1" "$2" "$3"
    [ -f "$4" ] && tail -n 20 "$4" | sed 's/^/    /'
    failed=$((failed + 1)); failures+=("$1 $2")
}

# build MODE NAME OUT FILE: one program with the flags of MODE (plain, asan, valgrind).
build() {
    local mode=$1 name=$2 out=$3 file=$4
    local flags=(-std=c11 -Wall -Wextra -Werror -I "$script_dir")
    case $mode in
    plain) flags+=(-O2) ;;
    asan) flags+=(-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer) ;;
    valgrind) flags+=(-O1 -gdwarf-4) ;;
    esac
    [ -x "$out" ] && return 0
    if ! "$stackless" cc "${flags[@]}" "$file" -o "$out" -lpthread >"$out.build.log" 2>&1; then
        fail "$mode" "$name" "build failed" "$out.build.log"
        return 1
    fi
}

# Descriptors (files, sockets) valgrind saw open at exit that the program did not inherit.
fd_leaks() {
    awk '/== Open / { d = $0; getline nx; if (nx !~ /inherited from parent/) print d }' "$@"
}

# run_one MODE BACKEND NAME: builds NAME for MODE and runs it with GREENSOCK_BACKEND=BACKEND.
run_one() {
    local mode=$1 backend=$2 name=$3 label="$1/$2" exe runner=("${target_runner[@]}") log status
    log="$work/$mode-$backend-$name.log"
    if [ "$name" = samples ]; then
        build "$mode" echo_server "$work/$mode-echo_server" "$samples/echo_server.c" || return
        build "$mode" http_server "$work/$mode-http_server" "$samples/http_server.c" || return
        # The client runs on this machine (plain cc); the servers are the target's, behind the
        # emulator when there is one.
        [ ${#target_runner[@]} -gt 0 ] && [ "$mode" = plain ] && export SMOKE_WRAP="${target_runner[*]}"
        if [ ! -x "$work/smoke-samples" ] &&
            ! $([ ${#target_runner[@]} -gt 0 ] && echo cc || echo "${cc}") -std=c11 -O1 -Wall -Wextra -Werror "$script_dir/smoke-samples.c" \
                -o "$work/smoke-samples" >"$work/smoke.build.log" 2>&1; then
            fail "$label" samples "build failed" "$work/smoke.build.log"
            return
        fi
        exe=("$work/smoke-samples" "$work/$mode-echo_server" "$work/$mode-http_server")
    else
        build "$mode" "$name" "$work/$mode-$name" "$script_dir/$name.c" || return
        exe=("$work/$mode-$name")
    fi
    local vglog="$work/vg-$backend-$name"
    rm -f "$vglog".*
    local wrap="valgrind -q --leak-check=full --error-exitcode=1 --track-fds=yes --log-file=$vglog.%p"
    if [ "$mode" = valgrind ]; then
        if [ "$name" = samples ]; then export SMOKE_WRAP="$wrap"; else read -ra runner <<<"$wrap"; fi
    fi
    [ "$name" = samples ] && runner=()  # the client is this machine's
    GREENSOCK_BACKEND=$backend ASAN_OPTIONS="detect_leaks=1:abort_on_error=0" \
        UBSAN_OPTIONS="print_stacktrace=1" \
        timeout -k 5 150 "${runner[@]}" "${exe[@]}" >"$log" 2>&1 </dev/null
    status=$?
    unset SMOKE_WRAP
    if [ "$mode" = valgrind ]; then
        cat "$vglog".* >>"$log" 2>/dev/null
        local leaked
        leaked=$(fd_leaks "$vglog".* 2>/dev/null)
        if [ -n "$leaked" ] && [ $status = 0 ]; then
            fail "$label" "$name" "descriptors open at exit: $(echo "$leaked" | sed 's/.*descriptor //' | tr '\n' ' ')" "$log"
            return
        fi
    fi
    if [ $status = 0 ]; then
        printf 'ok   %-14s %s%s\n' "$label" "$name" "$(grep '^ok' "$log" | tail -n 1 | sed -n 's/^ok\( (\(epoll\|poll\))\)\{0,1\}\(.*\)$/\3/p')"
        passed=$((passed + 1))
    else
        local why="exit status $status"
        [ $status = 124 ] && why="timed out"
        fail "$label" "$name" "$why" "$log"
    fi
}

# The HTTP contract shared with Benchmarks/http, against the plain http_server and the
# benchmark's greensock server (Benchmarks/http/greensock_server.c).
run_contract() {
    local backend=$1 check="$repo_root/Benchmarks/http/check.py" server log
    [ -f "$check" ] && command -v python3 >/dev/null 2>&1 || return 0
    [ ${#target_runner[@]} -eq 0 ] || return 0  # check.py starts the server itself: not through an emulator
    [ -x "$work/plain-http_server" ] || return 0
    [ -x "$work/plain-greensock_server" ] ||
        build plain greensock_server "$work/plain-greensock_server" "$repo_root/Benchmarks/http/greensock_server.c" ||
        return 0
    for server in http_server greensock_server; do
        log="$work/contract-$backend-$server.log"
        if GREENSOCK_BACKEND=$backend timeout -k 5 120 python3 "$check" "$work/plain-$server" >"$log" 2>&1; then
            printf 'ok   %-14s %s\n' "plain/$backend" "http contract of $server (Benchmarks/http/check.py)"
            passed=$((passed + 1))
        else
            fail "plain/$backend" "http contract of $server" "check.py failed" "$log"
        fi
    done
}

for backend in epoll poll; do
    for p in "${programs[@]}"; do run_one plain $backend "$p"; done
    matches samples && run_contract $backend
done
if [ $sanitize = 1 ]; then
    for backend in epoll poll; do
        for p in "${programs[@]}"; do run_one asan $backend "$p"; done
    done
fi
if [ $valgrind = 1 ]; then
    for backend in epoll poll; do
        for p in "${programs[@]}"; do
            has_directive "$p" no-valgrind && continue
            # The poll backend under valgrind: the operations and oneof only (time).
            [ $backend = poll ] && [[ $p != test-ops && $p != test-oneof ]] && continue
            run_one valgrind $backend "$p"
        done
    done
fi

echo "greensock: $passed passed, $failed failed"
if [ $failed -gt 0 ]; then
    printf '  failed: %s\n' "${failures[@]}"
    exit 1
fi
exit 0
