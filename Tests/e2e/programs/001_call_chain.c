/* A straight chain of calls of increasing depth; every call is a suspension point. */
#include <stdio.h>

static int depth_reached;

static int leaf(int x) {
    if (x > depth_reached) depth_reached = x;
    return x * 2 + 1;
}

static int level3(int x) { return leaf(x + 3) + leaf(x); }
static int level2(int x) { return level3(x + 2) - level3(x - 1); }
static int level1(int x) { return level2(x + 1) * 3 + level3(x); }

static void report(const char *what, int value) {
    printf("%-8s = %d\n", what, value);
}

static int sum_range(int lo, int hi) {
    int s = 0;
    for (int i = lo; i < hi; i++)
        s += level1(i);
    return s;
}

int main(void) {
    int total = 0;
    report("leaf(4)", leaf(4));
    report("level3", level3(5));
    report("level2", level2(7));
    report("level1", level1(9));
    for (int i = 0; i < 10; i++) {
        int v = level1(i);
        total += v;
        printf("i=%d level1=%d running=%d\n", i, v, total);
    }
    report("sum", sum_range(-5, 5));
    report("depth", depth_reached);
    report("total", total);
    return total % 7;
}
