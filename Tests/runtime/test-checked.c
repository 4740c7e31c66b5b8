/* run.sh: flags=-DSL_CHECKED */
/*
 * The checked build (-DSL_CHECKED, which run.sh passes for this test): uses after free of
 * greenlets, tasklets and channels are reported, not crashes; freed objects are quarantined so a
 * stale pointer still finds them freed.
 */
#include "check.h"
#include <tasklet.h>

#ifndef SL_CHECKED
#error "build this test with -DSL_CHECKED"
#endif

static void *ret(void *arg) { return arg; }

static greenlet *freed_greenlet(void) {
    greenlet *g = greenlet_new(ret, NULL);
    greenlet_switch(g, NULL);
    greenlet_free(g);
    /* Churn: a stale pointer must still be recognised after more allocations. */
    for (int i = 0; i < 100; i++)
        greenlet_free(greenlet_new(ret, NULL));
    return g;
}

static void switch_to_freed(void) { greenlet_switch(freed_greenlet(), NULL); }
static void throw_to_freed(void) { greenlet_throw(freed_greenlet(), 1, NULL); }
static void query_freed(void) { (void)greenlet_dead(freed_greenlet()); }
static void double_free(void) { greenlet_free(freed_greenlet()); }
static void parent_freed(void) {
    greenlet *p = freed_greenlet();
    greenlet *g = greenlet_new(ret, NULL);
    greenlet_set_parent(g, p);
}

/* A child whose parent was freed: its result has nowhere to go. */
static void *child_run(void *arg) {
    (void)arg;
    greenlet_switch(greenlet_parent(greenlet_current()), NULL);
    return NULL;
}

static void *parent_run(void *arg) {
    (void)arg;
    greenlet *child = greenlet_new(child_run, NULL);
    greenlet_switch(child, NULL);
    return child;
}

static void orphan(void) {
    greenlet *parent = greenlet_new(parent_run, NULL);
    greenlet *child = greenlet_switch(parent, NULL);  /* child suspended, parent dead */
    greenlet_free(parent);
    greenlet_switch(child, NULL);  /* child ends: its result goes to the freed parent */
}

static void *finishes(void *arg) { return arg; }

static void kill_finished_tasklet(void) {
    scheduler *s = scheduler_new();
    tasklet *t = tasklet_new(s, finishes, NULL);
    scheduler_run(s);  /* t ends and is freed */
    tasklet_kill(t);
}

static void send_on_freed_channel(void) {
    channel *c = channel_new("gone");
    channel_free(c);
    channel_send(c, NULL);
}

int main(void) {
    expect_abort(switch_to_freed, "was freed (use after free");
    expect_abort(throw_to_freed, "was freed (use after free");
    expect_abort(query_freed, "was freed (use after free");
    expect_abort(double_free, "was freed (use after free");
    expect_abort(parent_freed, "was freed (use after free");
    expect_abort(orphan, "was freed (use after free");
    expect_abort(kill_finished_tasklet, "was freed (it had finished");
    expect_abort(send_on_freed_channel, "channel");
    /* Normal use is unaffected. */
    greenlet *g = greenlet_new(ret, NULL);
    CHECK(greenlet_switch(g, (void *)3) == (void *)3);
    greenlet_free(g);
    puts("ok");
    return 0;
}
