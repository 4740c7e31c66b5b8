/* run.sh: no-valgrind */
/*
 * Deep recursion: a greenlet recursing 10 million levels does not overflow the C stack. Every
 * level checks sl_stack_deep() (the check a transform option would emit at function entry);
 * past the budget, sl_stack_unwind() moves the whole chain into heap frames and the trampoline
 * goes on from the innermost one on a fresh C stack, resuming the outer ones as they return.
 */
#include "check.h"
#include <greenlet.h>

/* Unsigned: the sum of 10 million levels overflows a 32-bit long (i686, wasm32); it wraps, and
 * the check compares it with the wrapped formula. */
static unsigned long sum_to(unsigned long n) {
    if (sl_stack_deep())
        sl_stack_unwind();
    if (n == 0)
        return 0;
    unsigned long below = sum_to(n - 1);
    return n + below;
}

static long unwinds;

static long count_unwinds(long n) {
    if (sl_stack_deep()) {
        unwinds++;
        sl_stack_unwind();
    }
    return n == 0 ? 0 : 1 + count_unwinds(n - 1) * 1;
}

static void *deep(void *arg) {
    long n = (long)arg;
    unsigned long r = sum_to((unsigned long)n);
    /* And a switch from the bottom of a deep chain still works. */
    greenlet_switch(greenlet_parent(greenlet_current()), (void *)r);
    return (void *)count_unwinds(n / 10);
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 10000000;
    CHECK(!sl_stack_deep());  /* the root has no limit */
    sl_stack_unwind();        /* and cannot unwind: a no-op */
    greenlet *g = greenlet_new(deep, NULL);
    unsigned long sum = (unsigned long)greenlet_switch(g, (void *)n);
    CHECK(sum == (unsigned long)((unsigned long long)n * (unsigned long long)(n + 1) / 2));
    long r = (long)greenlet_switch(g, NULL);
    CHECK(r == n / 10);
    CHECK(unwinds > 0);
    CHECK(greenlet_dead(g));
    greenlet_free(g);
    printf("ok (%ld levels, %ld unwinds in the second walk)\n", n, unwinds);
    return 0;
}
