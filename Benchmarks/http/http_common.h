/*
 * http_common.h: request parsing and responses shared by the thread-per-connection server
 * (threaded.c) and the epoll loop (epoll_loop.c), so the two differ only in how they wait.
 * The greensock sample (Samples/greensock/http_server.c) has its own copy of the same contract:
 *
 *   GET /                  200, text/html, the page of Samples/greensock/page.h
 *   GET /hello?name=X      200, text/plain, "Hello, X! (request N on this connection)\n"
 *                          (no name: world; another X is a 400 "bad request\n", and the
 *                          connection goes on; N counts every request, 400s and 404s too)
 *   anything else          404 "not found\n"
 *   malformed, head > 8 KiB, Transfer-Encoding   400 "bad request\n", then close
 *
 * HTTP/1.1 keeps the connection unless "Connection: close"; HTTP/1.0 closes unless
 * "Connection: keep-alive". Content-Length bodies are read and discarded; requests may be
 * pipelined. Header-only (static functions): each server is one translation unit.
 */
#ifndef HTTP_COMMON_H
#define HTTP_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "../../Samples/greensock/page.h"

#define HTTP_MAX_HEAD 8192          /* a longer request line + headers is a 400 */
#define HTTP_MAX_NAME 64
#define HTTP_MAX_RESPONSE 2048      /* room a caller leaves for one response (checked below) */
#define HTTP_IDLE_MS 60000          /* an idle keep-alive connection is closed after this */

_Static_assert(sizeof http_page + 256 < HTTP_MAX_RESPONSE, "the page must fit HTTP_MAX_RESPONSE");

enum http_route { HTTP_PAGE, HTTP_HELLO, HTTP_NOT_FOUND, HTTP_BAD_NAME };

typedef struct http_request {
    size_t head_len;        /* request line + headers + the empty line */
    uint64_t body_len;      /* Content-Length */
    bool keep_alive;
    enum http_route route;
    const char *name;       /* HTTP_HELLO: points into the request */
    size_t name_len;
} http_request;

/* What a connection carries from one read to the next. */
typedef struct http_state {
    uint64_t body_left;     /* bytes of a request body still to discard */
    unsigned long requests; /* requests seen on this connection */
} http_state;

static inline bool http_tchar(unsigned char c) {
    /* RFC 9110 token characters, by table: the parser's inner loop. */
    static const unsigned char t[256] = {
        ['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1, ['*'] = 1, ['+'] = 1,
        ['-'] = 1, ['.'] = 1, ['^'] = 1, ['_'] = 1, ['`'] = 1, ['|'] = 1, ['~'] = 1,
        ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
        ['8'] = 1, ['9'] = 1,
        ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
        ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
        ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
        ['Y'] = 1, ['Z'] = 1,
        ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
        ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
        ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
        ['y'] = 1, ['z'] = 1,
    };
    return t[c];
}

static inline bool http_name_char(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
}

static inline bool http_is(const char *s, size_t n, const char *lit, size_t litn) {
    return n == litn && strncasecmp(s, lit, n) == 0;
}

/* The Connection header's tokens (comma-separated, case-insensitive): close wins. */
static void http_connection_tokens(const char *v, size_t n, bool *saw_close, bool *saw_keep) {
    size_t i = 0;
    while (i < n) {
        while (i < n && (v[i] == ' ' || v[i] == '\t' || v[i] == ',')) i++;
        size_t s = i;
        while (i < n && v[i] != ',' && v[i] != ' ' && v[i] != '\t') i++;
        if (http_is(v + s, i - s, "close", 5)) *saw_close = true;
        else if (http_is(v + s, i - s, "keep-alive", 10)) *saw_keep = true;
    }
}

static void http_route_target(const char *t, size_t n, http_request *r) {
    const char *q = memchr(t, '?', n);
    size_t path_len = q ? (size_t)(q - t) : n;
    if (path_len == 1 && t[0] == '/') { r->route = HTTP_PAGE; return; }
    if (!(path_len == 6 && memcmp(t, "/hello", 6) == 0)) { r->route = HTTP_NOT_FOUND; return; }
    r->route = HTTP_HELLO;
    r->name = "world";
    r->name_len = 5;
    if (!q) return;
    /* The first name=... parameter; other parameters are ignored. No percent-decoding: a
     * valid name has no '%'. */
    const char *p = q + 1, *end = t + n;
    while (p < end) {
        const char *amp = memchr(p, '&', (size_t)(end - p));
        const char *pe = amp ? amp : end;
        if (pe - p >= 5 && memcmp(p, "name=", 5) == 0) {
            const char *v = p + 5;
            size_t vn = (size_t)(pe - v);
            if (vn == 0 || vn > HTTP_MAX_NAME) { r->route = HTTP_BAD_NAME; return; }
            for (size_t i = 0; i < vn; i++)
                if (!http_name_char((unsigned char)v[i])) { r->route = HTTP_BAD_NAME; return; }
            r->name = v;
            r->name_len = vn;
            return;
        }
        p = pe + 1;
    }
}

/*
 * Parses the request head at buf[0..len). Returns 1 with *r filled when the whole head is there,
 * 0 when more bytes are needed, -1 when the request is malformed or its head passes 8 KiB.
 * One pass over the head, line by line; only a head that has not yet ended is scanned again on
 * the next read.
 */
static int http_parse(const char *buf, size_t len, http_request *r) {
    size_t lim = len < HTTP_MAX_HEAD ? len : HTTP_MAX_HEAD;
    const char *p = buf, *end = buf + lim;
    const char *nl = memchr(p, '\n', lim);
    if (!nl) return len >= HTTP_MAX_HEAD ? -1 : 0;
    if (nl == p || nl[-1] != '\r') return -1;
    /* Request line: method SP target SP HTTP/1.x */
    const char *le = nl - 1, *m = p;
    while (p < le && http_tchar((unsigned char)*p)) p++;
    size_t mlen = (size_t)(p - m);
    if (mlen == 0 || p >= le || *p != ' ') return -1;
    const char *t = ++p;
    while (p < le && (unsigned char)*p > ' ' && *p != 0x7f) p++;
    size_t tlen = (size_t)(p - t);
    if (tlen == 0 || p >= le || *p != ' ') return -1;
    p++;
    if (le - p != 8 || memcmp(p, "HTTP/1.", 7) != 0 || p[7] < '0' || p[7] > '9') return -1;
    bool http10 = p[7] == '0';

    bool saw_close = false, saw_keep = false, saw_length = false;
    uint64_t length = 0;
    p = nl + 1;
    for (;;) {
        if (p >= end) return len >= HTTP_MAX_HEAD ? -1 : 0;
        nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return len >= HTTP_MAX_HEAD ? -1 : 0;
        if (nl == p || nl[-1] != '\r') return -1;
        le = nl - 1;
        if (le == p) { p = nl + 1; break; }             /* the empty line: end of the head */
        const char *h = p;
        while (p < le && http_tchar((unsigned char)*p)) p++;
        size_t hlen = (size_t)(p - h);
        if (hlen == 0 || p >= le || *p != ':') return -1; /* also obs-fold and "name :" */
        p++;
        while (p < le && (*p == ' ' || *p == '\t')) p++;
        const char *v = p, *ve = le;
        while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t')) ve--;
        for (const char *c = v; c < ve; c++)
            if (((unsigned char)*c < ' ' && *c != '\t') || *c == 0x7f) return -1;
        size_t vlen = (size_t)(ve - v);
        switch (hlen) {
        case 10:
            if (http_is(h, hlen, "connection", 10)) http_connection_tokens(v, vlen, &saw_close, &saw_keep);
            break;
        case 14:
            if (http_is(h, hlen, "content-length", 14)) {
                if (vlen == 0 || vlen > 18) return -1;
                uint64_t x = 0;
                for (size_t i = 0; i < vlen; i++) {
                    if (v[i] < '0' || v[i] > '9') return -1;
                    x = x * 10 + (uint64_t)(v[i] - '0');
                }
                if (saw_length && x != length) return -1;
                saw_length = true;
                length = x;
            }
            break;
        case 17:
            /* chunked (or any coding) is not supported: a 400 rather than a misread body */
            if (http_is(h, hlen, "transfer-encoding", 17)) return -1;
            break;
        default:
            break;
        }
        p = nl + 1;
    }
    r->head_len = (size_t)(p - buf);
    r->body_len = length;
    r->keep_alive = saw_close ? false : http10 ? saw_keep : true;
    r->name = NULL;
    r->name_len = 0;
    if (mlen == 3 && memcmp(m, "GET", 3) == 0) http_route_target(t, tlen, r);
    else r->route = HTTP_NOT_FOUND;
    return 1;
}

static inline char *http_put(char *o, const char *s, size_t n) {
    memcpy(o, s, n);
    return o + n;
}
#define HTTP_PUT_LIT(o, lit) http_put((o), (lit), sizeof(lit) - 1)

static inline char *http_put_uint(char *o, unsigned long v) {
    char tmp[24];
    int i = 0;
    do { tmp[i++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (i) *o++ = tmp[--i];
    return o;
}

static char *http_head(char *o, const char *status_and_type, size_t n, size_t body_len, bool keep) {
    o = http_put(o, status_and_type, n);
    o = HTTP_PUT_LIT(o, "\r\nContent-Length: ");
    o = http_put_uint(o, body_len);
    if (keep) o = HTTP_PUT_LIT(o, "\r\nConnection: keep-alive\r\n\r\n");
    else o = HTTP_PUT_LIT(o, "\r\nConnection: close\r\n\r\n");
    return o;
}

#define HTTP_OK_HTML "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8"
#define HTTP_OK_TEXT "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8"
#define HTTP_404 "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8"
#define HTTP_400 "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8"

/* The 400 for a malformed request; the connection closes after it. */
static char *http_bad_request(char *o) {
    o = http_head(o, HTTP_400, sizeof HTTP_400 - 1, 12, false);
    return HTTP_PUT_LIT(o, "bad request\n");
}

/* Writes the response to r, request number n of its connection, at o (HTTP_MAX_RESPONSE room). */
static char *http_respond(char *o, const http_request *r, unsigned long n) {
    bool k = r->keep_alive;
    switch (r->route) {
    case HTTP_PAGE:
        o = http_head(o, HTTP_OK_HTML, sizeof HTTP_OK_HTML - 1, sizeof http_page - 1, k);
        return http_put(o, http_page, sizeof http_page - 1);
    case HTTP_HELLO: {
        char body[HTTP_MAX_NAME + 64], *b = body;
        b = HTTP_PUT_LIT(b, "Hello, ");
        b = http_put(b, r->name, r->name_len);
        b = HTTP_PUT_LIT(b, "! (request ");
        b = http_put_uint(b, n);
        b = HTTP_PUT_LIT(b, " on this connection)\n");
        o = http_head(o, HTTP_OK_TEXT, sizeof HTTP_OK_TEXT - 1, (size_t)(b - body), k);
        return http_put(o, body, (size_t)(b - body));
    }
    case HTTP_BAD_NAME:
        o = http_head(o, HTTP_400, sizeof HTTP_400 - 1, 12, k);
        return HTTP_PUT_LIT(o, "bad request\n");
    case HTTP_NOT_FOUND:
    default:
        o = http_head(o, HTTP_404, sizeof HTTP_404 - 1, 10, k);
        return HTTP_PUT_LIT(o, "not found\n");
    }
}

/*
 * Consumes the complete requests at in[0..len): discards bodies, appends one response per request
 * at out + *out_len while HTTP_MAX_RESPONSE bytes of room remain below cap. Sets *close_after
 * when the connection must close once out is written (Connection: close, HTTP/1.0, a bad
 * request); then the rest of the input is ignored. Returns the bytes consumed: what is left is an
 * incomplete head (under 8 KiB), or requests that did not fit in out.
 */
static size_t http_process(http_state *s, const char *in, size_t len, char *out, size_t cap,
                           size_t *out_len, bool *close_after) {
    size_t pos = 0, o = *out_len;
    for (;;) {
        if (s->body_left) {
            size_t skip = len - pos < s->body_left ? len - pos : (size_t)s->body_left;
            pos += skip;
            s->body_left -= skip;
            if (s->body_left) break;
        }
        if (pos == len || cap - o < HTTP_MAX_RESPONSE) break;
        http_request r;
        int st = http_parse(in + pos, len - pos, &r);
        if (st == 0) break;
        s->requests++;
        if (st < 0) {
            o = (size_t)(http_bad_request(out + o) - out);
            *close_after = true;
            pos = len;
            break;
        }
        o = (size_t)(http_respond(out + o, &r, s->requests) - out);
        pos += r.head_len;
        s->body_left = r.body_len;
        if (!r.keep_alive) {
            *close_after = true;
            pos = len;
            break;
        }
    }
    *out_len = o;
    return pos;
}

#endif
