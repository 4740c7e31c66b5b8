/*
 * http.c: the request parser of http.h. Strict where leniency has caused request smuggling
 * (RFC 9112): CRLF line ends only, no blank between a header name and its colon, no obsolete line
 * folding, one Content-Length (digits only), no Transfer-Encoding. An error found in a prefix is
 * reported at once, so that a client sending garbage is answered before it sends more.
 */
#include "http.h"

#include <string.h>

static bool is_tchar(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-.^_`|~", c));
}

static bool same_token(const char *a, size_t n, const char *lit) {
    if (strlen(lit) != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char x = a[i], y = lit[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

/* Does the comma-separated list v[0..n) hold `token` (case-insensitive)? */
static bool has_token(const char *v, size_t n, const char *token) {
    size_t i = 0;
    while (i < n) {
        while (i < n && (v[i] == ' ' || v[i] == '\t' || v[i] == ','))
            i++;
        size_t start = i;
        while (i < n && v[i] != ',')
            i++;
        size_t stop = i;
        while (stop > start && (v[stop - 1] == ' ' || v[stop - 1] == '\t'))
            stop--;
        if (stop > start && same_token(v + start, stop - start, token))
            return true;
    }
    return false;
}

const http_header *http_find_header(const http_request *req, const char *name) {
    for (int i = 0; i < req->nheaders; i++)
        if (same_token(req->headers[i].name, req->headers[i].name_len, name))
            return &req->headers[i];
    return NULL;
}

/* The end of the line starting at p (the index of its CR), -1 if the line is not complete yet,
 * -2 if it holds a bare CR or LF or a NUL. */
static long line_end(const char *buf, size_t p, size_t len) {
    for (size_t i = p; i < len; i++) {
        if (buf[i] == '\r') {
            if (i + 1 == len)
                return -1;
            return buf[i + 1] == '\n' ? (long)i : -2;
        }
        if (buf[i] == '\n' || buf[i] == '\0')
            return -2;
    }
    return -1;
}

static int parse_request_line(const char *buf, size_t eol, http_request *req) {
    size_t p = 0;
    while (p < eol && is_tchar((unsigned char)buf[p]))
        p++;
    if (p == 0 || p > 16 || p >= eol || buf[p] != ' ')
        return 400;
    req->method = buf;
    req->method_len = p;
    size_t t = ++p;
    while (p < eol && (unsigned char)buf[p] > ' ' && (unsigned char)buf[p] < 0x7f)
        p++;
    if (p == t || buf[t] != '/' || p >= eol || buf[p] != ' ')
        return 400;
    req->target = buf + t;
    req->target_len = p - t;
    p++;
    if (eol - p != 8 || memcmp(buf + p, "HTTP/", 5) != 0 || buf[p + 5] < '0' || buf[p + 5] > '9' ||
        buf[p + 6] != '.' || buf[p + 7] < '0' || buf[p + 7] > '9')
        return 400;
    if (buf[p + 5] != '1' || buf[p + 7] > '1')
        return 505;
    req->minor = buf[p + 7] - '0';
    return 0;
}

int http_parse(const char *buf, size_t len, const http_limits *limits, http_request *req) {
    memset(req, 0, sizeof *req);
    size_t window = len < limits->max_header ? len : limits->max_header;

    /* Request line. */
    long eol = line_end(buf, 0, window);
    if (eol == -2)
        return 400;
    if (eol < 0) {
        /* Refuse a bad method or target before the line is complete. */
        size_t i = 0;
        while (i < window && is_tchar((unsigned char)buf[i]))
            i++;
        if (i > 16 || (i < window && buf[i] != ' ') || (i == 0 && window > 0))
            return 400;
        return len >= limits->max_header ? 431 : HTTP_INCOMPLETE;
    }
    int status = parse_request_line(buf, (size_t)eol, req);
    if (status)
        return status;

    /* Headers, up to the empty line. */
    bool have_length = false, conn_close = false, conn_keep = false, have_host = false;
    size_t p = (size_t)eol + 2;
    for (;;) {
        eol = line_end(buf, p, window);
        if (eol == -2)
            return 400;
        if (eol < 0)
            return len >= limits->max_header ? 431 : HTTP_INCOMPLETE;
        if ((size_t)eol == p) {
            p += 2;
            break;
        }
        size_t name = p;
        while (p < (size_t)eol && is_tchar((unsigned char)buf[p]))
            p++;
        if (p == name || p >= (size_t)eol || buf[p] != ':')   /* also refuses line folding */
            return 400;
        size_t name_len = p - name;
        size_t v = p + 1, v_end = (size_t)eol;
        while (v < v_end && (buf[v] == ' ' || buf[v] == '\t'))
            v++;
        while (v_end > v && (buf[v_end - 1] == ' ' || buf[v_end - 1] == '\t'))
            v_end--;
        for (size_t q = v; q < v_end; q++)
            if (((unsigned char)buf[q] < ' ' && buf[q] != '\t') || buf[q] == 0x7f)
                return 400;
        if (req->nheaders == HTTP_MAX_HEADERS)
            return 431;
        http_header *h = &req->headers[req->nheaders++];
        h->name = buf + name;
        h->name_len = name_len;
        h->value = buf + v;
        h->value_len = v_end - v;

        if (same_token(h->name, name_len, "content-length")) {
            if (have_length || h->value_len == 0)   /* duplicates invite smuggling */
                return 400;
            size_t n = 0;
            for (size_t q = 0; q < h->value_len; q++) {
                char d = h->value[q];
                if (d < '0' || d > '9')
                    return 400;
                if (n > limits->max_body)   /* too large already: no overflow below */
                    return 413;
                n = n * 10 + (size_t)(d - '0');
            }
            if (n > limits->max_body)
                return 413;
            have_length = true;
            req->body_len = n;
        } else if (same_token(h->name, name_len, "transfer-encoding")) {
            return 501;
        } else if (same_token(h->name, name_len, "connection")) {
            conn_close |= has_token(h->value, h->value_len, "close");
            conn_keep |= has_token(h->value, h->value_len, "keep-alive");
        } else if (same_token(h->name, name_len, "host")) {
            if (have_host)
                return 400;
            have_host = true;
        }
        p = (size_t)eol + 2;
    }
    if (req->minor == 1 && !have_host)
        return 400;
    req->keep_alive = req->minor == 1 ? !conn_close : conn_keep && !conn_close;
    if (len - p < req->body_len)
        return HTTP_INCOMPLETE;
    req->body = buf + p;
    req->total = p + req->body_len;
    return HTTP_OK;
}
