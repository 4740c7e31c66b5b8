/* tables of function pointers, indirect calls, structs of callbacks, pointer to pointer to function. */
#include <stdio.h>

typedef int (*unary)(int);
static int inc(int x) { return x + 1; }
static int dbl(int x) { return x * 2; }
static int neg(int x) { return -x; }
static int sqr(int x) { return x * x; }
static int half(int x) { return x / 2; }

static const unary table[] = {inc, dbl, neg, sqr, half};
static const char *const names[] = {"inc", "dbl", "neg", "sqr", "half"};

struct ops {
    int (*combine)(int, int);
    unary pre;
    unary post;
};
static int plus(int a, int b) { return a + b; }
static int minus(int a, int b) { return a - b; }

static int run_ops(const struct ops *o, int a, int b) { return o->post(o->combine(o->pre(a), o->pre(b))); }

static int compose_apply(const unary *fs, int n, int x) {
    for (int i = 0; i < n; i++) x = fs[i](x);
    return x;
}

static int apply_n(unary f, int n, int x) { while (n-- > 0) x = (*f)(x); return x; }

int main(void) {
    for (int i = 0; i < 5; i++)
        printf("%-4s(7)=%d  twice=%d\n", names[i], table[i](7), apply_n(table[i], 2, 7));
    const unary chain[] = {inc, sqr, neg, half, dbl, inc};
    for (int x = -2; x <= 3; x++) printf("chain(%d) = %d\n", x, compose_apply(chain, 6, x));
    struct ops variants[] = {{plus, inc, dbl}, {minus, sqr, neg}, {plus, half, sqr}};
    int total = 0;
    for (int v = 0; v < 3; v++) {
        int r = run_ops(&variants[v], 9, 4);
        total += r;
        printf("variant %d: %d\n", v, r);
    }
    const unary *pt = &table[3];
    const unary *const *ppt = &pt;
    printf("via ** : %d\n", (**ppt)(12));
    unary matrix[2][3] = {{inc, dbl, neg}, {sqr, half, inc}};
    int m = 5;
    for (int r = 0; r < 2; r++) for (int c = 0; c < 3; c++) m = matrix[r][c](m);
    printf("matrix result %d\n", m);
    printf("selected: %d\n", (total > 0 ? sqr : neg)(total % 10));
    return (total + m) % 40 < 0 ? 1 : (total + m) % 40;
}
