/*
 * Parent chains, ported from python-greenlet's test_greenlet.py:
 * test_falling_off_end_switches_to_unstarted_parent_works, test_switch_to_dead_greenlet_reparent,
 * test_trivial_cycle, test_deeper_cycle, test_trivial_cycle_main, test_main_greenlet_parent_is_none,
 * and results travelling up a chain past dead greenlets.
 */
#include "check.h"
#include <greenlet.h>

static char seen[16];
static int nseen;

static void *one_arg(void *x) {
    seen[nseen++] = 'P';
    return (void *)((long)x + 24);
}

static void *leaf(void *arg) {
    (void)arg;
    seen[nseen++] = 'L';
    return (void *)42;
}

static void test_unstarted_parent_is_started_with_the_result(void) {
    nseen = 0;
    greenlet *parent = greenlet_new(one_arg, NULL);
    greenlet *child = greenlet_new(leaf, parent);
    CHECK(greenlet_parent(child) == parent);
    CHECK((long)greenlet_switch(child, NULL) == 42 + 24);
    seen[nseen] = 0;
    CHECK_STR(seen, "LP");
    CHECK(greenlet_dead(child) && greenlet_dead(parent));
    greenlet_free(child);
    greenlet_free(parent);
}

static void *mark_a(void *arg) {
    seen[nseen++] = 'a';
    return arg;
}

static void *mark_b(void *arg) {
    seen[nseen++] = 'b';
    return arg;
}

static void test_switch_to_dead_greenlet_reparent(void) {
    nseen = 0;
    greenlet *parent_never_started = greenlet_new(mark_b, NULL);
    greenlet *child = greenlet_new(mark_a, NULL);
    greenlet_switch(child, NULL);
    CHECK(nseen == 1 && greenlet_dead(child));
    CHECK(greenlet_set_parent(child, parent_never_started) == 0);
    /* The same as switching to the parent, which starts it with the value. */
    CHECK(greenlet_switch(child, (void *)5) == (void *)5);
    seen[nseen] = 0;
    CHECK_STR(seen, "ab");
    greenlet_free(child);
    greenlet_free(parent_never_started);
}

static void *nothing(void *arg) { return arg; }

static void test_cycles(void) {
    greenlet *g1 = greenlet_new(nothing, NULL), *g2 = greenlet_new(nothing, NULL),
             *g3 = greenlet_new(nothing, NULL);
    errno = 0;
    CHECK(greenlet_set_parent(g1, g1) == -1 && errno == ELOOP);
    CHECK(greenlet_set_parent(g1, g2) == 0);
    CHECK(greenlet_set_parent(g2, g3) == 0);
    errno = 0;
    CHECK(greenlet_set_parent(g3, g1) == -1 && errno == ELOOP);
    CHECK(greenlet_parent(g3) == greenlet_current());
    /* A root has no parent, and cannot be given one: every chain ends there. */
    greenlet *root = greenlet_current();
    CHECK(greenlet_parent(root) == NULL);
    errno = 0;
    CHECK(greenlet_set_parent(root, g1) == -1 && errno == EINVAL);
    CHECK(greenlet_set_parent(g1, NULL) == -1);
    /* The chain g1 -> g2 -> g3 -> root: a result climbs it, starting each one in turn. */
    CHECK(greenlet_switch(g1, (void *)3) == (void *)3);
    CHECK(greenlet_dead(g1) && greenlet_dead(g2) && greenlet_dead(g3));
    greenlet_free(g1);
    greenlet_free(g2);
    greenlet_free(g3);
}

/* A result skips dead ancestors. */
static greenlet *gp, *pa, *ch;

static void *grandparent(void *arg) {
    (void)arg;
    for (;;) {
        void *v = greenlet_switch(greenlet_parent(greenlet_current()), "gp waiting");
        if (!v)
            return "gp done";
        seen[nseen++] = *(char *)v;
    }
}

static void test_skips_dead(void) {
    nseen = 0;
    gp = greenlet_new(grandparent, NULL);
    CHECK_STR(greenlet_switch(gp, NULL), "gp waiting");
    pa = greenlet_new(nothing, gp);
    ch = greenlet_new(nothing, pa);
    greenlet_switch(pa, "p");  /* pa's result goes to gp */
    CHECK(greenlet_dead(pa) && nseen == 1 && seen[0] == 'p');
    /* ch's parent pa is dead: its result goes to gp. */
    CHECK_STR(greenlet_switch(ch, "c"), "gp waiting");
    CHECK(nseen == 2 && seen[1] == 'c');
    CHECK_STR(greenlet_switch(gp, NULL), "gp done");
    greenlet_free(ch);
    greenlet_free(pa);
    greenlet_free(gp);
}

/* Reparenting a suspended greenlet changes where it ends up. */
static void *collector(void *arg) {
    (void)arg;
    long total = 0;
    for (;;) {
        void *v = greenlet_switch(greenlet_parent(greenlet_current()), (void *)total);
        if (!v)
            return (void *)-total;
        total += (long)v;
    }
}

static void *worker(void *arg) {
    void *v = greenlet_switch(greenlet_parent(greenlet_current()), "started");
    return (void *)((long)arg + (long)v);
}

static void test_reparent_suspended(void) {
    greenlet *c = greenlet_new(collector, NULL);
    greenlet_switch(c, NULL);
    greenlet *w = greenlet_new(worker, NULL);
    CHECK_STR(greenlet_switch(w, (void *)10), "started");
    CHECK(greenlet_set_parent(w, c) == 0);
    /* w ends with 10 + 5, which goes to c, which switches to its parent (us) with its total. */
    CHECK((long)greenlet_switch(w, (void *)5) == 15);
    CHECK((long)greenlet_switch(c, NULL) == -15);
    greenlet_free(w);
    greenlet_free(c);
}

int main(void) {
    test_unstarted_parent_is_started_with_the_result();
    test_switch_to_dead_greenlet_reparent();
    test_cycles();
    test_skips_dead();
    test_reparent_suspended();
    puts("ok");
    return 0;
}
