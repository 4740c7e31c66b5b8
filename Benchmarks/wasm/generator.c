/*
 * The same generator two ways on wasm32-wasi: with this project's greenlets (built by
 * `stackless cc`), and with Binaryen's Asyncify (built by clang, then `wasm-opt --asyncify`),
 * whose start_unwind/start_rewind this program calls from inside the module.
 *
 * The generator yields N values from call depth D (it recurses D levels first); the consumer
 * sums them. Between the values, a piece of work that never switches runs in the generator: a
 * qsort of 16 ints through a comparator (an indirect call, which Asyncify must assume may unwind)
 * and a recursive fib(10). Prints the sum and the time per value.
 *
 * Usage: generator N D [WORK]   (WORK 0: no work between the values, the switch alone)
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static long work_sum;

static int compare(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

/* Work between two values that never switches. */
static void work(long i) {
    int v[16];
    for (int k = 0; k < 16; k++)
        v[k] = (int)(((unsigned long)i * 7919u + (unsigned long)k * 104729u) % 1000u);  /* no overflow on 32 bits */
    qsort(v, 16, sizeof v[0], compare);
    work_sum += v[8] + fib(10);
}

#ifdef USE_ASYNCIFY
/* Asyncify's primitives, as imports that wasm-opt --asyncify implements inside the module. */
__attribute__((import_module("asyncify"), import_name("start_unwind"))) void asyncify_start_unwind(void *data);
__attribute__((import_module("asyncify"), import_name("stop_unwind"))) void asyncify_stop_unwind(void);
__attribute__((import_module("asyncify"), import_name("start_rewind"))) void asyncify_start_rewind(void *data);
__attribute__((import_module("asyncify"), import_name("stop_rewind"))) void asyncify_stop_rewind(void);

static struct { void *start, *end; } unwind_data;
static char unwind_stack[64 * 1024];
static int rewinding, unwinding, finished;
static long yielded;

/* A function of its own: Asyncify instruments the callers of the one that starts the unwind. */
__attribute__((noinline)) static void yield(long v) {
    if (rewinding) {
        asyncify_stop_rewind();
        rewinding = 0;
        return;
    }
    yielded = v;
    unwinding = 1;
    unwind_data.start = unwind_stack;
    unwind_data.end = unwind_stack + sizeof unwind_stack;
    asyncify_start_unwind(&unwind_data);
}
#else
#include <greenlet.h>
static void yield(long v) { greenlet_switch(greenlet_parent(greenlet_current()), (void *)v); }
#endif

static long count, levels_returned;
static int with_work;

static long produce_at(int depth) {
    if (depth > 1) {
        long r = produce_at(depth - 1);
        levels_returned++;  /* work after the call: every level keeps a frame */
        return r;
    }
    for (long i = 0; i < count; i++) {
        if (with_work)
            work(i);
        yield(i);
    }
    return -1;
}

static int depth;

#ifdef USE_ASYNCIFY
/* Not inlined into the driver, which is not instrumented. */
__attribute__((noinline)) static void generator_body(void) {
    produce_at(depth);
    finished = 1;
}

/* The driver: not instrumented (wasm-opt is told so), it runs the generator until it unwinds. */
__attribute__((noinline)) long next_value(int *done) {
    static int started;
    if (started) {
        rewinding = 1;
        asyncify_start_rewind(&unwind_data);
    }
    started = 1;
    unwinding = 0;
    generator_body();
    if (unwinding)
        asyncify_stop_unwind();
    *done = finished;
    return yielded;
}
#else
static void *generator_body(void *arg) {
    (void)arg;
    produce_at(depth);
    return NULL;
}

static greenlet *generator;

long next_value(int *done) {
    void *v = greenlet_switch(generator, NULL);
    *done = greenlet_dead(generator);
    return (long)v;
}
#endif

int main(int argc, char **argv) {
    count = argc > 1 ? atol(argv[1]) : 100000;
    depth = argc > 2 ? atoi(argv[2]) : 1;
    with_work = argc > 3 ? atoi(argv[3]) : 1;
#ifndef USE_ASYNCIFY
    generator = greenlet_new(generator_body, NULL);
#endif
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long sum = 0, values = 0;
    for (;;) {
        int done = 0;
        long v = next_value(&done);
        if (done)
            break;
        sum += v;
        values++;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ns = ((double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec)) / (double)values;
    printf("%ld values, sum %ld, work %ld, %ld levels\n", values, sum, work_sum, levels_returned);
    fprintf(stderr, "%.1f ns per value\n", ns);
    return 0;
}
