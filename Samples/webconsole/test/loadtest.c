/*
 * loadtest: many visitors at once against a webconsole server on loopback, written the same way
 * as the server: one tasklet per visitor, plain blocking calls on the greensock hub.
 *
 * Usage: loadtest PORT CONSOLES LINES
 *
 * Every visitor opens one keep-alive connection, creates a console, defines f, then evaluates
 * LINES lines `f(i)` and checks each answer. All of them run at once. Prints one line of figures
 * (requests, errors, seconds, requests per second, latency percentiles) and exits 1 if any
 * request failed or any answer was wrong.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <greensock.h>

#define TIMEOUT_MS 30000

static int port, lines;
static long requests, errors;
static double *latencies;
static size_t nlatencies, cap_latencies;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct visitor {
    int fd;
    char in[8192];
    size_t in_len;
} visitor;

/* Sends one request and reads its response: the status, with the body copied into `body`
 * (NUL-terminated); -1 on a connection error. */
static int roundtrip(visitor *v, const char *method, const char *path, const char *payload,
                     char *body, size_t body_cap) {
    char req[1024];
    size_t plen = payload ? strlen(payload) : 0;
    int n = snprintf(req, sizeof req, "%s %s HTTP/1.1\r\nHost: localhost\r\nContent-Length: %zu\r\n\r\n%s",
                     method, path, plen, payload ? payload : "");
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
                size_t take = len < body_cap - 1 ? len : body_cap - 1;
                memcpy(body, v->in + head, take);
                body[take] = '\0';
                memmove(v->in, v->in + head + len, v->in_len - head - len);
                v->in_len -= head + len;
                if (nlatencies == cap_latencies) {
                    cap_latencies = cap_latencies ? cap_latencies * 2 : 4096;
                    latencies = realloc(latencies, cap_latencies * sizeof *latencies);
                    if (!latencies)
                        abort();
                }
                latencies[nlatencies++] = now() - start;
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

static void *visit(void *arg) {
    (void)arg;
    visitor *v = calloc(1, sizeof *v);
    char body[2048], path[128], line[64], want[64];
    if (!v || (v->fd = gs_connect_tcp("127.0.0.1", port, TIMEOUT_MS)) < 0) {
        fprintf(stderr, "loadtest: connect: %s\n", strerror(errno));
        errors++;
        free(v);
        return NULL;
    }
    int status = roundtrip(v, "POST", "/api/consoles", NULL, body, sizeof body);
    char *id = strstr(body, "\"id\": \"");
    if (status != 201 || !id) {
        fprintf(stderr, "loadtest: create: status %d: %s\n", status, body);
        errors++;
        goto out;
    }
    snprintf(path, sizeof path, "/api/consoles/%.32s/eval", id + 7);
    if (roundtrip(v, "POST", path, "def f(a) = a*a + 1", body, sizeof body) != 200 ||
        !strstr(body, "defined f(a)")) {
        fprintf(stderr, "loadtest: def: %s\n", body);
        errors++;
        goto out;
    }
    for (int i = 0; i < lines; i++) {
        snprintf(line, sizeof line, "f(%d)", i);
        snprintf(want, sizeof want, "\"output\": \"%d\\n\"", i * i + 1);
        status = roundtrip(v, "POST", path, line, body, sizeof body);
        if (status != 200 || !strstr(body, want)) {
            fprintf(stderr, "loadtest: %s: status %d: %s\n", line, status, body);
            errors++;
            goto out;
        }
    }
out:
    gs_close(v->fd);
    free(v);
    return NULL;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: loadtest PORT CONSOLES LINES\n");
        return 2;
    }
    port = atoi(argv[1]);
    int consoles = atoi(argv[2]);
    lines = atoi(argv[3]);
    scheduler *s = scheduler_new();
    for (int i = 0; i < consoles; i++)
        tasklet_new(s, visit, NULL);
    double start = now();
    int rc = scheduler_run(s);
    double seconds = now() - start;
    scheduler_free(s);
    if (rc != 0) {
        fprintf(stderr, "loadtest: scheduler_run: error %d\n", greenlet_error());
        errors++;
    }
    qsort(latencies, nlatencies, sizeof *latencies, by_value);
    double p50 = nlatencies ? latencies[nlatencies / 2] : 0;
    double p99 = nlatencies ? latencies[nlatencies * 99 / 100] : 0;
    double max = nlatencies ? latencies[nlatencies - 1] : 0;
    printf("consoles %d, requests %ld, errors %ld, %.2f s, %.0f requests/s, latency p50 %.2f ms, "
           "p99 %.2f ms, max %.2f ms\n",
           consoles, requests, errors, seconds, (double)requests / seconds, p50 * 1000,
           p99 * 1000, max * 1000);
    free(latencies);
    gs_hub_close();
    return errors || requests != (long)consoles * (lines + 2) ? 1 : 0;
}
