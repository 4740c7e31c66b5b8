/* Under --suspend-all, functions that cannot be transformed are left as written and the build
 * goes on: a va_list used between calls, a va_start after a call, a VLA live across calls, a
 * variadic function with a computed goto. They call transformed functions, directly and through
 * pointers, which must not unwind through them; and a call that may suspend whose argument
 * calls qsort with a transformed comparator. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned long mixed;

static unsigned long step(unsigned long m, int v) { return m * 33 + (unsigned)v; }
static int mix(int v) { mixed = step(mixed, v); return v; }

/* The va_list is read after each call to mix: left as written. */
static int sum_mixed(int n, ...) {
    va_list ap;
    va_start(ap, n);
    int s = 0;
    for (int i = 0; i < n; i++) s += mix(va_arg(ap, int));
    va_end(ap);
    return s;
}

/* va_start runs after a call. */
static int late_start(int n, ...) {
    mix(n);
    va_list ap;
    va_start(ap, n);
    int first = va_arg(ap, int);
    va_end(ap);
    return first + n;
}

/* A VLA live across calls; also called through a pointer. */
static int window(int n) {
    int v[n];
    for (int i = 0; i < n; i++) v[i] = mix(i * i);
    int s = 0;
    for (int i = 0; i < n; i++) s += mix(v[i]);
    return s;
}

/* Variadic, with a computed goto. */
static int pick(int which, ...) {
    static void *const table[] = { &&first, &&second };
    va_list ap;
    va_start(ap, which);
    int a = va_arg(ap, int), b = va_arg(ap, int);
    va_end(ap);
    goto *table[which & 1];
first:
    return mix(a);
second:
    return mix(b);
}

static int key(const void *p) { return mix(*(const int *)p); }
static int compare(const void *a, const void *b) { return key(a) - key(b); }
static int identity(int x) { return mix(x); }

static int apply(int (*f)(int), int x) { return f(x) + 1; }

int main(void) {
    int s = sum_mixed(4, 1, 2, 3, 4);
    int l = late_start(3, 10);
    int w = window(5);
    w += apply(window, 3);
    w += apply(identity, 7);
    int p = pick(0, 11, 22);
    p += pick(1, 11, 22);
    int data[6] = { 5, 3, 9, 1, 7, 2 };
    int first = identity((qsort(data, 6, sizeof data[0], compare), data[0]));
    printf("%d %d %d %d %d %d\n", s, l, w, p, first, data[5]);
    printf("mixed %lu\n", mixed);
    return 0;
}
