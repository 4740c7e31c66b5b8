/* exit() called from inside a comparator while libc qsort is on the stack; atexit handler reports. */
#include <stdio.h>
#include <stdlib.h>

static int calls;
static int limit;
static int data[32];

static int budget_left(void) { return limit - calls; }
static void report(void) { printf("atexit: comparator ran %d times, budget left %d\n", calls, budget_left()); }
static int give_up(int code) {
    printf("comparator budget exhausted after %d calls\n", calls);
    fflush(stdout);
    exit(code);
}
static int cmp(const void *a, const void *b) {
    calls++;
    if (budget_left() <= 0) give_up(calls % 40 + 2);
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static void fill(int seed) { for (int i = 0; i < 32; i++) data[i] = (i * seed + 11) % 97; }

int main(void) {
    atexit(report);
    limit = 1000000;
    fill(13);
    qsort(data, 32, sizeof data[0], cmp);
    printf("first sort ok: %d %d %d\n", data[0], data[1], data[31]);
    calls = 0;
    limit = 25;
    fill(29);
    qsort(data, 32, sizeof data[0], cmp);
    printf("not reached\n");
    return 0;
}
