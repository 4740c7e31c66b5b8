#!/usr/bin/env bash
# Builds the web console and runs all of its tests: warnings (gcc and clang, -Werror), the
# interpreter alone as a plain terminal program (a transcript), the HTTP
# API tests (plain build, then under ASan+UBSan with leak checking at a SIGTERM stop), the HTTP
# parser under libFuzzer, a real browser (headless Chromium), and a load test on loopback.
#
# Usage: Samples/webconsole/test/run.sh [--stackless PATH] [--quick]
#   --stackless PATH  the driver (default: <repo>/.build/debug/stackless)
#   --quick           shorter fuzzing (10 s instead of 30 s) and load (5 lines a console, not 50)
# Builds into Samples/webconsole/.build (the screenshot lands there too). Exits non-zero on any
# failure. The browser test installs chromium and chromium-driver with apt-get, and selenium with
# pip, when they are missing (and says so); without apt it fails, it is never skipped.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
stackless="$repo/.build/debug/stackless"
quick=0
while [ $# -gt 0 ]; do
    case "$1" in
        --stackless) stackless="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
        --quick) quick=1; shift ;;
        *) echo "usage: $0 [--stackless PATH] [--quick]" >&2; exit 2 ;;
    esac
done
[ -x "$stackless" ] || { echo "run.sh: no driver at $stackless (swift build, or --stackless)" >&2; exit 1; }
fuzz_seconds=30 lines=50
[ "$quick" = 1 ] && fuzz_seconds=10 lines=5

build="$here/.build"
rm -rf "$build"
mkdir -p "$build/warn-gcc" "$build/warn-clang"
srcs=("$here/webconsole.c" "$here/calc.c" "$here/server.c" "$here/http.c")
static_flag=(-DWEBCONSOLE_STATIC_DIR="\"$here/static\"")
clang_bin="$(command -v clang || true)"
[ -n "$clang_bin" ] || { echo "run.sh: no clang (libFuzzer needs it; the Swift toolchain has one)" >&2; exit 1; }
ulimit -n 4096 2>/dev/null || true   # 1,000 connections at once, on each side

echo "--- build (gcc and clang, -std=c11 -Wall -Wextra -Werror)"
for cc in gcc "$clang_bin"; do
    dir="$build/warn-$(basename "$cc")"
    (cd "$dir" && CC="$cc" "$stackless" cc -std=c11 -O2 -Wall -Wextra -Werror "${static_flag[@]}" -c \
        "${srcs[@]}" "$here/test/loadtest.c")
done
"$stackless" cc -std=c11 -O2 -Wall -Wextra "${static_flag[@]}" "${srcs[@]}" -lm -o "$build/webconsole"
"$stackless" cc -std=c11 -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
    -fno-sanitize-recover=undefined "${static_flag[@]}" "${srcs[@]}" -lm -o "$build/webconsole-asan"
"$stackless" cc -std=c11 -O2 -Wall -Wextra "$here/test/loadtest.c" -o "$build/loadtest"
"$clang_bin" -std=c11 -g -O1 -Wall -Wextra -Werror -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined -fuse-ld=lld -I"$here" "$here/test/fuzz_http.c" "$here/http.c" \
    -o "$build/fuzz_http"

echo "--- the interpreter alone: repl.c + calc.c built with plain gcc and clang, a session's transcript"
for cc in gcc "$clang_bin"; do
    "$cc" -std=c11 -O2 -Wall -Wextra -Werror "$here/repl.c" "$here/calc.c" -lm -o "$build/calc"
    "$build/calc" <"$here/test/calc.in" | diff -u "$here/test/calc.out" - || { echo "FAIL: calc transcript ($cc)"; exit 1; }
done
echo "  same transcript from both ($(wc -l <"$here/test/calc.in") lines)"

echo "--- API tests (plain build)"
python3 "$here/test/test_api.py" "$build/webconsole"

echo "--- API tests (ASan + UBSan; leaks checked when SIGTERM stops the server)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    python3 "$here/test/test_api.py" "$build/webconsole-asan"

echo "--- HTTP parser under libFuzzer (${fuzz_seconds} s, seed corpus test/corpus)"
mkdir -p "$build/corpus"
cp "$here"/test/corpus/* "$build/corpus/"
"$build/fuzz_http" -max_total_time="$fuzz_seconds" -max_len=600 -print_final_stats=1 \
    "$build/corpus" >"$build/fuzz.log" 2>&1 || { tail -40 "$build/fuzz.log"; echo "FAIL: the fuzzer found a crash"; exit 1; }
grep -E "^stat::number_of_executed_units|^Done" "$build/fuzz.log" | sed 's/^/  /'

echo "--- headless Chromium"
need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
if [ ${#need_apt[@]} -gt 0 ]; then
    if ! command -v apt-get >/dev/null; then
        echo "FAIL: the browser test needs ${need_apt[*]}, and there is no apt-get to install them"
        exit 1
    fi
    echo "  installing ${need_apt[*]} with apt-get (apt-get update first)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if ! python3 -c "import selenium" 2>/dev/null; then
    echo "  installing selenium with pip"
    python3 -m pip install -q selenium >/dev/null 2>&1 || python3 -m pip install -q --break-system-packages selenium
fi
python3 "$here/test/test_browser.py" "$build/webconsole" "$build/screenshot.png"

echo "--- load: 1,000 concurrent consoles, $lines lines each, twice (loopback)"
"$build/webconsole" --max-consoles 100000 0 >"$build/load-server.txt" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening "$build/load-server.txt" && break; sleep 0.1; done
port="$(sed -n 's|.*:\([0-9]*\)/$|\1|p' "$build/load-server.txt")"
rss() { awk '/^VmRSS/ {print $2}' "/proc/$server/status"; }
rss0=$(rss)
timeout 120 "$build/loadtest" "$port" 1000 "$lines" | sed 's/^/  wave 1: /'
rss1=$(rss)
timeout 120 "$build/loadtest" "$port" 1000 "$lines" | tee "$build/load.txt" | sed 's/^/  wave 2: /'
rss2=$(rss)
# Wave 2 reuses what wave 1's connections freed, so its growth is the 1,000 idle consoles alone.
per_console=$(( (rss2 - rss1) * 1024 / 1000 ))
echo "  server RSS: ${rss0} kB at start, ${rss1} kB after wave 1, ${rss2} kB after wave 2:" \
     "${per_console} bytes per idle console (2,000 consoles idle now)"
kill -TERM $server
wait $server
trap - EXIT
if [ "$per_console" -gt 8192 ]; then
    echo "FAIL: an idle console costs more than 8 KiB"
    exit 1
fi
echo "webconsole: all tests passed"
