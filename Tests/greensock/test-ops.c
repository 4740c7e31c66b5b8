/*
 * Each operation from tasklets: gs_read/gs_write/gs_write_all (4 MiB through a socket pair, so
 * the writer must wait for the reader), gs_recv/gs_send with flags, gs_accept/gs_connect on
 * loopback and to a closed port, gs_sleep ordering, gs_wait_readable/gs_wait_writable; and the
 * same calls from plain main, outside any tasklet, where they block in poll.
 */
#include "gscheck.h"
#include <netinet/in.h>
#include <arpa/inet.h>

#define BIG (4u << 20)

static unsigned char pattern(size_t i) { return (unsigned char)(i * 7 + (i >> 12)); }

/* ---- gs_write_all / gs_read: 4 MiB, more than the socket holds ---- */

static int pair[2];
static size_t reader_total, reader_total_when_written;
static bool writer_done;

static void *big_writer(void *arg) {
    (void)arg;
    unsigned char *buf = malloc(BIG);
    CHECK(buf);
    for (size_t i = 0; i < BIG; i++)
        buf[i] = pattern(i);
    CHECK(gs_write_all(pair[0], buf, BIG, 5000) == (ssize_t)BIG);
    /* The socket holds far less than 4 MiB: the reader must have run meanwhile. */
    reader_total_when_written = reader_total;
    writer_done = true;
    CHECK(gs_close(pair[0]) == 0);
    free(buf);
    return NULL;
}

static void *big_reader(void *arg) {
    (void)arg;
    static unsigned char buf[50000];   /* not a power of two: reads straddle the writer's */
    for (;;) {
        ssize_t n = gs_read(pair[1], buf, sizeof buf, 5000);
        CHECK(n >= 0);
        if (n == 0)
            break;
        for (ssize_t i = 0; i < n; i++)
            CHECK(buf[i] == pattern(reader_total + (size_t)i));
        reader_total += (size_t)n;
    }
    CHECK(writer_done);
    CHECK(reader_total == BIG);
    CHECK(gs_close(pair[1]) == 0);
    return NULL;
}

static void test_write_all(void) {
    stream_pair(pair);
    scheduler *s = scheduler_new();
    tasklet_new(s, big_writer, NULL);
    tasklet_new(s, big_reader, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK(reader_total_when_written > 0 && reader_total_when_written < BIG);
    scheduler_free(s);
}

/* gs_write is one write: on a socket that holds less than the buffer it is partial. */
static void *partial_writer(void *arg) {
    (void)arg;
    int sv[2];
    stream_pair(sv);
    char *buf = calloc(1, BIG);
    CHECK(buf);
    ssize_t n = gs_write(sv[0], buf, BIG, 1000);
    CHECK(n > 0 && n < (ssize_t)BIG);
    /* With no room at all it waits, here until its timeout. */
    fill_socket(sv[0]);
    double t0 = now_ms();
    CHECK(gs_write(sv[0], buf, 10, 30) == -1 && errno == ETIMEDOUT);
    CHECK(now_ms() - t0 >= 30);
    free(buf);
    CHECK(gs_close(sv[0]) == 0);
    CHECK(gs_close(sv[1]) == 0);
    return NULL;
}

/* ---- gs_send / gs_recv: the reader waits first; flags reach the call ---- */

static void *recv_side(void *arg) {
    int fd = *(int *)arg;
    char buf[16] = {0};
    /* Waits (nothing sent yet), then peeks: the bytes stay for the next recv. */
    CHECK(gs_recv(fd, buf, 4, MSG_PEEK, 1000) == 4);
    CHECK(memcmp(buf, "ping", 4) == 0);
    memset(buf, 0, sizeof buf);
    CHECK(gs_recv(fd, buf, sizeof buf, 0, 1000) == 4);
    CHECK(memcmp(buf, "ping", 4) == 0);
    trace("recv:ping");
    CHECK(gs_send(fd, "pong", 4, 0, 1000) == 4);
    return NULL;
}

static void *send_side(void *arg) {
    int fd = *(int *)arg;
    char buf[16] = {0};
    trace("send:ping");
    CHECK(gs_send(fd, "ping", 4, MSG_NOSIGNAL, 1000) == 4);
    CHECK(gs_recv(fd, buf, sizeof buf, 0, 1000) == 4);
    CHECK(memcmp(buf, "pong", 4) == 0);
    trace("got:pong");
    return NULL;
}

static void test_send_recv(void) {
    int sv[2];
    stream_pair(sv);
    trace_reset();
    scheduler *s = scheduler_new();
    tasklet_new(s, recv_side, &sv[1]);
    tasklet_new(s, send_side, &sv[0]);
    tasklet_new(s, partial_writer, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "send:ping recv:ping got:pong");
    scheduler_free(s);
    CHECK(gs_close(sv[0]) == 0 && gs_close(sv[1]) == 0);
}

/* ---- gs_accept / gs_connect on loopback ---- */

static int listener, port;

static bool nonblocking_cloexec(int fd) {
    return (fcntl(fd, F_GETFL) & O_NONBLOCK) && (fcntl(fd, F_GETFD) & FD_CLOEXEC);
}

static void *server(void *arg) {
    (void)arg;
    for (int i = 0; i < 2; i++) {
        struct sockaddr_in peer;
        socklen_t len = sizeof peer;
        int fd = gs_accept(listener, (struct sockaddr *)&peer, &len, 2000);
        CHECK(fd >= 0);
        CHECK(nonblocking_cloexec(fd));
        CHECK(len == sizeof peer && peer.sin_family == AF_INET);
        CHECK(peer.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
        char buf[8];
        CHECK(gs_read(fd, buf, sizeof buf, 2000) == 5);
        buf[0] = 'H';
        CHECK(gs_write_all(fd, buf, 5, 2000) == 5);
        CHECK(gs_read(fd, buf, sizeof buf, 2000) == 0);   /* the client closed */
        CHECK(gs_close(fd) == 0);
    }
    return NULL;
}

static void exchange(int fd) {
    char buf[8];
    CHECK(gs_write_all(fd, "hello", 5, 2000) == 5);
    CHECK(gs_read(fd, buf, sizeof buf, 2000) == 5);
    CHECK(memcmp(buf, "Hello", 5) == 0);
    CHECK(gs_close(fd) == 0);
}

static void *client(void *arg) {
    (void)arg;
    /* gs_socket + gs_connect */
    int fd = gs_socket(AF_INET, SOCK_STREAM, 0);
    CHECK(fd >= 0 && nonblocking_cloexec(fd));
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(gs_connect(fd, (struct sockaddr *)&addr, sizeof addr, 2000) == 0);
    exchange(fd);
    /* gs_connect_tcp by name */
    fd = gs_connect_tcp("localhost", port, 2000);
    CHECK(fd >= 0);
    exchange(fd);
    return NULL;
}

/* A port nobody listens on: bound, never listened, then closed. */
static int closed_port(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    CHECK(bind(fd, (struct sockaddr *)&addr, sizeof addr) == 0);
    CHECK(getsockname(fd, (struct sockaddr *)&addr, &len) == 0);
    close(fd);
    return ntohs(addr.sin_port);
}

static void *refused_client(void *arg) {
    (void)arg;
    int p = closed_port();
    CHECK_FAILS(gs_connect_tcp("127.0.0.1", p, 2000), ECONNREFUSED);
    int fd = gs_socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)p)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK_FAILS(gs_connect(fd, (struct sockaddr *)&addr, sizeof addr, 2000), ECONNREFUSED);
    CHECK(gs_close(fd) == 0);
    return NULL;
}

static void test_accept_connect(void) {
    listener = gs_listen_tcp("127.0.0.1", 0, 16);
    CHECK(listener >= 0 && nonblocking_cloexec(listener));
    struct sockaddr_in addr;
    socklen_t len = sizeof addr;
    CHECK(getsockname(listener, (struct sockaddr *)&addr, &len) == 0);
    port = ntohs(addr.sin_port);
    CHECK(port > 0);
    scheduler *s = scheduler_new();
    tasklet_new(s, server, NULL);
    tasklet_new(s, client, NULL);
    tasklet_new(s, refused_client, NULL);
    CHECK(scheduler_run(s) == 0);
    scheduler_free(s);
    CHECK(gs_close(listener) == 0);
    /* A second listener on the same port works at once (SO_REUSEADDR, TIME_WAIT left over). */
    listener = gs_listen_tcp("127.0.0.1", port, 16);
    CHECK(listener >= 0);
    CHECK(gs_close(listener) == 0);
}

/* ---- gs_sleep: timers fire in deadline order, not creation order ---- */

static double sleep_start;

static void *sleeper(void *arg) {
    long ms = (long)arg;
    char event[16];
    CHECK(gs_sleep(ms) == 0);
    CHECK(now_ms() - sleep_start >= (double)ms);
    snprintf(event, sizeof event, "%ld", ms);
    trace(event);
    return NULL;
}

static void test_sleep_order(void) {
    static const long ms[] = {40, 10, 30, 0, 20, 50, 15};
    trace_reset();
    scheduler *s = scheduler_new();
    sleep_start = now_ms();
    for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++)
        tasklet_new(s, sleeper, (void *)ms[i]);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "0 10 15 20 30 40 50");
    CHECK(now_ms() - sleep_start < 50 + LATE_MS);
    scheduler_free(s);
}

/* ---- gs_wait_readable / gs_wait_writable ---- */

static int wsv[2];

static void *wait_reader(void *arg) {
    (void)arg;
    char buf[4];
    double t0 = now_ms();
    CHECK(gs_wait_readable(wsv[1], 2000) == 0);
    CHECK(now_ms() - t0 >= 20);
    /* Waiting consumed nothing. */
    CHECK(peek_now(wsv[1], buf, sizeof buf) == 3);
    CHECK(gs_read(wsv[1], buf, sizeof buf, 0) == 3 && memcmp(buf, "abc", 3) == 0);
    trace("readable");
    return NULL;
}

static void *wait_writer(void *arg) {
    (void)arg;
    CHECK(gs_sleep(20) == 0);
    CHECK(gs_write(wsv[0], "abc", 3, 1000) == 3);
    trace("wrote");
    return NULL;
}

/* Writable at once on an empty buffer; once full, only after the drainer has made room. */
static void *writable_waiter(void *arg) {
    (void)arg;
    CHECK(gs_wait_writable(wsv[0], 1000) == 0);
    CHECK(fill_socket(wsv[0]) > 0);
    CHECK_FAILS(gs_wait_writable(wsv[0], 30), ETIMEDOUT);
    trace("full");
    CHECK(gs_wait_writable(wsv[0], 2000) == 0);
    trace("writable");
    return NULL;
}

static void *drainer(void *arg) {
    (void)arg;
    static char buf[1 << 16];
    while (strstr(trace_buf, "full") == NULL)
        CHECK(gs_sleep(5) == 0);
    trace("drain");
    /* Drain until the waiter has seen room (the kernel may want several reads before it
     * reports the socket writable again). */
    while (strstr(trace_buf, "writable") == NULL) {
        ssize_t n = gs_read(wsv[1], buf, sizeof buf, 10);
        CHECK(n > 0 || (n == -1 && errno == ETIMEDOUT));
    }
    return NULL;
}

static void test_wait(void) {
    stream_pair(wsv);
    trace_reset();
    scheduler *s = scheduler_new();
    tasklet_new(s, wait_reader, NULL);
    tasklet_new(s, wait_writer, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "wrote readable");
    trace_reset();
    tasklet_new(s, writable_waiter, NULL);
    tasklet_new(s, drainer, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "full drain writable");
    scheduler_free(s);
    CHECK(gs_close(wsv[0]) == 0 && gs_close(wsv[1]) == 0);
}

/* ---- outside a tasklet: the calls block in poll and keep their timeouts ---- */

static void test_plain_main(void) {
    CHECK(tasklet_current() == NULL);
    int p[2];
    CHECK(pipe(p) == 0);
    CHECK(gs_write(p[1], "xyz", 3, 1000) == 3);
    char buf[8];
    CHECK(gs_read(p[0], buf, sizeof buf, 1000) == 3 && memcmp(buf, "xyz", 3) == 0);
    double t0 = now_ms();
    CHECK_FAILS(gs_read(p[0], buf, sizeof buf, 50), ETIMEDOUT);
    double waited = now_ms() - t0;
    CHECK(waited >= 50 && waited < 50 + LATE_MS);
    t0 = now_ms();
    CHECK(gs_sleep(30) == 0);
    CHECK(now_ms() - t0 >= 30);
    CHECK(gs_write_all(p[1], "pq", 2, 1000) == 2);
    CHECK(gs_wait_readable(p[0], 1000) == 0);
    CHECK(gs_read(p[0], buf, sizeof buf, GS_FOREVER) == 2);
    CHECK(gs_close(p[1]) == 0);
    CHECK(gs_read(p[0], buf, sizeof buf, 1000) == 0);   /* end of file */
    CHECK(gs_close(p[0]) == 0);
    /* oneof from main: the timer wins over a silent pipe. */
    CHECK(pipe(p) == 0);
    gs_op ops[2] = {gs_op_read(p[0], buf, sizeof buf), gs_op_sleep(20)};
    CHECK(gs_oneof(ops, 2, 1000) == 1);
    CHECK(!ops[0].done && ops[1].done && ops[1].error == 0);
    CHECK(gs_close(p[0]) == 0 && gs_close(p[1]) == 0);
}

int main(void) {
    int fds_before = fd_count();
    test_plain_main();
    test_write_all();
    test_send_recv();
    test_accept_connect();
    test_sleep_order();
    test_wait();
    CHECK(gs_waiting() == 0);
    const char *backend = gs_backend();
    const char *forced = getenv("GREENSOCK_BACKEND");
    CHECK_STR(backend, forced && strcmp(forced, "poll") == 0 ? "poll" : "epoll");
    CHECK(gs_hub_close() == 0);
    CHECK(fd_count() == fds_before);
    printf("ok (%s)\n", backend);
    return 0;
}
