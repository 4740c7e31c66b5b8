/* run.sh: needs=setjmp */
/*
 * setjmp/longjmp across greenlet switches: a protected call (setjmp in one function, longjmp in
 * a deep callee) whose callee switches greenlets, then throws after one switch, after many, from
 * a qsort comparator (libc's frames between), through nested protected calls, when the greenlet
 * is freed (GREENLET_EXIT makes the callee throw, and the greenlet dies in the protected call),
 * and without any switch (the native fast path). Frames between are freed: the test runs under
 * ASan and valgrind, and loops enough that a leak of frames or shadow stack would show.
 */
#include "check.h"
#include <setjmp.h>
#include <greenlet.h>

typedef struct handler {
    struct handler *previous;
    jmp_buf jb;
    volatile int status;
} handler;

static greenlet *main_g;

/* Each job is one "interpreter state" with its own chain of handlers, as a lua_State has. */
static void raise_error(handler **chain, int status) {
    (*chain)->status = status;
    longjmp((*chain)->jb, 1);
}

static int protected_call(handler **chain, void (*f)(void *), void *ud) {
    handler h;
    h.previous = *chain;
    h.status = 0;
    *chain = &h;
    if (setjmp(h.jb) == 0)
        f(ud);
    *chain = h.previous;
    return h.status;
}

/* Switches to main `times` times, `depth` calls deep, then throws `status` (0: returns). */
typedef struct {
    int depth, times, status;
    long result;
    handler *chain;
} job;

static long descend(job *j, int depth) {
    char pad[64];                      /* shadow stack in every frame a longjmp discards */
    pad[0] = (char)depth;
    if (depth > 0)
        return descend(j, depth - 1) + pad[0];
    for (int i = 0; i < j->times; i++) {
        greenlet_switch(main_g, (void *)(long)i);
        if (greenlet_error())
            raise_error(&j->chain, 77);
    }
    if (j->status)
        raise_error(&j->chain, j->status);
    return 1;
}

static void run_job(void *ud) {
    job *j = ud;
    j->result = descend(j, j->depth);
}

static void *protected_runner(void *arg) {
    job *j = arg;
    int status = protected_call(&j->chain, run_job, j);
    return (void *)(long)(status * 1000 + j->result);
}

/* Runs a job in a greenlet; switches back to it until it ends; returns what it returned. */
static long drive(job *j) {
    greenlet *g = greenlet_new(protected_runner, NULL);
    void *v = greenlet_switch(g, j);
    int switches = 0;
    while (!greenlet_dead(g)) {
        v = greenlet_switch(g, NULL);
        switches++;
    }
    CHECK(switches == j->times);
    greenlet_free(g);
    return (long)v;
}

static void throws_after_switches(void) {
    job none = {3, 1, 0, -1, NULL};
    CHECK(drive(&none) == 1 + 1 + 2 + 3);
    job once = {3, 1, 5, -1, NULL};
    CHECK(drive(&once) == 5 * 1000 - 1);
    job many = {20, 50, 6, -1, NULL};
    CHECK(drive(&many) == 6 * 1000 - 1);
    job deep = {300, 2, 7, -1, NULL};
    CHECK(drive(&deep) == 7 * 1000 - 1);
    job at_once = {0, 0, 8, -1, NULL};
    CHECK(drive(&at_once) == 8 * 1000 - 1);
}

/* Nested protected calls across switches: the inner one catches an error thrown after a switch;
 * then the outer one catches one thrown past the inner one's frame. */
static void inner_then_outer(void *ud) {
    job *outer = ud;
    job inner = {4, 2, 9, -1, NULL};
    int status = protected_call(&inner.chain, run_job, &inner);
    CHECK(status == 9 && inner.result == -1);
    outer->result = 40;
    greenlet_switch(main_g, NULL);
    descend(outer, outer->depth);      /* throws outer->status past nothing protected */
    outer->result = 41;
}

static void *nested_runner(void *arg) {
    job *j = arg;
    int status = protected_call(&j->chain, inner_then_outer, j);
    return (void *)(long)(status * 1000 + j->result);
}

static void nested(void) {
    job j = {5, 1, 3, -1, NULL};
    greenlet *g = greenlet_new(nested_runner, NULL);
    void *v = greenlet_switch(g, &j);
    int switches = 0;
    while (!greenlet_dead(g)) {
        v = greenlet_switch(g, NULL);
        switches++;
    }
    CHECK(switches == 2 + 1 + 1);
    CHECK((long)v == 3 * 1000 + 40);
    greenlet_free(g);
}

/* A longjmp from a qsort comparator after the protected function was suspended and resumed. */
static handler *sort_chain;

static int cmp_throwing(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    if (x == 42 || y == 42)
        raise_error(&sort_chain, 42);
    return (x > y) - (x < y);
}

static void sort_after_switch(void *ud) {
    int *values = ud;
    greenlet_switch(main_g, NULL);
    qsort(values, 5, sizeof *values, cmp_throwing);
}

static void *sort_runner(void *arg) {
    return (void *)(long)protected_call(&sort_chain, sort_after_switch, arg);
}

static void longjmp_through_qsort(void) {
    int values[5] = {3, 1, 42, 2, 0};
    greenlet *g = greenlet_new(sort_runner, NULL);
    greenlet_switch(g, values);
    CHECK((long)greenlet_switch(g, NULL) == 42);
    CHECK(greenlet_dead(g));
    greenlet_free(g);
}

/* Freed while suspended in a protected call: GREENLET_EXIT makes the callee throw, the
 * protected call returns the status, and the greenlet ends. */
static int died_status;

static void *dying_runner(void *arg) {
    job *j = arg;
    died_status = protected_call(&j->chain, run_job, j);
    return NULL;
}

static void freed_inside_protected_call(void) {
    job j = {10, 3, 0, -1, NULL};
    greenlet *g = greenlet_new(dying_runner, NULL);
    greenlet_switch(g, &j);
    greenlet_switch(g, NULL);
    greenlet_free(g);                  /* suspended: thrown GREENLET_EXIT */
    CHECK(died_status == 77);
}

/* Many greenlets suspended inside protected calls at once, resumed in turn, each throwing. */
static void many_at_once(void) {
    enum { N = 200 };
    static job jobs[N];
    greenlet *gs[N];
    for (int i = 0; i < N; i++) {
        jobs[i] = (job){i % 17, 3, 0, -1, NULL};
        gs[i] = greenlet_new(dying_runner, NULL);
        greenlet_switch(gs[i], &jobs[i]);
    }
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < N; i++)
            greenlet_switch(gs[i], NULL);
    for (int i = 0; i < N; i++) {
        died_status = 0;
        greenlet_free(gs[i]);
        CHECK(died_status == 77);
    }
}

/* No switch at all: the plain longjmp, many times (a leak would grow the shadow stack). */
static void *no_switch_runner(void *arg) {
    (void)arg;
    long sum = 0;
    for (int i = 0; i < 20000; i++) {
        job j = {i % 9, 0, i % 3 ? 0 : 4, -1, NULL};
        sum += protected_call(&j.chain, run_job, &j);
    }
    return (void *)sum;
}

static void without_switches(void) {
    greenlet *g = greenlet_new(no_switch_runner, NULL);
    CHECK((long)greenlet_switch(g, NULL) == 4L * 6667);
    greenlet_free(g);
    /* and in the root, whose transformed functions never unwind */
    CHECK((long)no_switch_runner(NULL) == 4L * 6667);
}

int main(void) {
    main_g = greenlet_current();
    for (int i = 0; i < 50; i++) {
        throws_after_switches();
        nested();
        longjmp_through_qsort();
        freed_inside_protected_call();
    }
    many_at_once();
    without_switches();
    CHECK(sort_chain == NULL);
    printf("ok\n");
    return 0;
}
