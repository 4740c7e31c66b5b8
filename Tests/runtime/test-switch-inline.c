/* run.sh: needs=threads */
/*
 * The inline switch (stackless_gen.h, sl_switch) enters a greenlet itself when sl_switch_enters
 * says so: owned by this thread (sl_tls.switch_owner), suspended, neither a tasklet nor freed
 * when it dies. Everything else goes to the runtime's slow path, which gives the same results,
 * so the other tests pass either way; this one checks the test in both directions, on every
 * target the runtime tests run on.
 */
#include "check.h"
#include <pthread.h>
#include <greenlet.h>
#include <tasklet.h>
#include <stackless_gen.h>

static int enters_inline(greenlet *g) {
    return sl_switch_enters((const sl_greenlet_head *)(void *)g);
}

static void *parks(void *arg) {
    greenlet_switch(greenlet_parent(greenlet_current()), NULL);
    return arg;
}

/* A greenlet of another thread, suspended there. */
static greenlet *foreign;
static void *make_foreign(void *arg) {
    (void)arg;
    foreign = greenlet_new(parks, NULL);
    greenlet_switch(foreign, NULL);
    CHECK(enters_inline(foreign));   /* from its own thread */
    return NULL;
}

static greenlet *yielded;
static int checked;

static void *yields(void *arg) {
    (void)arg;
    yielded = greenlet_current();
    tasklet_schedule();
    return NULL;
}

static void *looks(void *arg) {
    (void)arg;
    CHECK(yielded && !enters_inline(yielded));   /* a suspended tasklet: the scheduler's */
    CHECK(!enters_inline(greenlet_current()));   /* running */
    checked = 1;
    return NULL;
}

int main(void) {
    greenlet *g = greenlet_new(parks, NULL);
    CHECK(!enters_inline(g));                    /* not started */
    greenlet_switch(g, NULL);
    CHECK(enters_inline(g));                     /* suspended, here */
    CHECK(!enters_inline(greenlet_current()));   /* the root, running */
    greenlet_switch(g, NULL);
    CHECK(greenlet_dead(g) && !enters_inline(g));
    greenlet_free(g);

    pthread_t th;
    CHECK(pthread_create(&th, NULL, make_foreign, NULL) == 0);
    CHECK(pthread_join(th, NULL) == 0);
    CHECK(foreign && !enters_inline(foreign));   /* another thread's */

    scheduler *s = scheduler_new();
    tasklet_new(s, yields, NULL);
    tasklet_new(s, looks, NULL);
    CHECK(scheduler_run(s) == 0 && checked);
    scheduler_free(s);
    printf("ok\n");
    return 0;
}
