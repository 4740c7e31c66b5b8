/* calls in loop initialisers, conditions and increments of for/while/do. */
#include <stdio.h>

static int n_first, n_limit, n_next, n_cond;

static int first(void) { n_first++; return 2; }
static int limit(void) { n_limit++; return 40; }
static int next(int i) { n_next++; return i * 2 - 1; }
static int keep_going(int i, int max) { n_cond++; return i < max; }
static int step_of(int i) { return i % 3 + 1; }

struct iter { int pos, end; };
static struct iter iter_make(int start, int end) { struct iter it = {start, end}; return it; }
static int iter_valid(const struct iter *it) { return it->pos < it->end; }
static void iter_advance(struct iter *it) { it->pos += 3; }
static int iter_get(const struct iter *it) { return it->pos * 10; }

int main(void) {
    int total = 0;
    for (int i = first(); i < limit(); i = next(i)) {
        total += i;
        printf("i=%d\n", i);
    }
    printf("first=%d limit=%d next=%d\n", n_first, n_limit, n_next);
    for (int i = 0; keep_going(i, 20); i += step_of(i)) total += i;
    printf("total=%d cond=%d\n", total, n_cond);
    for (struct iter it = iter_make(1, 17); iter_valid(&it); iter_advance(&it))
        printf("iter %d\n", iter_get(&it));
    int k = first();
    while (keep_going(k, limit() / 4)) k = next(k) + 1;
    printf("k=%d cond=%d limit=%d\n", k, n_cond, n_limit);
    int m = 0;
    do m += step_of(m); while (keep_going(m, 25));
    printf("m=%d cond=%d\n", m, n_cond);
    for (int a = first(), b = limit(); a < b; a = next(a), b -= step_of(b))
        printf("a=%d b=%d\n", a, b);
    int empty = 0;
    for (int i = limit(); i < first(); i = next(i)) empty++;
    printf("empty=%d first=%d limit=%d next=%d cond=%d\n", empty, n_first, n_limit, n_next, n_cond);
    return (n_first + n_limit + n_next + n_cond) % 64;
}
