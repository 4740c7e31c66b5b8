/* void functions with out-parameters, early void returns, void casts of results. */
#include <stdio.h>

static int log_count;

static void log_line(const char *what, int v) {
    log_count++;
    printf("[%02d] %s: %d\n", log_count, what, v);
}

static void divmod(int a, int b, int *q, int *r) {
    if (b == 0) { *q = 0; *r = a; return; }
    *q = a / b;
    *r = a % b;
}

static void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }

static void sort3(int *a, int *b, int *c) {
    if (*a > *b) swap(a, b);
    if (*b > *c) swap(b, c);
    if (*a > *b) swap(a, b);
}

static int noisy(int x) { log_line("noisy", x); return x * 2; }

static void nothing(void) {}

static void recurse_print(int n) {
    if (n == 0) return;
    recurse_print(n - 1);
    log_line("recurse", n);
}

static void apply(void (*fn)(const char *, int), const char *what, int n) {
    for (int i = 0; i < n; i++) fn(what, i * i);
}

int main(void) {
    int q, r;
    for (int a = 17; a < 60; a += 13) {
        divmod(a, 5, &q, &r);
        log_line("quotient", q);
        log_line("remainder", r);
    }
    divmod(9, 0, &q, &r);
    log_line("div0", q + r);
    int x = 9, y = 2, z = 5;
    sort3(&x, &y, &z);
    printf("sorted %d %d %d\n", x, y, z);
    (void)noisy(4);
    nothing();
    recurse_print(4);
    apply(log_line, "applied", 3);
    return log_count;
}
