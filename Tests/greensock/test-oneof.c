/*
 * gs_oneof and gs_allof: the first of several reads wins and the others consume nothing; a read
 * against a timer; a channel receive against a read; ties go to the lowest index; a timeout;
 * failures of an operation reported in its op; bad arguments. allof: two reads and a sleep all
 * complete; a timeout leaves done set exactly on those that completed, and the others took
 * nothing.
 */
#include "gscheck.h"

static int a[2], b[2], c[2];   /* three socket pairs: we read [0], others write [1] */
static channel *chan;

static void pairs_open(void) {
    stream_pair(a);
    stream_pair(b);
    stream_pair(c);
}

static void pairs_close(void) {
    CHECK(gs_close(a[0]) == 0 && gs_close(a[1]) == 0);
    CHECK(gs_close(b[0]) == 0 && gs_close(b[1]) == 0);
    CHECK(gs_close(c[0]) == 0 && gs_close(c[1]) == 0);
}

static void run(void *(*fn)(void *), void *(*other)(void *)) {
    scheduler *s = scheduler_new();
    tasklet_new(s, fn, NULL);
    if (other)
        tasklet_new(s, other, NULL);
    CHECK(scheduler_run(s) == 0);
    scheduler_free(s);
}

/* ---- the first of three reads; the others' bytes stay readable ---- */

static void *write_b_then_c(void *arg) {
    (void)arg;
    CHECK(gs_sleep(10) == 0);
    /* Both in the same turn: the waiting oneof may see both ready, and must take one only. */
    CHECK(gs_write_all(b[1], "BB", 2, 1000) == 2);
    CHECK(gs_write_all(c[1], "CCC", 3, 1000) == 3);
    return NULL;
}

static void *first_read_wins(void *arg) {
    (void)arg;
    char ba[8], bb[8], bc[8], peek[8];
    gs_op ops[3] = {gs_op_read(a[0], ba, sizeof ba), gs_op_read(b[0], bb, sizeof bb),
                    gs_op_read(c[0], bc, sizeof bc)};
    int i = gs_oneof(ops, 3, 2000);
    CHECK(i == 1 || i == 2);
    CHECK(ops[i].done && ops[i].error == 0);
    int done = 0;
    for (int k = 0; k < 3; k++)
        done += ops[k].done;
    CHECK(done == 1);
    if (i == 1) {
        CHECK(ops[1].result == 2 && memcmp(bb, "BB", 2) == 0);
        CHECK(peek_now(c[0], peek, sizeof peek) == 3);   /* c's bytes were not taken */
    } else {
        CHECK(ops[2].result == 3 && memcmp(bc, "CCC", 3) == 0);
        CHECK(peek_now(b[0], peek, sizeof peek) == 2);
    }
    CHECK(peek_now(a[0], peek, sizeof peek) == -1 && errno == EAGAIN);
    /* Now all three are ready at once (and the hub has seen it, during the sleep): the lowest
     * index wins the tie. */
    CHECK(gs_write_all(a[1], "A", 1, 1000) == 1);
    if (i == 1)
        CHECK(gs_write_all(b[1], "B", 1, 1000) == 1);
    else
        CHECK(gs_write_all(c[1], "C", 1, 1000) == 1);
    CHECK(gs_sleep(10) == 0);
    gs_op again[3] = {gs_op_read(c[0], bc, sizeof bc), gs_op_read(b[0], bb, sizeof bb),
                      gs_op_read(a[0], ba, sizeof ba)};
    CHECK(gs_oneof(again, 3, 0) == 0);   /* c[0] is first in this list, and ready */
    CHECK(again[0].done && !again[1].done && !again[2].done);
    CHECK(gs_oneof(again + 1, 2, 0) == 0);   /* then b[0] */
    CHECK(gs_oneof(again + 2, 1, 0) == 0 && again[2].result == 1 && ba[0] == 'A');
    CHECK(peek_now(b[0], peek, sizeof peek) == -1 && peek_now(c[0], peek, sizeof peek) == -1);
    trace("reads");
    return NULL;
}

/* ---- a read against a timer, both ways ---- */

static void *late_writer(void *arg) {
    (void)arg;
    CHECK(gs_sleep(60) == 0);   /* after the first oneof's 20 ms timer */
    CHECK(gs_write_all(a[1], "late", 4, 1000) == 4);
    return NULL;
}

static void *read_or_timer(void *arg) {
    (void)arg;
    char buf[8];
    double t0 = now_ms();
    gs_op ops[2] = {gs_op_read(a[0], buf, sizeof buf), gs_op_sleep(20)};
    CHECK(gs_oneof(ops, 2, GS_FOREVER) == 1);
    CHECK(now_ms() - t0 >= 20);
    CHECK(!ops[0].done && ops[1].done && ops[1].error == 0 && ops[1].result == 0);
    gs_op ops2[2] = {gs_op_read(a[0], buf, sizeof buf), gs_op_sleep(5000)};
    CHECK(gs_oneof(ops2, 2, GS_FOREVER) == 0);
    CHECK(now_ms() - t0 >= 60 && now_ms() - t0 < 60 + LATE_MS);
    CHECK(ops2[0].done && ops2[0].result == 4 && memcmp(buf, "late", 4) == 0 && !ops2[1].done);
    trace("timer");
    return NULL;
}

/* ---- a channel receive against a read ---- */

static void *channel_sender(void *arg) {
    (void)arg;
    CHECK(gs_sleep(10) == 0);
    CHECK(channel_send(chan, "value") == 0);
    /* Second round: the read wins; no receiver is left behind on the channel. */
    CHECK(gs_sleep(10) == 0);
    CHECK(gs_write_all(b[1], "x", 1, 1000) == 1);
    return NULL;
}

static void *read_or_receive(void *arg) {
    (void)arg;
    char buf[8];
    gs_op ops[2] = {gs_op_read(a[0], buf, sizeof buf), gs_op_receive(chan)};
    CHECK(gs_oneof(ops, 2, 2000) == 1);
    CHECK(ops[1].done && ops[1].error == 0 && strcmp(ops[1].value, "value") == 0);
    CHECK(!ops[0].done);
    trace("received");
    gs_op ops2[2] = {gs_op_receive(chan), gs_op_read(b[0], buf, sizeof buf)};
    CHECK(gs_oneof(ops2, 2, 2000) == 1);
    CHECK(ops2[1].result == 1 && !ops2[0].done);
    CHECK(channel_balance(chan) == 0);   /* the cancelled receive is not waiting */
    trace("read");
    return NULL;
}

/* A sender already waiting: the receive completes at once, before a ready read after it. */
static void *blocked_sender(void *arg) {
    (void)arg;
    CHECK(channel_send(chan, "early") == 0);
    return NULL;
}

static void *receive_ready(void *arg) {
    (void)arg;
    char buf[8];
    CHECK(channel_balance(chan) == 1);
    CHECK(gs_write_all(a[1], "r", 1, 1000) == 1);
    gs_op ops[2] = {gs_op_receive(chan), gs_op_read(a[0], buf, sizeof buf)};
    CHECK(gs_oneof(ops, 2, 0) == 0);
    CHECK(strcmp(ops[0].value, "early") == 0 && !ops[1].done);
    CHECK(gs_read(a[0], buf, sizeof buf, 0) == 1);   /* the read took nothing */
    trace("early");
    return NULL;
}

/* ---- timeouts, failures, bad arguments ---- */

static void *oneof_errors(void *arg) {
    (void)arg;
    char buf[8];
    gs_op ops[2] = {gs_op_read(a[0], buf, sizeof buf), gs_op_read(b[0], buf, sizeof buf)};
    double t0 = now_ms();
    CHECK_FAILS(gs_oneof(ops, 2, 40), ETIMEDOUT);
    CHECK(now_ms() - t0 >= 40 && now_ms() - t0 < 40 + LATE_MS);
    CHECK(!ops[0].done && !ops[1].done);
    CHECK_FAILS(gs_oneof(ops, 0, 10), EINVAL);
    gs_op bad = gs_op_read(a[0], buf, sizeof buf);
    bad.kind = (gs_kind)99;
    CHECK_FAILS(gs_oneof(&bad, 1, 10), EINVAL);
    CHECK_FAILS(gs_allof(ops, 0, 10), EINVAL);
    /* An operation that fails completes: its op carries the errno, oneof returns its index. */
    int p[2];
    CHECK(pipe(p) == 0);
    CHECK(close(p[0]) == 0);
    gs_op w[2] = {gs_op_read(a[0], buf, sizeof buf), gs_op_write(p[1], "x", 1)};
    CHECK(gs_oneof(w, 2, 1000) == 1);
    CHECK(w[1].done && w[1].error == EPIPE && !w[0].done);
    CHECK(gs_close(p[1]) == 0);
    /* End of file is done with result 0. */
    int q[2];
    stream_pair(q);
    CHECK(close(q[1]) == 0);
    gs_op r[2] = {gs_op_sleep(1000), gs_op_recv(q[0], buf, sizeof buf, 0)};
    CHECK(gs_oneof(r, 2, GS_FOREVER) == 1 && r[1].done && r[1].error == 0 && r[1].result == 0);
    /* Send and accept as ops. */
    gs_op s[1] = {gs_op_send(a[1], "sent", 4, 0)};
    CHECK(gs_oneof(s, 1, 1000) == 0 && s[0].result == 4);
    CHECK(gs_read(a[0], buf, sizeof buf, 1000) == 4);
    CHECK(gs_close(q[0]) == 0);
    trace("errors");
    return NULL;
}

static int listener;

static void *acceptor(void *arg) {
    (void)arg;
    gs_op ops[2] = {gs_op_sleep(5000), gs_op_accept(listener)};
    CHECK(gs_oneof(ops, 2, GS_FOREVER) == 1);
    int fd = (int)ops[1].result;
    CHECK(fd >= 0 && (fcntl(fd, F_GETFL) & O_NONBLOCK));
    char buf[4];
    CHECK(gs_read(fd, buf, sizeof buf, 1000) == 2);
    CHECK(gs_close(fd) == 0);
    trace("accepted");
    return NULL;
}

static void *connector(void *arg) {
    (void)arg;
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    CHECK(getsockname(listener, (struct sockaddr *)&ss, &len) == 0);
    int fd = gs_socket(AF_INET, SOCK_STREAM, 0);
    CHECK(gs_connect(fd, (struct sockaddr *)&ss, len, 1000) == 0);
    CHECK(gs_write_all(fd, "hi", 2, 1000) == 2);
    CHECK(gs_sleep(10) == 0);
    CHECK(gs_close(fd) == 0);
    return NULL;
}

/* ---- allof ---- */

static void *feeder(void *arg) {
    (void)arg;
    CHECK(gs_sleep(10) == 0);
    CHECK(gs_write_all(a[1], "one", 3, 1000) == 3);
    CHECK(gs_sleep(10) == 0);
    CHECK(gs_write_all(b[1], "two!", 4, 1000) == 4);
    /* Second round: only a gets data in time. */
    while (strstr(trace_buf, "allof") == NULL)
        CHECK(gs_sleep(5) == 0);
    CHECK(gs_sleep(10) == 0);
    CHECK(gs_write_all(a[1], "A", 1, 1000) == 1);
    return NULL;
}

static void *all_of(void *arg) {
    (void)arg;
    char x[8], y[8];
    double t0 = now_ms();
    gs_op ops[3] = {gs_op_read(a[0], x, sizeof x), gs_op_read(b[0], y, sizeof y),
                    gs_op_sleep(30)};
    CHECK(gs_allof(ops, 3, 2000) == 3);
    CHECK(now_ms() - t0 >= 30);
    CHECK(ops[0].done && ops[0].result == 3 && memcmp(x, "one", 3) == 0);
    CHECK(ops[1].done && ops[1].result == 4 && memcmp(y, "two!", 4) == 0);
    CHECK(ops[2].done && ops[2].error == 0);
    trace("allof");
    /* Timeout: the read of a completes; the read of b and the long sleep do not. */
    t0 = now_ms();
    gs_op t[3] = {gs_op_read(a[0], x, sizeof x), gs_op_read(b[0], y, sizeof y),
                  gs_op_sleep(5000)};
    CHECK_FAILS(gs_allof(t, 3, 60), ETIMEDOUT);
    CHECK(now_ms() - t0 >= 60 && now_ms() - t0 < 60 + LATE_MS);
    CHECK(t[0].done && t[0].result == 1 && x[0] == 'A');
    CHECK(!t[1].done && !t[2].done);
    /* b's later bytes go to the next read: the cancelled op took nothing. */
    CHECK(gs_write_all(b[1], "late", 4, 1000) == 4);
    CHECK(gs_read(b[0], y, sizeof y, 0) == 4 && memcmp(y, "late", 4) == 0);
    trace("timeout");
    return NULL;
}

int main(void) {
    int fds_before = fd_count();
    pairs_open();
    chan = channel_new("chan");
    trace_reset();
    run(first_read_wins, write_b_then_c);
    run(read_or_timer, late_writer);
    run(read_or_receive, channel_sender);
    run(blocked_sender, receive_ready);
    run(oneof_errors, NULL);
    listener = gs_listen_tcp("127.0.0.1", 0, 8);
    CHECK(listener >= 0);
    run(acceptor, connector);
    CHECK(gs_close(listener) == 0);
    run(all_of, feeder);
    CHECK_STR(trace_buf, "reads timer received read early errors accepted allof timeout");
    channel_free(chan);
    pairs_close();
    CHECK(gs_waiting() == 0);   /* the cancelled 1 s and 5 s timers are gone too */
    const char *backend = gs_backend();
    CHECK(gs_hub_close() == 0);
    CHECK(fd_count() == fds_before);
    printf("ok (%s)\n", backend);
    return 0;
}
