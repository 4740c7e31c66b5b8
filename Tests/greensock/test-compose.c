/*
 * The hub with the rest of the runtime and of the process: a plain greenlet inside a tasklet
 * (it is not a tasklet: its calls block in poll), a scheduler run from a tasklet with I/O on both
 * levels, one hub per thread (closed at thread exit), gs_forget before a plain close and the
 * number's reuse, several tasklets on one descriptor, a read and a write of one socket in one
 * oneof; a lone tasklet that yields in a loop (tasklet_schedule) does not starve the waiters.
 */
#include "gscheck.h"
#include <pthread.h>

/* ---- a plain greenlet started from a tasklet ---- */

static void *greenlet_body(void *arg) {
    int fd = *(int *)arg;
    char buf[8];
    CHECK(tasklet_current() == NULL);
    double t0 = now_ms();
    CHECK_FAILS(gs_read(fd, buf, sizeof buf, 30), ETIMEDOUT);   /* blocks the thread in poll */
    CHECK(now_ms() - t0 >= 30);
    CHECK(gs_sleep(10) == 0);
    return "done";
}

static void *greenlet_host(void *arg) {
    (void)arg;
    int sv[2];
    stream_pair(sv);
    greenlet *g = greenlet_new(greenlet_body, NULL);
    CHECK(strcmp(greenlet_switch(g, &sv[0]), "done") == 0);
    CHECK(greenlet_dead(g));
    greenlet_free(g);
    CHECK(gs_close(sv[0]) == 0 && gs_close(sv[1]) == 0);
    trace("greenlet");
    return NULL;
}

/* ---- a scheduler run from a tasklet, I/O on both levels ---- */

static int nsv[2];

static void *inner_reader(void *arg) {
    (void)arg;
    char buf[8];
    CHECK(gs_read(nsv[0], buf, sizeof buf, 2000) == 5 && memcmp(buf, "inner", 5) == 0);
    trace("inner:read");
    return NULL;
}

static void *inner_writer(void *arg) {
    (void)arg;
    CHECK(gs_sleep(20) == 0);
    CHECK(gs_write_all(nsv[1], "inner", 5, 1000) == 5);
    return NULL;
}

static void *outer_runs_inner(void *arg) {
    (void)arg;
    scheduler *inner = scheduler_new();
    tasklet_new(inner, inner_reader, NULL);
    tasklet_new(inner, inner_writer, NULL);
    CHECK(scheduler_run(inner) == 0);
    scheduler_free(inner);
    trace("inner:done");
    return NULL;
}

static void *outer_sleeper(void *arg) {
    (void)arg;
    CHECK(gs_sleep(5) == 0);
    trace("outer:slept");
    return NULL;
}

/* ---- one hub per thread; a thread's hub is closed when it exits ---- */

static void *thread_main(void *arg) {
    (void)arg;
    int sv[2];
    stream_pair(sv);
    scheduler *s = scheduler_new();
    tasklet_new(s, greenlet_host, NULL);   /* any I/O will do: this opens the thread's hub */
    CHECK(scheduler_run(s) == 0);
    scheduler_free(s);
    CHECK(gs_close(sv[0]) == 0 && gs_close(sv[1]) == 0);
    return (void *)(intptr_t)fd_count();   /* the hub's descriptor is still open here */
}

static void test_thread(void) {
    int before = fd_count();
    pthread_t th;
    void *inside;
    CHECK(pthread_create(&th, NULL, thread_main, NULL) == 0);
    CHECK(pthread_join(th, &inside) == 0);
    CHECK(fd_count() == before);   /* the thread's hub went with it */
    (void)inside;
}

/* ---- gs_forget, then a plain close; the number comes back for another socket ---- */

static void *forget_user(void *arg) {
    (void)arg;
    int sv[2];
    char buf[8];
    stream_pair(sv);
    CHECK_FAILS(gs_read(sv[0], buf, sizeof buf, 10), ETIMEDOUT);   /* the hub knows sv[0] */
    int number = sv[0];
    gs_forget(sv[0]);
    CHECK(close(sv[0]) == 0);
    CHECK(close(sv[1]) == 0);
    stream_pair(sv);   /* the lowest numbers again */
    CHECK(sv[0] == number);
    /* The new socket is waited on afresh: its data wakes the reader. */
    CHECK(gs_write_all(sv[1], "new", 3, 1000) == 3);
    CHECK(gs_read(sv[0], buf, sizeof buf, 1000) == 3);
    CHECK_FAILS(gs_read(sv[0], buf, sizeof buf, 10), ETIMEDOUT);
    CHECK(gs_write_all(sv[1], "again", 5, 1000) == 5);
    CHECK(gs_wait_readable(sv[0], 1000) == 0);
    CHECK(gs_read(sv[0], buf, sizeof buf, 1000) == 5);
    CHECK(gs_close(sv[0]) == 0 && gs_close(sv[1]) == 0);
    trace("forget");
    return NULL;
}

/* ---- three readers on one descriptor: each byte goes to one of them ---- */

static int shared[2], shared_got;

static void *shared_reader(void *arg) {
    (void)arg;
    char c;
    CHECK(gs_read(shared[0], &c, 1, 2000) == 1);
    shared_got++;
    return NULL;
}

static void *shared_writer(void *arg) {
    (void)arg;
    for (int i = 0; i < 3; i++) {
        CHECK(gs_sleep(5) == 0);
        CHECK(gs_write_all(shared[1], "x", 1, 1000) == 1);
    }
    return NULL;
}

/* ---- a read and a write of one socket in one oneof ---- */

static int rw[2];

static void *read_or_write(void *arg) {
    (void)arg;
    char buf[8];
    CHECK(fill_socket(rw[0]) > 0);   /* no room to write, nothing to read */
    gs_op ops[2] = {gs_op_write(rw[0], "w", 1), gs_op_read(rw[0], buf, sizeof buf)};
    CHECK(gs_oneof(ops, 2, 2000) == 1);   /* the peer writes first */
    CHECK(ops[1].result == 4 && !ops[0].done);
    gs_op ops2[2] = {gs_op_read(rw[0], buf, sizeof buf), gs_op_write(rw[0], "w", 1)};
    CHECK(gs_oneof(ops2, 2, 2000) == 1);   /* then drains */
    CHECK(ops2[1].result == 1 && !ops2[0].done);
    trace("rw");
    return NULL;
}

static void *rw_peer(void *arg) {
    (void)arg;
    static char buf[1 << 16];
    CHECK(gs_sleep(10) == 0);
    CHECK(gs_write_all(rw[1], "data", 4, 1000) == 4);
    CHECK(gs_sleep(10) == 0);
    while (strstr(trace_buf, "rw") == NULL) {
        ssize_t n = gs_read(rw[1], buf, sizeof buf, 10);
        CHECK(n > 0 || (n < 0 && errno == ETIMEDOUT));
    }
    return NULL;
}

/* ---- fairness: a lone runnable tasklet yielding in a loop lets the hub's waiters run ---- */

static int fair[2];
static bool fair_done;

static void *yielder(void *arg) {
    (void)arg;
    double t0 = now_ms();
    while (!fair_done && now_ms() - t0 < 1000)   /* gives up after 1 s instead of hanging */
        tasklet_schedule();
    CHECK(fair_done);
    return NULL;
}

static void *fair_sleeper(void *arg) {
    (void)arg;
    double t0 = now_ms();
    CHECK(gs_sleep(20) == 0);
    CHECK(now_ms() - t0 < 20 + LATE_MS);
    /* And a descriptor: the data comes from a timer-driven write below. */
    char c;
    CHECK(gs_read(fair[0], &c, 1, 1000) == 1);
    CHECK(now_ms() - t0 < 40 + LATE_MS);
    fair_done = true;
    return NULL;
}

static void *fair_writer(void *arg) {
    (void)arg;
    CHECK(gs_sleep(40) == 0);
    CHECK(gs_write(fair[1], "f", 1, 1000) == 1);
    return NULL;
}

static void test_fairness(scheduler *s) {
    stream_pair(fair);
    tasklet_new(s, fair_sleeper, NULL);
    tasklet_new(s, fair_writer, NULL);
    tasklet_new(s, yielder, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK(gs_close(fair[0]) == 0 && gs_close(fair[1]) == 0);
    trace("fair");
}

int main(void) {
    int fds_before = fd_count();
    trace_reset();
    scheduler *s = scheduler_new();
    tasklet_new(s, greenlet_host, NULL);
    CHECK(scheduler_run(s) == 0);

    stream_pair(nsv);
    tasklet_new(s, outer_runs_inner, NULL);
    tasklet_new(s, outer_sleeper, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK(gs_close(nsv[0]) == 0 && gs_close(nsv[1]) == 0);

    tasklet_new(s, forget_user, NULL);
    CHECK(scheduler_run(s) == 0);

    stream_pair(shared);
    for (int i = 0; i < 3; i++)
        tasklet_new(s, shared_reader, NULL);
    tasklet_new(s, shared_writer, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK(shared_got == 3);
    CHECK(gs_close(shared[0]) == 0 && gs_close(shared[1]) == 0);

    stream_pair(rw);
    tasklet_new(s, read_or_write, NULL);
    tasklet_new(s, rw_peer, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK(gs_close(rw[0]) == 0 && gs_close(rw[1]) == 0);
    test_fairness(s);
    scheduler_free(s);
    CHECK(strstr(trace_buf, "inner:read inner:done") != NULL);
    CHECK(strstr(trace_buf, "outer:slept") != NULL);
    CHECK(strstr(trace_buf, "forget") && strstr(trace_buf, "rw"));

    test_thread();
    CHECK(gs_waiting() == 0);
    const char *backend = gs_backend();
    CHECK(gs_hub_close() == 0);
    CHECK(fd_count() == fds_before);
    printf("ok (%s)\n", backend);
    return 0;
}
