#!/usr/bin/env bash
# Builds and runs every sample of Samples/ that shows Stackless in another project's build:
#   Samples/SwiftPackage  a Swift package using the build-tool plugin (demo, Swift tests, the
#                         same under ASan and the checked runtime, incremental builds, the
#                         stackless-generate fallback)
#   Samples/RefusedVLA    a package whose C the transform refuses: swift build must fail with it
#   Samples/CProject      a plain C project built with make and with cmake
# One line per check, then "N passed, N failed". Builds go to .build-samples folders (gitignored)
# and a temporary folder; nothing else in the tree changes.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SAMPLES=$ROOT/Samples
SCRATCH=.build-samples
WORK=$(mktemp -d "${TMPDIR:-/tmp}/stackless-samples.XXXXXX")
GENERATED=$SAMPLES/SwiftPackage/Sources/CSequences/generated
trap 'rm -rf "$WORK" "$GENERATED" "$SAMPLES/SwiftPackage/Sources/SequencesDemo/Swapped.swift"' EXIT
passed=0
failed=0

# check NAME DETAIL COMMAND...: runs the command with its output in a log; one line either way.
check() {
    local name=$1 detail=$2
    shift 2
    local log=$WORK/$name.log
    local start=$SECONDS
    if "$@" >"$log" 2>&1; then
        passed=$((passed + 1))
        printf 'PASS %-28s %s (%ds)\n' "$name" "$detail" $((SECONDS - start))
    else
        failed=$((failed + 1))
        printf 'FAIL %-28s %s (%ds); last lines of its log:\n' "$name" "$detail" $((SECONDS - start))
        tail -n 15 "$log" | sed 's/^/    /'
    fi
}

swiftpm() {  # swiftpm PACKAGE ARGS...: swift in a sample package with its own scratch folder
    local package=$1 command=$2
    shift 2
    (cd "$SAMPLES/$package" && swift "$command" --scratch-path "$SCRATCH" "$@")
}

same_output() {  # same_output EXPECTED COMMAND...
    local expected=$1
    shift
    "$@" >"$WORK/actual" && diff -u "$expected" "$WORK/actual"
}

# --- Samples/SwiftPackage ---------------------------------------------------------------------
swift_package_demo() {
    swiftpm SwiftPackage build &&
        same_output "$SAMPLES/SwiftPackage/expected-output.txt" \
            "$SAMPLES/SwiftPackage/$SCRATCH/debug/SequencesDemo"
}

swift_package_tests() {
    swiftpm SwiftPackage test 2>&1 | tee "$WORK/swift-test.out" | grep -E '✘|error:' || true
    grep -q 'Test run with [0-9]* tests* in [0-9]* suites* passed' "$WORK/swift-test.out"
}

swift_package_incremental() {
    swiftpm SwiftPackage build >/dev/null || return 1       # after `swift test`, relinks
    swiftpm SwiftPackage build >"$WORK/noop.out" || return 1
    # ("Compiling plugin X" is printed on every run: SwiftPM checks the plugins' cache.)
    if grep -v 'Compiling plugin' "$WORK/noop.out" | grep -E 'stackless transform|Compiling|Linking'; then
        echo "a no-op build did something"
        return 1
    fi
    # A touched original re-runs the transform (the analysis needs the whole target); outputs
    # that come out the same are left as they were, so nothing is recompiled.
    touch "$SAMPLES/SwiftPackage/Sources/CSequences/stackless/pipeline.c"
    swiftpm SwiftPackage build >"$WORK/edit.out" || return 1
    cat "$WORK/edit.out"
    grep -q 'stackless transform: CSequences (2 files)' "$WORK/edit.out" &&
        ! grep -E 'Compiling (pipeline|generators)\.c' "$WORK/edit.out"
}

swift_package_generate() {
    rm -rf "$GENERATED"
    swiftpm SwiftPackage package --allow-writing-to-package-directory stackless-generate --target CSequences &&
        diff -r "$GENERATED" "$SAMPLES/SwiftPackage/$SCRATCH/plugins/outputs/swiftpackage/CSequences/destination/StacklessPlugin/transformed"
    local status=$?
    rm -rf "$GENERATED"
    return $status
}

# Typed handles: a C function declared with scheduler_ref and channel_ref refuses them swapped.
swift_package_typed_handles() {
    local swapped=$SAMPLES/SwiftPackage/Sources/SequencesDemo/Swapped.swift
    printf 'import CSequences\nimport Stackless\nfunc swapped(_ s: Scheduler, _ c: Channel<Int>) { pipeline_start(c.handle, s.handle, 1) }\n' >"$swapped"
    swiftpm SwiftPackage build >"$WORK/swapped.out" 2>&1
    local status=$?
    rm -f "$swapped"
    cat "$WORK/swapped.out"
    [ $status -ne 0 ] &&
        grep -q "cannot convert value of type 'ChannelHandle' to expected argument type 'SchedulerHandle'" "$WORK/swapped.out"
}

# The wrapper's lifetimes (early exits from loops over tasklets' values, release orders, boxed
# values) under ASan and the checked runtime, which reports a use after free of a channel. The
# transform tool is built with ASan too: its leaks at exit are not the sample's.
swift_package_sanitized() {
    local flags=(--scratch-path .build-samples-asan --sanitize=address -Xcc -DSL_CHECKED)
    (cd "$SAMPLES/SwiftPackage" && ASAN_OPTIONS=detect_leaks=0 swift build --build-tests "${flags[@]}") || return 1
    (cd "$SAMPLES/SwiftPackage" && timeout 120 swift test --skip-build --disable-xctest "${flags[@]}") 2>&1 |
        tee "$WORK/swift-test-asan.out" | grep -E '✘|ERROR|stackless: ' || true
    ! grep -qE 'ERROR: |was freed' "$WORK/swift-test-asan.out" &&
        grep -q 'Test run with [0-9]* tests* in [0-9]* suites* passed' "$WORK/swift-test-asan.out"
}

check swift-package-demo "swift build; SequencesDemo prints the expected output" swift_package_demo
check swift-package-tests "swift test (Swift Testing)" swift_package_tests
check swift-package-incremental "no-op build does nothing; a touched original re-runs the transform, recompiles nothing" swift_package_incremental
check swift-package-generate "swift package stackless-generate writes what the plugin builds" swift_package_generate
check swift-package-typed-handles "a scheduler and a channel swapped in a C call do not compile" swift_package_typed_handles
check swift-package-sanitized "swift test under ASan + LSan and -DSL_CHECKED (early exits, release orders)" swift_package_sanitized

# --- Samples/RefusedVLA ---------------------------------------------------------------------
refused_vla() {
    if swiftpm RefusedVLA build >"$WORK/vla.out" 2>&1; then
        echo "swift build succeeded; it should have refused the VLA"
        return 1
    fi
    cat "$WORK/vla.out"
    grep -qF "$SAMPLES/RefusedVLA/Sources/Averages/stackless/averages.c:15:22: error: this call may suspend while the variable-length array 'numbers' (declared at $SAMPLES/RefusedVLA/Sources/Averages/stackless/averages.c:13:14) is live; a VLA cannot survive a switch (use malloc, or a fixed-size array)" "$WORK/vla.out"
}
check refused-vla "swift build fails with file:line:col: error: ... VLA" refused_vla

# --- Samples/CProject -----------------------------------------------------------------------
# The stackless tool that the SwiftPackage build made for its plugin (or $STACKLESS).
STACKLESS=${STACKLESS:-$SAMPLES/SwiftPackage/$SCRATCH/debug/StacklessCLI-tool}

c_project_make() {
    make -C "$SAMPLES/CProject" STACKLESS="$STACKLESS" BUILD="$WORK/make" "$WORK/make/wordstats" &&
        same_output "$SAMPLES/CProject/expected-output.txt" "$WORK/make/wordstats"
}

c_project_cmake() {
    if ! command -v cmake >/dev/null; then
        echo "cmake is missing: installing it with apt-get (Debian's cmake package)" >&2
        (apt-get update -qq && apt-get install -y -qq cmake) || return 1
    fi
    cmake -S "$SAMPLES/CProject" -B "$WORK/cmake" -DSTACKLESS="$STACKLESS" &&
        cmake --build "$WORK/cmake" &&
        same_output "$SAMPLES/CProject/expected-output.txt" "$WORK/cmake/wordstats"
}

check c-project-make "make: stackless transform + config --cflags/--libs" c_project_make
if ! command -v cmake >/dev/null; then echo "cmake is missing: the next check installs it with apt-get"; fi
check c-project-cmake "cmake: the same with CMakeLists.txt" c_project_cmake

echo "samples: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
