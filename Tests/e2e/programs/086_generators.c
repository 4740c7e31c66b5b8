/* hand-written generators (explicit state structs, switch-resumed) interleaved by a scheduler loop. */
#include <stdio.h>

struct range_gen { int state, i, end, step; };
struct fib_gen { int state; unsigned long a, b; };
struct perm_gen { int state; int n, idx[5], c[5], i; };

static int range_next(struct range_gen *g, int *out) {
    switch (g->state) {
    case 0:
        for (; g->i < g->end; g->i += g->step) {
            *out = g->i;
            g->state = 1;
            return 1;
    case 1:;
        }
    }
    return 0;
}
static int fib_next(struct fib_gen *g, unsigned long *out) {
    if (g->state == 0) { g->a = 0; g->b = 1; g->state = 1; }
    *out = g->a;
    unsigned long t = g->a + g->b;
    g->a = g->b;
    g->b = t;
    return 1;
}
static void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }
/* Heap's algorithm, iterative, resumable */
static int perm_next(struct perm_gen *g) {
    if (g->state == 0) { for (int k = 0; k < g->n; k++) { g->idx[k] = k; g->c[k] = 0; } g->i = 0; g->state = 1; return 1; }
    while (g->i < g->n) {
        if (g->c[g->i] < g->i) {
            if (g->i % 2 == 0) swap(&g->idx[0], &g->idx[g->i]);
            else swap(&g->idx[g->c[g->i]], &g->idx[g->i]);
            g->c[g->i]++;
            g->i = 0;
            return 1;
        }
        g->c[g->i] = 0;
        g->i++;
    }
    return 0;
}

int main(void) {
    struct range_gen r = {0, 3, 40, 7};
    struct fib_gen f = {0, 0, 0};
    struct perm_gen p = {0, 4, {0}, {0}, 0};
    int rv, rounds = 0, perms = 0;
    unsigned long fv, fsum = 0;
    int more_r = 1, more_p = 1;
    while (more_r || more_p) {
        rounds++;
        if (more_r && (more_r = range_next(&r, &rv))) printf("round %2d range %d\n", rounds, rv);
        fib_next(&f, &fv);
        fsum += fv;
        if (more_p && (more_p = perm_next(&p))) {
            perms++;
            if (perms % 5 == 1) printf("round %2d perm %d%d%d%d\n", rounds, p.idx[0], p.idx[1], p.idx[2], p.idx[3]);
        }
    }
    printf("rounds=%d perms=%d fsum=%lu last fib=%lu\n", rounds, perms, fsum, fv);
    return perms;
}
