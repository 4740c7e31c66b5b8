/*
 * webconsole: many interactive calculators (calc.c) served over HTTP, each a tasklet.
 *
 * Usage: webconsole [--host ADDR] [--idle-timeout SEC] [--step-budget N] [--max-depth N]
 *                   [--max-consoles N] [--reply-wait MS] [--static DIR] PORT
 *        (PORT 0: any free port; prints "webconsole: listening on http://ADDR:PORT/" first)
 *
 * One tasklet per connection parses requests (http.c) and answers them; one tasklet per console
 * runs calc_run, whose read_line waits on the console's input channel and whose print appends to
 * the console's output. A request that sends a line hands it over the channel and waits on the
 * console's `done` channel until the interpreter asks for its next line, then answers with what
 * it printed. Neither side knows about the other's code: the interpreter is plain blocking C.
 *
 * API (JSON answers; a line is sent as the raw request body):
 *   POST   /api/consoles              201 {"id": ID, "output": banner}
 *   POST   /api/consoles/ID/eval      200 {"output": ..., "busy": false, "closed": false}
 *   GET    /api/consoles/ID/output    200 the same, with the output not yet read (then cleared)
 *   DELETE /api/consoles/ID           204 (the console's tasklet is killed)
 * An unknown or expired ID is 404; a console already evaluating is 409; a line over 1024 bytes
 * or with control characters 400; a body over 4 KiB 413; malformed HTTP 400 (then close).
 *
 * SIGINT or SIGTERM stops it cleanly: every tasklet is killed and every byte freed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/random.h>
#include <greensock.h>

#include "calc.h"
#include "http.h"

#ifndef WEBCONSOLE_STATIC_DIR
#define WEBCONSOLE_STATIC_DIR "static"
#endif

#define MAX_HEADER 8192          /* request line and headers (431 past it) */
#define MAX_BODY 4096            /* request body (413 past it) */
#define MAX_OUTPUT 65536         /* output kept for a console between two reads */
#define CONN_TIMEOUT_MS 60000    /* every read and write of a connection */

static struct {
    const char *host;
    long idle_ms;
    long step_budget;
    int max_depth;
    long max_consoles;
    long reply_wait_ms;         /* a line still running then is answered "busy" */
    const char *static_dir;
} opt = {"127.0.0.1", 600000, 2000000, 200, 10000, 10000, WEBCONSOLE_STATIC_DIR};

/* ---- consoles ---- */

typedef struct console {
    struct console *hash_next;
    unsigned char id[16];
    char hex[33];
    tasklet *task;              /* NULL once the interpreter has returned */
    channel *input;             /* lines, from a request's tasklet to the console */
    channel *done;              /* the console asks for its next line: the request may answer */
    char *line;                 /* the line being evaluated (the console owns it) */
    char *out;                  /* printed, not yet read */
    size_t out_len, out_cap;
    bool out_truncated;
    bool running;               /* evaluating a line (or printing its banner) */
    bool handler_waiting;       /* a request is handing a line over or waits for its output */
    bool closed;                /* the interpreter has returned; only references keep it */
    int refs;                   /* the console's tasklet, and each request using it */
    long long last_used_ms;
    /* read_line's wait. Not a local: an address-taken local of a function that may suspend
     * lives on the tasklet's shadow stack, whose first chunk (4 KiB) would stay with every
     * idle console. */
    gs_op wait;
    calc_io io;                 /* likewise: calc_run keeps a pointer to it */
} console;

static console **table;          /* by id, chained; the ids are random, so their bytes hash */
static size_t table_size, console_count;

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static size_t id_hash(const unsigned char *id) {
    uint64_t h;
    memcpy(&h, id, sizeof h);
    return (size_t)h & (table_size - 1);
}

/* Compares in constant time, so that response times tell nothing about a near-miss id. */
static bool same_id(const unsigned char *a, const unsigned char *b) {
    unsigned char d = 0;
    for (int i = 0; i < 16; i++)
        d |= a[i] ^ b[i];
    return d == 0;
}

static int table_insert(console *c) {
    if (console_count + 1 > table_size) {
        size_t size = table_size ? table_size * 2 : 1024;
        console **t = calloc(size, sizeof *t);
        if (!t)
            return -1;
        console **old = table;
        size_t old_size = table_size;
        table = t;
        table_size = size;
        for (size_t i = 0; i < old_size; i++)
            for (console *e = old[i], *next; e; e = next) {
                next = e->hash_next;
                e->hash_next = table[id_hash(e->id)];
                table[id_hash(e->id)] = e;
            }
        free(old);
    }
    c->hash_next = table[id_hash(c->id)];
    table[id_hash(c->id)] = c;
    console_count++;
    return 0;
}

static void table_remove(console *c) {
    for (console **p = &table[id_hash(c->id)]; *p; p = &(*p)->hash_next)
        if (*p == c) {
            *p = c->hash_next;
            console_count--;
            return;
        }
}

static int hex_value(char ch) {
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    return -1;
}

static console *table_find(const char *hex, size_t len) {
    unsigned char id[16];
    if (len != 32 || !table)
        return NULL;
    for (int i = 0; i < 16; i++) {
        int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return NULL;
        id[i] = (unsigned char)(hi << 4 | lo);
    }
    console *found = NULL;
    for (console *c = table[id_hash(id)]; c; c = c->hash_next)
        if (same_id(c->id, id))
            found = c;
    return found;
}

static void console_unref(console *c) {
    if (--c->refs > 0)
        return;
    channel_free(c->input);
    channel_free(c->done);
    free(c->line);
    free(c->out);
    free(c);
}

static void out_append(console *c, const char *text, size_t len) {
    if (c->out_len + len > c->out_cap) {
        size_t cap = c->out_cap ? c->out_cap : 256;
        while (cap < c->out_len + len)
            cap *= 2;
        char *out = realloc(c->out, cap);
        if (!out)
            return;
        c->out = out;
        c->out_cap = cap;
    }
    memcpy(c->out + c->out_len, text, len);
    c->out_len += len;
}

/* The interpreter's print: output waits here for a request to take it, up to MAX_OUTPUT. */
static void console_print(void *ctx, const char *text, size_t len) {
    static const char note[] = "\n[output truncated]\n";
    console *c = ctx;
    if (c->out_truncated)
        return;
    size_t room = MAX_OUTPUT - (sizeof note - 1) - c->out_len;
    if (len > room) {
        out_append(c, text, room);
        out_append(c, note, sizeof note - 1);
        c->out_truncated = true;
        return;
    }
    out_append(c, text, len);
}

/* The interpreter's read_line: hands the output so far to the request waiting for it, then waits
 * for the next line; NULL (the session ends) after the idle timeout or when killed. */
static const char *console_read_line(void *ctx) {
    console *c = ctx;
    free(c->line);
    c->line = NULL;
    c->running = false;
    if (c->handler_waiting && channel_send(c->done, NULL) != 0)
        return NULL;   /* killed */
    c->last_used_ms = now_ms();
    for (;;) {
        /* Reading the output also counts as use, so the deadline is computed afresh. */
        long long left = c->last_used_ms + opt.idle_ms - now_ms();
        if (left <= 0)
            return NULL;
        c->wait = gs_op_receive(c->input);
        if (gs_oneof(&c->wait, 1, (long)left) == 0) {
            if (c->wait.error)
                return NULL;
            c->running = true;
            return c->line = c->wait.value;
        }
        if (errno != ETIMEDOUT)
            return NULL;   /* ECANCELED: killed */
    }
}

/* The interpreter's yield, every so many steps: lets the other tasklets run. */
static int console_yield(void *ctx) {
    (void)ctx;
    tasklet_schedule();
    return greenlet_error() == GREENLET_EXIT;
}

static void *console_main(void *arg) {
    console *c = arg;
    calc_io io = {c, console_read_line, console_print, console_yield, 1000, opt.step_budget,
                  opt.max_depth};
    c->io = io;
    calc_run(&c->io);
    /* Expired, killed or quit: whoever waits is woken (closed channels), and the memory goes
     * with the last reference. */
    c->closed = true;
    c->task = NULL;
    table_remove(c);
    channel_close(c->input);
    channel_close(c->done);
    console_unref(c);
    return NULL;
}

static console *console_new(void) {
    console *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    if (getrandom(c->id, sizeof c->id, 0) != (ssize_t)sizeof c->id) {
        free(c);
        return NULL;
    }
    for (int i = 0; i < 16; i++)
        snprintf(c->hex + 2 * i, 3, "%02x", c->id[i]);
    c->input = channel_new("console input");
    c->done = channel_new("console done");
    c->refs = 1;
    c->running = true;
    if (!c->input || !c->done || table_insert(c) != 0) {
        if (c->input)
            channel_free(c->input);
        if (c->done)
            channel_free(c->done);
        free(c);
        return NULL;
    }
    c->task = tasklet_new(NULL, console_main, c);
    if (!c->task) {
        table_remove(c);
        console_unref(c);
        return NULL;
    }
    tasklet_set_name(c->task, "console");
    return c;
}

/* ---- connections ---- */

typedef struct conn {
    struct conn *prev, *next;   /* the live connections, so that a stop can kill them */
    tasklet *task;
    int fd;
    char *in;
    size_t in_len, in_cap;
    /* The request being answered. Kept here, not as a local: an address-taken local of a
     * function that may suspend would live on the tasklet's shadow stack. */
    http_request req;
} conn;

static conn *conns;
static int listen_fd = -1;
static bool stopping;
static int stop_pipe[2] = {-1, -1};

typedef struct buf {
    char *p;
    size_t len, cap;
    bool failed;
} buf;

static void put(buf *b, const char *s, size_t n) {
    if (b->failed)
        return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 512;
        while (cap < b->len + n)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->failed = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void puts_(buf *b, const char *s) {
    put(b, s, strlen(s));
}

static void put_json_string(buf *b, const char *s, size_t n) {
    put(b, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        char esc[8];
        if (ch == '"' || ch == '\\') {
            esc[0] = '\\';
            esc[1] = (char)ch;
            put(b, esc, 2);
        } else if (ch == '\n') {
            put(b, "\\n", 2);
        } else if (ch < 0x20 || ch >= 0x7f) {   /* the interpreter prints ASCII only */
            snprintf(esc, sizeof esc, "\\u%04x", ch < 0x7f ? ch : '?');
            put(b, esc, 6);
        } else {
            put(b, (const char *)&ch, 1);
        }
    }
    put(b, "\"", 1);
}

static const char *reason(int status) {
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Error";
    }
}

/* Writes one response: 0, or -1 when the connection failed. */
static int respond(conn *k, int status, const char *type, const char *body, size_t len,
                   bool keep_alive) {
    buf b = {0};
    char head[512];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %d %s\r\nContent-Length: %zu\r\nConnection: %s\r\n"
                     "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n",
                     status, reason(status), len, keep_alive ? "keep-alive" : "close");
    put(&b, head, (size_t)n);
    if (type) {
        puts_(&b, "Content-Type: ");
        puts_(&b, type);
        puts_(&b, "\r\n");
    }
    if (type && strncmp(type, "text/html", 9) == 0)
        puts_(&b, "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'\r\n");
    puts_(&b, "\r\n");
    put(&b, body, len);
    int rc = b.failed ? -1 : (gs_write_all(k->fd, b.p, b.len, CONN_TIMEOUT_MS) < 0 ? -1 : 0);
    free(b.p);
    return rc;
}

static int respond_json(conn *k, int status, buf *body, bool keep_alive) {
    int rc = body->failed ? respond(k, 503, "text/plain", "out of memory\n", 14, false)
                          : respond(k, status, "application/json", body->p, body->len, keep_alive);
    free(body->p);
    return rc;
}

static int respond_error(conn *k, int status, const char *message, bool keep_alive) {
    buf b = {0};
    puts_(&b, "{\"error\": ");
    put_json_string(&b, message, strlen(message));
    puts_(&b, "}\n");
    return respond_json(k, status, &b, keep_alive);
}

/* Answers with the console's pending output, which is then cleared. */
static int respond_output(conn *k, int status, console *c, bool with_id, bool keep_alive) {
    buf b = {0};
    puts_(&b, "{");
    if (with_id) {
        puts_(&b, "\"id\": \"");
        puts_(&b, c->hex);
        puts_(&b, "\", ");
    }
    puts_(&b, "\"output\": ");
    put_json_string(&b, c->out ? c->out : "", c->out_len);
    puts_(&b, c->closed ? ", \"busy\": false, \"closed\": true}\n"
                        : c->running ? ", \"busy\": true, \"closed\": false}\n"
                                     : ", \"busy\": false, \"closed\": false}\n");
    free(c->out);   /* an idle console holds no buffer */
    c->out = NULL;
    c->out_len = c->out_cap = 0;
    c->out_truncated = false;
    return respond_json(k, status, &b, keep_alive);
}

/* Waits (holding a reference) until the console asks for its next line, ends, or
 * opt.reply_wait_ms pass; then answers with its output. handler_waiting was set by the caller. */
static int await_console(conn *k, console *c, int status, bool with_id, bool keep_alive) {
    int rc = 0;
    if (!c->closed) {
        gs_op op = gs_op_receive(c->done);
        if (gs_oneof(&op, 1, opt.reply_wait_ms) < 0 && errno == ECANCELED)
            rc = -1;   /* this connection is being killed */
    }
    c->handler_waiting = false;
    if (rc == 0)
        rc = respond_output(k, status, c, with_id, keep_alive);
    console_unref(c);
    return rc;
}

static int create_console(conn *k, bool keep_alive) {
    if ((long)console_count >= opt.max_consoles)
        return respond_error(k, 503, "too many consoles", keep_alive);
    console *c = console_new();
    if (!c)
        return respond_error(k, 503, "cannot create a console", keep_alive);
    c->refs++;
    c->handler_waiting = true;   /* for the banner, printed before the first read_line */
    return await_console(k, c, 201, true, keep_alive);
}

static int eval_line(conn *k, console *c, const char *body, size_t len, bool keep_alive) {
    if (len > 0 && body[len - 1] == '\n')
        len--;
    if (len > 0 && body[len - 1] == '\r')
        len--;
    if (len > CALC_MAX_LINE)
        return respond_error(k, 400, "line too long (at most 1024 bytes)", keep_alive);
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)body[i] < ' ' && body[i] != '\t') || body[i] == 0x7f)
            return respond_error(k, 400, "one line of text, without control characters",
                                 keep_alive);
    /* One line at a time. A console between lines may not be waiting for input yet (it runs
     * after this tasklet): the send below then waits for it. */
    if (c->running || c->handler_waiting)
        return respond_error(k, 409, "console busy", keep_alive);
    char *line = malloc(len + 1);
    if (!line)
        return respond_error(k, 503, "out of memory", keep_alive);
    memcpy(line, body, len);
    line[len] = '\0';
    c->refs++;
    /* Set before the send: the console may finish the line before this tasklet runs again. */
    c->handler_waiting = true;
    if (channel_send(c->input, line) != 0) {
        int err = greenlet_error();
        free(line);
        c->handler_waiting = false;
        console_unref(c);
        if (err == GREENLET_EXIT)
            return -1;
        return respond_error(k, 404, "no such console", keep_alive);   /* it just expired */
    }
    return await_console(k, c, 200, false, keep_alive);
}

static int delete_console(conn *k, console *c, bool keep_alive) {
    if (c->task) {
        c->refs++;
        tasklet_kill(c->task);   /* it runs at once, ends calc_run and unlinks itself */
        console_unref(c);
    }
    return respond(k, 204, NULL, "", 0, keep_alive);
}

static struct {
    const char *path, *file, *type;
    char *data;
    size_t len;
} statics[] = {
    {"/", "index.html", "text/html; charset=utf-8", NULL, 0},
    {"/console.js", "console.js", "text/javascript; charset=utf-8", NULL, 0},
    {"/console.css", "console.css", "text/css; charset=utf-8", NULL, 0},
};
#define NSTATICS (sizeof statics / sizeof statics[0])

static bool is(const char *s, size_t n, const char *lit) {
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* Answers one request: 0 to go on, -1 to close the connection. */
static int answer(conn *k, const http_request *r) {
    bool keep = r->keep_alive;
    const char *path = r->target;
    size_t path_len = r->target_len;
    const char *q = memchr(path, '?', path_len);
    if (q)
        path_len = (size_t)(q - path);
    bool get = is(r->method, r->method_len, "GET"), post = is(r->method, r->method_len, "POST");
    bool del = is(r->method, r->method_len, "DELETE");

    for (size_t i = 0; i < NSTATICS; i++)
        if (is(path, path_len, statics[i].path))
            return get ? respond(k, 200, statics[i].type, statics[i].data, statics[i].len, keep)
                       : respond_error(k, 405, "method not allowed", keep);

    if (is(path, path_len, "/favicon.ico"))   /* browsers ask; there is none */
        return respond(k, 204, NULL, "", 0, keep);
    static const char api[] = "/api/consoles";
    size_t api_len = sizeof api - 1;
    if (path_len < api_len || memcmp(path, api, api_len) != 0 ||
        (path_len > api_len && path[api_len] != '/'))
        return respond_error(k, 404, "not found", keep);
    if (path_len == api_len)
        return post ? create_console(k, keep) : respond_error(k, 405, "method not allowed", keep);

    /* /api/consoles/ID[/eval|/output] */
    const char *id = path + api_len + 1;
    const char *slash = memchr(id, '/', path_len - api_len - 1);
    size_t id_len = slash ? (size_t)(slash - id) : path_len - api_len - 1;
    const char *action = slash ? slash + 1 : NULL;
    size_t action_len = slash ? (size_t)(path + path_len - action) : 0;
    if (action && !is(action, action_len, "eval") && !is(action, action_len, "output"))
        return respond_error(k, 404, "not found", keep);
    console *c = table_find(id, id_len);
    if (!c || c->closed)
        return respond_error(k, 404, "no such console", keep);
    c->last_used_ms = now_ms();
    if (!action)
        return del ? delete_console(k, c, keep) : respond_error(k, 405, "method not allowed", keep);
    if (is(action, action_len, "eval"))
        return post ? eval_line(k, c, r->body, r->body_len, keep)
                    : respond_error(k, 405, "method not allowed", keep);
    if (!get)
        return respond_error(k, 405, "method not allowed", keep);
    c->refs++;   /* the write may suspend, and the console end meanwhile */
    int rc = respond_output(k, 200, c, false, keep);
    console_unref(c);
    return rc;
}

/* Closing with unread input would reset the connection and could destroy the error response
 * before the client reads it: stop sending, then drain (a little, briefly) first. */
static void linger(conn *k) {
    shutdown(k->fd, SHUT_WR);
    static char sink[4096];   /* shared: what is drained is thrown away */
    long long deadline = now_ms() + 1000;
    for (int i = 0; i < 64; i++) {
        long long left = deadline - now_ms();
        if (left <= 0 || gs_read(k->fd, sink, sizeof sink, (long)left) <= 0)
            return;
    }
}

static void serve_connection(conn *k) {
    static const http_limits limits = {MAX_HEADER, MAX_BODY};
    http_request *r = &k->req;
    for (;;) {
        int status = http_parse(k->in, k->in_len, &limits, r);
        if (status == HTTP_INCOMPLETE) {
            if (k->in_len == k->in_cap) {   /* the parser's limits keep this under the cap */
                size_t cap = k->in_cap * 2;
                char *in = realloc(k->in, cap);
                if (!in)
                    return;
                k->in = in;
                k->in_cap = cap;
            }
            ssize_t n = gs_read(k->fd, k->in + k->in_len, k->in_cap - k->in_len, CONN_TIMEOUT_MS);
            if (n <= 0)
                return;
            k->in_len += (size_t)n;
            continue;
        }
        if (status != HTTP_OK) {   /* the rest of the stream cannot be trusted: close */
            char msg[64];
            snprintf(msg, sizeof msg, "%s", reason(status));
            if (respond_error(k, status, msg, false) == 0)
                linger(k);
            return;
        }
        if (answer(k, r) != 0 || !r->keep_alive || stopping)
            return;
        memmove(k->in, k->in + r->total, k->in_len - r->total);
        k->in_len -= r->total;
    }
}

static void *serve(void *arg) {
    conn *k = arg;
    if (!stopping)   /* accepted before a stop but started after it: the stopper missed it */
        serve_connection(k);
    if (k->prev)
        k->prev->next = k->next;
    else
        conns = k->next;
    if (k->next)
        k->next->prev = k->prev;
    gs_close(k->fd);
    free(k->in);
    free(k);
    return NULL;
}

static void *acceptor(void *arg) {
    (void)arg;
    for (;;) {
        int fd = gs_accept(listen_fd, NULL, NULL, GS_FOREVER);
        if (fd < 0) {
            if (errno == EBADF || errno == ECANCELED)   /* the stopper closed the listener */
                return NULL;
            perror("webconsole: accept");
            continue;
        }
        int one = 1;   /* responses are written whole; Nagle would only delay them */
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        conn *k = calloc(1, sizeof *k);
        char *in = malloc(1024);   /* grows to MAX_HEADER + MAX_BODY at most */
        if (!k || !in) {
            free(k);
            free(in);
            gs_close(fd);
            continue;
        }
        k->fd = fd;
        k->in = in;
        k->in_cap = 1024;
        k->next = conns;
        if (conns)
            conns->prev = k;
        conns = k;
        k->task = tasklet_new(NULL, serve, k);
        tasklet_set_name(k->task, "connection");
    }
}

/* Waits for the signal handler's byte, then ends every other tasklet. */
static void *stopper(void *arg) {
    (void)arg;
    char byte;
    if (gs_read(stop_pipe[0], &byte, 1, GS_FOREVER) != 1 && errno == ECANCELED)
        return NULL;
    stopping = true;
    gs_close(listen_fd);
    listen_fd = -1;
    while (conns)   /* each killed tasklet runs at once and unlinks itself */
        tasklet_kill(conns->task);
    for (size_t i = 0; i < table_size; i++)
        while (table[i])   /* likewise: a killed console removes itself from the table */
            tasklet_kill(table[i]->task);
    return NULL;
}

static void on_signal(int sig) {
    (void)sig;
    int saved = errno;
    ssize_t ignored = write(stop_pipe[1], "x", 1);
    (void)ignored;
    errno = saved;
}

static int load_statics(void) {
    for (size_t i = 0; i < NSTATICS; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", opt.static_dir, statics[i].file);
        FILE *f = fopen(path, "rb");
        if (!f) {
            fprintf(stderr, "webconsole: %s: %s\n", path, strerror(errno));
            return -1;
        }
        size_t cap = 4096, len = 0;
        char *data = malloc(cap);
        size_t n;
        while (data && (n = fread(data + len, 1, cap - len, f)) > 0) {
            len += n;
            if (len == cap) {
                char *more = realloc(data, cap *= 2);
                if (!more)
                    free(data);
                data = more;
            }
        }
        fclose(f);
        if (!data)
            return -1;
        statics[i].data = data;
        statics[i].len = len;
    }
    return 0;
}

static long number(const char *flag, const char *s) {
    char *end;
    long v = strtol(s ? s : "", &end, 10);
    if (!s || *end || v <= 0) {
        fprintf(stderr, "webconsole: %s wants a positive number\n", flag);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv) {
    const char *port = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--host") == 0 && v)
            opt.host = argv[++i];
        else if (strcmp(a, "--idle-timeout") == 0)
            opt.idle_ms = number(a, v) * 1000, i++;
        else if (strcmp(a, "--step-budget") == 0)
            opt.step_budget = number(a, v), i++;
        else if (strcmp(a, "--max-depth") == 0)
            opt.max_depth = (int)number(a, v), i++;
        else if (strcmp(a, "--max-consoles") == 0)
            opt.max_consoles = number(a, v), i++;
        else if (strcmp(a, "--reply-wait") == 0)
            opt.reply_wait_ms = number(a, v), i++;
        else if (strcmp(a, "--static") == 0 && v)
            opt.static_dir = argv[++i];
        else if (a[0] != '-' && !port)
            port = a;
        else {
            fprintf(stderr, "usage: webconsole [--host ADDR] [--idle-timeout SEC] "
                            "[--step-budget N] [--max-depth N] [--max-consoles N] "
                            "[--reply-wait MS] [--static DIR] PORT\n");
            return 2;
        }
    }
    if (!port || load_statics() != 0) {
        if (!port)
            fprintf(stderr, "usage: webconsole [options] PORT\n");
        return 2;
    }
    listen_fd = gs_listen_tcp(opt.host, atoi(port), 4096);
    if (listen_fd < 0) {
        perror("webconsole: listen");
        return 1;
    }
    struct sockaddr_in addr;
    socklen_t alen = sizeof addr;
    if (getsockname(listen_fd, (struct sockaddr *)&addr, &alen) != 0) {
        perror("webconsole: getsockname");
        return 1;
    }
    char host[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &addr.sin_addr, host, sizeof host);
    printf("webconsole: listening on http://%s:%d/\n", host, ntohs(addr.sin_port));
    fflush(stdout);

    if (pipe(stop_pipe) != 0) {
        perror("webconsole: pipe");
        return 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    scheduler *s = scheduler_new();
    tasklet_set_name(tasklet_new(s, stopper, NULL), "stopper");
    tasklet_set_name(tasklet_new(s, acceptor, NULL), "acceptor");
    int rc = scheduler_run(s);
    if (rc != 0)
        fprintf(stderr, "webconsole: scheduler_run: error %d%s%s\n", greenlet_error(),
                scheduler_error(s) ? ": " : "", scheduler_error(s) ? scheduler_error(s) : "");
    scheduler_free(s);
    gs_close(stop_pipe[0]);
    close(stop_pipe[1]);
    gs_hub_close();
    free(table);
    for (size_t i = 0; i < NSTATICS; i++)
        free(statics[i].data);
    return rc == 0 ? 0 : 1;
}
