/* Variadic functions that call program functions (points under --torture) once they are done
 * with their variadic arguments: a printf-like wrapper that forwards its va_list, one that
 * measures with va_copy first, sums of ints, doubles and structs, and calls through a pointer to
 * a variadic function. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pair { int a; double b; };

static unsigned long checksum;

static void mix(const char *s) {
    for (; *s; s++) checksum = checksum * 131 + (unsigned char)*s;
}

static int emit(const char *line) {
    mix(line);
    return printf("%s", line);
}

/* Not variadic: receives the va_list by value and is done with it when it returns. */
static int vsay(const char *fmt, va_list ap) {
    char buf[160];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    emit(buf);
    return n;
}

/* The reproducer's shape: va_start, a call that may suspend taking ap, va_end after it. */
static int say(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsay(fmt, ap);
    va_end(ap);
    return n;
}

/* Measures with a copy, formats into a buffer of the right size, then calls on. */
static char *format(const char *fmt, ...) {
    va_list ap, measure;
    va_start(ap, fmt);
    va_copy(measure, ap);
    int n = vsnprintf(NULL, 0, fmt, measure);
    va_end(measure);
    char *buf = malloc((size_t)n + 1);
    if (buf) vsnprintf(buf, (size_t)n + 1, fmt, ap);
    va_end(ap);
    if (buf) mix(buf);
    return buf;
}

static int sum_ints(int n, ...) {
    va_list ap;
    va_start(ap, n);
    int values[8];
    for (int i = 0; i < n && i < 8; i++) values[i] = va_arg(ap, int);
    va_end(ap);
    int s = 0;
    for (int i = 0; i < n && i < 8; i++) s += values[i];
    say("sum of %d ints: %d\n", n, s);
    return s;
}

static double mean(int n, ...) {
    va_list ap;
    va_start(ap, n);
    double total = 0;
    for (int i = 0; i < n; i++) total += va_arg(ap, double);
    va_end(ap);
    double m = n ? total / n : 0;
    say("mean of %d: %.3f\n", n, m);
    return m;
}

static struct pair pairs(int n, ...) {
    va_list ap;
    va_start(ap, n);
    struct pair acc = { 0, 0 };
    for (int i = 0; i < n; i++) {
        struct pair p = va_arg(ap, struct pair);
        acc.a += p.a;
        acc.b += p.b;
    }
    va_end(ap);
    say("pairs: %d %.2f\n", acc.a, acc.b);
    return acc;
}

/* Recursion through a variadic function: each level reads its arguments first. */
static int depth_sum(int depth, ...) {
    va_list ap;
    va_start(ap, depth);
    int here = va_arg(ap, int);
    va_end(ap);
    if (depth == 0) return here;
    return here + depth_sum(depth - 1, here * 2);
}

int main(void) {
    int (*printer)(const char *, ...) = say;
    say("%s %d\n", "hello", 42);
    printer("%d-%d-%d\n", 1, 2, 3);
    char *s = format("%s:%05d:%x", "fmt", 77, 255u);
    if (s) { emit(s); emit("\n"); free(s); }
    int t = sum_ints(5, 1, 2, 3, 4, 5) + sum_ints(0) + sum_ints(2, -7, 7);
    double m = mean(4, 1.5, 2.5, 3.0, 9.0);
    struct pair a = { 1, 0.5 }, b = { 2, 0.25 };
    struct pair p = pairs(3, a, b, a);
    printf("t=%d m=%.2f p=%d/%.2f depth=%d\n", t, m, p.a, p.b, depth_sum(5, 1));
    printf("checksum %lu\n", checksum);
    return 0;
}
