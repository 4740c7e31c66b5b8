/* run.sh: needs=threads */
/*
 * Threads, ported from python-greenlet's test_greenlet.py: test_threads (each thread its own
 * root, switching at the same time), test_switch_to_another_thread, test_threaded_reparent,
 * test_dealloc_other_thread (a free from another thread is done by the owner later),
 * test_throw_to_dead_thread_doesnt_crash (a clear error instead).
 */
#include "check.h"
#include <pthread.h>
#include <greenlet.h>

enum { THREADS = 8, ROUNDS = 200000 };

static pthread_barrier_t start_line;

/* Three greenlets per thread pass a counter around: root -> a -> b -> root. */
typedef struct {
    greenlet *root, *a, *b;
    long count;
} ring;

static __thread ring *my_ring;

static void *ring_a(void *arg) {
    for (;;) {
        long v = (long)arg;
        if (v < 0)
            return (void *)v;
        arg = greenlet_switch(my_ring->b, (void *)(v + 1));
    }
}

static void *ring_b(void *arg) {
    for (;;) {
        my_ring->count++;
        arg = greenlet_switch(my_ring->root, (void *)((long)arg + 1));
        if (greenlet_error() == GREENLET_EXIT)
            return NULL;
    }
}

static void *thread_main(void *arg) {
    ring r = {greenlet_current(), NULL, NULL, 0};
    my_ring = &r;
    r.a = greenlet_new(ring_a, NULL);
    r.b = greenlet_new(ring_b, NULL);
    CHECK(r.root != NULL && greenlet_parent(r.root) == NULL);
    pthread_barrier_wait(&start_line);
    long v = (long)arg;
    for (int i = 0; i < ROUNDS; i++) {
        long got = (long)greenlet_switch(r.a, (void *)v);
        CHECK(got == v + 2);
        CHECK(greenlet_current() == r.root);
        v = got;
    }
    CHECK(r.count == ROUNDS);
    CHECK((long)greenlet_switch(r.a, (void *)-5) == -5);
    greenlet_free(r.a);
    greenlet_free(r.b);  /* suspended: it gets GREENLET_EXIT and returns */
    return (void *)v;
}

static void test_threads(void) {
    pthread_t threads[THREADS];
    pthread_barrier_init(&start_line, NULL, THREADS);
    for (long i = 0; i < THREADS; i++)
        CHECK(pthread_create(&threads[i], NULL, thread_main, (void *)(i * 1000000)) == 0);
    for (long i = 0; i < THREADS; i++) {
        void *result;
        pthread_join(threads[i], &result);
        CHECK((long)result == i * 1000000 + 2L * ROUNDS);
    }
    pthread_barrier_destroy(&start_line);
}

/* Another thread's greenlet, kept suspended while the test uses it. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int stage;
static greenlet *foreign;
static int foreign_seen;

static void wait_stage(int s) {
    pthread_mutex_lock(&lock);
    while (stage < s)
        pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
}

static void set_stage(int s) {
    pthread_mutex_lock(&lock);
    stage = s;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&lock);
}

static void *fmain(void *arg) {
    (void)arg;
    greenlet_switch(greenlet_parent(greenlet_current()), NULL);
    foreign_seen = greenlet_error();
    return NULL;
}

static void *owner_thread(void *arg) {
    (void)arg;
    foreign = greenlet_new(fmain, NULL);
    greenlet_switch(foreign, NULL);
    set_stage(1);
    wait_stage(2);              /* the main thread frees `foreign` */
    CHECK(foreign_seen == 0);   /* not yet: it is ours to kill */
    greenlet *trigger = greenlet_new(fmain, NULL);  /* a safe point: the queued free runs */
    CHECK(foreign_seen == GREENLET_EXIT);
    greenlet_free(trigger);
    set_stage(3);
    return NULL;
}

static void switch_to_foreign(void) { greenlet_switch(foreign, NULL); }
static void throw_to_foreign(void) { greenlet_throw(foreign, 5, NULL); }

static void *parent_run(void *arg) { return arg; }

static void test_other_thread(void) {
    pthread_t t;
    stage = 0;
    CHECK(pthread_create(&t, NULL, owner_thread, NULL) == 0);
    wait_stage(1);
    expect_abort(switch_to_foreign, "belongs to another thread");
    expect_abort(throw_to_foreign, "belongs to another thread");
    /* Queries are allowed; reparenting across threads is refused. */
    CHECK(greenlet_active(foreign) && !greenlet_dead(foreign));
    greenlet *mine = greenlet_new(parent_run, NULL);
    errno = 0;
    CHECK(greenlet_set_parent(mine, foreign) == -1 && errno == EXDEV);
    greenlet_free(mine);
    /* test_dealloc_other_thread: freeing it here queues it for its own thread. */
    greenlet_free(foreign);
    CHECK(foreign_seen == 0);
    set_stage(2);
    wait_stage(3);
    pthread_join(t, NULL);
    CHECK(foreign_seen == GREENLET_EXIT);
}

/* A greenlet whose thread has exited: switching to it is a clear error; freeing it is fine. */
static void *leaves_a_greenlet(void *arg) {
    (void)arg;
    foreign = greenlet_new(fmain, NULL);
    greenlet_switch(foreign, NULL);
    return NULL;  /* exits with `foreign` suspended */
}

static void test_exited_thread(void) {
    pthread_t t;
    CHECK(pthread_create(&t, NULL, leaves_a_greenlet, NULL) == 0);
    pthread_join(t, NULL);
    expect_abort(throw_to_foreign, "which has exited");
    CHECK(greenlet_active(foreign));
    greenlet_free(foreign);  /* it can never run again: dropped, and its thread's memory goes */
}

int main(void) {
    test_threads();
    test_other_thread();
    test_exited_thread();
    puts("ok");
    return 0;
}
