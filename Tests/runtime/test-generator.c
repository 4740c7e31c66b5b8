/*
 * Generators on greenlets, ported from python-greenlet's test_generator.py and
 * test_generator_nested.py: a generator yields to whoever asked for the next value (its parent
 * is set at each request), so generators nest; abandoned generators are freed, which sends
 * them GREENLET_EXIT, and they free their own sub-generators on the way out.
 */
#include "check.h"
#include <greenlet.h>

typedef struct gen {
    greenlet *g;
    void (*body)(void *arg);
    void *arg;
    int done;
} gen;

static void *gen_run(void *arg) {
    gen *self = arg;
    self->body(self->arg);
    self->done = 1;
    return NULL;
}

static void gen_init(gen *self, void (*body)(void *), void *arg) {
    self->g = greenlet_new(gen_run, NULL);
    self->body = body;
    self->arg = arg;
    self->done = 0;
}

/* The next value, or 0 at the end. */
static int gen_next(gen *self, long *out) {
    if (self->done)
        return 0;
    greenlet_set_parent(self->g, greenlet_current());
    void *v = greenlet_switch(self->g, self);  /* the first switch starts it with `self` */
    if (self->done)
        return 0;
    *out = (long)v;
    return 1;
}

static void gen_free(gen *self) { greenlet_free(self->g); }

/* Yields to the consumer; returns nonzero if the generator is being closed (freed). */
static int yield(long value) {
    greenlet_switch(greenlet_parent(greenlet_current()), (void *)value);
    return greenlet_error() == GREENLET_EXIT;
}

/* test_genlet_simple: g2 yields directly, g3 from a nested call. */
static long seen[64];
static int nseen;

static void g2(void *arg) {
    long n = (long)arg;
    for (long i = 0; i < n; i++) {
        seen[nseen++] = i + 1;
        if (yield(i))
            return;
    }
}

static int nested(long i) { return yield(i); }

static void g3(void *arg) {
    long n = (long)arg;
    for (long i = 0; i < n; i++) {
        seen[nseen++] = i + 1;
        if (nested(i))
            return;
    }
}

static void test_genlet_simple(void) {
    void (*bodies[2])(void *) = {g2, g3};
    for (int b = 0; b < 2; b++) {
        nseen = 0;
        for (int round = 0; round < 3; round++) {
            gen g;
            gen_init(&g, bodies[b], (void *)5);
            long j;
            while (gen_next(&g, &j))
                seen[nseen++] = j;
            gen_free(&g);
        }
        static const long expected[10] = {1, 0, 2, 1, 3, 2, 4, 3, 5, 4};
        CHECK(nseen == 30);
        for (int i = 0; i < 30; i++)
            CHECK(seen[i] == expected[i % 10]);
    }
}

/* test_nested_genlets: ax(n) yields everything ax(n-1) yields, then n. */
static void ax(void *arg) {
    long n = (long)arg;
    if (n == 0)
        return;
    gen sub;
    gen_init(&sub, ax, (void *)(n - 1));
    long v;
    while (gen_next(&sub, &v)) {
        if (yield(v)) {
            gen_free(&sub);
            return;
        }
    }
    gen_free(&sub);
    yield(n);
}

static void test_nested_genlets(void) {
    gen g;
    gen_init(&g, ax, (void *)5);
    long v, expect = 1;
    while (gen_next(&g, &v))
        CHECK(v == expect++);
    CHECK(expect == 6);
    gen_free(&g);
}

/* test_permutations: perms of a set (a bit mask) as base-10 digit strings, recursively. */
typedef struct {
    unsigned set;
    int size;
} perm_args;

static int live_generators;

static void perms(void *arg) {
    perm_args *a = arg;
    live_generators++;
    if (a->size == 1) {
        for (int e = 0; e < 10; e++)
            if (a->set & (1u << e))
                yield(e);
        live_generators--;
        return;
    }
    for (int e = 0; e < 10; e++) {
        if (!(a->set & (1u << e)))
            continue;
        perm_args sub_args = {a->set & ~(1u << e), a->size - 1};
        gen sub;
        gen_init(&sub, perms, &sub_args);
        long p, scale = 1;
        for (int i = 1; i < a->size; i++)
            scale *= 10;
        while (gen_next(&sub, &p)) {
            if (yield(e * scale + p)) {
                gen_free(&sub);  /* closed: close the sub-generator too */
                live_generators--;
                return;
            }
        }
        gen_free(&sub);
    }
    live_generators--;
}

static void test_permutations(void) {
    perm_args four = {0xf, 4}, three = {0x7, 3};
    gen g;
    gen_init(&g, perms, &four);
    long v;
    int count = 0, has_first = 0, has_last = 0;
    while (gen_next(&g, &v)) {
        count++;
        has_first |= v == 123;   /* 0123 */
        has_last |= v == 3210;
    }
    CHECK(count == 24 && has_first && has_last);
    gen_free(&g);
    CHECK(live_generators == 0);

    /* zip(perms(range(4)), perms(range(3))): two generator trees interleaved; the longer one
     * is abandoned halfway and freed, which closes its whole tree. */
    static const long expected[6][2] = {{123, 12}, {132, 21}, {213, 102},
                                        {231, 120}, {312, 201}, {321, 210}};
    gen a, b;
    gen_init(&a, perms, &four);
    gen_init(&b, perms, &three);
    long x, y;
    int n = 0;
    while (gen_next(&a, &x) && gen_next(&b, &y)) {
        CHECK(n < 6 && x == expected[n][0] && y == expected[n][1]);
        n++;
    }
    CHECK(n == 6);
    CHECK(live_generators == 4);  /* a's tree is suspended four levels deep; b has ended */
    gen_free(&a);
    gen_free(&b);
    CHECK(live_generators == 0);
}

/* A switch from a qsort comparator is fine in the root (untransformed code runs a nested
 * trampoline); here every comparison pulls a tie-breaker from a generator. */
static gen *tie_breaker;

static int cmp_with_generator(const void *pa, const void *pb) {
    long tick;
    CHECK(gen_next(tie_breaker, &tick));
    return *(const int *)pa - *(const int *)pb;
}

static void counter(void *arg) {
    (void)arg;
    for (long i = 0;; i++)
        if (yield(i))
            return;
}

static void test_switch_inside_callback_from_root(void) {
    gen g;
    gen_init(&g, counter, NULL);
    tie_breaker = &g;
    int values[8] = {5, 3, 7, 1, 8, 2, 6, 4};
    qsort(values, 8, sizeof *values, cmp_with_generator);
    for (int i = 0; i < 8; i++)
        CHECK(values[i] == i + 1);
    gen_free(&g);
}

int main(void) {
    test_genlet_simple();
    test_nested_genlets();
    test_permutations();
    test_switch_inside_callback_from_root();
    puts("ok");
    return 0;
}
