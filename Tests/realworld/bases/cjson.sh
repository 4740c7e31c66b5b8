# cJSON: a JSON parser and printer, with cJSON_Utils (JSON pointer, patch, merge). Its own suite:
# the Unity tests under tests/ (Unity protects each test with setjmp), the json-patch tests,
# and the test.c demo.
rw_package=cjson
rw_kind="JSON parser and printer (its Unity test suite, which uses setjmp)"
rw_ci=0

cjson_tests="parse_examples parse_number parse_hex4 parse_string parse_array parse_object parse_value
    print_string print_number print_array print_object print_value misc_tests parse_with_opts
    compare_tests cjson_add readme_examples minify_tests"
cjson_utils_tests="json_patch_tests old_utils_tests misc_utils_tests"

rw_build() {
    # The flags CMakeLists.txt adds (less -Werror), C89. The Unity tests include ../cJSON.c (common.h).
    local flags="-std=c89 -O2 -pedantic -Wall -Wextra -Wstrict-prototypes -Wwrite-strings -Wshadow -Wundef -I. -Itests/unity/src"
    rw_program cjson_test $flags -- cJSON.c test.c -- -lm || return 1
    local t
    for t in $cjson_tests; do
        rw_program "tests/$t" $flags -- "tests/$t.c" tests/unity/src/unity.c -- -lm || return 1
    done
    for t in $cjson_utils_tests; do
        rw_program "tests/$t" $flags -- cJSON_Utils.c "tests/$t.c" tests/unity/src/unity.c -- -lm || return 1
    done
}

rw_tests() {
    local t
    rw_test demo './cjson_test'
    for t in parse_examples print_value misc_tests; do rw_test "$t" "cd tests && ./$t"; done
    for t in $cjson_tests $cjson_utils_tests; do
        case " parse_examples print_value misc_tests " in *" $t "*) continue ;; esac
        rw_test_full "$t" "cd tests && ./$t"
    done
}
