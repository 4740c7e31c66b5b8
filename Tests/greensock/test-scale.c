/*
 * Scale: one server (an acceptor and a tasklet per connection) and 1,000 client tasklets in one
 * process and one scheduler. Every client connects, waits until all 1,000 are served (2,000
 * descriptors open at once, 1,000 timers in the heap), then makes a few request/response
 * exchanges. All complete, and every descriptor is closed at the end.
 */
/* run.sh: no-valgrind (1,000 connections: minutes under valgrind) */
#include "gscheck.h"
#include <sys/resource.h>
#include <netinet/in.h>

#define CLIENTS 1000
#define ROUNDS 3

static int listener, port;
static int connected, served, finished, live, peak_live;

static void *handler(void *arg) {
    int fd = (int)(intptr_t)arg;
    char buf[256];
    live++;
    if (live > peak_live)
        peak_live = live;
    for (;;) {
        ssize_t n = gs_read(fd, buf, sizeof buf, 10000);
        CHECK(n >= 0);
        if (n == 0)
            break;
        for (ssize_t i = 0; i < n; i++)   /* the reply: the request in upper case */
            if (buf[i] >= 'a' && buf[i] <= 'z')
                buf[i] = (char)(buf[i] - 'a' + 'A');
        CHECK(gs_write_all(fd, buf, (size_t)n, 10000) == n);
    }
    live--;
    served++;
    CHECK(gs_close(fd) == 0);
    return NULL;
}

static void *acceptor(void *arg) {
    (void)arg;
    for (int i = 0; i < CLIENTS; i++) {
        int fd = gs_accept(listener, NULL, NULL, 10000);
        CHECK(fd >= 0);
        tasklet_new(NULL, handler, (void *)(intptr_t)fd);
    }
    return NULL;
}

static void *client(void *arg) {
    int id = (int)(intptr_t)arg;
    int fd = gs_connect_tcp("127.0.0.1", port, 10000);
    CHECK(fd >= 0);
    connected++;
    while (live < CLIENTS)   /* hold the connection until every one is being served */
        CHECK(gs_sleep(5) == 0);
    for (int r = 0; r < ROUNDS; r++) {
        char req[64], want[64], got[64];
        int n = snprintf(req, sizeof req, "client %d round %d", id, r);
        for (int i = 0; i <= n; i++)
            want[i] = (char)(req[i] >= 'a' && req[i] <= 'z' ? req[i] - 'a' + 'A' : req[i]);
        CHECK(gs_write_all(fd, req, (size_t)n, 10000) == n);
        /* Read exactly n bytes: a reply may come in pieces. */
        int have = 0;
        while (have < n) {
            ssize_t k = gs_read(fd, got + have, (size_t)(n - have), 10000);
            CHECK(k > 0);
            have += (int)k;
        }
        CHECK(memcmp(got, want, (size_t)n) == 0);
    }
    CHECK(gs_close(fd) == 0);
    finished++;
    return NULL;
}

int main(void) {
    struct rlimit lim;
    CHECK(getrlimit(RLIMIT_NOFILE, &lim) == 0);
    rlim_t want = 4 * CLIENTS + 256;
    if (lim.rlim_cur < want) {
        if (lim.rlim_max != RLIM_INFINITY && lim.rlim_max < want) {
            fprintf(stderr, "RLIMIT_NOFILE hard limit %llu < %llu\n",
                    (unsigned long long)lim.rlim_max, (unsigned long long)want);
            return 1;
        }
        lim.rlim_cur = want;
        CHECK(setrlimit(RLIMIT_NOFILE, &lim) == 0);
    }
    int fds_before = fd_count();
    listener = gs_listen_tcp("127.0.0.1", 0, CLIENTS);
    CHECK(listener >= 0);
    struct sockaddr_in addr;
    socklen_t len = sizeof addr;
    CHECK(getsockname(listener, (struct sockaddr *)&addr, &len) == 0);
    port = ntohs(addr.sin_port);

    double t0 = now_ms();
    scheduler *s = scheduler_new();
    tasklet_new(s, acceptor, NULL);
    for (int i = 0; i < CLIENTS; i++)
        tasklet_new(s, client, (void *)(intptr_t)i);
    CHECK(scheduler_run(s) == 0);
    double took = now_ms() - t0;
    scheduler_free(s);
    CHECK(connected == CLIENTS && finished == CLIENTS && served == CLIENTS);
    CHECK(peak_live == CLIENTS);
    CHECK(gs_close(listener) == 0);
    CHECK(gs_waiting() == 0);
    const char *backend = gs_backend();
    CHECK(gs_hub_close() == 0);
    CHECK(fd_count() == fds_before);
    printf("ok (%s): %d connections, %d exchanges each, %.0f ms\n", backend, CLIENTS, ROUNDS,
           took);
    return 0;
}
