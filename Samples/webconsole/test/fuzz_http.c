/*
 * libFuzzer target for http.c: any bytes, whole or in pieces. Checks what the server relies on:
 * every pointer stays inside the input, a complete request is reported only with all of its body,
 * limits hold, and a valid request's every prefix is "incomplete" (never an error), so that a
 * request arriving in small reads is parsed as it would be at once.
 *
 * Build: clang -fsanitize=fuzzer,address,undefined -I.. fuzz_http.c ../http.c
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

static void check_inside(const char *buf, size_t len, const char *p, size_t n) {
    CHECK(p >= buf && n <= len && (size_t)(p - buf) <= len - n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    /* Small limits so that the fuzzer reaches them; the first byte varies them a little. */
    http_limits limits = {256, 64};
    if (size > 0) {
        limits.max_header += data[0] & 0x3f;
        limits.max_body += data[0] >> 6;
        data++;
        size--;
    }
    const char *buf = (const char *)data;
    http_request req;
    int r = http_parse(buf, size, &limits, &req);
    CHECK(r == HTTP_INCOMPLETE || r == HTTP_OK || r == 400 || r == 413 || r == 431 ||
          r == 501 || r == 505);
    if (r != HTTP_OK)
        return 0;
    CHECK(req.total <= size);
    CHECK(req.body_len <= limits.max_body);
    CHECK(req.total - req.body_len <= limits.max_header);
    CHECK(req.minor == 0 || req.minor == 1);
    CHECK(req.method_len > 0 && req.target_len > 0 && req.target[0] == '/');
    check_inside(buf, size, req.method, req.method_len);
    check_inside(buf, size, req.target, req.target_len);
    check_inside(buf, size, req.body, req.body_len);
    CHECK(req.body + req.body_len == buf + req.total);
    CHECK(req.nheaders >= 0 && req.nheaders <= HTTP_MAX_HEADERS);
    for (int i = 0; i < req.nheaders; i++) {
        check_inside(buf, size, req.headers[i].name, req.headers[i].name_len);
        check_inside(buf, size, req.headers[i].value, req.headers[i].value_len);
    }
    if (req.minor == 1)
        CHECK(http_find_header(&req, "host") != NULL);

    /* The same request parsed again after anything else must come out the same. */
    size_t total = req.total, body_len = req.body_len;
    http_request again;
    CHECK(http_parse(buf, total, &limits, &again) == HTTP_OK && again.total == total &&
          again.body_len == body_len && again.keep_alive == req.keep_alive);

    /* Every proper prefix of a valid request is incomplete. A copy of exactly that length lets
     * AddressSanitizer catch a read past it. */
    for (size_t n = 0; n < total; n += 1 + n / 64) {
        char *prefix = malloc(n ? n : 1);
        if (!prefix)
            return 0;
        memcpy(prefix, buf, n);
        CHECK(http_parse(prefix, n, &limits, &again) == HTTP_INCOMPLETE);
        free(prefix);
    }
    return 0;
}
