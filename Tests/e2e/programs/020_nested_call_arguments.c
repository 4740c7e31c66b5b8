/* calls nested inside arguments of other calls, many levels deep. */
#include <stdio.h>

static int f(int x) { return x + 1; }
static int g(int x) { return x * 2; }
static int h(int x) { return x - 3; }
static int add(int a, int b) { return a + b; }
static int mul3(int a, int b, int c) { return a * b * c; }
static long widen(int a, long b) { return (long)a * 1000 + b; }
static double avg(double a, double b) { return (a + b) / 2; }
static int max(int a, int b) { return a > b ? a : b; }
static int many(int a, int b, int c, int d, int e, int f_, int g_, int h_, int i, int j) {
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f_ + 7 * g_ + 8 * h_ + 9 * i + 10 * j;
}

int main(void) {
    int total = 0;
    for (int x = 0; x < 6; x++) {
        int a = add(f(x), g(x));
        int b = f(g(h(x)));
        int c = mul3(f(x), g(f(x)), h(g(f(x))));
        int d = add(add(f(1), g(2)), add(h(3), add(f(g(h(x))), x)));
        int e = max(max(f(x), g(x)), max(h(x), add(x, x)));
        long w = widen(f(g(x)), widen(h(x), x));
        double v = avg(f(x), avg(g(x), h(x)));
        int m = many(f(0), g(1), h(2), f(3), g(4), h(5), f(6), g(7), h(8), add(f(x), g(x)));
        total += a + b + c + d + e + m;
        printf("x=%d a=%d b=%d c=%d d=%d e=%d w=%ld v=%.2f m=%d\n", x, a, b, c, d, e, w, v, m);
    }
    printf("deep: %d\n", f(f(f(f(f(f(f(f(f(f(0)))))))))));
    printf("total: %d\n", total);
    return add(total, h(0)) % 64;
}
