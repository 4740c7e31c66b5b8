/* run.sh: args=quick */
/* run.sh: plain-only */
/*
 * The runtime's figures, measured side by side in one run:
 *  - switch cost, root <-> greenlet and greenlet <-> greenlet, with the switching greenlet(s)
 *    suspended at call depth 1, 10, 100 and 1000 (lazy resume: the cost should not grow);
 *  - channel send + receive between two tasklets;
 *  - bytes per suspended greenlet (suspended one call deep, frame included) at 1M and 10M.
 * Times are the thread's CPU time (the best of three runs), so that other load on the machine
 * counts less.
 *
 * Usage: bench-runtime [quick | full | memory N]
 *   quick: small counts, for CI; full: also 10M greenlets, in a fresh process (freed pools stay
 *   resident, so a second measurement in one process would reuse the first one's memory).
 * Build: stackless cc -O2 -I Sources/StacklessRuntime/src Tests/runtime/bench-runtime.c -o bench
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <tasklet.h>
#include "sl_internal.h"  /* private: for sizeof (run.sh adds -I Sources/StacklessRuntime/src) */

static double now(void) {
    struct timespec ts;
#ifdef __wasi__
    clock_gettime(CLOCK_MONOTONIC, &ts);  /* WASI's thread CPU clock reads 0 */
#else
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
#endif
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long resident(void) {
    long pages = 0, resident_pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    if (fscanf(f, "%ld %ld", &pages, &resident_pages) != 2)
        resident_pages = 0;
    fclose(f);
    return resident_pages * sysconf(_SC_PAGESIZE);
}

static long rounds;

/* Root <-> greenlet: the greenlet switches back from `depth` calls down. */
static greenlet *root;

static void *bounce_at(int depth) {
    if (depth > 1) {
        void *r = bounce_at(depth - 1);
        return r;  /* not a tail call: every level keeps a frame */
    }
    void *v = NULL;
    for (long i = 0; i < rounds; i++)
        v = greenlet_switch(root, v);
    return v;
}

static void *bouncer(void *arg) { return bounce_at((int)(long)arg); }

static double root_switch(int depth) {
    greenlet *g = greenlet_new(bouncer, NULL);
    greenlet_switch(g, (void *)(long)depth);  /* starts it: it is now `depth` calls down */
    double start = now();
    for (long i = 1; i < rounds; i++)
        greenlet_switch(g, NULL);
    double seconds = now() - start;
    greenlet_switch(g, NULL);  /* lets it finish */
    greenlet_free(g);
    return seconds * 1e9 / (2.0 * (double)(rounds - 1));
}

/* Greenlet <-> greenlet: two greenlets, both `depth` calls down, switch to each other. */
static greenlet *ping_g, *pong_g;

static void *ping_at(int depth, greenlet *other) {
    if (depth > 1) {
        void *r = ping_at(depth - 1, other);
        return r;
    }
    void *v = NULL;
    for (long i = 0; i < rounds; i++)
        v = greenlet_switch(other, v);
    return v;
}

static void *ponger(void *arg) { return ping_at((int)(long)arg, ping_g); }

/* pong starts first and its first switch starts ping, with pong's value: ping takes its depth
 * from a global. */
static int ping_depth;
static void *pinger_fixed(void *arg) {
    (void)arg;
    return ping_at(ping_depth, pong_g);
}

static double greenlet_pair(int depth) {
    ping_depth = depth;
    ping_g = greenlet_new(pinger_fixed, root);
    pong_g = greenlet_new(ponger, root);
    double start = now();
    greenlet_switch(pong_g, (void *)(long)depth);
    double seconds = now() - start;
    while (!greenlet_dead(ping_g) || !greenlet_dead(pong_g)) {
        if (!greenlet_dead(ping_g))
            greenlet_switch(ping_g, NULL);
        if (!greenlet_dead(pong_g))
            greenlet_switch(pong_g, NULL);
    }
    greenlet_free(ping_g);
    greenlet_free(pong_g);
    return seconds * 1e9 / (2.0 * (double)rounds);
}

/* The yardstick of an emulated target, where only ratios mean something: a plain call of a
 * function that is not inlined, each call's result the next one's argument. */
__attribute__((noinline)) static long plain_callee(long x) { return x * 3 + 1; }

static double plain_call(void) {
    long calls = rounds * 50, x = 1;
    double start = now();
    for (long i = 0; i < calls; i++)
        x = plain_callee(x);
    double seconds = now() - start;
    if (x == 42)  /* keeps the chain alive */
        puts("");
    return seconds * 1e9 / (double)calls;
}

/* Channels: a producer and a consumer tasklet. */
static void *producer(void *arg) {
    channel *c = arg;
    for (long i = 1; i <= rounds; i++)
        channel_send(c, (void *)i);
    return NULL;
}

static long consumed;

static void *consumer(void *arg) {
    channel *c = arg;
    for (long i = 1; i <= rounds; i++)
        consumed += (long)channel_receive(c);
    return NULL;
}

static double channel_cost(int preference) {
    scheduler *s = scheduler_new();
    channel *c = channel_new("bench");
    channel_set_preference(c, preference);
    tasklet_new(s, consumer, c);
    tasklet_new(s, producer, c);
    consumed = 0;
    double start = now();
    int rc = scheduler_run(s);
    double seconds = now() - start;
    if (rc != 0 || consumed != rounds * (rounds + 1) / 2) {
        printf("channel benchmark failed\n");
        exit(1);
    }
    channel_free(c);
    scheduler_free(s);
    return seconds * 1e9 / (double)rounds;
}

/* Memory: n greenlets, each suspended one call deep (in its run function). */
static void *parked(void *arg) {
    greenlet_switch(root, arg);
    return arg;
}

static void memory(long n) {
    greenlet **gs = malloc((size_t)n * sizeof *gs);
    memset(gs, 0xff, (size_t)n * sizeof *gs);  /* resident before the baseline (not 0: calloc) */
    long before = resident();
    double start = now();
    for (long i = 0; i < n; i++) {
        gs[i] = greenlet_new(parked, NULL);
        greenlet_switch(gs[i], NULL);
    }
    double seconds = now() - start;
    long after = resident();
    printf("  %8ld greenlets suspended one call deep: %.1f bytes each (resident), "
           "created and suspended in %.0f ns each\n",
           n, (double)(after - before) / (double)n, seconds * 1e9 / (double)n);
    for (long i = 0; i < n; i++)
        greenlet_free(gs[i]);
    free(gs);
}

int main(int argc, char **argv) {
    int quick = argc > 1 && strcmp(argv[1], "quick") == 0;
    int full = argc > 1 && strcmp(argv[1], "full") == 0;
    root = greenlet_current();
    if (argc > 2 && strcmp(argv[1], "memory") == 0) {
        memory(atol(argv[2]));
        return 0;
    }
    rounds = quick ? 20000 : 10000000;

    printf("sizeof: greenlet %zu, tasklet %zu, channel %zu, frame header %zu bytes\n",
           sizeof(greenlet), sizeof(tasklet), sizeof(channel), sizeof(sl_frame));
    printf("switch cost, ns per one-way switch (%ld round trips):\n", rounds);
    printf("  %-26s %8s %8s %8s %8s\n", "call depth", "1", "10", "100", "1000");
    double switch_depth1 = 0;
    for (int kind = 0; kind < 2; kind++) {
        double r[4];
        for (int trial = 0; trial < 3; trial++) {
            int depth = 1;
            for (int d = 0; d < 4; d++, depth *= 10) {
                double v = kind == 0 ? root_switch(depth) : greenlet_pair(depth);
                if (trial == 0 || v < r[d])
                    r[d] = v;
            }
        }
        printf("  %-26s %8.2f %8.2f %8.2f %8.2f\n",
               kind == 0 ? "root <-> greenlet" : "greenlet <-> greenlet", r[0], r[1], r[2], r[3]);
        if (kind == 0)
            switch_depth1 = r[0];
    }
    double call = plain_call();
    for (int trial = 1; trial < 3; trial++) {
        double v = plain_call();
        if (v < call)
            call = v;
    }
    printf("plain call (not inlined): %.2f ns; a one-way switch (root <-> greenlet, depth 1) costs %.1f plain calls\n",
           call, switch_depth1 / call);
    for (int preference = -1; preference <= 1; preference += 2) {
        double best = 0;
        for (int trial = 0; trial < 3; trial++) {
            double v = channel_cost(preference);
            if (trial == 0 || v < best)
                best = v;
        }
        printf("channel send + receive (preference %+d): %.2f ns per value\n", preference, best);
    }
#ifdef __wasi__
    (void)full;
    printf("memory: not measured on WASI (no processes, no /proc)\n");
    return 0;
#else
    printf("memory:\n");
    fflush(stdout);
    char command[4096];
    /* Under an emulator (run.sh --run-with) a foreign binary runs only through it. */
    const char *runner = getenv("STACKLESS_TEST_RUN_WITH");
    runner = runner ? runner : "";
    snprintf(command, sizeof command, "%s '%s' memory %ld", runner, argv[0], quick ? 10000L : 1000000L);
    if (system(command) != 0)
        return 1;
    if (full) {
        snprintf(command, sizeof command, "%s '%s' memory 10000000", runner, argv[0]);
        if (system(command) != 0)
            return 1;
    }
    return 0;
#endif
}
