/*
 * The stack-copying baseline (stackcopy/): coroutines on one shared stack, the used slice copied
 * to the heap and back when another coroutine takes the stack. The root resumes two coroutines
 * in turn, so every switch in copies one slice back and saves the other's. Asymmetric (as
 * libaco): no coroutine <-> coroutine switch. Usage: bench_stackcopy all | memory N
 */
#include "bench.h"
#include "stackcopy/stackcopy.h"
#include "pingpong.h"

static sc_coro *coro[2];
static int stop;

static long bottom_count[2];

static NOINLINE long bottom(int id) {
    long n = 0;
    sc_yield(NULL);  /* parked at the bottom: ready */
    while (!stop) {
        sc_yield(NULL);
        n++;
    }
    bottom_count[id] = n;
    return n;
}

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

/* The same recursion without coroutines: a coroutine's result must equal it, or a copied stack
 * lost a local. */
static long expected(int depth, long a, long b, long n) {
    long x = a * 3 + depth, y = b ^ depth, z = x - y;
    long r = depth > 1 ? expected(depth - 1, x, y, n) : n;
    return (r ^ x) + y * z;
}

static void root_loop(long n, void *ctx) {
    (void)ctx;
    for (long i = 0; i < n; i += 4) {
        sc_resume(coro[0], NULL);
        sc_resume(coro[1], NULL);
    }
}

static void switches(int depth) {
    char param[16];
    snprintf(param, sizeof param, "%d", depth);
    depth_arg = depth;
    stop = 0;
    for (int i = 0; i < 2; i++) {
        coro[i] = sc_new(coroutine_main);
        sc_resume(coro[i], (void *)(long)i);
    }
    bench_result("switch_root", param, bench_calibrated(root_loop, NULL, 1000));
    stop = 1;
    for (int i = 0; i < 2; i++) {
        long result = 0;
        while (!sc_dead(coro[i]))
            result = (long)sc_resume(coro[i], NULL);
        if (result != expected(depth, i, 7, bottom_count[i])) {
            fprintf(stderr, "stackcopy: coroutine %d at depth %d returned a wrong result\n", i, depth);
            exit(1);
        }
        sc_free(coro[i]);
    }
}

static void *finish_at_once(void *arg) { return arg; }

static void create_loop(long n, void *ctx) {
    (void)ctx;
    for (long i = 0; i < n; i++) {
        sc_coro *c = sc_new(finish_at_once);
        sc_resume(c, NULL);
        sc_free(c);
    }
}

/* Channel ping-pong over pingpong.h: pong (task 0) answers ping (task 1). Asymmetric: a task
 * switches to another through the root, which resumes whichever task the yield names. */
static pp_chan there, back;
static pp_task tasks[2];
static long messages, received;

static void pp_switch(pp_task *from, pp_task *to) {
    if (from) {
        sc_yield(to);
        return;
    }
    while (to)
        to = sc_resume(coro[to->id], NULL);
}

static void *pp_main(void *arg) {
    int id = (int)(long)arg;
    sc_yield(NULL);  /* started: now wait for the scheduler */
    for (long i = 0; i < messages; i += 2) {
        if (id == 1) {
            pp_send(&there, (void *)i);
            received += (long)pp_receive(&back);
        } else {
            pp_send(&back, pp_receive(&there));
        }
    }
    return pp_finish();
}

static void channel_loop(long n, void *ctx) {
    (void)ctx;
    messages = n;
    received = 0;
    for (int i = 0; i < 2; i++) {
        coro[i] = sc_new(pp_main);
        sc_resume(coro[i], (void *)(long)i);
        tasks[i].id = i;
        pp_ready(&tasks[i]);
    }
    pp_run();
    pp_check(n, received);
    for (int i = 0; i < 2; i++)
        sc_free(coro[i]);
}

static void *parked(void *arg) {
    sc_yield(arg);
    return arg;
}

static void memory(long n) {
    sc_coro **cs = malloc((size_t)n * sizeof *cs);
    memset(cs, 0, (size_t)n * sizeof *cs);
    sc_free(sc_new(parked));  /* maps the shared stack before the baseline */
    long before = bench_rss();
    for (long i = 0; i < n; i++) {
        cs[i] = sc_new(parked);
        sc_resume(cs[i], NULL);
    }
    long after = bench_rss();
    char param[24];
    snprintf(param, sizeof param, "%ld", n);
    bench_result("memory", param, (double)(after - before) / (double)n);
}

int main(int argc, char **argv) {
    if (argc > 2 && strcmp(argv[1], "memory") == 0) {
        memory(atol(argv[2]));
        return 0;
    }
    for (int depth = 1; depth <= 1000; depth *= 10)
        switches(depth);
    bench_result("create", "-", bench_calibrated(create_loop, NULL, 1000));
    bench_result("channel", "-", bench_calibrated(channel_loop, NULL, 1000));
    return 0;
}
