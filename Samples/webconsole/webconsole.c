/*
 * webconsole: many interactive calculators (calc.c) served over HTTP, each a tasklet.
 *
 * Usage: webconsole [--host ADDR] [--idle-timeout SEC] [--step-budget N] [--max-depth N]
 *                   [--max-consoles N] [--reply-wait MS] [--static DIR] PORT
 *        (PORT 0: any free port; prints "webconsole: listening on http://ADDR:PORT/" first)
 *
 * One tasklet per connection parses requests (server.c, http.c) and answers them; one tasklet per console
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <greensock.h>

#include "calc.h"
#include "server.h"

#ifndef WEBCONSOLE_STATIC_DIR
#define WEBCONSOLE_STATIC_DIR "static"
#endif

#define MAX_HEADER 8192          /* request line and headers (431 past it) */
#define MAX_BODY 4096            /* request body (413 past it) */
#define MAX_OUTPUT 65536         /* output kept for a console between two reads */

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
    server_id id;               /* first: a server_id found is its console */
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
    bool started;               /* its tasklet has run (a kill before that never runs it) */
    int refs;                   /* the console's tasklet, and each request using it */
    long long last_used_ms;
    /* read_line's wait. Not a local: an address-taken local of a function that may suspend
     * lives on the tasklet's shadow stack, whose first chunk (4 KiB) would stay with every
     * idle console. */
    gs_op wait;
    calc_io io;                 /* likewise: calc_run keeps a pointer to it */
} console;

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static console *table_find(const char *hex, size_t len) {
    return (console *)(void *)server_id_find(hex, len);
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

/* Expired, killed or quit (or killed before it started): whoever waits is woken (closed
 * channels), and the memory goes with the last reference. */
static void console_finish(console *c) {
    c->closed = true;
    c->task = NULL;
    server_id_remove(&c->id);
    channel_close(c->input);
    channel_close(c->done);
    console_unref(c);
}

static void *console_main(void *arg) {
    console *c = arg;
    c->started = true;
    calc_io io = {c, console_read_line, console_print, console_yield, 1000, opt.step_budget,
                  opt.max_depth};
    c->io = io;
    calc_run(&c->io);
    console_finish(c);
    return NULL;
}

/* Ends a console: a started one runs at once, ends calc_run and unlinks itself; one that never
 * ran is removed from its scheduler by the kill, so it is finished here (else a stop would wait
 * for it to leave the table forever). */
static void console_kill(console *c) {
    if (!c->task)
        return;
    c->refs++;
    bool started = c->started;
    tasklet_kill(c->task);
    if (!started)
        console_finish(c);
    console_unref(c);
}

static console *console_new(void) {
    console *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->input = channel_new("console input");
    c->done = channel_new("console done");
    c->refs = 1;
    c->running = true;
    if (!c->input || !c->done || server_id_add(&c->id) != 0) {
        if (c->input)
            channel_free(c->input);
        if (c->done)
            channel_free(c->done);
        free(c);
        return NULL;
    }
    c->task = tasklet_new(NULL, console_main, c);
    if (!c->task) {
        server_id_remove(&c->id);
        console_unref(c);
        return NULL;
    }
    tasklet_set_name(c->task, "console");
    return c;
}

/* ---- requests ---- */

/* Answers with the console's pending output, which is then cleared. */
static int respond_output(server_conn *k, int status, console *c, bool with_id, bool keep_alive) {
    buf b = {0};
    buf_puts(&b, "{");
    if (with_id) {
        buf_puts(&b, "\"id\": \"");
        buf_puts(&b, c->id.hex);
        buf_puts(&b, "\", ");
    }
    buf_puts(&b, "\"output\": ");
    buf_json_string(&b, c->out ? c->out : "", c->out_len);
    buf_puts(&b, c->closed ? ", \"busy\": false, \"closed\": true}\n"
                        : c->running ? ", \"busy\": true, \"closed\": false}\n"
                                     : ", \"busy\": false, \"closed\": false}\n");
    free(c->out);   /* an idle console holds no buffer */
    c->out = NULL;
    c->out_len = c->out_cap = 0;
    c->out_truncated = false;
    return server_respond_json(k, status, &b, keep_alive);
}

/* Waits (holding a reference) until the console asks for its next line, ends, or
 * opt.reply_wait_ms pass; then answers with its output. handler_waiting was set by the caller. */
static int await_console(server_conn *k, console *c, int status, bool with_id, bool keep_alive) {
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

static int create_console(server_conn *k, bool keep_alive) {
    if ((long)server_id_count() >= opt.max_consoles)
        return server_respond_error(k, 503, "too many consoles", keep_alive);
    console *c = console_new();
    if (!c)
        return server_respond_error(k, 503, "cannot create a console", keep_alive);
    c->refs++;
    c->handler_waiting = true;   /* for the banner, printed before the first read_line */
    return await_console(k, c, 201, true, keep_alive);
}

static int eval_line(server_conn *k, console *c, const char *body, size_t len, bool keep_alive) {
    if (len > 0 && body[len - 1] == '\n')
        len--;
    if (len > 0 && body[len - 1] == '\r')
        len--;
    if (len > CALC_MAX_LINE)
        return server_respond_error(k, 400, "line too long (at most 1024 bytes)", keep_alive);
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)body[i] < ' ' && body[i] != '\t') || body[i] == 0x7f)
            return server_respond_error(k, 400, "one line of text, without control characters",
                                 keep_alive);
    /* One line at a time. A console between lines may not be waiting for input yet (it runs
     * after this tasklet): the send below then waits for it. */
    if (c->running || c->handler_waiting)
        return server_respond_error(k, 409, "console busy", keep_alive);
    char *line = malloc(len + 1);
    if (!line)
        return server_respond_error(k, 503, "out of memory", keep_alive);
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
        return server_respond_error(k, 404, "no such console", keep_alive);   /* it just expired */
    }
    return await_console(k, c, 200, false, keep_alive);
}

static int delete_console(server_conn *k, console *c, bool keep_alive) {
    console_kill(c);
    return server_respond(k, 204, NULL, "", 0, keep_alive);
}

/* Answers one request (server.c has served the page's files): 0 to go on, -1 to close the
 * connection. */
int server_answer(server_conn *k, const http_request *r) {
    bool keep = r->keep_alive;
    const char *path = r->target;
    size_t path_len = r->target_len;
    const char *q = memchr(path, '?', path_len);
    if (q)
        path_len = (size_t)(q - path);
    bool get = server_is(r->method, r->method_len, "GET"), post = server_is(r->method, r->method_len, "POST");
    bool del = server_is(r->method, r->method_len, "DELETE");

    static const char api[] = "/api/consoles";
    size_t api_len = sizeof api - 1;
    if (path_len < api_len || memcmp(path, api, api_len) != 0 ||
        (path_len > api_len && path[api_len] != '/'))
        return server_respond_error(k, 404, "not found", keep);
    if (path_len == api_len)
        return post ? create_console(k, keep) : server_respond_error(k, 405, "method not allowed", keep);

    /* /api/consoles/ID[/eval|/output] */
    const char *id = path + api_len + 1;
    const char *slash = memchr(id, '/', path_len - api_len - 1);
    size_t id_len = slash ? (size_t)(slash - id) : path_len - api_len - 1;
    const char *action = slash ? slash + 1 : NULL;
    size_t action_len = slash ? (size_t)(path + path_len - action) : 0;
    if (action && !server_is(action, action_len, "eval") && !server_is(action, action_len, "output"))
        return server_respond_error(k, 404, "not found", keep);
    console *c = table_find(id, id_len);
    if (!c || c->closed)
        return server_respond_error(k, 404, "no such console", keep);
    c->last_used_ms = now_ms();
    if (!action)
        return del ? delete_console(k, c, keep) : server_respond_error(k, 405, "method not allowed", keep);
    if (server_is(action, action_len, "eval"))
        return post ? eval_line(k, c, r->body, r->body_len, keep)
                    : server_respond_error(k, 405, "method not allowed", keep);
    if (!get)
        return server_respond_error(k, 405, "method not allowed", keep);
    c->refs++;   /* the write may suspend, and the console end meanwhile */
    int rc = respond_output(k, 200, c, false, keep);
    console_unref(c);
    return rc;
}

/* A stop: every console ends (a killed console runs at once and leaves the table). */
void server_stop(void) {
    server_id *id;
    while ((id = server_id_any()))
        console_kill((console *)(void *)id);
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
    static const struct {
        const char *path, *file, *type;
    } statics[] = {
        {"/", "index.html", "text/html; charset=utf-8"},
        {"/console.js", "console.js", "text/javascript; charset=utf-8"},
        {"/console.css", "console.css", "text/css; charset=utf-8"},
    };
    if (!port) {
        fprintf(stderr, "usage: webconsole [options] PORT\n");
        return 2;
    }
    for (size_t i = 0; i < sizeof statics / sizeof statics[0]; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", opt.static_dir, statics[i].file);
        if (server_static(statics[i].path, path, statics[i].type) != 0)
            return 2;
    }
    static server_config config;
    config = (server_config){"webconsole", opt.host, atoi(port), MAX_HEADER, MAX_BODY};
    return server_run(&config, scheduler_new());
}
