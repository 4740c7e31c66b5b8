# c-harness.sh: what the C test harnesses (Tests/runtime/run.sh, Tests/greensock/run.sh) share:
# their options, the checks of the driver, compiler and valgrind, and the work directory.
# Sourced with the harness's arguments; sets stackless, cc, sanitize, valgrind, keep, patterns,
# runner (--run-with: how to run a built program, e.g. `qemu-aarch64 -L /usr/aarch64-linux-gnu`
# for a cross compiler's output; sanitizers and valgrind are then off), repo_root and work, and exports CC and STACKLESS_RUNTIME. $1 of `harness_setup` names the
# work directory (stackless-NAME.XXXXXX).

die() { echo "run.sh: $*" >&2; exit 2; }

harness_setup() {
    local name=$1
    shift
    repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    stackless="$repo_root/.build/debug/stackless"
    cc="${CC:-cc}"
    sanitize=1
    valgrind=1
    keep=0
    patterns=()
    runner=()
    while [ $# -gt 0 ]; do
        case "$1" in
        --stackless) [ $# -ge 2 ] || die "--stackless needs a path"; stackless=$2; shift 2 ;;
        --cc) [ $# -ge 2 ] || die "--cc needs a compiler"; cc=$2; shift 2 ;;
        --run-with) [ $# -ge 2 ] || die "--run-with needs a command"; read -r -a runner <<<"$2"; shift 2 ;;
        --no-sanitize) sanitize=0; shift ;;
        --no-valgrind) valgrind=0; shift ;;
        --keep) keep=1; shift ;;
        -h|--help) sed -n '2,/^$/{s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        -*) die "unknown option $1 (see --help)" ;;
        *) patterns+=("$1"); shift ;;
        esac
    done
    case "$stackless" in /*) ;; */*) stackless="$PWD/$stackless" ;; esac
    [ -x "$stackless" ] || die "stackless driver not found: $stackless (run swift build, or pass --stackless)"
    command -v "${cc%% *}" >/dev/null 2>&1 || die "C compiler not found: $cc"
    if [ ${#runner[@]} -gt 0 ]; then
        command -v "${runner[0]}" >/dev/null 2>&1 || die "--run-with: not found: ${runner[0]}"
        sanitize=0   # a foreign target: its sanitizers and valgrind do not run under the emulator
        valgrind=0
        case "${runner[0]}" in */*) runner[0]=$(cd "$(dirname "${runner[0]}")" && pwd)/$(basename "${runner[0]}") ;; esac
        # A test that runs itself again (test-deterministic, the benchmark) runs through it too.
        export STACKLESS_TEST_RUN_WITH="${runner[*]}"
    fi
    if [ $valgrind = 1 ] && ! command -v valgrind >/dev/null 2>&1; then
        echo "run.sh: valgrind not found; skipping the valgrind pass" >&2
        valgrind=0
    fi
    export CC="$cc"
    # The runtime under test is this tree's, whichever driver builds it.
    export STACKLESS_RUNTIME="${STACKLESS_RUNTIME:-$repo_root/Sources/StacklessRuntime}"
    work=$(mktemp -d "${TMPDIR:-/tmp}/stackless-$name.XXXXXX") || die "cannot create a temp dir"
    trap harness_cleanup EXIT
}

harness_cleanup() { if [ $keep = 1 ]; then echo "build directory kept: $work"; else rm -rf "$work"; fi; }
