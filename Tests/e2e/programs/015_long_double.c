/* long double arguments, returns, locals held across calls (values kept exactly representable). */
#include <stdio.h>

static long double half(long double x) { return x / 2; }
static long double twice(long double x) { return x * 2; }
static long double mix(long double a, double b, long double c) { return a + (long double)b - c; }
static long double poly(long double x) { return twice(x * x) + half(x) - 3; }
static long double sum_array(const long double *a, int n) {
    long double s = 0;
    for (int i = 0; i < n; i++) s += a[i];
    return s;
}
struct ld_pair { long double lo, hi; };
static struct ld_pair bounds(const long double *a, int n) {
    struct ld_pair p = {a[0], a[0]};
    for (int i = 1; i < n; i++) {
        if (a[i] < p.lo) p.lo = a[i];
        if (a[i] > p.hi) p.hi = a[i];
    }
    return p;
}
static long double pow2(int k) { return k == 0 ? 1.0L : twice(pow2(k - 1)); }

int main(void) {
    long double vals[12];
    for (int i = 0; i < 12; i++) {
        long double keep = half((long double)(i * 3 - 10));
        vals[i] = poly(keep);
        printf("i=%2d keep=%8.3Lf poly=%10.4Lf\n", i, keep, vals[i]);
    }
    struct ld_pair b = bounds(vals, 12);
    printf("sum=%.4Lf lo=%.4Lf hi=%.4Lf\n", sum_array(vals, 12), b.lo, b.hi);
    printf("mix=%.4Lf\n", mix(half(7), 0.25, twice(1.5L)));
    for (int k = 0; k < 64; k += 9) printf("2^%d = %.1Lf\n", k, pow2(k));
    long double acc = 1;
    for (int i = 0; i < 20; i++) acc = half(acc) + twice(0.125L);
    printf("acc=%.6Lf\n", acc);
    return poly(2) == 6.0L ? 0 : 9;
}
