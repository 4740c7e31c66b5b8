#!/usr/bin/env bash
# Builds the Lua consoles and runs all of their tests: warnings (the sample's own C with gcc and
# clang, -Werror), the HTTP API tests (plain build; with ASan+UBSan too, leaks checked at a SIGTERM
# stop, unless --quick), a real browser (headless Chromium, two tabs at once), and a load test on
# loopback: 1,000 consoles at once running a script that sleeps and prints, twice, with the
# server's memory per idle console; then the latency of `1 + 1` while 100 consoles run busy loops.
#
# Usage: Samples/luaconsole/test/run.sh [--stackless PATH] [--quick]
#   --stackless PATH  the driver (default: <repo>/.build/release/stackless, else .build/debug)
#   --quick           no ASan+UBSan build and run; 100 samples of the latency, not 1,000
# Builds into Samples/luaconsole/.build (the screenshots land there too). Exits non-zero on any
# failure. Lua's sources come from Debian's source package (Tests/realworld/fetch.sh, cached). The
# browser test installs chromium and chromium-driver with apt-get, and selenium with pip, when
# they are missing (and says so); without apt it fails, it is never skipped.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
repo="$(cd "$here/../.." && pwd)"
stackless=""
quick=0
while [ $# -gt 0 ]; do
    case "$1" in
        --stackless) stackless="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
        --quick) quick=1; shift ;;
        *) echo "usage: $0 [--stackless PATH] [--quick]" >&2; exit 2 ;;
    esac
done
if [ -z "$stackless" ]; then
    stackless="$repo/.build/release/stackless"
    [ -x "$stackless" ] || stackless="$repo/.build/debug/stackless"
fi
[ -x "$stackless" ] || { echo "run.sh: no driver at $stackless (swift build, or --stackless)" >&2; exit 1; }
samples=1000
[ "$quick" = 1 ] && samples=100

build="$here/.build"
rm -rf "$build"
mkdir -p "$build/warn-gcc" "$build/warn-clang"
clang_bin="$(command -v clang || true)"
[ -n "$clang_bin" ] || { echo "run.sh: no clang (the Swift toolchain has one)" >&2; exit 1; }
ulimit -n 4096 2>/dev/null || true   # 1,000 connections at once, on each side

echo "--- build: Lua 5.4 (Debian's source package, unmodified) and the glue, with stackless cc"
"$here/build.sh" --stackless "$stackless" --out "$build/luaconsole"
cache=${STACKLESS_REALWORLD_CACHE:-$HOME/.cache/stackless-realworld}
src=$(ls -d "$cache"/lua5.4/*/src | head -1)
echo "  $(grep -c "is left as written" "$build/build.log") of Lua's functions left as written (its error functions; no switch happens under them)"
echo "--- the sample's own C with gcc and clang, -std=c11 -Wall -Wextra -Werror"
for cc in gcc "$clang_bin"; do
    dir="$build/warn-$(basename "$cc")"
    (cd "$dir" && CC="$cc" "$stackless" cc -std=c11 -O2 -Wall -Wextra -Werror -I"$build/lua-include" \
        -I"$src" -I"$repo/Samples/webconsole" -c "$here/lua_glue.c" "$here/luaconsole.c" "$here/test/loadtest.c")
done
"$stackless" cc -std=c11 -O2 -Wall -Wextra "$here/test/loadtest.c" -o "$build/loadtest"

echo "--- API tests (plain build)"
python3 "$here/test/test_api.py" "$build/luaconsole"

if [ "$quick" = 0 ]; then
    echo "--- API tests (ASan + UBSan; leaks checked when SIGTERM stops the server)"
    "$here/build.sh" --stackless "$stackless" --out "$build/luaconsole-asan" -O1 -g \
        -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        python3 "$here/test/test_api.py" "$build/luaconsole-asan"
fi

echo "--- headless Chromium: two tabs, a console each, typed into at once"
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
python3 "$here/test/test_browser.py" "$build/luaconsole" "$build/screenshot"

echo "--- load: 1,000 consoles at once, each running a script that sleeps and prints; twice"
"$build/luaconsole" --max-consoles 100000 --reply-wait 200 0 >"$build/load-server.txt" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q listening "$build/load-server.txt" && break; sleep 0.1; done
port="$(sed -n 's|.*:\([0-9]*\)/$|\1|p' "$build/load-server.txt")"
rss() { awk '/^VmRSS/ {print $2}' "/proc/$server/status"; }
rss0=$(rss)
timeout 120 "$build/loadtest" "$port" sleepers 1000 5 | sed 's/^/  wave 1: /'
rss1=$(rss)
timeout 120 "$build/loadtest" "$port" sleepers 1000 5 | tee "$build/load.txt" | sed 's/^/  wave 2: /'
rss2=$(rss)
# Wave 2 reuses what wave 1's connections freed, so its growth is the 1,000 idle consoles alone.
per_console=$(( (rss2 - rss1) * 1024 / 1000 ))
lua_kb=$(curl -s -X POST "http://127.0.0.1:$port/api/consoles" | python3 -c '
import json, sys, urllib.request
cid = json.load(sys.stdin)["id"]
req = urllib.request.Request("http://127.0.0.1:'"$port"'/api/consoles/%s/eval" % cid, data=b"collectgarbage(\"count\")")
print(json.load(urllib.request.urlopen(req))["output"].strip())')
echo "  server RSS: ${rss0} kB at start, ${rss1} kB after wave 1, ${rss2} kB after wave 2:" \
     "${per_console} bytes per idle console (2,000 consoles idle now; Lua's own heap in a fresh one: ${lua_kb} KiB)"
echo "--- latency of a simple eval while 100 consoles run busy loops"
timeout 120 "$build/loadtest" "$port" busy 100 "$samples" | tee -a "$build/load.txt" | sed 's/^/  /'
kill -TERM $server
wait $server
trap - EXIT
if [ "$per_console" -gt 65536 ]; then
    echo "FAIL: an idle console costs more than 64 KiB"
    exit 1
fi
echo "luaconsole: all tests passed"
