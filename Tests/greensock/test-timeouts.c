/*
 * Timeouts: a read on a silent socket, an accept with no client, a write with no room, a wait:
 * each returns -1 with ETIMEDOUT after at least its limit and not much more, while other
 * tasklets keep running; a timeout of 0 does not wait; a timed-out call leaves nothing behind
 * (the bytes that arrive later go to the next read, and the hub holds no timer).
 */
#include "gscheck.h"

static int sv[2], listener;
static int ticks;   /* a tasklet that keeps running while the others wait */

static void check_elapsed(double t0, double limit) {
    double waited = now_ms() - t0;
    if (waited < limit || waited > limit + LATE_MS) {
        fprintf(stderr, "timeout of %.0f ms took %.1f ms\n", limit, waited);
        exit(1);
    }
}

static void *timed_reader(void *arg) {
    (void)arg;
    char buf[8];
    double t0 = now_ms();
    CHECK_FAILS(gs_read(sv[0], buf, sizeof buf, 50), ETIMEDOUT);
    check_elapsed(t0, 50);
    CHECK(ticks >= 1);   /* the ticker ran meanwhile (how often depends on the load) */
    t0 = now_ms();
    CHECK_FAILS(gs_recv(sv[0], buf, sizeof buf, 0, 0), ETIMEDOUT);   /* 0: no wait at all */
    CHECK(now_ms() - t0 < 20);
    /* Bytes that arrive after a timeout go to the next read; a timeout of 0 still reads what
     * is there (though the hub has not looked at the socket since it found it empty). */
    CHECK(gs_write_all(sv[1], "late", 4, 1000) == 4);
    CHECK(gs_read(sv[0], buf, sizeof buf, 0) == 4 && memcmp(buf, "late", 4) == 0);
    CHECK(gs_write_all(sv[1], "again", 5, 1000) == 5);
    gs_op ops[2] = {gs_op_read(sv[0], buf, sizeof buf), gs_op_sleep(0)};
    CHECK(gs_oneof(ops, 2, 0) == 0 && ops[0].result == 5);
    trace("read");
    return NULL;
}

static void *timed_acceptor(void *arg) {
    (void)arg;
    double t0 = now_ms();
    CHECK_FAILS(gs_accept(listener, NULL, NULL, 70), ETIMEDOUT);
    check_elapsed(t0, 70);
    trace("accept");
    return NULL;
}

static void *timed_writer(void *arg) {
    (void)arg;
    int p[2];
    stream_pair(p);
    CHECK(fill_socket(p[0]) > 0);
    double t0 = now_ms();
    CHECK_FAILS(gs_write_all(p[0], "more", 4, 90), ETIMEDOUT);
    check_elapsed(t0, 90);
    t0 = now_ms();
    CHECK_FAILS(gs_wait_writable(p[0], 20), ETIMEDOUT);
    check_elapsed(t0, 20);
    CHECK(gs_close(p[0]) == 0 && gs_close(p[1]) == 0);
    trace("write");
    return NULL;
}

static void *ticker(void *arg) {
    (void)arg;
    for (ticks = 0; ticks < 10; ticks++)
        CHECK(gs_sleep(10) == 0);
    return NULL;
}

int main(void) {
    int fds_before = fd_count();
    stream_pair(sv);
    listener = gs_listen_tcp("127.0.0.1", 0, 8);
    CHECK(listener >= 0);
    trace_reset();
    scheduler *s = scheduler_new();
    tasklet_new(s, timed_reader, NULL);
    tasklet_new(s, timed_acceptor, NULL);
    tasklet_new(s, timed_writer, NULL);
    tasklet_new(s, ticker, NULL);
    CHECK(scheduler_run(s) == 0);
    /* Deadlines 50 (the read), 70 (the accept), 90 then 20 more (the write). */
    CHECK_STR(trace_buf, "read accept write");
    scheduler_free(s);
    CHECK(gs_close(sv[0]) == 0 && gs_close(sv[1]) == 0 && gs_close(listener) == 0);
    CHECK(gs_waiting() == 0);
    const char *backend = gs_backend();
    CHECK(gs_hub_close() == 0);
    CHECK(fd_count() == fds_before);
    printf("ok (%s)\n", backend);
    return 0;
}
