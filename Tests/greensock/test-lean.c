/* The lean wait (greensock.c): a gs_read/gs_write/gs_recv/gs_send on a socket the hub already
 * knows, in a tasklet, that would block waits in a continuation frame of its own instead of the
 * general engine. Each socket here is primed by one exchange first (the hub learns it is a
 * socket), so that the waits below take that path. Every outcome of the engine must hold there:
 * data after a wait, a timeout, a close while waiting (EBADF), a kill (ECANCELED), a waiter that
 * is woken but finds nothing and waits again, a send that waits for room, a wait whose switch
 * comes straight back (the tasklet is alone: the hub wakes it where it blocked), and many waits
 * in a row; afterwards no wait is outstanding (gs_hub_close succeeds). */
#include "gscheck.h"
#include <pthread.h>
#include <tasklet.h>

static void prime(int sv[2]) {
    char c;
    stream_pair(sv);
    CHECK(gs_write(sv[1], "p", 1, 1000) == 1 && gs_read(sv[0], &c, 1, 1000) == 1 && c == 'p');
    CHECK(gs_write(sv[0], "q", 1, 1000) == 1 && gs_read(sv[1], &c, 1, 1000) == 1 && c == 'q');
}

static void unprime(int sv[2]) {
    CHECK(gs_close(sv[0]) == 0 && gs_close(sv[1]) == 0);
}

/* ---- data after a wait; a timeout; many waits in a row ---- */

static int a[2];

static void *late_writer(void *arg) {
    (void)arg;
    CHECK(gs_sleep(10) == 0);
    CHECK(gs_send(a[1], "hello", 5, 0, 1000) == 5);
    trace("wrote");
    return NULL;
}

static void *waiting_reader(void *arg) {
    (void)arg;
    char buf[16];
    double t0 = now_ms();
    ssize_t n = gs_recv(a[0], buf, sizeof buf, 0, 2000);
    CHECK(n == 5 && memcmp(buf, "hello", 5) == 0);
    CHECK(now_ms() - t0 >= 9);
    trace("read");
    t0 = now_ms();
    CHECK_FAILS(gs_read(a[0], buf, sizeof buf, 30), ETIMEDOUT);
    CHECK(now_ms() - t0 >= 29 && now_ms() - t0 < 30 + LATE_MS);
    trace("timeout");
    return NULL;
}

enum { ROUNDS = 2000 };

static void *ping(void *arg) {
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        int v = i, back;
        CHECK(gs_write(a[1], &v, sizeof v, 1000) == sizeof v);
        CHECK(gs_read(a[1], &back, sizeof back, 1000) == sizeof back && back == -i);
    }
    trace("ping");
    return NULL;
}

static void *pong(void *arg) {
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        int v;
        CHECK(gs_read(a[0], &v, sizeof v, 1000) == sizeof v && v == i);
        v = -v;
        CHECK(gs_write(a[0], &v, sizeof v, 1000) == sizeof v);
    }
    trace("pong");
    return NULL;
}

static void test_data_timeout_and_rounds(void) {
    prime(a);
    trace_reset();
    scheduler *s = scheduler_new();
    tasklet_new(s, waiting_reader, NULL);
    tasklet_new(s, late_writer, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "wrote read timeout");
    trace_reset();
    tasklet_new(s, pong, NULL);
    tasklet_new(s, ping, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "pong ping");
    scheduler_free(s);
    unprime(a);
}

/* ---- a close while waiting (EBADF), a kill (ECANCELED) ---- */

static int b[2], k[2];
static tasklet *victim;

static void *closed_reader(void *arg) {
    (void)arg;
    char buf[8];
    CHECK_FAILS(gs_read(b[0], buf, sizeof buf, 2000), EBADF);
    trace("EBADF");
    return NULL;
}

static void *killed_reader(void *arg) {
    (void)arg;
    char buf[8];
    CHECK_FAILS(gs_recv(k[0], buf, sizeof buf, 0, GS_FOREVER), ECANCELED);
    CHECK(greenlet_error() == GREENLET_EXIT);
    trace("ECANCELED");
    return NULL;
}

static void *closer(void *arg) {
    (void)arg;
    CHECK(gs_sleep(5) == 0);
    CHECK(gs_close(b[0]) == 0);
    CHECK(tasklet_kill(victim) == 0);
    trace("done");
    return NULL;
}

static void test_close_and_kill(void) {
    prime(b);
    prime(k);
    trace_reset();
    scheduler *s = scheduler_new();
    tasklet_new(s, closed_reader, NULL);
    victim = tasklet_new(s, killed_reader, NULL);
    tasklet_new(s, closer, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK(strstr(trace_buf, "EBADF") && strstr(trace_buf, "ECANCELED") && strstr(trace_buf, "done"));
    scheduler_free(s);
    CHECK(gs_waiting() == 0);
    CHECK(gs_close(b[1]) == 0);
    unprime(k);
}

/* ---- two readers of one socket: the one that finds nothing waits again ---- */

static int c2[2];

static void *one_of_two(void *arg) {
    char ch;
    CHECK(gs_read(c2[0], &ch, 1, 2000) == 1);
    trace(ch == 'x' ? "x" : "y");
    (void)arg;
    return NULL;
}

static void *feeds_two(void *arg) {
    (void)arg;
    CHECK(gs_sleep(5) == 0);
    CHECK(gs_write(c2[1], "x", 1, 1000) == 1);   /* wakes both readers; one gets it */
    CHECK(gs_sleep(20) == 0);
    CHECK(gs_waiting() == 1);                     /* the other waits again */
    CHECK(gs_write(c2[1], "y", 1, 1000) == 1);
    return NULL;
}

static void test_wait_again(void) {
    prime(c2);
    trace_reset();
    scheduler *s = scheduler_new();
    tasklet_new(s, one_of_two, NULL);
    tasklet_new(s, one_of_two, NULL);
    tasklet_new(s, feeds_two, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "x y");
    scheduler_free(s);
    unprime(c2);
}

/* ---- a send that waits for room ---- */

static int d[2];
static size_t filled;

static void *blocked_sender(void *arg) {
    (void)arg;
    static char chunk[4096];
    double t0 = now_ms();
    ssize_t n = gs_send(d[1], chunk, sizeof chunk, 0, 2000);
    CHECK(n > 0 && now_ms() - t0 >= 9);
    trace("sent");
    return NULL;
}

static void *drainer(void *arg) {
    (void)arg;
    static char sink[65536];
    CHECK(gs_sleep(10) == 0);
    size_t got = 0;
    while (got < filled) {
        ssize_t n = gs_read(d[0], sink, sizeof sink, 1000);
        CHECK(n > 0);
        got += (size_t)n;
    }
    trace("drained");
    return NULL;
}

static void test_send_waits(void) {
    prime(d);
    filled = fill_socket(d[1]);
    trace_reset();
    scheduler *s = scheduler_new();
    tasklet_new(s, blocked_sender, NULL);
    tasklet_new(s, drainer, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK(strstr(trace_buf, "sent") && strstr(trace_buf, "drained"));
    scheduler_free(s);
    unprime(d);
}

/* ---- a tasklet alone: its switch comes straight back, woken by a thread's write ---- */

static int e[2];

static void *thread_writer(void *arg) {
    (void)arg;
    struct timespec ms10 = {0, 10 * 1000 * 1000};
    nanosleep(&ms10, NULL);
    CHECK(write(e[1], "t", 1) == 1);
    return NULL;
}

static void *alone(void *arg) {
    (void)arg;
    char ch;
    pthread_t th;
    CHECK(pthread_create(&th, NULL, thread_writer, NULL) == 0);
    CHECK(gs_read(e[0], &ch, 1, 2000) == 1 && ch == 't');
    CHECK(pthread_join(th, NULL) == 0);
    CHECK_FAILS(gs_read(e[0], &ch, 1, 20), ETIMEDOUT);
    trace("alone");
    return NULL;
}

static void test_straight_back(void) {
    prime(e);
    trace_reset();
    scheduler *s = scheduler_new();
    tasklet_new(s, alone, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "alone");
    scheduler_free(s);
    unprime(e);
}

int main(void) {
    test_data_timeout_and_rounds();
    test_close_and_kill();
    test_wait_again();
    test_send_waits();
    test_straight_back();
    CHECK(gs_waiting() == 0);
    CHECK(gs_hub_close() == 0);   /* no wait is outstanding */
    printf("ok\n");
    return 0;
}
