/* atexit handlers defined in the program (called back from libc), plus exit() from nested calls. */
#include <stdio.h>
#include <stdlib.h>

static int results[8];
static int nresults;
static int *heap_data;

static int score(int x) { return x * x % 17; }
static void record(int v) { if (nresults < 8) results[nresults++] = v; }

static void summary(void) {
    int total = 0;
    for (int i = 0; i < nresults; i++) total += results[i];
    printf("summary: %d results, total %d\n", nresults, total);
}
static void goodbye(void) { printf("goodbye (registered last, runs first)\n"); }
static void cleanup(void) {
    printf("cleanup: freeing heap data, first=%d\n", heap_data ? heap_data[0] : -1);
    free(heap_data);
    heap_data = NULL;
}

static void finish(int code) {
    printf("finish(%d) called\n", code);
    exit(code);
}

static void work(int level) {
    record(score(level * 5));
    if (level == 4) finish(nresults + 10);
    if (level > 100) return;
    work(level + 1);
}

int main(void) {
    heap_data = malloc(4 * sizeof *heap_data);
    for (int i = 0; i < 4; i++) heap_data[i] = score(i + 3);
    atexit(cleanup);
    atexit(summary);
    atexit(goodbye);
    printf("working\n");
    work(0);
    return 0;
}
