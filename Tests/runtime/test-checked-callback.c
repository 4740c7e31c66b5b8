/* run.sh: flags=--checked */
/*
 * The checked build (--checked, without --torture): a switch from a callback that an
 * untransformed frame (qsort) called is reported, also right after a call to a switching
 * primitive that returned without switching (a switch to the current greenlet), which used to
 * leave the unwind flag set for the next call to take.
 */
#include "check.h"
#include <greenlet.h>

static greenlet *main_g;

static int cmp_switching(const void *a, const void *b) {
    greenlet_switch(main_g, NULL);  /* from inside qsort: cannot be unwound */
    return *(const int *)a - *(const int *)b;
}

static void *sorter(void *arg) {
    int *v = arg;
    greenlet_switch(greenlet_current(), NULL);  /* returns at once: no switch */
    qsort(v, 2, sizeof *v, cmp_switching);
    return NULL;
}

static void switch_in_qsort_after_a_point(void) {
    static int values[2] = {2, 1};
    main_g = greenlet_current();
    greenlet *g = greenlet_new(sorter, NULL);
    greenlet_switch(g, values);
}

static void *counter(void *arg) {
    long n = (long)arg;
    for (long i = 0; i < n; i++) greenlet_switch(main_g, (void *)i);
    return (void *)-1;
}

int main(void) {
    expect_abort(switch_in_qsort_after_a_point, "untransformed C frame");
    /* Switches that go through transformed frames only are untouched by the check. */
    main_g = greenlet_current();
    greenlet *g = greenlet_new(counter, NULL);
    long sum = 0;
    for (void *v = greenlet_switch(g, (void *)4); (long)v != -1; v = greenlet_switch(g, NULL)) sum += (long)v;
    CHECK(sum == 6 && greenlet_dead(g));
    greenlet_free(g);
    puts("ok");
    return 0;
}
