/* variadic functions defined in the program that only use va_arg/vprintf (no calls to program functions). */
#include <stdio.h>
#include <stdarg.h>

static int sum_ints(int count, ...) {
    va_list ap;
    int s = 0;
    va_start(ap, count);
    for (int i = 0; i < count; i++) s += va_arg(ap, int);
    va_end(ap);
    return s;
}

static double mean_doubles(int count, ...) {
    va_list ap;
    double s = 0;
    va_start(ap, count);
    for (int i = 0; i < count; i++) s += va_arg(ap, double);
    va_end(ap);
    return count ? s / count : 0.0;
}

static int logf_(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    printf("log: ");
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

static long max_of(int count, ...) {
    va_list ap, copy;
    va_start(ap, count);
    va_copy(copy, ap);
    long best = count > 0 ? va_arg(copy, long) : 0;
    for (int i = 1; i < count; i++) { long v = va_arg(copy, long); if (v > best) best = v; }
    va_end(copy);
    va_end(ap);
    return best;
}

static size_t concat_len(const char *first, ...) {
    va_list ap;
    size_t n = 0;
    va_start(ap, first);
    for (const char *s = first; s; s = va_arg(ap, const char *)) while (*s++) n++;
    va_end(ap);
    return n;
}

static int twice(int x) { return x * 2; }
static double third(double x) { return x / 3; }

int main(void) {
    int a = sum_ints(4, twice(1), twice(2), twice(3), twice(4));
    int b = sum_ints(0);
    int c = sum_ints(6, 1, -2, 3, -4, 5, sum_ints(2, 100, 200));
    double m = mean_doubles(3, third(3.0), third(9.0), 1.5);
    logf_("a=%d b=%d c=%d m=%.3f\n", a, b, c, m);
    int n = logf_("%s-%05d-%c-%lu\n", "mixed", twice(21), 'x', 123456789UL);
    logf_("printed %d chars\n", n);
    long mx = max_of(5, 3L, -7L, (long)twice(50), 42L, 99L);
    logf_("max_of = %ld, concat_len = %zu\n", mx, concat_len("stack", "less", " ", "frames", (const char *)NULL));
    for (int i = 1; i <= 5; i++) logf_("row %d: %d %.2f\n", i, sum_ints(i, 1, 2, 3, 4, 5), mean_doubles(2, (double)i, third(i)));
    return (a + c) % 40;
}
