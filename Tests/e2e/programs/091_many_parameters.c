/* functions with many parameters (beyond the register set) mixing ints, doubles, pointers and structs. */
#include <stdio.h>

struct small { int a, b; };

static long many_ints(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j, int k, int l) {
    return a - b + c * 2 - d + e * 3 - f + g * 4 - h + i * 5 - j + k * 6 - l;
}
static double many_doubles(double a, double b, double c, double d, double e, double f, double g, double h,
                           double i, double j, double k) {
    return a + b * 2 + c * 3 + d * 4 + e * 5 + f * 6 + g * 7 + h * 8 + i * 9 + j * 10 + k * 11;
}
static double mixed(int a, double b, long c, float d, const int *e, struct small f, char g, double h, int i,
                    struct small j, unsigned long long k, double l, short m, double n) {
    return a + b + (double)c + d + *e + f.a + f.b + g + h + i + j.a * j.b + (double)k + l + m + n;
}
static int forward(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j, int k, int l) {
    return (int)many_ints(l, k, j, i, h, g, f, e, d, c, b, a);
}
static int recursive_many(int depth, int a, int b, int c, int d, int e, int f, int g, int h) {
    if (depth == 0) return a + b + c + d + e + f + g + h;
    return recursive_many(depth - 1, b, c, d, e, f, g, h, a + depth) + 1;
}

int main(void) {
    long t = 0;
    for (int x = 0; x < 5; x++) {
        long r = many_ints(x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, x + 8, x + 9, x + 10, x + 11);
        int fr = forward(x, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, x * 11);
        t += r + fr;
        printf("x=%d many_ints=%ld forward=%d\n", x, r, fr);
    }
    for (int x = 0; x < 3; x++) printf("many_doubles=%.3f\n", many_doubles(x, 0.5, 0.25, 1, 2, 3, 0.125, x * 2.0, 4, 5, 6));
    int val = 17;
    struct small s1 = {3, 4}, s2 = {5, 6};
    double m = mixed(1, 2.5, 3L, 4.5f, &val, s1, 'A', 0.75, 9, s2, 1000000000000ull, -1.5, (short)-7, 0.25);
    printf("mixed=%.3f\n", m);
    for (int d = 0; d < 20; d += 5) printf("recursive_many(%d)=%d\n", d, recursive_many(d, 1, 2, 3, 4, 5, 6, 7, 8));
    printf("t=%ld\n", t);
    return (int)(t % 64 + 64) % 64;
}
