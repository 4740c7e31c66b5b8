/*
 * http.h: an HTTP/1.x request parser in plain C. It never blocks nor allocates: it looks at the
 * bytes received so far and says whether a whole request is there, more are needed, or the
 * request is refused with a status. Kept apart from the server so that it can be fuzzed alone
 * (test/fuzz_http.c).
 */
#ifndef WEBCONSOLE_HTTP_H
#define WEBCONSOLE_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#define HTTP_MAX_HEADERS 32

typedef struct http_limits {
    size_t max_header;          /* request line and headers, final empty line included */
    size_t max_body;            /* Content-Length */
} http_limits;

typedef struct http_header {
    const char *name, *value;   /* not NUL-terminated; the value without surrounding blanks */
    size_t name_len, value_len;
} http_header;

typedef struct http_request {
    const char *method, *target;    /* pointers into the buffer given to http_parse */
    size_t method_len, target_len;
    int minor;                      /* HTTP/1.minor: 0 or 1 */
    http_header headers[HTTP_MAX_HEADERS];
    int nheaders;
    const char *body;
    size_t body_len;
    bool keep_alive;
    size_t total;                   /* bytes of the whole request: headers and body */
} http_request;

enum {
    HTTP_INCOMPLETE = 0,        /* a prefix of a request that may still be valid: read more */
    HTTP_OK = 1,                /* a whole request: fields set, it spans buf[0..total) */
    /* Otherwise an error status: 400 (malformed, including a missing Host in HTTP/1.1 and
     * conflicting lengths), 413 (body over max_body), 431 (header block over max_header or
     * too many headers), 501 (Transfer-Encoding), 505 (not HTTP/1.0 or 1.1). */
};

/* Parses the request at the start of buf[0..len). */
int http_parse(const char *buf, size_t len, const http_limits *limits, http_request *req);

/* The value of the first header called `name` (case-insensitive), or NULL. */
const http_header *http_find_header(const http_request *req, const char *name);

#endif
