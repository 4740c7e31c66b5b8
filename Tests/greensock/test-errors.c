/*
 * Failures: end of file, ECONNRESET, EPIPE without SIGPIPE (socket and pipe, the signal mask left
 * as it was), gs_close waking every waiter on the descriptor with EBADF, tasklet_kill of a
 * waiting tasklet (ECANCELED and GREENLET_EXIT), the same from scheduler_free, gs_hub_close
 * refused while tasklets wait.
 * SIGPIPE keeps its default action here: a write that raised it would kill the test.
 */
#include "gscheck.h"
#include <netinet/in.h>

static int sv[2];

/* ---- end of file: a waiting reader gets 0 when the peer closes ---- */

static void *eof_reader(void *arg) {
    (void)arg;
    char buf[8];
    CHECK(gs_read(sv[1], buf, sizeof buf, 2000) == 2);
    CHECK(gs_read(sv[1], buf, sizeof buf, 2000) == 0);
    CHECK(gs_recv(sv[1], buf, sizeof buf, 0, 2000) == 0);   /* and again: still end of file */
    trace("eof");
    return NULL;
}

static void *eof_writer(void *arg) {
    (void)arg;
    CHECK(gs_write_all(sv[0], "hi", 2, 1000) == 2);
    CHECK(gs_sleep(10) == 0);
    trace("close");
    CHECK(gs_close(sv[0]) == 0);
    return NULL;
}

static void test_eof(void) {
    stream_pair(sv);
    trace_reset();
    scheduler *s = scheduler_new();
    tasklet_new(s, eof_reader, NULL);
    tasklet_new(s, eof_writer, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "close eof");
    scheduler_free(s);
    CHECK(gs_close(sv[1]) == 0);
}

/* ---- ECONNRESET: the peer closes with SO_LINGER 0 while our data is unread ---- */

static int listener, port, server_fd = -1;

static void *reset_server(void *arg) {
    (void)arg;
    server_fd = gs_accept(listener, NULL, NULL, 2000);
    CHECK(server_fd >= 0);
    CHECK(gs_wait_readable(server_fd, 2000) == 0);   /* the client's bytes arrived, unread */
    struct linger lg = {1, 0};
    CHECK(setsockopt(server_fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) == 0);
    CHECK(gs_sleep(10) == 0);   /* the client is waiting in gs_read by now */
    trace("reset");
    CHECK(gs_close(server_fd) == 0);
    return NULL;
}

static void *reset_client(void *arg) {
    (void)arg;
    char buf[8];
    int fd = gs_connect_tcp("127.0.0.1", port, 2000);
    CHECK(fd >= 0);
    CHECK(gs_write_all(fd, "unread", 6, 1000) == 6);
    CHECK_FAILS(gs_read(fd, buf, sizeof buf, 2000), ECONNRESET);
    trace("ECONNRESET");
    CHECK(gs_close(fd) == 0);
    return NULL;
}

static void test_reset(void) {
    listener = gs_listen_tcp("127.0.0.1", 0, 8);
    CHECK(listener >= 0);
    struct sockaddr_in addr;
    socklen_t len = sizeof addr;
    CHECK(getsockname(listener, (struct sockaddr *)&addr, &len) == 0);
    port = ntohs(addr.sin_port);
    trace_reset();
    scheduler *s = scheduler_new();
    tasklet_new(s, reset_server, NULL);
    tasklet_new(s, reset_client, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "reset ECONNRESET");
    scheduler_free(s);
    CHECK(gs_close(listener) == 0);
}

/* ---- EPIPE, never SIGPIPE ---- */

static bool sigpipe_blocked(void) {
    sigset_t mask;
    sigprocmask(SIG_BLOCK, NULL, &mask);
    return sigismember(&mask, SIGPIPE);
}

static bool sigpipe_pending(void) {
    sigset_t pending;
    sigpending(&pending);
    return sigismember(&pending, SIGPIPE);
}

static void *epipe_writer(void *arg) {
    (void)arg;
    /* A socket whose peer has gone: every kind of write fails with EPIPE. */
    int s2[2];
    stream_pair(s2);
    CHECK(close(s2[1]) == 0);
    CHECK_FAILS(gs_write(s2[0], "x", 1, 1000), EPIPE);
    CHECK_FAILS(gs_write_all(s2[0], "xyz", 3, 1000), EPIPE);
    CHECK_FAILS(gs_send(s2[0], "x", 1, 0, 1000), EPIPE);
    CHECK(gs_close(s2[0]) == 0);
    /* A pipe whose reader has gone. */
    int p[2];
    CHECK(pipe(p) == 0);
    CHECK(close(p[0]) == 0);
    CHECK_FAILS(gs_write(p[1], "x", 1, 1000), EPIPE);
    CHECK_FAILS(gs_write_all(p[1], "xyz", 3, 1000), EPIPE);
    CHECK(gs_close(p[1]) == 0);
    CHECK(!sigpipe_blocked() && !sigpipe_pending());
    trace("EPIPE");
    return NULL;
}

/* A writer waiting for room in a pipe when its reader goes away. */
static int wp[2];

static void *waiting_pipe_writer(void *arg) {
    (void)arg;
    size_t big = 1 << 20;   /* far more than a pipe holds */
    char *buf = calloc(1, big);
    CHECK(buf);
    CHECK_FAILS(gs_write_all(wp[1], buf, big, 2000), EPIPE);
    free(buf);
    CHECK(!sigpipe_blocked() && !sigpipe_pending());
    trace("waiter:EPIPE");
    return NULL;
}

static void *pipe_reader_leaves(void *arg) {
    (void)arg;
    char buf[100];
    CHECK(gs_read(wp[0], buf, sizeof buf, 1000) == sizeof buf);   /* the writer has begun */
    CHECK(gs_sleep(10) == 0);
    trace("reader:close");
    CHECK(gs_close(wp[0]) == 0);
    return NULL;
}

static void test_epipe(void) {
    trace_reset();
    scheduler *s = scheduler_new();
    tasklet_new(s, epipe_writer, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "EPIPE");
    trace_reset();
    CHECK(pipe(wp) == 0);
    tasklet_new(s, waiting_pipe_writer, NULL);
    tasklet_new(s, pipe_reader_leaves, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "reader:close waiter:EPIPE");
    CHECK(gs_close(wp[1]) == 0);
    scheduler_free(s);
    /* From plain main too. */
    int p[2];
    CHECK(pipe(p) == 0);
    CHECK(close(p[0]) == 0);
    CHECK_FAILS(gs_write_all(p[1], "x", 1, 1000), EPIPE);
    CHECK(gs_close(p[1]) == 0);
    CHECK(!sigpipe_blocked() && !sigpipe_pending());
}

/* ---- gs_close wakes every waiter on the descriptor with EBADF ---- */

static int cfd[2], clistener;

static void *close_reader(void *arg) {
    (void)arg;
    char buf[8];
    CHECK_FAILS(gs_read(cfd[0], buf, sizeof buf, 2000), EBADF);
    trace("read:EBADF");
    return NULL;
}

static void *close_waiter(void *arg) {
    (void)arg;
    CHECK_FAILS(gs_wait_readable(cfd[0], 2000), EBADF);
    trace("wait:EBADF");
    return NULL;
}

static void *close_acceptor(void *arg) {
    (void)arg;
    CHECK_FAILS(gs_accept(clistener, NULL, NULL, 2000), EBADF);
    trace("accept:EBADF");
    return NULL;
}

static void *close_oneof(void *arg) {
    (void)arg;
    char buf[8];
    gs_op ops[2] = {gs_op_sleep(2000), gs_op_read(cfd[0], buf, sizeof buf)};
    CHECK(gs_oneof(ops, 2, GS_FOREVER) == 1);
    CHECK(ops[1].done && ops[1].error == EBADF && !ops[0].done);
    trace("oneof:EBADF");
    return NULL;
}

static void *closer(void *arg) {
    (void)arg;
    CHECK(gs_sleep(10) == 0);
    CHECK(gs_waiting() >= 3);   /* two descriptors and a timer at least */
    /* The hub refuses to close while tasklets wait on it. */
    CHECK_FAILS(gs_hub_close(), EBUSY);
    trace("close");
    CHECK(gs_close(cfd[0]) == 0);
    CHECK(gs_close(clistener) == 0);
    return NULL;
}

static void test_close_wakes(void) {
    stream_pair(cfd);
    clistener = gs_listen_tcp("127.0.0.1", 0, 8);
    CHECK(clistener >= 0);
    trace_reset();
    scheduler *s = scheduler_new();
    tasklet_new(s, close_reader, NULL);
    tasklet_new(s, close_waiter, NULL);
    tasklet_new(s, close_acceptor, NULL);
    tasklet_new(s, close_oneof, NULL);
    tasklet_new(s, closer, NULL);
    double t0 = now_ms();
    CHECK(scheduler_run(s) == 0);
    CHECK(now_ms() - t0 < 1000);   /* woken by the close, not by their timeouts */
    /* Every waiter woke; their order is the hub's business, but all four are there. */
    CHECK(strncmp(trace_buf, "close ", 6) == 0);
    CHECK(strstr(trace_buf, "read:EBADF") && strstr(trace_buf, "wait:EBADF"));
    CHECK(strstr(trace_buf, "accept:EBADF") && strstr(trace_buf, "oneof:EBADF"));
    scheduler_free(s);
    /* The descriptor number is free for reuse and the hub holds no stale record of it. */
    CHECK(gs_close(cfd[1]) == 0);
    CHECK(gs_waiting() == 0);
}

/* ---- gs_close after the waiter was woken but before it ran: the number is reused at once ----
 * A waits on x, B on y; both become readable in one look at the hub, B's first, so B runs first:
 * it closes x and a new socket takes x's number, with data of its own. A's read must fail with
 * EBADF (or have completed before the close): it must never read the other socket. */

static int rx[2], ry[2], rother[2];
static char ra_buf[32];
static ssize_t ra_result;
static int ra_errno;

static void *reuse_a(void *arg) {
    (void)arg;
    ra_result = gs_read(rx[0], ra_buf, sizeof ra_buf - 1, 1000);
    ra_errno = errno;
    return NULL;
}

static void *reuse_b(void *arg) {
    (void)arg;
    char buf[8];
    CHECK(gs_read(ry[0], buf, sizeof buf, 1000) == 1);
    int number = rx[0];
    CHECK(gs_close(rx[0]) == 0);
    stream_pair(rother);
    CHECK(rother[0] == number);
    CHECK(gs_write(rother[1], "another connection", 18, 1000) == 18);
    return NULL;
}

static void *reuse_c(void *arg) {
    (void)arg;
    CHECK(gs_sleep(10) == 0);
    CHECK(gs_write(ry[1], "y", 1, 1000) == 1);   /* y first: B is woken before A (a write with room never yields) */
    CHECK(gs_write(rx[1], "x", 1, 1000) == 1);
    return NULL;
}

static void test_close_after_wake(void) {
    stream_pair(rx);
    stream_pair(ry);
    scheduler *s = scheduler_new();
    tasklet_new(s, reuse_a, NULL);
    tasklet_new(s, reuse_b, NULL);
    tasklet_new(s, reuse_c, NULL);
    CHECK(scheduler_run(s) == 0);
    scheduler_free(s);
    if (!(ra_result == -1 && ra_errno == EBADF) && !(ra_result == 1 && ra_buf[0] == 'x')) {
        fprintf(stderr, "gs_read of a descriptor closed while it waited returned %zd: \"%s\"\n",
                ra_result, ra_buf);
        exit(1);
    }
    CHECK(gs_close(rx[1]) == 0 && gs_close(ry[0]) == 0 && gs_close(ry[1]) == 0);
    CHECK(gs_close(rother[0]) == 0 && gs_close(rother[1]) == 0);
}

/* ---- tasklet_kill of a waiting tasklet: ECANCELED and GREENLET_EXIT ---- */

static int kfd[2], kw[2];   /* the readers wait on kfd, the writer on kw */
static tasklet *victims[4];

static void *killed_reader(void *arg) {
    (void)arg;
    char buf[8];
    CHECK_FAILS(gs_read(kfd[0], buf, sizeof buf, GS_FOREVER), ECANCELED);
    CHECK(greenlet_error() == GREENLET_EXIT);
    trace("reader:ECANCELED");
    return NULL;
}

static void *killed_sleeper(void *arg) {
    (void)arg;
    CHECK_FAILS(gs_sleep(100000), ECANCELED);
    CHECK(greenlet_error() == GREENLET_EXIT);
    trace("sleeper:ECANCELED");
    return NULL;
}

static void *killed_oneof(void *arg) {
    (void)arg;
    char buf[8];
    channel *c = arg;
    gs_op ops[3] = {gs_op_read(kfd[0], buf, sizeof buf), gs_op_receive(c), gs_op_sleep(100000)};
    CHECK_FAILS(gs_oneof(ops, 3, GS_FOREVER), ECANCELED);
    CHECK(greenlet_error() == GREENLET_EXIT);
    CHECK(!ops[0].done && !ops[1].done && !ops[2].done);
    trace("oneof:ECANCELED");
    return NULL;
}

static void *killed_writer(void *arg) {
    (void)arg;
    size_t big = 1 << 20;
    char *buf = calloc(1, big);
    CHECK(buf);
    CHECK_FAILS(gs_write_all(kw[1], buf, big, GS_FOREVER), ECANCELED);
    CHECK(greenlet_error() == GREENLET_EXIT);
    free(buf);
    trace("writer:ECANCELED");
    return NULL;
}

static void *killer(void *arg) {
    channel *c = arg;
    CHECK(gs_sleep(10) == 0);
    for (int i = 0; i < 4; i++)
        CHECK(tasklet_kill(victims[i]) == 0);   /* each runs at once, then we go on */
    trace("killed");
    /* Nothing is left waiting: no timer, no receiver on the channel. */
    CHECK(channel_balance(c) == 0);
    CHECK(gs_waiting() == 0);
    /* The descriptors still work for someone else: the killed writer's bytes, and a read
     * on the readers' socket. */
    char buf[8];
    CHECK(gs_read(kw[0], buf, sizeof buf, 1000) == sizeof buf);
    CHECK(gs_write_all(kfd[1], "z", 1, 1000) == 1);
    CHECK(gs_read(kfd[0], buf, sizeof buf, 1000) == 1 && buf[0] == 'z');
    return NULL;
}

static void test_kill(void) {
    stream_pair(kfd);
    stream_pair(kw);
    channel *c = channel_new("c");
    trace_reset();
    scheduler *s = scheduler_new();
    victims[0] = tasklet_new(s, killed_reader, NULL);
    victims[1] = tasklet_new(s, killed_sleeper, NULL);
    victims[2] = tasklet_new(s, killed_oneof, c);
    victims[3] = tasklet_new(s, killed_writer, NULL);
    tasklet_new(s, killer, c);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf,
              "reader:ECANCELED sleeper:ECANCELED oneof:ECANCELED writer:ECANCELED killed");
    scheduler_free(s);
    channel_free(c);
    CHECK(gs_close(kfd[0]) == 0 && gs_close(kfd[1]) == 0);
    CHECK(gs_close(kw[0]) == 0 && gs_close(kw[1]) == 0);
}

/* ---- scheduler_free kills the tasklets that still wait on the hub ---- */

/* scheduler_run returns early when a tasklet ends with an error: here one thrown at it by a
 * greenlet it started. The others are still waiting on the hub then. */
static void *thrower(void *arg) {
    (void)arg;
    return greenlet_throw(greenlet_parent(greenlet_current()), 42, NULL);
}

static void *ends_with_error(void *arg) {
    (void)arg;
    CHECK(gs_sleep(10) == 0);
    greenlet *g = greenlet_new(thrower, NULL);
    CHECK(greenlet_switch(g, NULL) == NULL && greenlet_error() == 42);
    greenlet_free(g);
    return NULL;   /* with error 42 pending */
}

static int ffd[2];
static int freed_waiters;

static void *waits_forever(void *arg) {
    (void)arg;
    char buf[8];
    CHECK_FAILS(gs_read(ffd[0], buf, sizeof buf, GS_FOREVER), ECANCELED);
    CHECK(greenlet_error() == GREENLET_EXIT);
    freed_waiters++;
    return NULL;
}

static void *sleeps_forever(void *arg) {
    (void)arg;
    CHECK_FAILS(gs_sleep(1000000), ECANCELED);
    CHECK(greenlet_error() == GREENLET_EXIT);
    freed_waiters++;
    return NULL;
}

static void test_scheduler_free(void) {
    stream_pair(ffd);
    scheduler *s = scheduler_new();
    tasklet_new(s, waits_forever, NULL);
    tasklet_new(s, sleeps_forever, NULL);
    tasklet_new(s, ends_with_error, NULL);
    CHECK(scheduler_run(s) == -1 && greenlet_error() == 42);
    greenlet_error_clear();
    CHECK(scheduler_count(s) == 2);
    CHECK(gs_waiting() >= 2);
    CHECK_FAILS(gs_hub_close(), EBUSY);
    scheduler_free(s);
    CHECK(freed_waiters == 2);
    CHECK(gs_close(ffd[0]) == 0 && gs_close(ffd[1]) == 0);
    CHECK(gs_waiting() == 0);
}

int main(void) {
    int fds_before = fd_count();
    test_eof();
    test_reset();
    test_epipe();
    test_close_wakes();
    test_close_after_wake();
    test_kill();
    test_scheduler_free();
    CHECK(gs_waiting() == 0);
    const char *backend = gs_backend();
    CHECK(gs_hub_close() == 0);
    CHECK(gs_hub_close() == 0);   /* no hub: nothing to do */
    CHECK(fd_count() == fds_before);
    printf("ok (%s)\n", backend);
    return 0;
}
