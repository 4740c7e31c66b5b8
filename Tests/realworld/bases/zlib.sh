# zlib: a compression library. Its own tests: test/example.c (the API test), test/infcover.c
# (inflate coverage), test/minigzip.c driven on files; the compressed bytes are compared too.
rw_package=zlib
rw_kind="compression library (its example, infcover and minigzip tests)"
rw_ci=1

zlib_sources="adler32.c crc32.c deflate.c infback.c inffast.c inflate.c inftrees.c trees.c zutil.c
    compress.c uncompr.c gzclose.c gzlib.c gzread.c gzwrite.c"

rw_build() {
    if [ "$RW_MODE" = per-file ]; then
        CC="$RW_CC" ./configure --static && make CC="$RW_CC" example minigzip \
            && make CC="$RW_CC" infcover.o && $RW_CC -o infcover infcover.o libz.a
    else
        # The flags ./configure chooses with gcc on Linux.
        local flags="-O3 -D_LARGEFILE64_SOURCE=1 -DHAVE_HIDDEN -I."
        rw_program example $flags -- test/example.c $zlib_sources &&
        rw_program minigzip $flags -- test/minigzip.c $zlib_sources &&
        rw_program infcover $flags -- test/infcover.c $zlib_sources
    fi
}

rw_tests() {
    rw_test example './example && md5sum foo.gz'
    rw_test infcover './infcover'
    rw_test minigzip-roundtrip 'for f in deflate.c zlib.h ChangeLog; do ./minigzip < $f > t.gz && md5sum t.gz && ./minigzip -d < t.gz | cmp - $f && echo same; done'
    rw_test_full minigzip-levels 'cat *.c *.h doc/* > all.txt; for o in -1 -6 -9 -f -h -R -9R; do ./minigzip $o < all.txt > t.gz; echo "$o $(md5sum < t.gz)"; ./minigzip -d < t.gz | cmp - all.txt || echo differs; done'
    rw_test_full minigzip-files 'cp zlib.3.pdf z.pdf && ./minigzip z.pdf && ls z.pdf* && ./minigzip -d z.pdf.gz && cmp z.pdf zlib.3.pdf && echo restored'
    rw_test_full minigzip-corrupt 'printf "\037\213\010\000garbage-garbage" > bad.gz; ./minigzip -d < bad.gz; echo "status $?"'
}
