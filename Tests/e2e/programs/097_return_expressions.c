/* calls inside return expressions: arithmetic, ternaries, short-circuit, casts, struct returns. */
#include <stdio.h>

struct wrap { int v; };

static int f(int x) { return x + 2; }
static int g(int x) { return x * 3; }
static int both(int x) { return f(x) * g(x) - f(g(x)); }
static int choose(int x) { return x > 5 ? f(x) : g(x); }
static int logic(int x) { return f(x) > 4 && g(x) < 20; }
static long widened(int x) { return (long)f(x) << 20 | (long)g(x); }
static double ratio(int x) { return (double)f(x) / g(x + 1); }
static struct wrap wrapped(int x) { return (struct wrap){f(g(x))}; }
static int unwrap(int x) { return wrapped(x).v + wrapped(x + 1).v; }
static int rec(int x) { return x <= 0 ? f(x) : rec(x - 2) + g(x); }
static unsigned char narrowed(int x) { return (unsigned char)(g(x) * 40); }
static int comma(int x) { return f(x), g(x), f(g(f(x))); }
static void nothing(int x) { if (x > 0) return (void)f(x); }

int main(void) {
    int total = 0;
    for (int x = 0; x < 9; x++) {
        int a = both(x), b = choose(x), c = logic(x), d = unwrap(x), e = rec(x), h = comma(x);
        long w = widened(x);
        total += a + b + c + d + e + h;
        nothing(x);
        printf("x=%d both=%d choose=%d logic=%d unwrap=%d rec=%d comma=%d widened=%ld ratio=%.4f narrowed=%u\n", x, a, b, c, d, e, h,
               w, ratio(x), narrowed(x));
    }
    printf("total=%d\n", total);
    return total % 64;
}
