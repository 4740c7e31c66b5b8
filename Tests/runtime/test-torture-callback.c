/* run.sh: flags=--torture -DSL_CHECKED */
/*
 * A switch attempted from a greenlet while an untransformed C frame (qsort) sits between it and
 * the trampoline cannot be unwound: it must be reported, not corrupt the stack. Built with
 * --torture -DSL_CHECKED (run.sh does), where the generated code tracks sl_tls.unwind_ok.
 * Also checks that greenlets keep their semantics when every call suspends (--torture), and
 * that a qsort comparator that does not switch is fine.
 */
#include "check.h"
#include <greenlet.h>

static greenlet *main_g;

static int cmp_switching(const void *a, const void *b) {
    greenlet_switch(main_g, NULL);  /* from inside qsort: cannot be unwound */
    return *(const int *)a - *(const int *)b;
}

static int cmp_plain(const void *a, const void *b) {
    return *(const int *)a - *(const int *)b;
}

static void *sorter(void *arg) {
    int *v = arg;
    qsort(v, 4, sizeof *v, cmp_switching);
    return NULL;
}

static void switch_in_qsort(void) {
    static int values[4] = {3, 1, 2, 0};
    main_g = greenlet_current();
    greenlet *g = greenlet_new(sorter, NULL);
    greenlet_switch(g, values);
}

static void *gen(void *arg) {
    long n = (long)arg;
    for (long i = 0; i < n; i++)
        greenlet_switch(greenlet_parent(greenlet_current()), (void *)i);
    return (void *)-1;
}

static void *sorts_plainly(void *arg) {
    int *v = arg;
    qsort(v, 5, sizeof *v, cmp_plain);  /* a comparator that does not switch is fine */
    return greenlet_switch(greenlet_parent(greenlet_current()), (void *)(long)v[0]);
}

int main(void) {
    expect_abort(switch_in_qsort, "untransformed C frame");
    /* Semantics under torture: every call suspends and resumes. */
    greenlet *g = greenlet_new(gen, NULL);
    long sum = 0;
    for (void *v = greenlet_switch(g, (void *)5); (long)v != -1; v = greenlet_switch(g, NULL))
        sum += (long)v;
    CHECK(sum == 10 && greenlet_dead(g));
    greenlet_free(g);
    int values[5] = {5, 4, 3, 2, 1};
    g = greenlet_new(sorts_plainly, NULL);
    CHECK((long)greenlet_switch(g, values) == 1);
    CHECK(greenlet_switch(g, "end") != NULL && greenlet_dead(g));
    greenlet_free(g);
    puts("ok");
    return 0;
}
