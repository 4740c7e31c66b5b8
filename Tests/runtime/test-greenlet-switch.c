/*
 * Switching, ported from python-greenlet's test_greenlet.py: test_simple, test_two_children,
 * test_two_recursive_children, test_parent_equals_None, test_switch_kwargs (run's result goes
 * to the parent), test_frame (state while suspended), plus values both ways, switching to
 * oneself, deep call chains and address-taken locals across switches.
 */
#include "check.h"
#include <greenlet.h>

static int lst[16], nlst;

static void *simple_f(void *arg) {
    (void)arg;
    lst[nlst++] = 1;
    greenlet_switch(greenlet_parent(greenlet_current()), NULL);
    lst[nlst++] = 3;
    return NULL;
}

static void test_simple(void) {
    nlst = 0;
    greenlet *g = greenlet_new(simple_f, NULL);
    lst[nlst++] = 0;
    greenlet_switch(g, NULL);
    lst[nlst++] = 2;
    greenlet_switch(g, NULL);
    lst[nlst++] = 4;
    CHECK(nlst == 5);
    for (int i = 0; i < 5; i++)
        CHECK(lst[i] == i);
    CHECK(greenlet_dead(g));
    greenlet_free(g);
}

static void *two_f(void *arg) {
    (void)arg;
    lst[nlst++] = 1;
    greenlet_switch(greenlet_parent(greenlet_current()), NULL);
    lst[nlst++] = 1;
    lst[nlst++] = 1;
    return NULL;
}

static void test_two_children(void) {
    nlst = 0;
    greenlet *g = greenlet_new(two_f, NULL), *h = greenlet_new(two_f, NULL);
    greenlet_switch(g, NULL);
    CHECK(nlst == 1);
    greenlet_switch(h, NULL);
    CHECK(nlst == 2);
    greenlet_switch(h, NULL);
    CHECK(nlst == 4);
    CHECK(greenlet_dead(h));
    greenlet_switch(g, NULL);
    CHECK(nlst == 6);
    CHECK(greenlet_dead(g));
    greenlet_free(g);
    greenlet_free(h);
}

static char order[8];
static int norder;

static void *recursive_f(void *arg) {
    (void)arg;
    order[norder++] = 'b';
    greenlet_switch(greenlet_parent(greenlet_current()), NULL);
    return NULL;
}

static void *recursive_g(void *arg) {
    (void)arg;
    order[norder++] = 'a';
    greenlet *inner = greenlet_new(recursive_f, NULL);
    CHECK(greenlet_parent(inner) == greenlet_current());
    greenlet_switch(inner, NULL);
    order[norder++] = 'c';
    greenlet_free(inner);  /* suspended: it gets GREENLET_EXIT, from inside a greenlet */
    return NULL;
}

static void test_two_recursive_children(void) {
    norder = 0;
    greenlet *g = greenlet_new(recursive_g, NULL);
    greenlet_switch(g, NULL);
    order[norder] = 0;
    CHECK_STR(order, "abc");
    CHECK(greenlet_dead(g));
    greenlet_free(g);
}

static void *add_one(void *arg) { return (void *)((long)arg + 1); }

static void test_parent_and_result(void) {
    greenlet *root = greenlet_current();
    CHECK(greenlet_parent(root) == NULL);
    CHECK(greenlet_active(root) && greenlet_started(root) && !greenlet_dead(root));
    greenlet *g = greenlet_new(add_one, NULL);
    CHECK(greenlet_parent(g) == root);  /* test_parent_equals_None */
    CHECK(!greenlet_started(g) && !greenlet_active(g) && !greenlet_dead(g));
    CHECK((long)greenlet_switch(g, (void *)41) == 42);  /* run's result goes to the parent */
    CHECK(greenlet_started(g) && !greenlet_active(g) && greenlet_dead(g));
    /* Switching to a dead greenlet goes to its parent: here, ourselves. */
    CHECK((long)greenlet_switch(g, (void *)7) == 7);
    greenlet_free(g);
    errno = 0;
    CHECK(greenlet_new(NULL, NULL) == NULL && errno == EINVAL);
}

/* Values both ways, many times, and the state seen from inside. */
static greenlet *echo_root;

static void *echo(void *arg) {
    long sum = 0;
    CHECK(greenlet_current() != echo_root);
    CHECK(greenlet_active(greenlet_current()));
    CHECK(greenlet_active(echo_root) && !greenlet_dead(echo_root));
    while ((long)arg != -1) {
        sum += (long)arg;
        arg = greenlet_switch(echo_root, (void *)((long)arg * 2));
    }
    return (void *)sum;
}

static void test_values(void) {
    echo_root = greenlet_current();
    greenlet *g = greenlet_new(echo, NULL);
    long expect = 0;
    for (long i = 1; i <= 1000; i++) {
        CHECK((long)greenlet_switch(g, (void *)i) == 2 * i);
        CHECK(greenlet_active(g) && greenlet_started(g));
        expect += i;
    }
    CHECK((long)greenlet_switch(g, (void *)-1) == expect);
    CHECK(greenlet_dead(g));
    greenlet_free(g);
}

/* A greenlet switching to itself gets its value back at once. */
static void *self_switch(void *arg) {
    greenlet *me = greenlet_current();
    void *v = greenlet_switch(me, (void *)99);
    CHECK(v == (void *)99 && greenlet_error() == 0);
    return (void *)((long)arg + (long)v);
}

static void test_switch_to_self(void) {
    CHECK(greenlet_switch(greenlet_current(), (void *)5) == (void *)5);
    greenlet *g = greenlet_new(self_switch, NULL);
    CHECK((long)greenlet_switch(g, (void *)1) == 100);
    greenlet_free(g);
}

/* Deep call chains: every frame is saved and resumed lazily. */
static greenlet *deep_root;

static long descend(int depth, long acc) {
    if (depth == 0)
        return (long)greenlet_switch(deep_root, (void *)acc);
    long below = descend(depth - 1, acc + depth);
    return below + 1;
}

static void *deep(void *arg) {
    long total = 0;
    for (int round = 0; round < 3; round++)
        total += descend((int)(long)arg, round);
    return (void *)total;
}

static void test_deep(void) {
    deep_root = greenlet_current();
    for (int depth = 1; depth <= 1000; depth *= 10) {
        greenlet *g = greenlet_new(deep, (void *)0);
        long sum = (long)depth * (depth + 1) / 2;
        void *v = greenlet_switch(g, (void *)(long)depth);
        for (int round = 0; round < 3; round++) {
            CHECK((long)v == sum + round);
            v = greenlet_switch(g, (void *)(long)(10 * round));
        }
        /* each descend returns (10 * round) + depth */
        CHECK((long)v == 3L * depth + 0 + 10 + 20);
        CHECK(greenlet_dead(g));
        greenlet_free(g);
    }
}

/* Address-taken locals keep their address and value across switches. */
static void fill(int *p, int n, int v) {
    for (int i = 0; i < n; i++)
        p[i] = v + i;
}

static void *addresses(void *arg) {
    int local = 7;
    int array[64];
    int *where = &local;
    fill(array, 64, 100);
    greenlet *parent = greenlet_parent(greenlet_current());
    for (int i = 0; i < 5; i++) {
        void *v = greenlet_switch(parent, &local);
        CHECK(where == &local);
        local += (int)(long)v;
        CHECK(array[63] == 163 + i);
        array[63]++;
    }
    return (void *)(long)(local + (long)arg);
}

static void test_address_taken(void) {
    greenlet *a = greenlet_new(addresses, NULL), *b = greenlet_new(addresses, NULL);
    int *pa = greenlet_switch(a, (void *)1), *pb = greenlet_switch(b, (void *)2);
    CHECK(pa != pb && *pa == 7 && *pb == 7);
    for (int i = 0; i < 4; i++) {
        CHECK(greenlet_switch(a, (void *)1) == pa);
        CHECK(greenlet_switch(b, (void *)10) == pb);
    }
    CHECK(*pa == 11 && *pb == 47);
    CHECK((long)greenlet_switch(a, (void *)1) == 12 + 1);
    CHECK((long)greenlet_switch(b, (void *)10) == 57 + 2);
    greenlet_free(a);
    greenlet_free(b);
}

/* run ending in a tail call to a switch: it returns the value it is handed. */
static void *tail(void *arg) {
    (void)arg;
    return greenlet_switch(greenlet_parent(greenlet_current()), (void *)1);
}

static void test_tail_switch(void) {
    greenlet *g = greenlet_new(tail, NULL);
    CHECK(greenlet_switch(g, NULL) == (void *)1);
    CHECK(greenlet_switch(g, (void *)2) == (void *)2);
    CHECK(greenlet_dead(g));
    greenlet_free(g);
}

int main(void) {
    test_simple();
    test_two_children();
    test_two_recursive_children();
    test_parent_and_result();
    test_values();
    test_switch_to_self();
    test_deep();
    test_address_taken();
    test_tail_switch();
    puts("ok");
    return 0;
}
