# libpng: an image library whose errors are longjmps to the caller's setjmp (png_jmpbuf), over
# the system's zlib. Its own test, pngtest (read, write back, compare), on pngtest.png and the
# PNG suite images, and pngtest on broken files (the error path).
rw_package=libpng1.6
rw_kind="image library with setjmp/longjmp error handling (pngtest on the PNG suite)"
rw_ci=0

png_sources="png.c pngerror.c pngget.c pngmem.c pngpread.c pngread.c pngrio.c pngrtran.c
    pngrutil.c pngset.c pngtrans.c pngwio.c pngwrite.c pngwtran.c pngwutil.c"

rw_build() {
    cp scripts/pnglibconf.h.prebuilt pnglibconf.h
    rw_program pngtest -O2 -Wall -I. -- $png_sources pngtest.c -- -lz -lm
}

rw_tests() {
    rw_test pngtest './pngtest pngtest.png pngout.png 2>&1 | grep -v "^ *libpng version\|Testing libpng version\|time"; cmp pngtest.png pngout.png; md5sum pngout.png'
    rw_test_full pngsuite 'for f in contrib/pngsuite/*.png; do ./pngtest "$f" out.png > log 2>&1; echo "$f $? $(md5sum < out.png)"; done'
    # A 1-bit image's rows end in padding bits pngtest leaves uninitialised: its output differs
    # from run to run of the same plain build, so only its status is compared.
    rw_test_full testpngs 'for f in contrib/testpngs/*.png; do ./pngtest "$f" out.png > log 2>&1; s=$?; case "$f" in *-1-*|*-1.png) echo "$f $s";; *) echo "$f $s $(md5sum < out.png)";; esac; done'
    rw_test broken 'for f in contrib/testpngs/crashers/*.png contrib/pngsuite/interlaced/*.png; do [ -f "$f" ] || continue; ./pngtest "$f" out.png > log 2>&1; echo "$f $?"; grep -i "error" log | head -2; done'
}
