/*
 * bench.h: what every C and C++ peer shares: a CPU-time clock, resident memory, calibrated loops
 * and the one output format the driver (run.sh) reads.
 *
 * Every program prints result lines `R <workload> <param> <value>` on stdout:
 *   switch_root  <depth>   ns per one-way switch, root <-> two coroutines taken in turn
 *   switch_coro  <depth>   ns per one-way switch, coroutine <-> coroutine
 *   create       -         ns to create a coroutine, run it to its end and free it
 *   memory       <n>       bytes of resident memory per suspended coroutine (n of them)
 *   channel      -         ns per message in a ping-pong over two channels
 * Times are the thread's CPU time, so that other load on the machine counts less.
 */
#ifndef BENCH_H
#define BENCH_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Calls that stay calls: no inlining, and (gcc) no interprocedural cloning that would turn the
 * benchmark's recursion into a loop. */
#if defined(__GNUC__) && !defined(__clang__)
#define NOINLINE __attribute__((noinline, noipa))
#else
#define NOINLINE __attribute__((noinline))
#endif

static inline double bench_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Resident set size in bytes (/proc/self/statm). */
static inline long bench_rss(void) {
    long pages = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
        resident = 0;
    fclose(f);
    return resident * sysconf(_SC_PAGESIZE);
}

static inline void bench_result(const char *workload, const char *param, double value) {
    printf("R %s %s %.4f\n", workload, param, value);
    fflush(stdout);
}

/* Seconds each timed loop should take: BENCH_SECONDS in the environment (run.sh sets it). */
static inline double bench_target(void) {
    const char *s = getenv("BENCH_SECONDS");
    double t = s ? atof(s) : 0.2;
    return t > 0 ? t : 0.2;
}

/* Runs loop(n, ctx) (which does n units of work) to calibrate n so that one run lasts about
 * bench_target() seconds, then returns ns per unit of the timed run. */
static inline double bench_calibrated(void (*loop)(long n, void *ctx), void *ctx, long start_n) {
    long n = start_n > 0 ? start_n : 1;
    double target = bench_target();
    loop(n, ctx);  /* warm-up */
    for (;;) {
        double t0 = bench_now();
        loop(n, ctx);
        double t = bench_now() - t0;
        if (t >= target / 4 || n > (1L << 40)) {
            long next = t > 0 ? (long)((double)n * target / t) : n * 4;
            if (next < 1)
                next = 1;
            t0 = bench_now();
            loop(next, ctx);
            t = bench_now() - t0;
            return t * 1e9 / (double)next;
        }
        n *= 4;
    }
}

#endif
