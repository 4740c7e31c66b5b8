/* function-like macros that evaluate call arguments more than once. */
#include <stdio.h>

#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define SQUARE(x) ((x) * (x))
#define CLAMP(v, lo, hi) MIN(MAX((v), (lo)), (hi))
#define TWICE(stmt) do { stmt; stmt; } while (0)
#define CALL_WITH(fn, ...) fn(__VA_ARGS__)

static int nf, ng, nh;

static int f(int x) { nf++; return x * 3; }
static int g(int x) { ng++; return 20 - x; }
static int h(int x) { nh++; return x + 2; }
static int add3(int a, int b, int c) { return a + b + c; }

static void show(const char *what, int v) {
    printf("%-24s = %4d  (f=%d g=%d h=%d)\n", what, v, nf, ng, nh);
    nf = ng = nh = 0;
}

int main(void) {
    show("MAX(f(2), g(2))", MAX(f(2), g(2)));
    show("MAX(f(9), g(9))", MAX(f(9), g(9)));
    show("MIN(f(1), h(1))", MIN(f(1), h(1)));
    show("SQUARE(h(3))", SQUARE(h(3)));
    show("CLAMP(f(4), h(0), g(5))", CLAMP(f(4), h(0), g(5)));
    show("CLAMP(f(9), h(0), g(5))", CLAMP(f(9), h(0), g(5)));
    show("MAX(MAX(f(1),g(1)),h(30))", MAX(MAX(f(1), g(1)), h(30)));
    int acc = 0;
    TWICE(acc += f(acc + 1));
    show("TWICE(acc += f(...))", acc);
    show("CALL_WITH(add3, ...)", CALL_WITH(add3, f(1), g(1), h(1)));
    int total = 0;
    for (int i = 0; i < 10; i++) total += MAX(f(i), g(i)) - MIN(h(i), g(i));
    show("loop total", total);
    return total % 30;
}
