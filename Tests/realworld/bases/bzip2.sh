# bzip2: a command-line tool with its own Makefile. Its own test (`make test`: the three sample
# files compressed and decompressed, compared with the shipped results), plus round trips,
# integrity tests and bzip2recover.
rw_package=bzip2
rw_kind="command-line tool with its own Makefile (make test's samples, round trips)"
rw_ci=1

rw_build() {
    if [ "$RW_MODE" = per-file ]; then
        make CC="$RW_CC" bzip2 bzip2recover
    else
        # The Makefile's CFLAGS.
        local flags="-Wall -Winline -O2 -g -D_FILE_OFFSET_BITS=64"
        rw_program bzip2 $flags -- blocksort.c huffman.c crctable.c randtable.c compress.c \
            decompress.c bzlib.c bzip2.c &&
        rw_program bzip2recover $flags -- bzip2recover.c
    fi
}

rw_tests() {
    # The Makefile's test target, command for command.
    rw_test make-test-1 './bzip2 -1 < sample1.ref > sample1.rb2 && ./bzip2 -d < sample1.bz2 > sample1.tst && cmp sample1.bz2 sample1.rb2 && cmp sample1.tst sample1.ref && echo ok'
    rw_test make-test-2 './bzip2 -2 < sample2.ref > sample2.rb2 && ./bzip2 -d < sample2.bz2 > sample2.tst && cmp sample2.bz2 sample2.rb2 && cmp sample2.tst sample2.ref && echo ok'
    rw_test_full make-test-3 './bzip2 -3 < sample3.ref > sample3.rb2 && ./bzip2 -ds < sample3.bz2 > sample3.tst && cmp sample3.bz2 sample3.rb2 && cmp sample3.tst sample3.ref && echo ok'
    rw_test_full levels 'cat *.c *.h > all.txt; for l in 1 5 9; do ./bzip2 -$l -c all.txt > all.bz2; echo "$l $(md5sum < all.bz2)"; ./bzip2 -t all.bz2 && ./bzip2 -dc all.bz2 | cmp - all.txt && echo same; done'
    rw_test keep-and-verbose 'cp words1 w.txt && ./bzip2 -kv w.txt 2>&1 | sed "s/ *[0-9.]*:1.*//"; ls w.txt*; ./bzip2 -tv w.txt.bz2 2>&1'
    rw_test corrupt 'head -c 300 sample1.bz2 > cut.bz2; ./bzip2 -t cut.bz2; echo "status $?"; ./bzip2 -d < words2; echo "status $?"'
    rw_test_full recover 'cp sample2.bz2 r.bz2 && ./bzip2recover r.bz2 && ls rec*r.bz2 && cat rec*r.bz2 | ./bzip2 -dc | md5sum'
}
