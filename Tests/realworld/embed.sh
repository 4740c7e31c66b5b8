#!/usr/bin/env bash
# The real use, without --suspend-all: Lua 5.4 from Debian's source package, unmodified, embedded
# in Tests/realworld/embed/lua_consoles.c, whose native read_line() waits on a channel. Built with
# `stackless cc` (the interpreter made resumable where read_line can be reached from), many
# consoles run at once as tasklets on one thread. The oracle is the same program built plainly
# with -DSEQUENTIAL (the consoles one after the other): each console's transcript must be the
# same, and the stackless run must actually interleave the consoles.
#
# Usage: Tests/realworld/embed.sh [--stackless PATH] [--cc CC] [--keep]
# Sources come from `apt-get source lua5.4` into $STACKLESS_REALWORLD_CACHE (see fetch.sh).
set -uo pipefail
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
cache=${STACKLESS_REALWORLD_CACHE:-$HOME/.cache/stackless-realworld}
export STACKLESS_REALWORLD_CACHE=$cache
stackless="" cc="${CC:-cc}" keep=0
die() { echo "embed.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
    --stackless) stackless=$2; shift 2 ;;
    --cc) cc=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
    esac
done
if [ -z "$stackless" ]; then
    stackless="$repo_root/.build/release/stackless"
    [ -x "$stackless" ] || stackless="$repo_root/.build/debug/stackless"
fi
[ -x "$stackless" ] || die "stackless driver not found: $stackless (swift build -c release, or pass --stackless)"

"$script_dir/fetch.sh" lua5.4 || exit 2
src=$(ls -d "$cache"/lua5.4/*/src 2>/dev/null | head -1)
[ -n "$src" ] || die "no Lua sources under $cache/lua5.4"

work=$(mktemp -d "${TMPDIR:-/tmp}/stackless-embed.XXXXXX") || die "cannot create a work directory"
trap '[ $keep = 1 ] && echo "work directory kept: $work" || rm -rf "$work"' EXIT
cd "$work" || exit 2
echo "#define DEB_HOST_MULTIARCH \"$(gcc -print-multiarch 2>/dev/null || echo unknown)\"" > lua5.4-deb-multiarch.h
sources=()
for f in "$src"/*.c; do
    case "$(basename "$f")" in lua.c|luac.c) ;; *) sources+=("$f") ;; esac
done
flags=(-std=gnu99 -O2 -DLUA_COMPAT_5_3 -DLUA_USE_LINUX -I. -I"$src")
glue="$script_dir/embed/lua_consoles.c"

echo "embed: building the sequential oracle with $cc"
$cc "${flags[@]}" -DSEQUENTIAL "${sources[@]}" "$glue" -o sequential -lm -ldl > build-plain.log 2>&1 \
    || { cat build-plain.log; die "the plain build failed"; }
echo "embed: building with stackless cc (no --suspend-all)"
CC="$cc" "$stackless" cc --no-blocking-warnings "${flags[@]}" "${sources[@]}" "$glue" -o consoles -lm -ldl > build.log 2>&1 \
    || { grep -v "^ " build.log | head -20; die "the stackless build failed"; }
echo "embed: functions left as written (a switch under them stops the program with a message):"
grep -o "warning: '[A-Za-z_0-9]*' is left as written" build.log | sed "s/warning: /    /" | sort -u

status=0
run_case() {
    local consoles=$1 rounds=$2
    ./sequential "$consoles" "$rounds" > seq.out 2>&1 || { echo "FAIL: the sequential oracle exited with $?"; status=1; return; }
    ./consoles "$consoles" "$rounds" > tasklets.out 2>&1 || { echo "FAIL: consoles $consoles x $rounds exited with $?"; tail -3 tasklets.out; status=1; return; }
    local k bad=0
    for k in $(seq 1 "$consoles"); do
        if ! cmp -s <(grep "^\[c$k\] " seq.out) <(grep "^\[c$k\] " tasklets.out); then
            echo "FAIL: console c$k's transcript differs from the sequential run:"
            diff <(grep "^\[c$k\] " seq.out) <(grep "^\[c$k\] " tasklets.out) | head -10
            bad=1
        fi
    done
    # Interleaved: consecutive lines change console far more often than once per console.
    local changes
    changes=$(cut -d' ' -f1 tasklets.out | uniq | wc -l)
    if [ "$changes" -le "$consoles" ]; then
        echo "FAIL: the consoles did not run at once ($changes runs of lines for $consoles consoles)"
        bad=1
    fi
    [ $bad = 0 ] && echo "ok   $consoles consoles x $rounds rounds: $(wc -l < tasklets.out) lines, transcripts match, $changes runs of lines"
    [ $bad = 0 ] || status=1
}
run_case 3 1
run_case 200 3

# A switch under a function left as written is stopped with a message, never a corrupt stack:
# a message handler that reads a line, called by luaG_runerror (left as written: its va_list).
{ ./consoles 2 1 "xpcall(function() return nil + 1 end, function(m) return read_line() end)" > under.out 2>&1; under=$?; } 2> /dev/null
if [ $under -ne 0 ] && grep -q "untransformed C frame" under.out; then
    echo "ok   a switch under luaG_runerror stops the program: $(grep -o 'a switch was attempted[^;]*' under.out | head -1)"
else
    echo "FAIL: a switch under a function left as written was not stopped (exit $under):"
    tail -3 under.out
    status=1
fi
exit $status
