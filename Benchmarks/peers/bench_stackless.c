/*
 * This project's greenlets (and tasklets/channels): built with `stackless cc -O2`, which rewrites
 * the functions below that may suspend into resumable C. Usage:
 *   bench_stackless all          switch_root, switch_coro (depth 1, 10, 100, 1000), create, channel,
 *                                generator and its plain loop
 *   bench_stackless memory N     N greenlets, each suspended one call deep
 *   bench_stackless count W P N  runs workload W (switch_root, switch_coro, channel, schedule,
 *                                create) with parameter P (the call depth, or -) exactly N times,
 *                                untimed: for instruction counts (Benchmarks/instructions.sh)
 */
#include "bench.h"
#include <greenlet.h>
#include <tasklet.h>

static greenlet *root;
static greenlet *coro[2];
static int stop;          /* set to let the coroutines return */
static int coro_mode;     /* 0: switch to the root; 1: switch to the other coroutine */
static long remaining;    /* coroutine <-> coroutine switches left before going back to the root */

/* The bottom of the recursion: switch until told to stop. */
static NOINLINE long bottom(int id) {
    long n = 0;
    greenlet_switch(root, NULL);  /* parked at the bottom: ready */
    while (!stop) {
        if (coro_mode && --remaining >= 0)
            greenlet_switch(coro[1 - id], NULL);
        else
            greenlet_switch(root, NULL);
        n++;
    }
    return n;
}

/* One frame of the recursion, with a few locals live across the call. */
static NOINLINE long descend(int depth, int id, long a, long b) {
    long x = a * 3 + depth, y = b ^ depth, z = x - y;
    long r = depth > 1 ? descend(depth - 1, id, x, y) : bottom(id);
    return (r ^ x) + y * z;  /* not an accumulation: stays a real recursion */
}

static int depth_arg;
static void *coroutine_main(void *arg) {
    int id = (int)(long)arg;
    return (void *)descend(depth_arg, id, id, 7);
}

static void root_loop(long n, void *ctx) {
    (void)ctx;
    for (long i = 0; i < n; i += 4) {  /* 4 one-way switches per turn */
        greenlet_switch(coro[0], NULL);
        greenlet_switch(coro[1], NULL);
    }
}

static void coro_loop(long n, void *ctx) {
    (void)ctx;
    remaining = n;
    greenlet_switch(coro[0], NULL);  /* comes back when the budget is spent */
}

/* Two coroutines, each parked at the bottom of a recursion `depth` calls deep. */
static void switch_setup(int depth, int mode) {
    depth_arg = depth;
    stop = 0;
    coro_mode = 0;
    for (int i = 0; i < 2; i++) {
        coro[i] = greenlet_new(coroutine_main, root);
        greenlet_switch(coro[i], (void *)(long)i);  /* runs down to the bottom and parks */
    }
    coro_mode = mode;
}

static void switch_teardown(void) {
    stop = 1;
    coro_mode = 0;
    for (int i = 0; i < 2; i++) {
        while (!greenlet_dead(coro[i]))
            greenlet_switch(coro[i], NULL);
        greenlet_free(coro[i]);
    }
}

static void switches(int depth) {
    char param[16];
    snprintf(param, sizeof param, "%d", depth);
    for (int mode = 0; mode < 2; mode++) {
        switch_setup(depth, mode);
        double ns = mode ? bench_calibrated(coro_loop, NULL, 1000)
                         : bench_calibrated(root_loop, NULL, 1000);
        bench_result(mode ? "switch_coro" : "switch_root", param, ns);
        switch_teardown();
    }
}

static void *finish_at_once(void *arg) { return arg; }

static void create_loop(long n, void *ctx) {
    (void)ctx;
    for (long i = 0; i < n; i++) {
        greenlet *g = greenlet_new(finish_at_once, root);
        greenlet_switch(g, NULL);
        greenlet_free(g);
    }
}

/* Channel ping-pong: ping sends on `there`, pong answers on `back` (default preference: a send
 * to a waiting receiver runs the receiver at once). */
static channel *there, *back;
static long messages, received;
static void *ping(void *arg) {
    (void)arg;
    for (long i = 0; i < messages; i += 2) {
        channel_send(there, (void *)i);
        received += (long)channel_receive(back);
    }
    return NULL;
}
static void *pong(void *arg) {
    (void)arg;
    for (long i = 0; i < messages; i += 2)
        channel_send(back, channel_receive(there));
    return NULL;
}

static void channel_loop(long n, void *ctx) {
    (void)ctx;
    scheduler *s = scheduler_new();
    there = channel_new("there");
    back = channel_new("back");
    messages = n;
    received = 0;
    tasklet_new(s, pong, NULL);
    tasklet_new(s, ping, NULL);
    long expected = 0;
    for (long i = 0; i < n; i += 2)
        expected += i;
    if (scheduler_run(s) != 0 || received != expected) {
        fprintf(stderr, "channel ping-pong failed\n");
        exit(1);
    }
    channel_free(there);
    channel_free(back);
    scheduler_free(s);
}

/* tasklet_schedule round robin: two tasklets yield to each other, n yields in all. */
static long yields;
static void *yielder(void *arg) {
    (void)arg;
    for (long i = 0; i < yields; i += 2)
        tasklet_schedule();
    return NULL;
}

static void schedule_loop(long n, void *ctx) {
    (void)ctx;
    scheduler *s = scheduler_new();
    yields = n;
    tasklet_new(s, yielder, NULL);
    tasklet_new(s, yielder, NULL);
    if (scheduler_run(s) != 0) {
        fprintf(stderr, "tasklet_schedule round robin failed\n");
        exit(1);
    }
    scheduler_free(s);
}

/* Work between switches: a generator computes each value in its loop (rounds of a hash, with
 * divisions by constants), which after its first switch runs in its resume entry; the same rounds
 * in a loop that never switches are the baseline. The difference per value is the round trip of
 * switches, and no more when the resume entry is compiled as well as the normal one. */
enum { GENERATOR_ROUNDS = 4 };
static unsigned long generated;  /* every value is summed here: the work cannot be dropped */

static inline unsigned long generator_step(unsigned long x) {
    for (int k = 0; k < GENERATOR_ROUNDS; k++)
        x = x * 6364136223846793005ul + x / 7 + x % 1000003;
    return x;
}

static void *generator(void *arg) {
    unsigned long x = (unsigned long)arg;
    for (;;) {
        x = generator_step(x);
        greenlet_switch(root, (void *)x);
        if (greenlet_error())   /* GREENLET_EXIT from greenlet_free */
            return NULL;
    }
}

static void generator_loop(long n, void *ctx) {
    greenlet *g = ctx;
    unsigned long sum = 0;
    for (long i = 0; i < n; i++)
        sum += (unsigned long)greenlet_switch(g, NULL);
    generated += sum;
}

static void generator_plain_loop(long n, void *ctx) {
    (void)ctx;
    unsigned long x = generated | 1, sum = 0;
    for (long i = 0; i < n; i++) {
        x = generator_step(x);
        sum += x;
    }
    generated += sum;
}

static void generators(void) {
    greenlet *g = greenlet_new(generator, root);
    greenlet_switch(g, (void *)1ul);  /* started: later values come from its resume entry */
    bench_result("generator", "-", bench_calibrated(generator_loop, g, 1000));
    greenlet_free(g);
    bench_result("generator_plain", "-", bench_calibrated(generator_plain_loop, NULL, 1000));
}

/* One workload run exactly n times, untimed (instructions.sh counts two lengths and divides the
 * difference by the operations added, so that setup and teardown cancel out). */
static int count(const char *workload, const char *param, long n) {
    if (strcmp(workload, "switch_root") == 0 || strcmp(workload, "switch_coro") == 0) {
        int coro = strcmp(workload, "switch_coro") == 0;
        switch_setup(atoi(param), coro);
        if (coro)
            coro_loop(n, NULL);
        else
            root_loop(n, NULL);
        switch_teardown();
    } else if (strcmp(workload, "channel") == 0) {
        channel_loop(n, NULL);
    } else if (strcmp(workload, "schedule") == 0) {
        schedule_loop(n, NULL);
    } else if (strcmp(workload, "create") == 0) {
        create_loop(n, NULL);
    } else {
        fprintf(stderr, "count: unknown workload %s\n", workload);
        return 2;
    }
    return 0;
}

/* Memory: n greenlets, each suspended one call deep. */
static void *parked(void *arg) {
    greenlet_switch(root, arg);
    return arg;
}

static void memory(long n) {
    greenlet **gs = malloc((size_t)n * sizeof *gs);
    memset(gs, 0, (size_t)n * sizeof *gs);  /* resident before the baseline */
    long before = bench_rss();
    for (long i = 0; i < n; i++) {
        gs[i] = greenlet_new(parked, root);
        greenlet_switch(gs[i], NULL);
    }
    long after = bench_rss();
    char param[24];
    snprintf(param, sizeof param, "%ld", n);
    bench_result("memory", param, (double)(after - before) / (double)n);
}

int main(int argc, char **argv) {
    root = greenlet_current();
    if (argc > 2 && strcmp(argv[1], "memory") == 0) {
        memory(atol(argv[2]));
        return 0;
    }
    if (argc > 4 && strcmp(argv[1], "count") == 0)
        return count(argv[2], argv[3], atol(argv[4]));
    for (int depth = 1; depth <= 1000; depth *= 10)
        switches(depth);
    bench_result("create", "-", bench_calibrated(create_loop, NULL, 1000));
    bench_result("channel", "-", bench_calibrated(channel_loop, NULL, 1000));
    generators();
    return 0;
}
