#!/usr/bin/env bash
# Benchmarks/swift-bench/run.sh: the Swift column. One value out of a C generator, from C and from
# Swift (the C API, Greenlet.switch, Generator.next), against an AsyncStream producer/consumer and
# an actor on a GreenletExecutor, in one run; writes Benchmarks/results/swift.md (also printed).
#
# Usage: Benchmarks/swift-bench/run.sh [--quick] [--runs N]
# Builds this package in release (its own copy of the stackless tool, for the plugin: about 4 min
# on 2 cores the first time) under .build-bench (ignored by git).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
results=$here/../results
cd "$here"
swift build -c release --scratch-path .build-bench --product SwiftBench 2>&1 | tail -1 >&2
{
    echo "# The Swift column"
    echo
    echo "One value out of a C generator (a switch into it and one back), $(date -u +%Y-%m-%d), $(nproc) CPUs,"
    echo "$(swift --version 2>/dev/null | head -1). Wall clock, median of the runs; ratios to the C loop of the"
    echo "same run. The last two rows hand each value between two threads (see README.md, \"The Swift column\")."
    echo
    .build-bench/release/SwiftBench "$@"
} | tee "$results/swift.md.tmp"
mv "$results/swift.md.tmp" "$results/swift.md"
