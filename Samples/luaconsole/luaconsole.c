/*
 * luaconsole: Lua 5.4 consoles served over HTTP, each a tasklet, all on one thread.
 *
 * Usage: luaconsole [--host ADDR] [--idle-timeout SEC] [--max-consoles N] [--reply-wait MS]
 *                   [--memory-limit MB] [--hook-count N] [--static DIR] [--shared-static DIR] PORT
 *        (PORT 0: any free port; prints "luaconsole: listening on http://ADDR:PORT/" first)
 *
 * One tasklet per connection parses requests (../webconsole/server.c, http.c) and answers them; one
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <greensock.h>

#include "lua_glue.h"
#include "server.h"

#ifndef LUACONSOLE_STATIC_DIR
#define LUACONSOLE_STATIC_DIR "static"
#endif
#ifndef WEBCONSOLE_STATIC_DIR
#define WEBCONSOLE_STATIC_DIR "../webconsole/static"
#endif

#define MAX_HEADER 8192          /* request line and headers (431 past it) */
#define MAX_BODY 16384           /* request body (413 past it) */
#define MAX_LINE 8192            /* one line of input */
#define MAX_DELAY_MS 10000       /* /api/delay/MS */

static struct {
    const char *host;
    long idle_ms;
    long max_consoles;
    long reply_wait_ms;
    const char *static_dir, *shared_static_dir;
} opt = {"127.0.0.1", 600000, 10000, 10000, LUACONSOLE_STATIC_DIR, WEBCONSOLE_STATIC_DIR};

/* ---- consoles ---- */

static tasklet *reaper_task;

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
    server_id_remove(&c->id);
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
    static char server_url[64];
    if (!server_url[0]) {   /* the port is known once the server listens */
        snprintf(server_url, sizeof server_url, "http://127.0.0.1:%d", server_port());
        lua_opt.server_url = server_url;
    }
    console *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->input = channel_new("console input");
    c->wake = channel_new("console wake");
    c->drain = channel_new("console drain");
    c->refs = 1;
    c->last_used_ms = now_ms();
    if (!c->input || !c->wake || !c->drain || server_id_add(&c->id) != 0) {
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
        server_id_remove(&c->id);
        console_unref(c);
        return NULL;
    }
    tasklet_set_name(c->task, "console");
    return c;
}

/* ---- requests ---- */

/* Answers with the console's pending output, which is then cleared (a console blocked on its
 * full output goes on). */
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
    bool busy = !c->closed && !c->waiting_input;
    buf_puts(&b, busy ? ", \"busy\": true" : ", \"busy\": false");
    buf_puts(&b, c->closed ? ", \"closed\": true" : ", \"closed\": false");
    if (!busy && !c->closed) {
        buf_puts(&b, ", \"prompt\": ");
        buf_json_string(&b, c->prompt, strlen(c->prompt));
    }
    buf_puts(&b, "}\n");
    free(c->out);   /* an idle console holds no buffer */
    c->out = NULL;
    c->out_len = c->out_cap = 0;
    if (c->writer_blocked)
        channel_send(c->drain, NULL);   /* the console prints on, then this answer goes */
    return server_respond_json(k, status, &b, keep_alive);
}

/* Waits (holding a reference) until the console has something to say, ends, or
 * opt.reply_wait_ms pass; then answers with its output. */
static int await_console(server_conn *k, console *c, int status, bool with_id, bool keep_alive) {
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

static int create_console(server_conn *k, bool keep_alive) {
    if ((long)server_id_count() >= opt.max_consoles)
        return server_respond_error(k, 503, "too many consoles", keep_alive);
    console *c = console_new();
    if (!c)
        return server_respond_error(k, 503, "cannot create a console", keep_alive);
    return await_console(k, c, 201, true, keep_alive);   /* the banner, then its prompt */
}

static int eval_line(server_conn *k, console *c, const char *body, size_t len, bool keep_alive) {
    if (len > 0 && body[len - 1] == '\n')
        len--;
    if (len > 0 && body[len - 1] == '\r')
        len--;
    if (len > MAX_LINE)
        return server_respond_error(k, 400, "line too long (at most 8192 bytes)", keep_alive);
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)body[i] < ' ' && body[i] != '\t') || body[i] == 0x7f)
            return server_respond_error(k, 400, "one line of text, without control characters",
                                 keep_alive);
    if (!c->waiting_input || c->handler_waiting)
        return server_respond_error(k, 409, "console busy", keep_alive);
    char *line = malloc(len + 1);
    if (!line)
        return server_respond_error(k, 503, "out of memory", keep_alive);
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
        return server_respond_error(k, 404, "no such console", keep_alive);   /* it just ended */
    }
    int rc = await_console(k, c, 200, false, keep_alive);
    console_unref(c);
    return rc;
}

/* The output not read yet: at once if there is some, or the console waits for input or has
 * ended; else when it has some (a long poll). */
static int read_output(server_conn *k, console *c, bool keep_alive) {
    if (c->out_len > 0 || c->waiting_input || c->closed) {
        c->refs++;   /* the write may suspend, and the console end meanwhile */
        int rc = respond_output(k, 200, c, false, keep_alive);
        console_unref(c);
        return rc;
    }
    if (c->handler_waiting)
        return server_respond_error(k, 409, "another request waits on this console", keep_alive);
    return await_console(k, c, 200, false, keep_alive);
}

static int interrupt_console(server_conn *k, console *c, bool keep_alive) {
    if (!c->waiting_input)
        c->interrupted = true;   /* its next hook, or sleep's next slice, raises */
    return server_respond(k, 204, NULL, "", 0, keep_alive);
}

static int delete_console(server_conn *k, console *c, bool keep_alive) {
    console_kill(c);
    return server_respond(k, 204, NULL, "", 0, keep_alive);
}

/* GET /api/delay/MS: a slow answer, for scripts to fetch while the others run. */
static int delay(server_conn *k, const char *ms_text, size_t len, bool keep_alive) {
    long ms = 0;
    for (size_t i = 0; i < len; i++) {
        if (ms_text[i] < '0' || ms_text[i] > '9' || ms > MAX_DELAY_MS)
            return server_respond_error(k, 404, "not found", keep_alive);
        ms = ms * 10 + (ms_text[i] - '0');
    }
    if (len == 0 || ms > MAX_DELAY_MS)
        return server_respond_error(k, 404, "not found (at most 10000 ms)", keep_alive);
    if (gs_sleep(ms) != 0)
        return -1;
    char text[64];
    int n = snprintf(text, sizeof text, "waited %ld ms\n", ms);
    return server_respond(k, 200, "text/plain; charset=utf-8", text, (size_t)n, keep_alive);
}

static bool starts(const char *s, size_t n, const char *lit) {
    return strlen(lit) <= n && memcmp(s, lit, strlen(lit)) == 0;
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

    static const char delay_prefix[] = "/api/delay/";
    if (starts(path, path_len, delay_prefix))
        return get ? delay(k, path + sizeof delay_prefix - 1, path_len - (sizeof delay_prefix - 1), keep)
                   : server_respond_error(k, 405, "method not allowed", keep);
    static const char api[] = "/api/consoles";
    size_t api_len = sizeof api - 1;
    if (path_len < api_len || memcmp(path, api, api_len) != 0 ||
        (path_len > api_len && path[api_len] != '/'))
        return server_respond_error(k, 404, "not found", keep);
    if (path_len == api_len)
        return post ? create_console(k, keep) : server_respond_error(k, 405, "method not allowed", keep);

    /* /api/consoles/ID[/eval|/output|/interrupt] */
    const char *id = path + api_len + 1;
    const char *slash = memchr(id, '/', path_len - api_len - 1);
    size_t id_len = slash ? (size_t)(slash - id) : path_len - api_len - 1;
    const char *action = slash ? slash + 1 : NULL;
    size_t action_len = slash ? (size_t)(path + path_len - action) : 0;
    if (action && !server_is(action, action_len, "eval") && !server_is(action, action_len, "output") &&
        !server_is(action, action_len, "interrupt"))
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
    if (server_is(action, action_len, "interrupt"))
        return post ? interrupt_console(k, c, keep)
                    : server_respond_error(k, 405, "method not allowed", keep);
    return get ? read_output(k, c, keep) : server_respond_error(k, 405, "method not allowed", keep);
}

/* A stop: the reaper and every console end (a killed console leaves the table at once). */
void server_stop(void) {
    if (reaper_task)
        tasklet_kill(reaper_task);
    server_id *id;
    while ((id = server_id_any()))
        console_kill((console *)(void *)id);
}

static void collect_expired(server_id *id, void *arg) {
    console *c = (console *)(void *)id, **expired = arg;
    if (now_ms() - c->last_used_ms > opt.idle_ms && !c->handler_waiting) {
        c->refs++;
        c->reap_next = *expired;
        *expired = c;
    }
}

/* Ends the consoles nobody has asked about for opt.idle_ms, running or not. */
static void *reaper(void *arg) {
    (void)arg;
    long interval = opt.idle_ms < 2000 ? opt.idle_ms / 4 + 1 : 1000;
    while (gs_sleep(interval) == 0) {
        console *expired = NULL;
        server_id_each(collect_expired, &expired);
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
        else if (strcmp(a, "--hook-count") == 0 && v && strcmp(v, "0") == 0)
            lua_opt.hook_count = 0, i++;   /* no hook: a loop holds the thread (to measure) */
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
    if (!port) {
        fputs(usage, stderr);
        return 2;
    }
    static const struct {
        const char *path, *file, *type;
        bool shared;            /* the web console's */
    } statics[] = {
        {"/", "index.html", "text/html; charset=utf-8", false},
        {"/console.js", "console.js", "text/javascript; charset=utf-8", true},
        {"/console.css", "console.css", "text/css; charset=utf-8", true},
    };
    for (size_t i = 0; i < sizeof statics / sizeof statics[0]; i++) {
        static char path[4096];
        snprintf(path, sizeof path, "%s/%s", statics[i].shared ? opt.shared_static_dir : opt.static_dir,
                 statics[i].file);
        if (server_static(statics[i].path, path, statics[i].type) != 0)
            return 2;
    }
    static server_config config;
    config = (server_config){"luaconsole", opt.host, atoi(port), MAX_HEADER, MAX_BODY};
    scheduler *s = scheduler_new();
    reaper_task = tasklet_new(s, reaper, NULL);
    tasklet_set_name(reaper_task, "reaper");
    return server_run(&config, s);
}
