# Lua 5.4: an interpreter. Errors are longjmps out of luaD_rawrunprotected (setjmp), the VM
# loop dispatches by computed goto under GCC (ljumptab.h), lua_pushfstring and luaL_error are
# variadic. Driven by the Lua programs in Tests/realworld/lua/ (the Debian package ships no tests).
rw_package=lua5.4
rw_kind="interpreter: setjmp error handling, computed-goto dispatch, variadics"
rw_ci=0

rw_build() {
    cd src
    # Debian's build generates this header from DEB_HOST_MULTIARCH.
    echo "#define DEB_HOST_MULTIARCH \"$(gcc -print-multiarch 2>/dev/null || echo unknown)\"" > lua5.4-deb-multiarch.h
    # The upstream flags (src/Makefile, target linux); Debian's own rules build through libtool.
    rw_program lua -std=gnu99 -O2 -Wall -Wextra -DLUA_COMPAT_5_3 -DLUA_USE_LINUX -- \
        lapi.c lcode.c lctype.c ldebug.c ldo.c ldump.c lfunc.c lgc.c llex.c lmem.c lobject.c \
        lopcodes.c lparser.c lstate.c lstring.c ltable.c ltm.c lundump.c lvm.c lzio.c \
        lauxlib.c lbaselib.c lcorolib.c ldblib.c liolib.c lmathlib.c loadlib.c loslib.c \
        lstrlib.c ltablib.c lutf8lib.c linit.c lua.c -- -lm -ldl
}

rw_tests() {
    local dir="$script_dir/lua" f
    rw_test version 'src/lua -v'
    rw_test inline "src/lua -e 'print(1 + 2, (\"x\"):rep(3), math.maxinteger // 7)'"
    rw_test error-exit "src/lua -e 'error(\"boom\")'"
    for f in "$dir"/*.lua; do
        case "$(basename "$f")" in
        quick-*) rw_test "$(basename "$f" .lua)" "src/lua '$f'" ;;
        *) rw_test_full "$(basename "$f" .lua)" "src/lua '$f'" ;;
        esac
    done
}
