/*
 * A small HTTP/1.1 server in plain blocking style: one tasklet per connection, keep-alive and
 * pipelining, on the greensock hub.
 *
 * Usage: http_server PORT   (PORT 0: any free port; prints "listening on <port>" first)
 *
 * The contract (Benchmarks/http's servers answer byte for byte the same, and its check.py
 * checks it):
 *   GET /                200, text/html, the page of page.h
 *   GET /hello?name=X    200, text/plain, "Hello, X! (request N on this connection)\n";
 *                        X is 1 to 64 of [A-Za-z0-9_-] ("world" without a name; another X is
 *                        a 400 "bad request\n", and the connection goes on)
 *   anything else        404 "not found\n"
 *   malformed (bare LF included), a head over 8 KiB, Transfer-Encoding: 400 "bad request\n",
 *                        then close
 * N counts every request of the connection, the 400s and 404s too.
 * Every response has Content-Length and Connection (keep-alive or close). A request body with
 * Content-Length is read and discarded. An idle connection is closed after 60 s (HTTP_IDLE_MS in
 * the environment changes that, for tests).
 *
 * SIGINT or SIGTERM stops it cleanly (as echo_server does).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <greensock.h>
#include "page.h"

#define HEADER_LIMIT 8192       /* the longest header block, request line included */
/* The limit of every read and write of a connection: 60 s, or HTTP_IDLE_MS from the
 * environment (the tests use a short one). */
static long idle_timeout_ms = 60000;
#define NAME_LIMIT 64

/* An idle connection holds no buffer: it waits for its next request with gs_wait_readable and
 * takes buffers from the pools below only while it has bytes to parse or responses to write, so
 * that 10,000 idle keep-alive connections cost little more than their tasklets. */
#define IN_SIZE 4096            /* a pooled input buffer; a longer head grows it to HEADER_LIMIT */
#define OUT_SIZE 16384          /* a pooled output buffer (pipelined responses are batched) */

typedef struct request {
    size_t header_len;          /* request line and headers, final CRLF CRLF included */
    unsigned long long body_len;
    bool keep_alive;
    const char *target;
    size_t target_len;
    bool get;
} request;

typedef struct conn {
    struct conn *prev, *next;   /* the live connections, so that a stop can kill them */
    tasklet *tasklet;
    int fd;
    unsigned long requests;     /* on this connection, for /hello */
    char *in;                   /* received bytes, [in_start, in_len) not yet consumed */
    size_t in_start, in_len, in_cap;
    char *out;                  /* responses not yet written */
    size_t out_len;
    request req;                /* the request being answered (kept here, not in a local whose
                                 * address would have to survive a switch) */
    char body[128];             /* the /hello answer being built */
} conn;

static conn *conns;
static int listen_fd = -1;
static bool stopping;
static int stop_pipe[2] = {-1, -1};

/* ---- parsing (plain C, never suspends) ---- */


enum { PARSE_OK, PARSE_MORE, PARSE_BAD };

static bool is_tchar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c && strchr("!#$%&'*+-.^_`|~", c));
}

static bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
}

/* Does the comma-separated list [v, end) hold `token` (case-insensitive)? */
static bool has_token(const char *v, const char *end, const char *token) {
    size_t n = strlen(token);
    while (v < end) {
        while (v < end && (*v == ' ' || *v == '\t' || *v == ','))
            v++;
        const char *start = v;
        while (v < end && *v != ',' && *v != ' ' && *v != '\t')
            v++;
        if ((size_t)(v - start) == n && strncasecmp(start, token, n) == 0)
            return true;
    }
    return false;
}

/* The next line of [p, end) ending in CRLF: its end (the CR), or NULL when no LF is there yet.
 * A bare LF makes *bad true. */
static const char *line_end(const char *p, const char *end, bool *bad) {
    const char *lf = memchr(p, '\n', (size_t)(end - p));
    if (lf && (lf == p || lf[-1] != '\r'))
        *bad = true;
    return lf ? lf - 1 : NULL;
}

/* Parses the request at the start of buf, line by line, so that a malformed line is refused as
 * soon as it arrives: PARSE_MORE while its head is incomplete (and under 8 KiB). */
static int parse_request(const char *buf, size_t len, request *r) {
    const char *end = buf + (len < HEADER_LIMIT ? len : HEADER_LIMIT);
    int more = len >= HEADER_LIMIT ? PARSE_BAD : PARSE_MORE;
    bool bad = false;
    memset(r, 0, sizeof *r);

    /* Request line: METHOD SP TARGET SP HTTP/1.x CRLF */
    const char *p = buf, *eol = line_end(p, end, &bad);
    if (bad)
        return PARSE_BAD;
    if (!eol)
        return more;
    const char *m = p;
    while (p < eol && is_tchar(*p))
        p++;
    if (p == m || p >= eol || *p != ' ')
        return PARSE_BAD;
    r->get = p - m == 3 && memcmp(m, "GET", 3) == 0;
    r->target = ++p;
    while (p < eol && (unsigned char)*p > ' ' && *p != 0x7f)
        p++;
    r->target_len = (size_t)(p - r->target);
    if (r->target_len == 0 || p >= eol || *p != ' ')
        return PARSE_BAD;
    p++;
    if (eol - p != 8 || memcmp(p, "HTTP/1.", 7) != 0 || p[7] < '0' || p[7] > '9')
        return PARSE_BAD;
    bool http10 = p[7] == '0';

    /* Headers: NAME ":" OWS VALUE OWS CRLF, until the empty line. */
    bool conn_close = false, conn_keep = false, have_length = false;
    for (p = eol + 2;; p = eol + 2) {
        if (p >= end)
            return more;
        eol = line_end(p, end, &bad);
        if (bad)
            return PARSE_BAD;
        if (!eol)
            return more;
        if (eol == p)   /* the empty line */
            break;
        const char *name = p;
        while (p < eol && is_tchar(*p))
            p++;
        size_t name_len = (size_t)(p - name);
        if (name_len == 0 || p >= eol || *p != ':')   /* also obsolete line folding */
            return PARSE_BAD;
        const char *v = p + 1, *v_end = eol;
        while (v < v_end && (*v == ' ' || *v == '\t'))
            v++;
        while (v_end > v && (v_end[-1] == ' ' || v_end[-1] == '\t'))
            v_end--;
        for (const char *q = v; q < v_end; q++)
            if (((unsigned char)*q < ' ' && *q != '\t') || *q == 0x7f)
                return PARSE_BAD;
        if (name_len == 10 && strncasecmp(name, "Connection", 10) == 0) {
            conn_close |= has_token(v, v_end, "close");
            conn_keep |= has_token(v, v_end, "keep-alive");
        } else if (name_len == 14 && strncasecmp(name, "Content-Length", 14) == 0) {
            unsigned long long n = 0;
            if (v == v_end || v_end - v > 18)
                return PARSE_BAD;
            for (const char *q = v; q < v_end; q++) {
                if (*q < '0' || *q > '9')
                    return PARSE_BAD;
                n = n * 10 + (unsigned)(*q - '0');
            }
            if (have_length && n != r->body_len)   /* conflicting lengths: request smuggling */
                return PARSE_BAD;
            have_length = true;
            r->body_len = n;
        } else if (name_len == 17 && strncasecmp(name, "Transfer-Encoding", 17) == 0) {
            return PARSE_BAD;   /* chunked bodies are not supported: a 400, not a misread body */
        }
    }
    r->header_len = (size_t)(eol + 2 - buf);
    r->keep_alive = conn_close ? false : http10 ? conn_keep : true;
    return PARSE_OK;
}

/* ---- buffers ---- */

/* Free buffers, linked through their first word (one thread: plain statics). */
static void *free_in, *free_out;

static void *take(void **pool, size_t size) {
    void *b = *pool;
    if (b) {
        *pool = *(void **)b;
        return b;
    }
    return malloc(size);
}

static void give(void **pool, void *b) {
    *(void **)b = *pool;
    *pool = b;
}

static void drain_pool(void **pool) {
    while (*pool) {
        void *b = *pool;
        *pool = *(void **)b;
        free(b);
    }
}

/* Gives the connection an input buffer from the pool: false when out of memory. */
static bool take_in(conn *c) {
    if (!(c->in = take(&free_in, IN_SIZE)))
        return false;
    c->in_cap = IN_SIZE;
    return true;
}

static void release_in(conn *c) {
    if (!c->in)
        return;
    if (c->in_cap == IN_SIZE)
        give(&free_in, c->in);
    else
        free(c->in);   /* grown for a long head */
    c->in = NULL;
    c->in_start = c->in_len = c->in_cap = 0;
}

/* ---- responses ---- */

static void append(conn *c, const char *s, size_t n) {
    memcpy(c->out + c->out_len, s, n);
    c->out_len += n;
}

static void append_str(conn *c, const char *s) { append(c, s, strlen(s)); }

static size_t format_number(char *to, unsigned long long n) {
    char digits[24];
    size_t k = 0;
    do
        digits[k++] = (char)('0' + n % 10);
    while (n /= 10);
    for (size_t i = 0; i < k; i++)
        to[i] = digits[k - 1 - i];
    return k;
}

/* Writes what is buffered and gives the buffer back: 0, or -1 when the connection failed. */
static int flush(conn *c) {
    if (!c->out)
        return 0;
    ssize_t n = c->out_len ? gs_write_all(c->fd, c->out, c->out_len, idle_timeout_ms) : 0;
    give(&free_out, c->out);
    c->out = NULL;
    c->out_len = 0;
    return n < 0 ? -1 : 0;
}

/* The head of a response is at most this long (the longest status and type, a 20-digit length). */
#define HEAD_MAX 160

static int respond(conn *c, const char *status, const char *type, const char *body,
                   size_t body_len, bool keep_alive) {
    if (c->out && c->out_len + HEAD_MAX + body_len > OUT_SIZE && flush(c) != 0)
        return -1;
    if (!c->out && !(c->out = take(&free_out, OUT_SIZE)))
        return -1;
    append_str(c, "HTTP/1.1 ");
    append_str(c, status);
    append_str(c, "\r\nContent-Type: ");
    append_str(c, type);
    append_str(c, "; charset=utf-8\r\nContent-Length: ");
    c->out_len += format_number(c->out + c->out_len, body_len);
    append_str(c, keep_alive ? "\r\nConnection: keep-alive\r\n\r\n" : "\r\nConnection: close\r\n\r\n");
    if (HEAD_MAX + body_len > OUT_SIZE) {   /* larger than the buffer: write it as is */
        if (flush(c) != 0 || gs_write_all(c->fd, body, body_len, idle_timeout_ms) < 0)
            return -1;
        return 0;
    }
    append(c, body, body_len);
    return 0;
}

static int bad_request(conn *c, bool keep_alive) {
    return respond(c, "400 Bad Request", "text/plain", "bad request\n", 12, keep_alive);
}

/* Answers a parsed request: 0, or -1 when the connection failed. */
static int answer(conn *c, const request *r) {
    size_t path_len = r->target_len;
    const char *q = memchr(r->target, '?', r->target_len);
    if (q)
        path_len = (size_t)(q - r->target);
    c->requests++;
    if (r->get && path_len == 1)
        return respond(c, "200 OK", "text/html", http_page, sizeof http_page - 1, r->keep_alive);
    if (r->get && path_len == 6 && memcmp(r->target, "/hello", 6) == 0) {
        const char *name = "world";
        size_t name_len = 5;
        /* The first name= parameter of the query, if any. */
        const char *p = q ? q + 1 : NULL, *end = r->target + r->target_len;
        while (p && p < end) {
            const char *amp = memchr(p, '&', (size_t)(end - p));
            const char *stop = amp ? amp : end;
            if (stop - p >= 5 && memcmp(p, "name=", 5) == 0) {
                name = p + 5;
                name_len = (size_t)(stop - name);
                /* A well-formed request with a bad name: the connection goes on. */
                if (name_len == 0 || name_len > NAME_LIMIT)
                    return bad_request(c, r->keep_alive);
                for (size_t i = 0; i < name_len; i++)
                    if (!is_name_char(name[i]))
                        return bad_request(c, r->keep_alive);
                break;
            }
            p = amp ? amp + 1 : NULL;
        }
        char *b = c->body;
        memcpy(b, "Hello, ", 7);
        memcpy(b + 7, name, name_len);
        size_t n = 7 + name_len;
        memcpy(b + n, "! (request ", 11);
        n += 11;
        n += format_number(b + n, c->requests);
        memcpy(b + n, " on this connection)\n", 21);
        n += 21;
        return respond(c, "200 OK", "text/plain", b, n, r->keep_alive);
    }
    return respond(c, "404 Not Found", "text/plain", "not found\n", 10, r->keep_alive);
}

/* ---- the connection's tasklet ---- */

/* Reads more input into c->in (flushing responses first, so that a client waiting for them is
 * never stalled): the count read, 0 at end of file, -1 on error or after the idle timeout. With
 * nothing left to parse, the connection gives its buffers back and waits without them. */
static ssize_t fill(conn *c) {
    if (flush(c) != 0)
        return -1;
    if (c->in && c->in_start == c->in_len)
        release_in(c);
    if (!c->in) {
        if (gs_wait_readable(c->fd, idle_timeout_ms) != 0 || !take_in(c))
            return -1;
    }
    if (c->in_start > 0) {   /* keep the unconsumed bytes at the front */
        memmove(c->in, c->in + c->in_start, c->in_len - c->in_start);
        c->in_len -= c->in_start;
        c->in_start = 0;
    }
    if (c->in_len == c->in_cap) {
        size_t cap = c->in_cap * 2 > HEADER_LIMIT ? HEADER_LIMIT : c->in_cap * 2;
        char *in = c->in_cap == IN_SIZE ? malloc(cap) : realloc(c->in, cap);
        if (!in)
            return -1;
        if (c->in_cap == IN_SIZE) {
            memcpy(in, c->in, c->in_len);
            give(&free_in, c->in);
        }
        c->in = in;
        c->in_cap = cap;
    }
    ssize_t n = gs_read(c->fd, c->in + c->in_len, c->in_cap - c->in_len, idle_timeout_ms);
    if (n > 0)
        c->in_len += (size_t)n;
    return n;
}

static void consume(conn *c, size_t n) { c->in_start += n; }

/* Closing with unread input makes the kernel send a reset, which can destroy the response still
 * on its way to the client. So after a response that closes the connection: flush, end our
 * side, and read (and drop) what the client still sends, for up to 1 s and 64 KiB. */
static void lingering_close(conn *c) {
    if (flush(c) != 0 || shutdown(c->fd, SHUT_WR) != 0)
        return;
    if (!c->in && !take_in(c))
        return;
    for (size_t drained = 0; drained < 65536;) {
        ssize_t n = gs_read(c->fd, c->in, c->in_cap, 1000);
        if (n <= 0)
            return;
        drained += (size_t)n;
    }
}

static void serve_connection(conn *c) {
    request *r = &c->req;
    for (;;) {
        int parsed = c->in ? parse_request(c->in + c->in_start, c->in_len - c->in_start, r)
                           : PARSE_MORE;
        if (parsed == PARSE_BAD) {
            c->requests++;
            if (bad_request(c, false) == 0)
                lingering_close(c);
            return;
        }
        if (parsed == PARSE_MORE) {
            if (fill(c) <= 0)
                return;
            continue;
        }
        /* Answer at once (a client may wait for it before sending the body; r points into
         * c->in, so before consuming), then discard the body, from the buffer and then from
         * the socket. */
        if (answer(c, r) != 0)
            return;
        if (!r->keep_alive) {
            lingering_close(c);
            return;
        }
        consume(c, r->header_len);
        unsigned long long left = r->body_len;
        while (left > 0) {
            if (c->in_start == c->in_len && fill(c) <= 0)
                return;
            size_t have = c->in_len - c->in_start;
            size_t take_now = have < left ? have : (size_t)left;
            consume(c, take_now);
            left -= take_now;
        }
    }
}

static void unlink_conn(conn *c) {
    if (c->prev)
        c->prev->next = c->next;
    else
        conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
}

static void *serve(void *arg) {
    conn *c = arg;
    if (!stopping)   /* accepted before a stop but started after it: the stopper missed it */
        serve_connection(c);
    unlink_conn(c);
    gs_close(c->fd);
    release_in(c);
    if (c->out)
        give(&free_out, c->out);
    free(c);
    return NULL;
}

static void *acceptor(void *arg) {
    (void)arg;
    for (;;) {
        int fd = gs_accept(listen_fd, NULL, NULL, GS_FOREVER);
        if (fd < 0) {
            if (errno == EBADF || errno == ECANCELED)   /* the stopper closed the listener */
                return NULL;
            perror("http_server: accept");
            continue;   /* ECONNABORTED and the like concern one connection only */
        }
        /* Responses are written whole; Nagle would only delay the next one. */
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        conn *c = malloc(sizeof *c);
        if (!c) {
            gs_close(fd);
            continue;
        }
        c->fd = fd;
        c->requests = 0;
        c->in = c->out = NULL;
        c->in_start = c->in_len = c->in_cap = c->out_len = 0;
        c->prev = NULL;
        c->next = conns;
        if (conns)
            conns->prev = c;
        conns = c;
        c->tasklet = tasklet_new(NULL, serve, c);
    }
}

/* Waits for the signal handler's byte, then ends every other tasklet so that scheduler_run
 * returns. */
static void *stopper(void *arg) {
    (void)arg;
    char byte;
    if (gs_read(stop_pipe[0], &byte, 1, GS_FOREVER) != 1 && errno == ECANCELED)
        return NULL;
    stopping = true;
    gs_close(listen_fd);   /* the acceptor's gs_accept fails with EBADF */
    listen_fd = -1;
    while (conns)          /* each killed tasklet runs at once and unlinks itself */
        tasklet_kill(conns->tasklet);
    return NULL;
}

static void on_signal(int sig) {
    (void)sig;
    int saved = errno;
    ssize_t ignored = write(stop_pipe[1], "x", 1);
    (void)ignored;
    errno = saved;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: http_server PORT\n");
        return 2;
    }
    if (getenv("HTTP_IDLE_MS"))
        idle_timeout_ms = atol(getenv("HTTP_IDLE_MS"));
    listen_fd = gs_listen_tcp(NULL, atoi(argv[1]), 4096);
    if (listen_fd < 0) {
        perror("http_server: listen");
        return 1;
    }
    struct sockaddr_in addr;
    socklen_t len = sizeof addr;
    if (getsockname(listen_fd, (struct sockaddr *)&addr, &len) != 0) {
        perror("http_server: getsockname");
        return 1;
    }
    printf("listening on %d\n", ntohs(addr.sin_port));
    fflush(stdout);

    if (pipe(stop_pipe) != 0) {
        perror("http_server: pipe");
        return 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    scheduler *s = scheduler_new();
    tasklet_new(s, stopper, NULL);
    tasklet_new(s, acceptor, NULL);
    int rc = scheduler_run(s);
    if (rc != 0)
        fprintf(stderr, "http_server: scheduler_run: error %d\n", greenlet_error());
    scheduler_free(s);
    drain_pool(&free_in);
    drain_pool(&free_out);
    gs_close(stop_pipe[0]);
    close(stop_pipe[1]);
    if (gs_hub_close() != 0)
        perror("http_server: gs_hub_close");
    return rc == 0 ? 0 : 1;
}
