# http-parser (Node's former HTTP/1 parser): a network protocol library, one big state machine
# driven by callbacks. Its own test suite (test.c: requests, responses, URLs, pauses, chunks,
# and every split of the messages into two and three pieces), strict and fast builds.
rw_package=http-parser
rw_kind="network protocol library (its test.c suite, strict and fast builds)"
rw_ci=0

rw_build() {
    if [ "$RW_MODE" = per-file ]; then
        make CC="$RW_CC" test_g test_fast
    else
        # The Makefile's flags for test_g and test_fast.
        rw_program test_g -I. -DHTTP_PARSER_STRICT=1 -Wall -Wextra -Werror -O0 -g -- http_parser.c test.c &&
        rw_program test_fast -I. -DHTTP_PARSER_STRICT=0 -Wall -Wextra -Werror -O3 -- http_parser.c test.c
    fi
}

rw_tests() {
    rw_test_full test_g './test_g'
    rw_test test_fast './test_fast'
}
