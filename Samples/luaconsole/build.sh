#!/usr/bin/env bash
# Builds luaconsole: Lua 5.4's sources from Debian's source package (fetched once by
# Tests/realworld/fetch.sh into $STACKLESS_REALWORLD_CACHE, default ~/.cache/stackless-realworld;
# never committed), unmodified, with the glue and the web console's server.c and http.c, all given
# to one `stackless cc` so that the interpreter is made resumable wherever the glue's waiting
# functions can be reached from.
#
# Usage: Samples/luaconsole/build.sh [--stackless PATH] [--out FILE] [CC-OPTIONS...]
#   --stackless PATH  the driver (default: <repo>/.build/release/stackless, else .build/debug)
#   --out FILE        the program (default: Samples/luaconsole/.build/luaconsole)
#   CC-OPTIONS        more options for the compiler (-fsanitize=..., -g, ...); default -O2
# The compiler is $CC, else clang if there is one, else cc.
# Bakes the static directories' absolute paths in, so the program runs from anywhere.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
stackless="" out="$here/.build/luaconsole"
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        --stackless) stackless="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        *) extra+=("$1"); shift ;;
    esac
done
if [ -z "$stackless" ]; then
    stackless="$repo/.build/release/stackless"
    [ -x "$stackless" ] || stackless="$repo/.build/debug/stackless"
fi
[ -x "$stackless" ] || { echo "build.sh: no driver at $stackless (swift build -c release, or --stackless)" >&2; exit 1; }
[ ${#extra[@]} -gt 0 ] || extra=(-O2)
# $CC if set; else clang when there is one. gcc 12 compiles the transformed VM loop (luaV_execute:
# computed goto, one body with its resume points) 4-5x slower than the plain one on a tight
# arithmetic loop, clang 14 about 1.1x (README.md, "Figures").
if [ -z "${CC:-}" ] && command -v clang >/dev/null; then export CC=clang; fi

cache=${STACKLESS_REALWORLD_CACHE:-$HOME/.cache/stackless-realworld}
STACKLESS_REALWORLD_CACHE=$cache "$repo/Tests/realworld/fetch.sh" lua5.4
src=$(ls -d "$cache"/lua5.4/*/src 2>/dev/null | head -1)
[ -n "$src" ] || { echo "build.sh: no Lua sources under $cache/lua5.4" >&2; exit 1; }

gen="$(dirname "$out")/lua-include"
mkdir -p "$gen"
# Debian's patch makes luaconf.h include this header (the package's build writes it).
echo "#define DEB_HOST_MULTIARCH \"$(gcc -print-multiarch 2>/dev/null || echo unknown)\"" > "$gen/lua5.4-deb-multiarch.h"
lua_sources=()
for f in "$src"/*.c; do
    case "$(basename "$f")" in lua.c|luac.c) ;; *) lua_sources+=("$f") ;; esac
done
log="$(dirname "$out")/build.log"
echo "build.sh: CC=${CC:-cc}" >"$log"
"$stackless" cc --no-blocking-warnings -std=gnu11 "${extra[@]}" -DLUA_COMPAT_5_3 -DLUA_USE_LINUX \
    -I"$gen" -I"$src" -I"$repo/Samples/webconsole" \
    -DLUACONSOLE_STATIC_DIR="\"$here/static\"" -DWEBCONSOLE_STATIC_DIR="\"$repo/Samples/webconsole/static\"" \
    "${lua_sources[@]}" "$here/lua_glue.c" "$here/luaconsole.c" "$repo/Samples/webconsole/server.c" "$repo/Samples/webconsole/http.c" \
    -lm -ldl -o "$out" >>"$log" 2>&1 || { grep -v '^ ' "$log" | grep -v "is left as written" | head -30; echo "build.sh: the build failed (all of it: $log)" >&2; exit 1; }
# lua_glue.c's lc_can_switch reads sl_tls.unwind_ok, which the program keeps only when some
# function is left as written (Lua's error functions are): without them it would mean nothing.
if ! grep -q "is left as written" "$log"; then
    echo "build.sh: no function of Lua was left as written, so the program does not track unwind_ok, which lua_glue.c relies on" >&2
    exit 1
fi
if grep -v "is left as written" "$log" | grep -E "(lua_glue|luaconsole|server|http)\.c:[0-9]+:[0-9]+: (warning|error)"; then
    echo "build.sh: warnings in the sample's own C" >&2
    exit 1
fi
echo "built $out (CC=${CC:-cc})"
