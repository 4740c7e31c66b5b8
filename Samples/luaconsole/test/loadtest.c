/*
 * loadtest: many visitors at once against a luaconsole server on loopback, written the same way
 * as the server: one tasklet per visitor, plain blocking calls on the greensock hub.
 *
 * Usage: loadtest PORT sleepers CONSOLES ROUNDS
 *          every visitor creates a console and runs `for i = 1, ROUNDS do sleep(100)
 *          print(i) end` in it, following its output (the eval's answer, then long polls) until
 *          the console waits for input again, and checks that it printed 1..ROUNDS. All at once.
 *        loadtest PORT busy CONSOLES SAMPLES
 *          CONSOLES visitors start `while true do end` each; once all loop, another visitor
 *          evaluates `1 + 1` SAMPLES times, one after the other, and times each; then every
 *          console is deleted. (Give the server a short --reply-wait: a busy line is answered
 *          after it.)
 * Prints one line of figures and exits 1 if any request failed or any answer was wrong.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <greensock.h>

#define TIMEOUT_MS 60000

static int port, count, rounds;
static long requests, errors;
static int looping;              /* busy: visitors whose loop runs */
static bool probe_done;          /* busy: the prober has finished */

typedef struct samples {
    double *v;
    size_t n, cap;
} samples;

static samples latencies;        /* every request */
static samples probes;           /* busy: the prober's evals */
static samples completions;      /* sleepers: from the eval to the script's end */

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void add(samples *s, double x) {
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 4096;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v)
            abort();
    }
    s->v[s->n++] = x;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double percentile(samples *s, int p) {
    if (!s->n)
        return 0;
    qsort(s->v, s->n, sizeof *s->v, by_value);
    size_t i = s->n * (size_t)p / 100;
    return s->v[i < s->n ? i : s->n - 1] * 1000;
}

typedef struct visitor {
    int fd;
    char in[16384];
    size_t in_len;
    char body[8192];
    char path[128];
} visitor;

/* Sends one request and reads its response: the status, with the body copied into v->body
 * (NUL-terminated); -1 on a connection error. */
static int roundtrip(visitor *v, const char *method, const char *path, const char *payload) {
    char req[1024];
    size_t plen = payload ? strlen(payload) : 0;
    int n = snprintf(req, sizeof req,
                     "%s %s HTTP/1.1\r\nHost: localhost\r\nContent-Length: %zu\r\n\r\n%s", method,
                     path, plen, payload ? payload : "");
    double start = now();
    if (gs_write_all(v->fd, req, (size_t)n, TIMEOUT_MS) < 0)
        return -1;
    for (;;) {
        v->in[v->in_len] = '\0';
        char *end = strstr(v->in, "\r\n\r\n");
        if (end) {
            char *cl = strstr(v->in, "Content-Length: ");
            if (!cl || cl > end)
                return -1;
            size_t head = (size_t)(end + 4 - v->in), len = strtoul(cl + 16, NULL, 10);
            if (v->in_len >= head + len) {
                int status = atoi(v->in + 9);
                size_t take = len < sizeof v->body - 1 ? len : sizeof v->body - 1;
                memcpy(v->body, v->in + head, take);
                v->body[take] = '\0';
                memmove(v->in, v->in + head + len, v->in_len - head - len);
                v->in_len -= head + len;
                add(&latencies, now() - start);
                requests++;
                return status;
            }
        }
        if (v->in_len == sizeof v->in - 1)
            return -1;
        ssize_t got = gs_read(v->fd, v->in + v->in_len, sizeof v->in - 1 - v->in_len, TIMEOUT_MS);
        if (got <= 0)
            return -1;
        v->in_len += (size_t)got;
    }
}

/* The "output" of an answer, unescaped enough for digits and newlines, appended to out. */
static void append_output(const char *body, char *out, size_t cap) {
    const char *p = strstr(body, "\"output\": \"");
    if (!p)
        return;
    size_t len = strlen(out);
    for (p += 11; *p && *p != '"' && len + 1 < cap; p++) {
        if (*p == '\\' && p[1] == 'n') {
            out[len++] = '\n';
            p++;
        } else {
            out[len++] = *p;
        }
    }
    out[len] = '\0';
}

static bool busy(const char *body) { return strstr(body, "\"busy\": true") != NULL; }

static visitor *open_console(void) {
    visitor *v = calloc(1, sizeof *v);
    if (!v || (v->fd = gs_connect_tcp("127.0.0.1", port, TIMEOUT_MS)) < 0) {
        fprintf(stderr, "loadtest: connect: %s\n", strerror(errno));
        free(v);
        return NULL;
    }
    char *id;
    if (roundtrip(v, "POST", "/api/consoles", NULL) != 201 || !(id = strstr(v->body, "\"id\": \""))) {
        fprintf(stderr, "loadtest: create: %s\n", v->body);
        gs_close(v->fd);
        free(v);
        return NULL;
    }
    snprintf(v->path, sizeof v->path, "/api/consoles/%.32s", id + 7);
    return v;
}

/* Evaluates a line and follows its output until the console waits for input again: the status
 * of the last request, the whole output in out. */
static int run_line(visitor *v, const char *line, char *out, size_t cap) {
    char path[160];
    out[0] = '\0';
    snprintf(path, sizeof path, "%s/eval", v->path);
    int status = roundtrip(v, "POST", path, line);
    append_output(v->body, out, cap);
    snprintf(path, sizeof path, "%s/output", v->path);
    while (status == 200 && busy(v->body)) {
        status = roundtrip(v, "GET", path, NULL);
        append_output(v->body, out, cap);
    }
    return status;
}

static void close_console(visitor *v) {
    if (roundtrip(v, "DELETE", v->path, NULL) != 204)
        errors++;
    gs_close(v->fd);
    free(v);
}

static void *sleeper(void *arg) {
    (void)arg;
    visitor *v = open_console();
    if (!v) {
        errors++;
        return NULL;
    }
    char line[128], out[1024], want[1024] = "";
    snprintf(line, sizeof line, "for i = 1, %d do sleep(100) print(i) end", rounds);
    for (int i = 1; i <= rounds; i++)
        snprintf(want + strlen(want), sizeof want - strlen(want), "%d\n", i);
    double start = now();
    int status = run_line(v, line, out, sizeof out);
    add(&completions, now() - start);
    if (status != 200 || strcmp(out, want) != 0) {
        fprintf(stderr, "loadtest: status %d, output %s\n", status, out);
        errors++;
    }
    gs_close(v->fd);   /* the console stays, idle: the server's memory is measured with it */
    free(v);
    return NULL;
}

static void *looper(void *arg) {
    (void)arg;
    visitor *v = open_console();
    if (!v) {
        errors++;
        looping++;
        return NULL;
    }
    char path[160];
    snprintf(path, sizeof path, "%s/eval", v->path);
    if (roundtrip(v, "POST", path, "while true do end") != 200 || !busy(v->body))
        errors++;
    looping++;
    while (!probe_done)
        gs_sleep(50);
    close_console(v);
    return NULL;
}

static void *prober(void *arg) {
    (void)arg;
    while (looping < count)
        gs_sleep(20);
    visitor *v = open_console();
    if (!v) {
        errors++;
        probe_done = true;
        return NULL;
    }
    char out[256];
    for (int i = 0; i < rounds; i++) {
        double start = now();
        if (run_line(v, "1 + 1", out, sizeof out) != 200 || strcmp(out, "2\n") != 0)
            errors++;
        add(&probes, now() - start);
    }
    probe_done = true;
    close_console(v);
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 5 || (strcmp(argv[2], "sleepers") != 0 && strcmp(argv[2], "busy") != 0)) {
        fprintf(stderr, "usage: loadtest PORT sleepers CONSOLES ROUNDS | PORT busy CONSOLES SAMPLES\n");
        return 2;
    }
    port = atoi(argv[1]);
    bool sleepers = strcmp(argv[2], "sleepers") == 0;
    count = atoi(argv[3]);
    rounds = atoi(argv[4]);
    scheduler *s = scheduler_new();
    for (int i = 0; i < count; i++)
        tasklet_new(s, sleepers ? sleeper : looper, NULL);
    if (!sleepers)
        tasklet_new(s, prober, NULL);
    double start = now();
    int rc = scheduler_run(s);
    double seconds = now() - start;
    scheduler_free(s);
    if (rc != 0) {
        fprintf(stderr, "loadtest: scheduler_run: error %d\n", greenlet_error());
        errors++;
    }
    if (sleepers)
        printf("%d consoles at once, each `for i = 1, %d do sleep(100) print(i) end`: %.2f s in all, "
               "%ld requests, %ld errors; from eval to the script's end p50 %.0f ms, max %.0f ms\n",
               count, rounds, seconds, requests, errors, percentile(&completions, 50),
               percentile(&completions, 100));
    else
        printf("`1 + 1` while %d consoles run `while true do end`: %d evals, latency p50 %.2f ms, "
               "p90 %.2f ms, p99 %.2f ms, max %.2f ms; %ld errors\n",
               count, rounds, percentile(&probes, 50), percentile(&probes, 90),
               percentile(&probes, 99), percentile(&probes, 100), errors);
    free(latencies.v);
    free(probes.v);
    free(completions.v);
    gs_hub_close();
    return errors ? 1 : 0;
}
