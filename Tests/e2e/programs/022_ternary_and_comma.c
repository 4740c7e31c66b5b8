/* calls in ?: branches (only one evaluated) and in comma expressions. */
#include <stdio.h>

static int count_a, count_b, count_c;

static int a(int x) { count_a++; return x + 100; }
static int b(int x) { count_b++; return x - 100; }
static int c(int x) { count_c++; return x % 2; }
static int sq(int x) { return x * x; }

static const char *pick(int x) { return c(x) ? "odd" : "even"; }

int main(void) {
    int total = 0;
    for (int x = 0; x < 10; x++) {
        int r = c(x) ? a(x) : b(x);
        total += r;
        printf("x=%d r=%d %s\n", x, r, pick(x));
    }
    printf("counts a=%d b=%d c=%d\n", count_a, count_b, count_c);
    int nested = 0;
    for (int x = 0; x < 9; x++) {
        nested += c(x) ? (sq(x) > 20 ? a(x) : b(x)) : (x > 4 ? sq(x) : a(sq(x)));
    }
    printf("nested=%d counts a=%d b=%d c=%d\n", nested, count_a, count_b, count_c);
    int y;
    int z = (y = a(1), y = b(y), sq(y));
    printf("comma: y=%d z=%d\n", y, z);
    int i, j;
    for (i = 0, j = sq(3); i < j; i = a(i) - 99, j = j - c(j)) {
        total += i * j;
    }
    printf("after for: i=%d j=%d total=%d\n", i, j, total);
    int e = (a(0), b(0), c(3)) ? (a(1), sq(4)) : (b(1), sq(5));
    printf("e=%d counts a=%d b=%d c=%d\n", e, count_a, count_b, count_c);
    int *p = &count_a;
    *(c(1) ? p : &count_b) += 1000;
    printf("lvalue ternary: a=%d b=%d\n", count_a, count_b);
    return (count_a + count_b + count_c) % 50;
}
