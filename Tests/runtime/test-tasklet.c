/*
 * Tasklets and the round-robin scheduler: creation, run, schedule (yield), kill, errors that end
 * a run, and tasklets created from tasklets.
 */
#include "check.h"
#include <tasklet.h>

static void *yielder(void *arg) {
    const char *name = arg;
    char event[32];
    for (int i = 0; i < 3; i++) {
        snprintf(event, sizeof event, "%s%d", name, i);
        trace(event);
        tasklet_schedule();
    }
    return NULL;
}

static void test_round_robin(void) {
    trace_reset();
    scheduler *s = scheduler_new();
    tasklet_new(s, yielder, "a");
    tasklet_new(s, yielder, "b");
    tasklet_new(s, yielder, "c");
    CHECK(scheduler_count(s) == 3 && scheduler_runnable(s) == 3);
    CHECK(scheduler_run(s) == 0);
    CHECK(greenlet_error() == 0);
    CHECK_STR(trace_buf, "a0 b0 c0 a1 b1 c1 a2 b2 c2");
    CHECK(scheduler_count(s) == 0);
    CHECK(scheduler_run(s) == 0);  /* nothing left */
    scheduler_free(s);
}

/* A tasklet alone: schedule returns at once. Outside tasklets it is a no-op. */
static void *alone(void *arg) {
    (void)arg;
    trace("x");
    tasklet_schedule();
    trace("y");
    CHECK(tasklet_current() != NULL && scheduler_current() != NULL);
    return NULL;
}

static void test_alone(void) {
    trace_reset();
    tasklet_schedule();
    CHECK(tasklet_current() == NULL && scheduler_current() == NULL);
    scheduler *s = scheduler_new();
    tasklet_new(s, alone, NULL);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "x y");
    scheduler_free(s);
}

/* Tasklets spawning tasklets (NULL scheduler: the current one); new ones go to the end. */
static void *spawner(void *arg) {
    long depth = (long)arg;
    char event[16];
    snprintf(event, sizeof event, "s%ld", depth);
    trace(event);
    if (depth < 3) {
        CHECK(tasklet_new(NULL, spawner, (void *)(depth + 1)) != NULL);
        CHECK(tasklet_new(NULL, spawner, (void *)(depth + 2)) != NULL);
    }
    return NULL;
}

static void test_spawn(void) {
    trace_reset();
    errno = 0;
    CHECK(tasklet_new(NULL, spawner, NULL) == NULL && errno == EINVAL);  /* no current tasklet */
    scheduler *s = scheduler_new();
    tasklet_new(s, spawner, (void *)0);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "s0 s1 s2 s2 s3 s3 s4 s3 s4");
    scheduler_free(s);
}

/* Kill: a tasklet not started is removed; a blocked or runnable one gets GREENLET_EXIT. */
static tasklet *victim;

static void *kill_target(void *arg) {
    (void)arg;
    trace("v-start");
    tasklet_schedule();
    if (greenlet_error() == GREENLET_EXIT) {
        trace("v-exit");
        return NULL;
    }
    trace("v-on");
    return NULL;
}

static void *killer(void *arg) {
    (void)arg;
    trace("k");
    CHECK(tasklet_kill(victim) == 0);  /* victim runs its exit now, then we go on */
    CHECK(greenlet_error() == 0);
    trace("k-after");
    return NULL;
}

static void *never(void *arg) {
    (void)arg;
    trace("never");
    return NULL;
}

static void *kill_self(void *arg) {
    (void)arg;
    CHECK(tasklet_kill(tasklet_current()) == 0);
    CHECK(greenlet_error() == GREENLET_EXIT);
    trace("self-killed");
    return NULL;  /* the error is GREENLET_EXIT: a quiet end */
}

static void test_kill(void) {
    trace_reset();
    scheduler *s = scheduler_new();
    victim = tasklet_new(s, kill_target, NULL);
    tasklet_new(s, killer, NULL);
    tasklet *n = tasklet_new(s, never, NULL);
    CHECK(tasklet_kill(n) == 0);  /* not started: removed */
    tasklet_new(s, kill_self, NULL);
    CHECK(scheduler_count(s) == 3);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "v-start k v-exit k-after self-killed");
    CHECK(scheduler_count(s) == 0);
    scheduler_free(s);
}

/* A kill from outside the scheduler takes effect when it runs next. */
static void *waits_forever(void *arg) {
    channel *c = arg;
    channel_receive(c);
    trace(greenlet_error() == GREENLET_EXIT ? "killed" : "received");
    return NULL;
}

static void test_kill_outside(void) {
    trace_reset();
    scheduler *s = scheduler_new();
    channel *c = channel_new("never");
    tasklet *t = tasklet_new(s, waits_forever, c);
    CHECK(scheduler_run(s) == -1 && greenlet_error() == TASKLET_DEADLOCK);
    CHECK(channel_balance(c) == -1);
    CHECK(tasklet_kill(t) == 0);
    CHECK(channel_balance(c) == 0);
    CHECK(scheduler_run(s) == 0);
    CHECK_STR(trace_buf, "killed");
    channel_free(c);
    scheduler_free(s);
}

/* An error a tasklet ends with ends the run; run again to go on. */
enum { BAD = 42 };

static void *fails(void *arg) {
    (void)arg;
    trace("f");
    greenlet_throw(greenlet_current(), BAD, "bad payload");
    return NULL;  /* ends with BAD pending */
}

static void *after(void *arg) {
    (void)arg;
    trace("after");
    return NULL;
}

static void test_error_ends_run(void) {
    trace_reset();
    scheduler *s = scheduler_new();
    tasklet_new(s, fails, NULL);
    tasklet_new(s, after, NULL);
    CHECK(scheduler_run(s) == -1);
    CHECK(greenlet_error() == BAD);
    CHECK_STR(greenlet_error_payload(), "bad payload");
    CHECK_STR(trace_buf, "f");
    CHECK(scheduler_count(s) == 1);
    CHECK(scheduler_run(s) == 0);
    CHECK(greenlet_error() == 0);
    CHECK_STR(trace_buf, "f after");
    scheduler_free(s);
}

/* scheduler_free kills what is left; each tasklet gets to clean up. */
static int cleaned;

static void *holds_resource(void *arg) {
    channel *c = arg;
    void *resource = malloc(64);
    channel_receive(c);
    if (greenlet_error() == GREENLET_EXIT)
        cleaned++;
    free(resource);
    return NULL;
}

static void *yields_then_holds(void *arg) {
    void *resource = malloc(32);
    for (int i = 0; i < 2; i++) {
        tasklet_schedule();
        if (greenlet_error() == GREENLET_EXIT) {
            cleaned++;
            break;
        }
    }
    free(resource);
    (void)arg;
    return NULL;
}

static void test_scheduler_free(void) {
    cleaned = 0;
    scheduler *s = scheduler_new();
    channel *c = channel_new("c");
    tasklet_new(s, holds_resource, c);
    tasklet_new(s, holds_resource, c);
    tasklet_new(s, never, NULL);
    CHECK(scheduler_run(s) == -1 && greenlet_error() == TASKLET_DEADLOCK);
    tasklet_new(s, yields_then_holds, NULL);
    scheduler_free(s);
    CHECK(cleaned == 2);  /* the yielder was not started, so it had nothing to clean */
    channel_free(c);
}

/* The same from inside a greenlet: scheduler_free suspends it while the tasklets exit. */
static void *frees_inside(void *arg) {
    scheduler *s = arg;
    scheduler_free(s);
    return "freed";
}

static void test_scheduler_free_in_greenlet(void) {
    cleaned = 0;
    trace_reset();
    scheduler *s = scheduler_new();
    channel *c = channel_new("c");
    tasklet_new(s, holds_resource, c);
    tasklet_new(s, yields_then_holds, NULL);
    tasklet_new(s, fails, NULL);
    /* holds_resource blocks, the yielder yields, fails ends the run: the yielder is left
     * runnable, in the middle of its tasklet_schedule. */
    CHECK(scheduler_run(s) == -1 && greenlet_error() == BAD);
    greenlet_error_clear();
    CHECK(scheduler_runnable(s) == 1 && scheduler_count(s) == 2);
    greenlet *g = greenlet_new(frees_inside, NULL);
    CHECK_STR(greenlet_switch(g, s), "freed");
    CHECK(cleaned == 2);
    greenlet_free(g);
    channel_free(c);
}

/* The scheduler owns its tasklets' greenlets. */
static tasklet *owned;

static void switch_into_tasklet(void) { greenlet_switch(tasklet_greenlet(owned), NULL); }
static void free_tasklet_greenlet(void) { greenlet_free(tasklet_greenlet(owned)); }

static void test_misuse(void) {
    scheduler *s = scheduler_new();
    owned = tasklet_new(s, never, NULL);
    expect_abort(switch_into_tasklet, "is a tasklet that its scheduler runs");
    expect_abort(free_tasklet_greenlet, "use tasklet_kill");
    tasklet_set_name(owned, "owned");
    CHECK_STR(tasklet_name(owned), "owned");
    scheduler_free(s);
}

int main(void) {
    test_round_robin();
    test_alone();
    test_spawn();
    test_kill();
    test_kill_outside();
    test_error_ends_run();
    test_scheduler_free();
    test_scheduler_free_in_greenlet();
    test_misuse();
    puts("ok");
    return 0;
}
