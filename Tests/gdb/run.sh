#!/usr/bin/env bash
# The gdb extension (Sources/StacklessRuntime/gdb/stackless-gdb.py) on a program whose greenlets
# are suspended at known lines (suspended.c: a greenlet three calls deep; tasklets waiting on the
# hub; a tasklet blocked on a channel after a deadlock): gdb in batch mode stops twice in a live
# process (info tasklets/greenlets while tasklets wait on the hub, then commands.gdb after the
# deadlock), and runs commands.gdb on a core file of the second stop (gcore), for gcc -O0,
# gcc -O2 and clang -O2 builds; the output, addresses masked, must be expected-live.txt and
# expected-core.txt. labels.c: a function emitted as one body (it takes label addresses). Also checks that src/gdb_scripts.c (the script
# inlined in the program, which gdb loads by itself here) is generated from the script.
#
# Usage: Tests/gdb/run.sh [--stackless PATH]   (default: <repo>/.build/debug/stackless)
# Update the expected output: STACKLESS_UPDATE_GOLDEN=1 Tests/gdb/run.sh
set -u
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
stackless="$repo_root/.build/debug/stackless"
while [ $# -gt 0 ]; do
    case "$1" in
        --stackless) stackless=$2; shift 2 ;;
        *) echo "usage: $0 [--stackless PATH]" >&2; exit 2 ;;
    esac
done
if ! command -v gdb >/dev/null; then echo "gdb: not installed, skipped (apt-get install gdb)"; exit 0; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

"$repo_root/scripts/gen-gdb-scripts" --check || failed=1

# Keeps what the extension printed; masks addresses.
normalize() {
    grep -v -E '^(\[Thread debugging|Using host libthread_db|Breakpoint 1|\[Inferior|\[New LWP|Saved corefile|Core was generated|Program terminated|#0  stop_here|[0-9]+\s|warning: )' |
        grep -v -E '^(Continuing|stop|#[0-9]+ .* main \(\))' | grep -v '^$' |
        sed -E -e 's/0x[0-9a-f]+/0xADDR/g' -e 's/timeout at [0-9.]+ s/timeout at T s/' -e 's/, in [0-9.]+ s/, in N s/'
}

check() {  # name, expected file, output file
    if [ "${STACKLESS_UPDATE_GOLDEN:-}" = 1 ] && [ ! -e "$work/updated-$2" ]; then
        cp "$3" "$script_dir/$2"; touch "$work/updated-$2"
    fi
    if diff -u "$script_dir/$2" "$3" > "$work/diff"; then
        echo "ok   $1"
    else
        echo "FAIL $1"; cat "$work/diff"; failed=1
    fi
}

# `always`: every function emitted as one body, whose shared restore blocks declare each point's
# frame struct; the extension must print the same.
for build in "cc:-O0" "cc:-O2" "clang:-O2" "cc:-O0:always" "clang:-O2:always"; do
    compiler=${build%%:*} opt=${build#*:} policy=auto
    case "$opt" in *:*) policy=${opt#*:}; opt=${opt%%:*} ;; esac
    command -v "$compiler" >/dev/null || { echo "skip $compiler $opt (not installed)"; continue; }
    exe="$work/suspended-$compiler$opt-$policy"
    # From the repository's root, so that the program names its source Tests/gdb/suspended.c.
    if ! (cd "$repo_root" && CC=$compiler "$stackless" cc --one-body "$policy" -g "$opt" Tests/gdb/suspended.c -o "$exe") > "$work/build.log" 2>&1; then
        echo "FAIL $compiler $opt: build"; cat "$work/build.log"; failed=1; continue
    fi
    # Live: the script comes from the program's .debug_gdb_scripts section.
    timeout 120 gdb -q -batch -nx -iex "add-auto-load-safe-path $work" \
        -ex "break stop_here" -ex run -ex "info tasklets" -ex "info greenlets" -ex continue \
        -x "$script_dir/commands.gdb" -ex "gcore $exe.core" \
        "$exe" > "$work/live.raw" 2>&1
    normalize < "$work/live.raw" > "$work/live.txt"
    check "$compiler $opt $policy, live process" expected-live.txt "$work/live.txt"
    # The core file: memory only.
    timeout 120 gdb -q -batch -nx -iex "add-auto-load-safe-path $work" -x "$script_dir/commands.gdb" \
        "$exe" "$exe.core" > "$work/core.raw" 2>&1
    normalize < "$work/core.raw" > "$work/core.txt"
    check "$compiler $opt $policy, core file" expected-core.txt "$work/core.txt"
    # A local on the shadow stack, through its slot (-O0: optimized code may drop the slot).
    if [ "$opt" = -O0 ]; then
        # One body: main's locals are in sl__main_body's frame (main calls it).
        frame=main; [ "$policy" = always ] && frame=sl__main_body
        shadow=$(timeout 120 gdb -q -batch -nx -iex "add-auto-load-safe-path $work" -ex "frame function $frame" \
            -ex 'print $shadow("fds")' "$exe" "$exe.core" 2>&1 | tail -1)
        if [ "$shadow" = '$1 = {3, 4}' ]; then echo "ok   $compiler $opt $policy, \$shadow"; else echo "FAIL $compiler $opt $policy, \$shadow: $shadow"; failed=1; fi
    fi
    rm -f "$exe.core"
done

# A function that takes label addresses: its frame struct is in its one body.
if (cd "$repo_root" && "$stackless" cc -g -O0 Tests/gdb/labels.c -o "$work/labels") > "$work/build.log" 2>&1; then
    timeout 120 gdb -q -batch -nx -iex "add-auto-load-safe-path $work" -ex "break stop_here" -ex run \
        -ex "greenlet bt full vm" "$work/labels" 2>&1 | normalize > "$work/labels.txt"
    check "labels -O0, one body" expected-labels.txt "$work/labels.txt"
else
    echo "FAIL labels: build"; cat "$work/build.log"; failed=1
fi
[ $failed = 0 ] && echo "gdb: all passed"
exit $failed
