/*
 * Channels: blocking send and receive, Stackless's preferences (by default the receiver runs first),
 * FIFO order of waiters, balance, close waking waiters with CHANNEL_CLOSED, use outside tasklets.
 */
#include "check.h"
#include <tasklet.h>

static char event[64];

static void *receiver(void *arg) {
    channel *c = arg;
    void *v = channel_receive(c);
    CHECK(greenlet_error() == 0);
    snprintf(event, sizeof event, "r:%s", (char *)v);
    trace(event);
    return NULL;
}

static void *sender(void *arg) {
    channel *c = arg;
    trace("s:send");
    CHECK(channel_send(c, "hello") == 0);
    CHECK(greenlet_error() == 0);
    trace("s:sent");
    return NULL;
}

static void test_preference(void) {
    scheduler *s = scheduler_new();
    channel *c = channel_new("c");
    /* A receiver waits; a send runs it at once, and the sender right after it. */
    trace_reset();
    tasklet_new(s, receiver, c);
    tasklet_new(s, sender, c);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "s:send r:hello s:sent");
    /* A sender waits; the receiver takes the value and goes on, the sender follows. */
    trace_reset();
    tasklet_new(s, sender, c);
    tasklet_new(s, receiver, c);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "s:send r:hello s:sent");
    CHECK(channel_preference(c) == -1);

    /* Prefer the sender: the mirror image. */
    channel_set_preference(c, 1);
    CHECK(channel_preference(c) == 1);
    trace_reset();
    tasklet_new(s, receiver, c);
    tasklet_new(s, sender, c);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "s:send s:sent r:hello");
    trace_reset();
    tasklet_new(s, sender, c);
    tasklet_new(s, receiver, c);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "s:send s:sent r:hello");

    /* No preference: whoever arrives second goes on. */
    channel_set_preference(c, 0);
    trace_reset();
    tasklet_new(s, receiver, c);
    tasklet_new(s, sender, c);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "s:send s:sent r:hello");
    trace_reset();
    tasklet_new(s, sender, c);
    tasklet_new(s, receiver, c);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "s:send r:hello s:sent");
    channel_free(c);
    scheduler_free(s);
}

/* Ping-pong: values both ways, many times. */
static void *pinger(void *arg) {
    channel **cs = arg;
    long total = 0;
    for (long i = 1; i <= 1000; i++) {
        CHECK(channel_send(cs[0], (void *)i) == 0);
        total += (long)channel_receive(cs[1]);
    }
    CHECK(total == 2 * 500500);
    CHECK(channel_send(cs[0], NULL) == 0);  /* NULL is a value like any other */
    return NULL;
}

static void *ponger(void *arg) {
    channel **cs = arg;
    for (;;) {
        void *v = channel_receive(cs[0]);
        CHECK(greenlet_error() == 0);
        if (!v)
            return NULL;
        CHECK(channel_send(cs[1], (void *)((long)v * 2)) == 0);
    }
}

static void test_ping_pong(void) {
    scheduler *s = scheduler_new();
    channel *cs[2] = {channel_new("ping"), channel_new("pong")};
    tasklet_new(s, ponger, cs);
    tasklet_new(s, pinger, cs);
    CHECK(scheduler_run(s) == 0);
    channel_free(cs[0]);
    channel_free(cs[1]);
    scheduler_free(s);
}

/* Waiters are served first come, first served; balance counts them. */
static void *numbered_sender(void *arg) {
    channel *c = arg;
    tasklet *me = tasklet_current();
    CHECK(channel_send(c, (void *)tasklet_name(me)) == 0);
    return NULL;
}

static void *numbered_receiver(void *arg) {
    channel *c = arg;
    const char *got = channel_receive(c);
    snprintf(event, sizeof event, "%s<-%s", tasklet_name(tasklet_current()), got);
    trace(event);
    return NULL;
}

static void test_fifo_and_balance(void) {
    scheduler *s = scheduler_new();
    channel *c = channel_new("fifo");
    trace_reset();
    tasklet_set_name(tasklet_new(s, numbered_sender, c), "s1");
    tasklet_set_name(tasklet_new(s, numbered_sender, c), "s2");
    tasklet_set_name(tasklet_new(s, numbered_sender, c), "s3");
    CHECK(scheduler_run(s) == -1 && greenlet_error() == TASKLET_DEADLOCK);
    CHECK(channel_balance(c) == 3);
    tasklet_set_name(tasklet_new(s, numbered_receiver, c), "r1");
    tasklet_set_name(tasklet_new(s, numbered_receiver, c), "r2");
    CHECK(scheduler_run(s) == -1);
    CHECK(channel_balance(c) == 1);
    CHECK_STR(trace_buf, "r1<-s1 r2<-s2");
    /* From the root, a receive takes from a waiting sender without blocking. */
    CHECK_STR(channel_receive(c), "s3");
    CHECK(greenlet_error() == 0 && channel_balance(c) == 0);
    CHECK(scheduler_run(s) == 0);  /* s3 finishes */
    /* Receivers waiting: negative balance. */
    trace_reset();
    tasklet_set_name(tasklet_new(s, numbered_receiver, c), "r3");
    tasklet_set_name(tasklet_new(s, numbered_receiver, c), "r4");
    CHECK(scheduler_run(s) == -1);
    CHECK(channel_balance(c) == -2);
    /* From the root, a send to a waiting receiver makes it runnable. */
    CHECK(channel_send(c, "root") == 0 && greenlet_error() == 0);
    CHECK(channel_balance(c) == -1 && scheduler_runnable(s) == 1);
    CHECK(scheduler_run(s) == -1);
    CHECK_STR(trace_buf, "r3<-root");
    /* With nobody waiting, the root cannot block. */
    channel *empty = channel_new("empty");
    CHECK(channel_send(empty, "x") == -1 && greenlet_error() == CHANNEL_NO_TASKLET);
    CHECK(channel_receive(empty) == NULL && greenlet_error() == CHANNEL_NO_TASKLET);
    CHECK(greenlet_error_payload() == empty);
    channel_free(empty);
    scheduler_free(s);  /* r4 is killed */
    channel_free(c);
}

/* Close wakes every waiter with CHANNEL_CLOSED; later operations fail at once. */
static void *closing_receiver(void *arg) {
    channel *c = arg;
    void *v = channel_receive(c);
    CHECK(v == NULL && greenlet_error() == CHANNEL_CLOSED && greenlet_error_payload() == c);
    trace("r-closed");
    CHECK(channel_receive(c) == NULL && greenlet_error() == CHANNEL_CLOSED);
    return NULL;
}

static void *closing_sender(void *arg) {
    channel *c = arg;
    CHECK(channel_send(c, "x") == -1);
    CHECK(greenlet_error() == CHANNEL_CLOSED && greenlet_error_payload() == c);
    trace("s-closed");
    CHECK(channel_send(c, "y") == -1 && greenlet_error() == CHANNEL_CLOSED);
    return NULL;
}

static void *closer(void *arg) {
    channel **cs = arg;
    trace("close");
    CHECK(channel_balance(cs[0]) == -2 && channel_balance(cs[1]) == 1);
    channel_close(cs[0]);
    channel_close(cs[1]);
    CHECK(channel_closed(cs[0]) && channel_balance(cs[0]) == 0 && channel_balance(cs[1]) == 0);
    return NULL;
}

static void test_close(void) {
    trace_reset();
    scheduler *s = scheduler_new();
    channel *cs[2] = {channel_new("receivers"), channel_new("senders")};
    tasklet_new(s, closing_receiver, cs[0]);
    tasklet_new(s, closing_receiver, cs[0]);
    tasklet_new(s, closing_sender, cs[1]);
    tasklet_new(s, closer, cs);
    CHECK(!channel_closed(cs[0]));
    CHECK(scheduler_run(s) == 0);  /* ending with CHANNEL_CLOSED pending is a normal end */
    CHECK_STR(trace_buf, "close r-closed r-closed s-closed");
    channel_free(cs[0]);
    channel_free(cs[1]);
    scheduler_free(s);
}

/* Killing a blocked sender: its send fails with GREENLET_EXIT and the balance drops. */
static tasklet *blocked_sender;

static void *failing_sender(void *arg) {
    channel *c = arg;
    CHECK(channel_send(c, "never taken") == -1);
    CHECK(greenlet_error() == GREENLET_EXIT);
    trace("sender-killed");
    return NULL;
}

static void *kills_sender(void *arg) {
    channel *c = arg;
    CHECK(channel_balance(c) == 1);
    CHECK(tasklet_kill(blocked_sender) == 0);
    CHECK(channel_balance(c) == 0);
    trace("killer-on");
    return NULL;
}

static void test_kill_blocked(void) {
    trace_reset();
    scheduler *s = scheduler_new();
    channel *c = channel_new("k");
    blocked_sender = tasklet_new(s, failing_sender, c);
    tasklet_new(s, kills_sender, c);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "sender-killed killer-on");
    channel_free(c);
    scheduler_free(s);
}

int main(void) {
    test_preference();
    test_ping_pong();
    test_fifo_and_balance();
    test_close();
    test_kill_blocked();
    puts("ok");
    return 0;
}
