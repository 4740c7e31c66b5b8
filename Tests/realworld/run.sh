#!/usr/bin/env bash
# Real code bases from Debian's source packages, built plainly and with
# `stackless cc --suspend-all --torture`, driven by their own tests; outputs compared.
#
# Usage: Tests/realworld/run.sh [--quick] [--ci] [--per-file] [--stackless PATH] [--cc CC]
#                               [--timeout SECS] [--keep] [--list] [NAME...]
#
#   --quick           each code base's short test set only (the full set otherwise)
#   --ci              the CI subset (bases marked rw_ci=1: two small ones), implies --quick
#   --per-file        build through the code base's own build system, one `stackless cc -c`
#                     per file, then a link (needs separate compilation support); the default
#                     is whole-program: all the program's .c files in one `stackless cc` call,
#                     with the flags its build uses
#   --stackless PATH  the stackless driver (default: <repo>/.build/release/stackless, else debug)
#   --cc CC           the C compiler under both builds (default: $CC, else cc)
#   --timeout SECS    per test command (default: 300; a torture build runs many times slower)
#   --keep            keep the work directory and print its path
#   --list            list the code bases and what they are
#   NAME              only these code bases (Tests/realworld/bases/NAME.sh)
#
# Sources come from `apt-get source` into $STACKLESS_REALWORLD_CACHE (default
# ~/.cache/stackless-realworld, see fetch.sh), once, and are never committed.
# For each code base the report gives: the build result of both variants, files and functions
# the transform rewrote, and tests passed/failed (stdout, stderr and exit status compared).
#
# Tests/realworld/expected holds each code base's expected result: `pass`, or `fail` with the
# known reason. A code base expected to pass that fails, or one expected to fail that now passes
# (update the file: it becomes a regression test), makes the run fail.
#
# Exit status: 0 if every code base met its expectation, 1 otherwise, 2 on setup errors.
# The whole suite: Tests/realworld/run.sh (about 30 minutes on 2 cores; --quick about 10).

set -uo pipefail
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/../.." && pwd)
cache=${STACKLESS_REALWORLD_CACHE:-$HOME/.cache/stackless-realworld}
export STACKLESS_REALWORLD_CACHE=$cache

stackless=""
cc="${CC:-cc}"
quick=0 ci=0 keep=0 list=0
RW_MODE=whole
timeout_secs=300
names=()

die() { echo "run.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
    case "$1" in
    --quick) quick=1; shift ;;
    --ci) ci=1; quick=1; shift ;;
    --per-file) RW_MODE=per-file; shift ;;
    --whole) RW_MODE=whole; shift ;;
    --stackless) [ $# -ge 2 ] || die "--stackless needs a path"; stackless=$2; shift 2 ;;
    --cc) [ $# -ge 2 ] || die "--cc needs a compiler"; cc=$2; shift 2 ;;
    --timeout) [ $# -ge 2 ] || die "--timeout needs seconds"; timeout_secs=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --list) list=1; shift ;;
    -h|--help) sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) names+=("$1"); shift ;;
    esac
done

all_names=()
for f in "$script_dir"/bases/*.sh; do all_names+=("$(basename "$f" .sh)"); done

if [ $list = 1 ]; then
    for n in "${all_names[@]}"; do
        ( source "$script_dir/bases/$n.sh"; printf '%-12s %-14s ci=%s  %s\n' "$n" "$rw_package" "${rw_ci:-0}" "$rw_kind" )
    done
    exit 0
fi

if [ ${#names[@]} = 0 ]; then
    for n in "${all_names[@]}"; do
        if [ $ci = 1 ]; then ( source "$script_dir/bases/$n.sh"; [ "${rw_ci:-0}" = 1 ] ) || continue; fi
        names+=("$n")
    done
fi
for n in "${names[@]}"; do [ -f "$script_dir/bases/$n.sh" ] || die "no code base $n (see --list)"; done

if [ -z "$stackless" ]; then
    stackless="$repo_root/.build/release/stackless"
    [ -x "$stackless" ] || stackless="$repo_root/.build/debug/stackless"
fi
case "$stackless" in /*) ;; */*) stackless="$PWD/$stackless" ;; esac
[ -x "$stackless" ] || die "stackless driver not found: $stackless (swift build -c release, or pass --stackless)"
command -v "${cc%% *}" >/dev/null || die "C compiler not found: $cc"
timeout_cmd=$(command -v timeout) || die "need coreutils timeout"
export CC="$cc"
export STACKLESS_RUNTIME="${STACKLESS_RUNTIME:-$repo_root/Sources/StacklessRuntime}"
export MAKEFLAGS="-j2"   # the machine's limit, whatever make the code base runs

work=$(mktemp -d "${TMPDIR:-/tmp}/stackless-realworld.XXXXXX") || die "cannot create a work directory"
cleanup() { if [ $keep = 1 ]; then echo "work directory kept: $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT

# The stackless compiler command the builds use: it logs each call (directory and arguments,
# separated by the ASCII unit separator, one call a line: a shell variable cannot hold a NUL) so that the transform can be rerun for the counts.
mkdir -p "$work/bin"
cat > "$work/bin/stackless-cc" <<EOF
#!/usr/bin/env bash
{ printf '%s' "\$PWD"; printf '\\037%s' "\$@"; printf '\\n'; } >> "\${RW_CALL_LOG:-/dev/null}"
exec "$stackless" cc "\$@"
EOF
chmod +x "$work/bin/stackless-cc"

# ---- helpers for bases/NAME.sh -------------------------------------------------------------

# rw_program OUT CFLAGS... -- FILES.c... [-- LDFLAGS...]: one program from these files with $RW_CC.
# Whole-program mode: one call with every file. Per-file mode: one `-c` per file, then a link.
rw_program() {
    local out=$1; shift
    local cflags=() files=() ldflags=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do cflags+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do files+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    ldflags=("$@")
    if [ "$RW_MODE" = per-file ]; then
        local objs=() f o
        mkdir -p .rw-obj
        for f in "${files[@]}"; do
            o=.rw-obj/$(echo "$f" | tr / _).o
            echo "+ $RW_CC ${cflags[*]} -c $f -o $o"
            $RW_CC "${cflags[@]}" -c "$f" -o "$o" || return 1
            objs+=("$o")
        done
        echo "+ $RW_CC ${cflags[*]} ${objs[*]} -o $out ${ldflags[*]}"
        $RW_CC "${cflags[@]}" "${objs[@]}" -o "$out" "${ldflags[@]}"
    else
        echo "+ $RW_CC ${cflags[*]} ${files[*]} -o $out ${ldflags[*]}"
        $RW_CC "${cflags[@]}" "${files[@]}" -o "$out" "${ldflags[@]}"
    fi
}

# rw_test NAME COMMAND: a shell command run in the build directory of both variants; its stdout,
# stderr and exit status are compared. rw_test_full: the same, skipped under --quick.
rw_test() {
    local name=$1 command=$2 dir="$RW_OUT/$1"
    mkdir -p "$dir"
    (cd "$RW_BUILD" && "$timeout_cmd" -k 5 "$timeout_secs" bash -c "$command" \
        > "$dir/stdout" 2> "$dir/stderr" < /dev/null; echo $? > "$dir/status")
    echo "$name" >> "$RW_OUT/.tests"
}
rw_test_full() { [ $quick = 1 ] || rw_test "$@"; }

# ---- one code base ---------------------------------------------------------------------------

# The counts of what the transform rewrote: each logged call's .c files transformed again with
# its -I/-D flags (the transform reads no others), in the directory it ran in.
count_transformed() {
    local log=$1 out=$2 n=0 files=0 functions=0
    [ -s "$log" ] || { echo "0 0"; return; }
    while IFS=$'\037' read -r -a fields; do
        [ ${#fields[@]} -gt 0 ] || continue  # an empty line (two builds appended at once)
        local dir args=() srcs=() i
        dir=${fields[0]}
        for ((i = 1; i < ${#fields[@]}; i++)); do
            local a=${fields[i]}
            case "$a" in
            --suspend-all|--torture|--checked|--deep-recursion) args+=("$a") ;;
            -I|-D|-U) args+=("$a" "${fields[i+1]}"); i=$((i + 1)) ;;
            -I?*|-D?*|-U?*|-std=*) args+=("$a") ;;
            -*) ;;
            *.c) srcs+=("$a") ;;
            esac
        done
        [ ${#srcs[@]} -gt 0 ] || continue
        n=$((n + 1))
        (cd "$dir" && "$stackless" transform --no-blocking-warnings "${args[@]}" -o "$out/$n" "${srcs[@]}") \
            >/dev/null 2>&1 || continue
    done < "$log"
    if [ -d "$out" ]; then
        files=$(grep -rl --include='*.c' 'SL_GENERATED_BEGIN' "$out" 2>/dev/null | wc -l)
        functions=$(grep -rhE --include='*.c' '^static void sl__[A-Za-z0-9_]+_resume\(sl_frame \*sl__fr\) \{' "$out" 2>/dev/null | wc -l)
    fi
    echo "$files $functions"
}

expected_of() { awk -v n="$1" '$1 == n { $1 = ""; sub(/^ /, ""); print; exit }' "$script_dir/expected"; }

failures=0
summary=()
for name in "${names[@]}"; do
    base="$work/$name"
    mkdir -p "$base"
    (
        # Each code base in its own subshell: its definitions stay its own.
        source "$script_dir/bases/$name.sh"
        "$script_dir/fetch.sh" "$rw_package" || exit 3
        src=$(find "$cache/$rw_package" -mindepth 1 -maxdepth 1 -type d | sort | head -1)
        [ -n "$src" ] || { echo "no unpacked tree for $rw_package in $cache" >&2; exit 3; }
        # rw_prepare, where a base has one, makes generated sources (an amalgamation, say) with
        # plain tools, once: the prepared tree is cached beside the package, keyed by the base's text.
        if declare -F rw_prepare >/dev/null; then
            key=$(cksum < "$script_dir/bases/$name.sh" | cut -d' ' -f1)
            prepared="$cache/$rw_package.prepared-$name-$key"
            if [ ! -f "$prepared/.done" ]; then
                echo "preparing $name (once, cached in $prepared)" >&2
                rm -rf "$cache/$rw_package".prepared-"$name"-* && cp -a "$src" "$prepared.tmp" \
                    && (cd "$prepared.tmp" && rw_prepare) > "$base/prepare.log" 2>&1 \
                    && mv "$prepared.tmp" "$prepared" && touch "$prepared/.done" \
                    || { echo "rw_prepare failed; see $base/prepare.log" >&2; tail -20 "$base/prepare.log" >&2; exit 3; }
            fi
            src=$prepared
        fi
        for variant in plain stackless; do
            RW_BUILD="$base/$variant"
            RW_OUT="$base/out-$variant"
            mkdir -p "$RW_OUT"
            cp -a "$src" "$RW_BUILD"
            if [ $variant = plain ]; then RW_CC="$cc"; else RW_CC="$work/bin/stackless-cc --suspend-all --torture"; fi
            export RW_CALL_LOG="$base/calls-$variant.log"
            : > "$RW_CALL_LOG"
            started=$(date +%s)
            if (cd "$RW_BUILD" && rw_build) > "$base/build-$variant.log" 2>&1; then
                echo "built $(( $(date +%s) - started ))s" > "$base/build-$variant.status"
                started=$(date +%s)
                rw_tests
                echo "$(( $(date +%s) - started ))" > "$base/tests-$variant.seconds"
            else
                echo "failed" > "$base/build-$variant.status"
            fi
        done
    ) 2> "$base/harness.log"
    harness_status=$?
    plain_build=$(cat "$base/build-plain.status" 2>/dev/null || echo "not run")
    sl_build=$(cat "$base/build-stackless.status" 2>/dev/null || echo "not run")
    read -r nfiles nfunctions < <(count_transformed "$base/calls-stackless.log" "$base/transformed")
    passed=0 failed=0 failed_names=()
    if [ -f "$base/out-plain/.tests" ]; then
        while read -r t; do
            if [ -f "$base/out-stackless/$t/status" ] \
                && cmp -s "$base/out-plain/$t/stdout" "$base/out-stackless/$t/stdout" \
                && cmp -s "$base/out-plain/$t/stderr" "$base/out-stackless/$t/stderr" \
                && cmp -s "$base/out-plain/$t/status" "$base/out-stackless/$t/status"; then
                passed=$((passed + 1))
            else
                failed=$((failed + 1)); failed_names+=("$t")
            fi
        done < "$base/out-plain/.tests"
    fi
    pkg=$(source "$script_dir/bases/$name.sh"; echo "$rw_package")
    version=$(ls "$cache/$pkg" 2>/dev/null | sed -n 's/\.dsc$//p' | head -1)
    echo "== $name ($version): plain build ${plain_build}, stackless build ${sl_build}"
    echo "   transformed: $nfiles files, $nfunctions functions; tests: $passed passed, $failed failed"
    if [ $harness_status != 0 ] || [ "${plain_build%% *}" != built ]; then
        echo "   setup or plain build failed (a harness problem, not the tool's):"
        tail -15 "$base/harness.log" "$base/build-plain.log" 2>/dev/null | sed 's/^/     /'
        result=setup-error
    elif [ "${sl_build%% *}" != built ]; then
        echo "   stackless build failed; its first errors:"
        grep -m 8 -E 'error:' "$base/build-stackless.log" | cut -c1-300 | sed 's/^/     /'
        echo "     ($(grep -c 'error:' "$base/build-stackless.log") error lines in all)"
        result=fail
    elif [ $failed -gt 0 ] || [ $passed = 0 ]; then
        for t in "${failed_names[@]:0:5}"; do
            echo "   FAIL $t: exit $(cat "$base/out-plain/$t/status") plain, $(cat "$base/out-stackless/$t/status" 2>/dev/null) stackless"
            diff <(cat "$base/out-plain/$t/stdout" "$base/out-plain/$t/stderr") \
                 <(cat "$base/out-stackless/$t/stdout" "$base/out-stackless/$t/stderr" 2>/dev/null) \
                | head -6 | cut -c1-200 | sed 's/^/     /'
        done
        result=fail
    else
        result=pass
    fi
    expected=$(expected_of "$name")
    case "$result:${expected%% *}" in
    pass:pass) verdict="ok (passes)" ;;
    fail:fail) verdict="ok (known failure: ${expected#fail })" ;;
    pass:fail) verdict="UNEXPECTED PASS: mark it pass in Tests/realworld/expected"; failures=$((failures + 1)) ;;
    *) verdict="FAILED"; failures=$((failures + 1)) ;;
    esac
    echo "   $verdict"
    summary+=("$(printf '%-12s %-10s files %3s  functions %5s  tests %3s passed %3s failed  %s' \
        "$name" "$result" "$nfiles" "$nfunctions" "$passed" "$failed" "${verdict%% (*}")")
done

echo
echo "== summary ($RW_MODE build$( [ $quick = 1 ] && echo ', quick'))"
printf '%s\n' "${summary[@]}"
total=${#names[@]}
echo "realworld: $((total - failures)) passed, $failures failed"
[ $failures = 0 ]
