/*
 * luaconsole: Lua 5.4 consoles served over HTTP, each a tasklet, all on one thread.
 *
 * Usage: luaconsole [--host ADDR] [--idle-timeout SEC] [--max-consoles N] [--reply-wait MS]
 *                   [--memory-limit MB] [--hook-count N] [--static DIR] [--shared-static DIR] PORT
 *        (PORT 0: any free port; prints "luaconsole: listening on http://ADDR:PORT/" first)
 *
 * One tasklet per connection parses requests (../webconsole/http.c) and answers them; one
 * tasklet per console runs Lua's read-eval-print loop (lua_glue.c) on a lua_State of its own. The
 * interpreter is Lua's own sources, unmodified, made resumable by `stackless cc`: when a script
 * reads a line, sleeps, fetches a URL or has run its share of instructions, its tasklet waits and
 * the others run.
 *
 * API (JSON answers; a line is sent as the raw request body):
 *   POST   /api/consoles                 201 {"id": ID, "output": banner, "prompt": "> ", ...}
 *   POST   /api/consoles/ID/eval         200 {"output", "busy", "closed", "prompt"}: when the
 *          console waits for input again, or has printed something and waits on something else
 *          (sleep, fetch, its turn), or after --reply-wait ms ("busy": true)
 *   GET    /api/consoles/ID/output       200 the same: output not read yet; waits (up to
 *          --reply-wait ms) while there is none and the console runs
 *   POST   /api/consoles/ID/interrupt    204: the running line stops with "interrupted!"
 *   DELETE /api/consoles/ID              204: the console ends
 *   GET    /api/delay/MS                 200 text/plain, after MS milliseconds (a slow server to
 *          fetch from)
 * An unknown or expired ID is 404; a line sent while the console runs 409; a line over 8 KiB or
 * with control characters 400; a body over 16 KiB 413; malformed HTTP 400 (then close).
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

#include "http.h"
#include "lua_glue.h"

#ifndef LUACONSOLE_STATIC_DIR
#define LUACONSOLE_STATIC_DIR "static"
#endif
#ifndef WEBCONSOLE_STATIC_DIR
#define WEBCONSOLE_STATIC_DIR "../webconsole/static"
#endif

#define MAX_HEADER 8192          /* request line and headers (431 past it) */
#define MAX_BODY 16384           /* request body (413 past it) */
#define MAX_LINE 8192            /* one line of input */
#define CONN_TIMEOUT_MS 60000    /* every read and write of a connection */
#define MAX_DELAY_MS 10000       /* /api/delay/MS */

static struct {
    const char *host;
    long idle_ms;
    long max_consoles;
    long reply_wait_ms;
    const char *static_dir, *shared_static_dir;
} opt = {"127.0.0.1", 600000, 10000, 10000, LUACONSOLE_STATIC_DIR, WEBCONSOLE_STATIC_DIR};

/* ---- consoles ---- */

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
    channel_free(c->wake);
    channel_free(c->drain);
    free(c->out);
    free(c);
}

/* The console has ended (or was killed before it started): whoever waits on it is woken
 * (closed channels), and the memory goes with the last reference. */
static void console_finish(console *c) {
    c->closed = true;
    c->task = NULL;
    table_remove(c);
    channel_close(c->input);
    channel_close(c->wake);
    channel_close(c->drain);
    console_unref(c);
}

static void *console_main(void *arg) {
    console *c = arg;
    c->started = true;
    console_run_lua(c);
    console_finish(c);
    return NULL;
}

/* Ends a console: its tasklet runs at once, its pending wait fails, every Lua function of the
 * glue raises from then on, and lua_close frees the interpreter. */
static void console_kill(console *c) {
    if (!c->task)
        return;
    c->killed = true;
    c->refs++;
    if (!c->started) {
        tasklet_kill(c->task);   /* removed at once: console_main never runs */
        console_finish(c);
    } else {
        tasklet_kill(c->task);
    }
    console_unref(c);
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
    c->wake = channel_new("console wake");
    c->drain = channel_new("console drain");
    c->refs = 1;
    c->last_used_ms = now_ms();
    if (!c->input || !c->wake || !c->drain || table_insert(c) != 0) {
        if (c->input)
            channel_free(c->input);
        if (c->wake)
            channel_free(c->wake);
        if (c->drain)
            channel_free(c->drain);
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
static tasklet *reaper_task;

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

/* The length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_length(const char *s, size_t n) {
    unsigned char c = (unsigned char)s[0];
    size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 0;
    if (c >= 0xf5 || len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            return 0;
    unsigned char d = (unsigned char)s[1];
    if ((c == 0xe0 && d < 0xa0) || (c == 0xed && d >= 0xa0) || (c == 0xf0 && d < 0x90) ||
        (c == 0xf4 && d >= 0x90))
        return 0;   /* overlong, a surrogate, or past U+10FFFF */
    return len;
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

/* A JSON string of s[0..n): valid UTF-8 is kept, any other byte becomes U+FFFD. */
static void put_json_string(buf *b, const char *s, size_t n) {
    put(b, "\"", 1);
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)s[i];
        char esc[8];
        if (ch == '"' || ch == '\\') {
            esc[0] = '\\';
            esc[1] = (char)ch;
            put(b, esc, 2);
            i++;
        } else if (ch == '\n') {
            put(b, "\\n", 2);
            i++;
        } else if (ch < 0x20 || ch == 0x7f) {
            snprintf(esc, sizeof esc, "\\u%04x", ch);
            put(b, esc, 6);
            i++;
        } else if (ch < 0x80) {
            put(b, (const char *)&ch, 1);
            i++;
        } else {
            size_t len = utf8_length(s + i, n - i);
            if (len) {
                put(b, s + i, len);
                i += len;
            } else {
                put(b, "\\ufffd", 6);
                i++;
            }
        }
    }
    put(b, "\"", 1);
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

/* Answers with the console's pending output, which is then cleared (a console blocked on its
 * full output goes on). */
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
    bool busy = !c->closed && !c->waiting_input;
    puts_(&b, busy ? ", \"busy\": true" : ", \"busy\": false");
    puts_(&b, c->closed ? ", \"closed\": true" : ", \"closed\": false");
    if (!busy && !c->closed) {
        puts_(&b, ", \"prompt\": ");
        put_json_string(&b, c->prompt, strlen(c->prompt));
    }
    puts_(&b, "}\n");
    free(c->out);   /* an idle console holds no buffer */
    c->out = NULL;
    c->out_len = c->out_cap = 0;
    if (c->writer_blocked)
        channel_send(c->drain, NULL);   /* the console prints on, then this answer goes */
    return respond_json(k, status, &b, keep_alive);
}

/* Waits (holding a reference) until the console has something to say, ends, or
 * opt.reply_wait_ms pass; then answers with its output. */
static int await_console(conn *k, console *c, int status, bool with_id, bool keep_alive) {
    int rc = 0;
    c->refs++;
    if (!c->closed) {
        c->handler_waiting = true;
        gs_op op = gs_op_receive(c->wake);
        if (gs_oneof(&op, 1, opt.reply_wait_ms) < 0 && errno == ECANCELED)
            rc = -1;   /* this connection is being killed */
        c->handler_waiting = false;
    }
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
    return await_console(k, c, 201, true, keep_alive);   /* the banner, then its prompt */
}

static int eval_line(conn *k, console *c, const char *body, size_t len, bool keep_alive) {
    if (len > 0 && body[len - 1] == '\n')
        len--;
    if (len > 0 && body[len - 1] == '\r')
        len--;
    if (len > MAX_LINE)
        return respond_error(k, 400, "line too long (at most 8192 bytes)", keep_alive);
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)body[i] < ' ' && body[i] != '\t') || body[i] == 0x7f)
            return respond_error(k, 400, "one line of text, without control characters",
                                 keep_alive);
    if (!c->waiting_input || c->handler_waiting)
        return respond_error(k, 409, "console busy", keep_alive);
    char *line = malloc(len + 1);
    if (!line)
        return respond_error(k, 503, "out of memory", keep_alive);
    memcpy(line, body, len);
    line[len] = '\0';
    c->refs++;
    /* Set before the send: the console runs at once on it, and may have something to say before
     * this tasklet waits; it then waits for this tasklet on `wake`. */
    c->handler_waiting = true;
    int sent = channel_send(c->input, line);
    int err = greenlet_error();
    c->handler_waiting = false;
    if (sent != 0) {
        free(line);
        console_unref(c);
        if (err == GREENLET_EXIT)
            return -1;
        return respond_error(k, 404, "no such console", keep_alive);   /* it just ended */
    }
    int rc = await_console(k, c, 200, false, keep_alive);
    console_unref(c);
    return rc;
}

/* The output not read yet: at once if there is some, or the console waits for input or has
 * ended; else when it has some (a long poll). */
static int read_output(conn *k, console *c, bool keep_alive) {
    if (c->out_len > 0 || c->waiting_input || c->closed) {
        c->refs++;   /* the write may suspend, and the console end meanwhile */
        int rc = respond_output(k, 200, c, false, keep_alive);
        console_unref(c);
        return rc;
    }
    if (c->handler_waiting)
        return respond_error(k, 409, "another request waits on this console", keep_alive);
    return await_console(k, c, 200, false, keep_alive);
}

static int interrupt_console(conn *k, console *c, bool keep_alive) {
    if (!c->waiting_input)
        c->interrupted = true;   /* its next hook, or sleep's next slice, raises */
    return respond(k, 204, NULL, "", 0, keep_alive);
}

static int delete_console(conn *k, console *c, bool keep_alive) {
    console_kill(c);
    return respond(k, 204, NULL, "", 0, keep_alive);
}

/* GET /api/delay/MS: a slow answer, for scripts to fetch while the others run. */
static int delay(conn *k, const char *ms_text, size_t len, bool keep_alive) {
    long ms = 0;
    for (size_t i = 0; i < len; i++) {
        if (ms_text[i] < '0' || ms_text[i] > '9' || ms > MAX_DELAY_MS)
            return respond_error(k, 404, "not found", keep_alive);
        ms = ms * 10 + (ms_text[i] - '0');
    }
    if (len == 0 || ms > MAX_DELAY_MS)
        return respond_error(k, 404, "not found (at most 10000 ms)", keep_alive);
    if (gs_sleep(ms) != 0)
        return -1;
    char text[64];
    int n = snprintf(text, sizeof text, "waited %ld ms\n", ms);
    return respond(k, 200, "text/plain; charset=utf-8", text, (size_t)n, keep_alive);
}

static struct {
    const char *path, *file, *type;
    bool shared;                /* from the web console's static files */
    char *data;
    size_t len;
} statics[] = {
    {"/", "index.html", "text/html; charset=utf-8", false, NULL, 0},
    {"/console.js", "console.js", "text/javascript; charset=utf-8", true, NULL, 0},
    {"/console.css", "console.css", "text/css; charset=utf-8", true, NULL, 0},
};
#define NSTATICS (sizeof statics / sizeof statics[0])

static bool is(const char *s, size_t n, const char *lit) {
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

static bool starts(const char *s, size_t n, const char *lit) {
    return strlen(lit) <= n && memcmp(s, lit, strlen(lit)) == 0;
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
    static const char delay_prefix[] = "/api/delay/";
    if (starts(path, path_len, delay_prefix))
        return get ? delay(k, path + sizeof delay_prefix - 1, path_len - (sizeof delay_prefix - 1), keep)
                   : respond_error(k, 405, "method not allowed", keep);
    static const char api[] = "/api/consoles";
    size_t api_len = sizeof api - 1;
    if (path_len < api_len || memcmp(path, api, api_len) != 0 ||
        (path_len > api_len && path[api_len] != '/'))
        return respond_error(k, 404, "not found", keep);
    if (path_len == api_len)
        return post ? create_console(k, keep) : respond_error(k, 405, "method not allowed", keep);

    /* /api/consoles/ID[/eval|/output|/interrupt] */
    const char *id = path + api_len + 1;
    const char *slash = memchr(id, '/', path_len - api_len - 1);
    size_t id_len = slash ? (size_t)(slash - id) : path_len - api_len - 1;
    const char *action = slash ? slash + 1 : NULL;
    size_t action_len = slash ? (size_t)(path + path_len - action) : 0;
    if (action && !is(action, action_len, "eval") && !is(action, action_len, "output") &&
        !is(action, action_len, "interrupt"))
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
    if (is(action, action_len, "interrupt"))
        return post ? interrupt_console(k, c, keep)
                    : respond_error(k, 405, "method not allowed", keep);
    return get ? read_output(k, c, keep) : respond_error(k, 405, "method not allowed", keep);
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
            perror("luaconsole: accept");
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
    if (reaper_task)
        tasklet_kill(reaper_task);
    while (conns)   /* each killed tasklet runs at once and unlinks itself */
        tasklet_kill(conns->task);
    for (size_t i = 0; i < table_size; i++)
        while (table[i])   /* likewise: a killed console removes itself from the table */
            console_kill(table[i]);
    return NULL;
}

/* Ends the consoles nobody has asked about for opt.idle_ms, running or not. */
static void *reaper(void *arg) {
    (void)arg;
    long interval = opt.idle_ms < 2000 ? opt.idle_ms / 4 + 1 : 1000;
    while (gs_sleep(interval) == 0) {
        long long now = now_ms();
        console *expired = NULL;
        for (size_t i = 0; i < table_size; i++)
            for (console *c = table[i]; c; c = c->hash_next)
                if (now - c->last_used_ms > opt.idle_ms && !c->handler_waiting) {
                    c->refs++;
                    c->reap_next = expired;
                    expired = c;
                }
        while (expired) {
            console *c = expired;
            expired = c->reap_next;
            console_kill(c);
            console_unref(c);
        }
    }
    reaper_task = NULL;
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
        snprintf(path, sizeof path, "%s/%s", statics[i].shared ? opt.shared_static_dir : opt.static_dir,
                 statics[i].file);
        FILE *f = fopen(path, "rb");
        if (!f) {
            fprintf(stderr, "luaconsole: %s: %s\n", path, strerror(errno));
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
        fprintf(stderr, "luaconsole: %s wants a positive number\n", flag);
        exit(2);
    }
    return v;
}

static const char usage[] =
    "usage: luaconsole [--host ADDR] [--idle-timeout SEC] [--max-consoles N] [--reply-wait MS]\n"
    "                  [--memory-limit MB] [--hook-count N] [--static DIR] [--shared-static DIR] PORT\n";

int main(int argc, char **argv) {
    const char *port = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--host") == 0 && v)
            opt.host = argv[++i];
        else if (strcmp(a, "--idle-timeout") == 0)
            opt.idle_ms = number(a, v) * 1000, i++;
        else if (strcmp(a, "--max-consoles") == 0)
            opt.max_consoles = number(a, v), i++;
        else if (strcmp(a, "--reply-wait") == 0)
            opt.reply_wait_ms = number(a, v), i++;
        else if (strcmp(a, "--memory-limit") == 0)
            lua_opt.mem_limit = (size_t)number(a, v) << 20, i++;
        else if (strcmp(a, "--hook-count") == 0)
            lua_opt.hook_count = (int)number(a, v), i++;
        else if (strcmp(a, "--static") == 0 && v)
            opt.static_dir = argv[++i];
        else if (strcmp(a, "--shared-static") == 0 && v)
            opt.shared_static_dir = argv[++i];
        else if (a[0] != '-' && !port)
            port = a;
        else {
            fputs(usage, stderr);
            return 2;
        }
    }
    if (!port || load_statics() != 0) {
        if (!port)
            fputs(usage, stderr);
        return 2;
    }
    listen_fd = gs_listen_tcp(opt.host, atoi(port), 4096);
    if (listen_fd < 0) {
        perror("luaconsole: listen");
        return 1;
    }
    struct sockaddr_in addr;
    socklen_t alen = sizeof addr;
    if (getsockname(listen_fd, (struct sockaddr *)&addr, &alen) != 0) {
        perror("luaconsole: getsockname");
        return 1;
    }
    char host[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &addr.sin_addr, host, sizeof host);
    static char server_url[64];
    snprintf(server_url, sizeof server_url, "http://127.0.0.1:%d", ntohs(addr.sin_port));
    lua_opt.server_url = server_url;
    printf("luaconsole: listening on http://%s:%d/\n", host, ntohs(addr.sin_port));
    fflush(stdout);

    if (pipe(stop_pipe) != 0) {
        perror("luaconsole: pipe");
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
    reaper_task = tasklet_new(s, reaper, NULL);
    tasklet_set_name(reaper_task, "reaper");
    int rc = scheduler_run(s);
    if (rc != 0)
        fprintf(stderr, "luaconsole: scheduler_run: error %d%s%s\n", greenlet_error(),
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
