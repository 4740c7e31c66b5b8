/*
 * Composition: a scheduler run from a tasklet of another scheduler, or from a plain greenlet;
 * channels between tasklets of different schedulers; greenlets (a generator) used inside a
 * tasklet; a deadlock in an inner scheduler reported to the tasklet that ran it.
 */
#include "check.h"
#include <tasklet.h>

static channel *inner_ch, *cross;
static char ev[64];

static void *inner_ping(void *arg) {
    (void)arg;
    for (long i = 0; i < 3; i++) {
        channel_send(inner_ch, (void *)i);
        snprintf(ev, sizeof ev, "C%ld", i);
        trace(ev);
    }
    return NULL;
}

static void *inner_pong(void *arg) {
    (void)arg;
    for (int i = 0; i < 3; i++) {
        long v = (long)channel_receive(inner_ch);
        snprintf(ev, sizeof ev, "D%ld", v);
        trace(ev);
        tasklet_schedule();  /* yields within the inner scheduler */
    }
    CHECK(channel_send(cross, "from inner") == 0);  /* B waits in the outer scheduler */
    trace("D-cross");
    return NULL;
}

static void *outer_a(void *arg) {
    (void)arg;
    scheduler *outer = scheduler_current();
    trace("A-start");
    scheduler *inner = scheduler_new();
    tasklet_new(inner, inner_ping, NULL);
    tasklet_new(inner, inner_pong, NULL);
    CHECK(scheduler_run(inner) == 0);
    CHECK(scheduler_current() == outer);
    trace("A-inner-done");
    scheduler_free(inner);
    tasklet_schedule();
    trace("A-end");
    return NULL;
}

static void *outer_b(void *arg) {
    (void)arg;
    trace("B-wait");
    const char *v = channel_receive(cross);
    snprintf(ev, sizeof ev, "B-got(%s)", v);
    trace(ev);
    return NULL;
}

static void test_nested_scheduler(void) {
    trace_reset();
    inner_ch = channel_new("inner");
    cross = channel_new("cross");
    scheduler *outer = scheduler_new();
    tasklet_new(outer, outer_b, NULL);
    tasklet_new(outer, outer_a, NULL);
    CHECK(scheduler_run(outer) == 0);
    CHECK_STR(trace_buf, "B-wait A-start D0 C0 D1 C1 D2 C2 D-cross A-inner-done B-got(from inner) A-end");
    scheduler_free(outer);
    channel_free(inner_ch);
    channel_free(cross);
}

/* A deadlock inside the inner scheduler is the inner run's error; the outer goes on. */
static void *inner_stuck(void *arg) {
    channel_receive(arg);
    return NULL;
}

static void *runs_stuck_inner(void *arg) {
    (void)arg;
    scheduler *inner = scheduler_new();
    channel *never = channel_new("never");
    tasklet_set_name(tasklet_new(inner, inner_stuck, never), "stuck");
    CHECK(scheduler_run(inner) == -1);
    CHECK(greenlet_error() == TASKLET_DEADLOCK && greenlet_error_payload() == inner);
    CHECK_STR(scheduler_error(inner),
              "deadlock: 1 tasklet blocked: tasklet 'stuck' (#1) receiving on channel 'never'");
    greenlet_error_clear();
    trace("inner-deadlock-seen");
    scheduler_free(inner);  /* kills 'stuck' */
    channel_free(never);
    return NULL;
}

static void *bystander(void *arg) {
    (void)arg;
    trace("bystander");
    return NULL;
}

static void test_inner_deadlock(void) {
    trace_reset();
    scheduler *outer = scheduler_new();
    tasklet_new(outer, runs_stuck_inner, NULL);
    tasklet_new(outer, bystander, NULL);
    CHECK(scheduler_run(outer) == 0);
    CHECK_STR(trace_buf, "inner-deadlock-seen bystander");
    scheduler_free(outer);
}

/* A generator (a greenlet) inside a tasklet, with tasklets interleaving around it. */
static void *numbers(void *arg) {
    long n = (long)arg;
    greenlet *consumer = greenlet_parent(greenlet_current());
    for (long i = 1; i <= n; i++)
        greenlet_switch(consumer, (void *)i);
    return NULL;  /* the end: NULL */
}

static void *gen_user(void *arg) {
    const char *name = arg;
    greenlet *gen = greenlet_new(numbers, NULL);
    CHECK(greenlet_parent(gen) == tasklet_greenlet(tasklet_current()));
    long sum = 0;
    for (void *v = greenlet_switch(gen, (void *)3); v; v = greenlet_switch(gen, NULL)) {
        sum += (long)v;
        CHECK(tasklet_current() != NULL);
        snprintf(ev, sizeof ev, "%s%ld", name, (long)v);
        trace(ev);
        tasklet_schedule();
    }
    CHECK(sum == 6);
    greenlet_free(gen);
    return NULL;
}

static void test_generator_in_tasklets(void) {
    trace_reset();
    scheduler *s = scheduler_new();
    tasklet_new(s, gen_user, "x");
    tasklet_new(s, gen_user, "y");
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "x1 y1 x2 y2 x3 y3");
    scheduler_free(s);
}

/* A scheduler run from a plain greenlet: the greenlet waits, then goes on. */
static void *counter(void *arg) {
    long *n = arg;
    for (int i = 0; i < 5; i++) {
        ++*n;
        tasklet_schedule();
    }
    return NULL;
}

static void *runs_scheduler(void *arg) {
    scheduler *s = arg;
    CHECK(tasklet_current() == NULL);
    int rc = scheduler_run(s);
    greenlet_switch(greenlet_parent(greenlet_current()), (void *)(long)rc);
    return "second";
}

static void test_scheduler_in_greenlet(void) {
    long n = 0;
    scheduler *s = scheduler_new();
    tasklet_new(s, counter, &n);
    tasklet_new(s, counter, &n);
    greenlet *g = greenlet_new(runs_scheduler, NULL);
    CHECK(greenlet_switch(g, s) == (void *)0);
    CHECK(n == 10);
    CHECK_STR(greenlet_switch(g, NULL), "second");
    greenlet_free(g);
    scheduler_free(s);
}

int main(void) {
    test_nested_scheduler();
    test_inner_deadlock();
    test_generator_in_tasklets();
    test_scheduler_in_greenlet();
    puts("ok");
    return 0;
}
