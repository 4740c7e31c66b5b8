/*
 * glibc ucontext: makecontext/swapcontext, a malloc'd stack per coroutine (swapcontext also
 * saves and restores the signal mask: a system call per switch). Usage: bench_ucontext all | memory N
 */
#include "bench.h"
#include <ucontext.h>
#include "pingpong.h"

#define SWITCH_STACK (256 * 1024)  /* room for the depth-1000 recursion */
#define SMALL_STACK (16 * 1024)    /* create and memory: the smallest usual size */

static ucontext_t root_ctx, ctx[2];
static char *stacks[2];
static int stop, coro_mode, done[2];
static long remaining;

static NOINLINE long bottom(int id) {
    long n = 0;
    swapcontext(&ctx[id], &root_ctx);  /* parked at the bottom: ready */
    while (!stop) {
        if (coro_mode && --remaining >= 0)
            swapcontext(&ctx[id], &ctx[1 - id]);
        else
            swapcontext(&ctx[id], &root_ctx);
        n++;
    }
    return n;
}

static NOINLINE long descend(int depth, int id, long a, long b) {
    long x = a * 3 + depth, y = b ^ depth, z = x - y;
    long r = depth > 1 ? descend(depth - 1, id, x, y) : bottom(id);
    return (r ^ x) + y * z;  /* not an accumulation: stays a real recursion */
}

static int depth_arg;
static void coroutine_main(int id) {
    descend(depth_arg, id, id, 7);
    done[id] = 1;  /* returns to uc_link, the root */
}

static void root_loop(long n, void *arg) {
    (void)arg;
    for (long i = 0; i < n; i += 4) {
        swapcontext(&root_ctx, &ctx[0]);
        swapcontext(&root_ctx, &ctx[1]);
    }
}

static void coro_loop(long n, void *arg) {
    (void)arg;
    remaining = n;
    swapcontext(&root_ctx, &ctx[0]);
}

static void switches(int depth) {
    char param[16];
    snprintf(param, sizeof param, "%d", depth);
    for (int mode = 0; mode < 2; mode++) {
        depth_arg = depth;
        stop = 0;
        coro_mode = 0;
        for (int i = 0; i < 2; i++) {
            done[i] = 0;
            getcontext(&ctx[i]);
            ctx[i].uc_stack.ss_sp = stacks[i];
            ctx[i].uc_stack.ss_size = SWITCH_STACK;
            ctx[i].uc_link = &root_ctx;
            makecontext(&ctx[i], (void (*)(void))coroutine_main, 1, i);
            swapcontext(&root_ctx, &ctx[i]);
        }
        coro_mode = mode;
        double ns = bench_calibrated(mode ? coro_loop : root_loop, NULL, 1000);
        bench_result(mode ? "switch_coro" : "switch_root", param, ns);
        stop = 1;
        coro_mode = 0;
        for (int i = 0; i < 2; i++)
            while (!done[i])
                swapcontext(&root_ctx, &ctx[i]);
    }
}

static ucontext_t one;
static void finish_at_once(void) {}

static void create_loop(long n, void *arg) {
    (void)arg;
    for (long i = 0; i < n; i++) {
        char *stack = malloc(SMALL_STACK);
        getcontext(&one);
        one.uc_stack.ss_sp = stack;
        one.uc_stack.ss_size = SMALL_STACK;
        one.uc_link = &root_ctx;
        makecontext(&one, finish_at_once, 0);
        swapcontext(&root_ctx, &one);
        free(stack);
    }
}

/* Channel ping-pong over pingpong.h: pong (task 0) answers ping (task 1). */
static pp_chan there, back;
static pp_task tasks[2];
static long messages, received;

static void pp_switch(pp_task *from, pp_task *to) {
    swapcontext(from ? &ctx[from->id] : &root_ctx, to ? &ctx[to->id] : &root_ctx);
}

static void pp_main(int id) {
    for (long i = 0; i < messages; i += 2) {
        if (id == 1) {
            pp_send(&there, (void *)i);
            received += (long)pp_receive(&back);
        } else {
            pp_send(&back, pp_receive(&there));
        }
    }
    pp_task *next = pp_finish();
    if (next)
        setcontext(&ctx[next->id]);
}  /* else back to uc_link, the root */

static void channel_loop(long n, void *arg) {
    (void)arg;
    messages = n;
    received = 0;
    for (int i = 0; i < 2; i++) {
        getcontext(&ctx[i]);
        ctx[i].uc_stack.ss_sp = stacks[i];
        ctx[i].uc_stack.ss_size = SWITCH_STACK;
        ctx[i].uc_link = &root_ctx;
        makecontext(&ctx[i], (void (*)(void))pp_main, 1, i);
        tasks[i].id = i;
        pp_ready(&tasks[i]);
    }
    pp_run();
    pp_check(n, received);
}

/* Memory: each coroutine needs its context (~1 KB with the FP state) and a stack. */
static ucontext_t *parked_ctx;
static void parked(int i) { swapcontext(&parked_ctx[i], &root_ctx); }

static void memory(long n) {
    parked_ctx = malloc((size_t)n * sizeof *parked_ctx);  /* untouched: counted */
    long before = bench_rss();
    for (long i = 0; i < n; i++) {
        char *stack = malloc(SMALL_STACK);
        getcontext(&parked_ctx[i]);
        parked_ctx[i].uc_stack.ss_sp = stack;
        parked_ctx[i].uc_stack.ss_size = SMALL_STACK;
        parked_ctx[i].uc_link = &root_ctx;
        makecontext(&parked_ctx[i], (void (*)(void))parked, 1, (int)i);
        swapcontext(&root_ctx, &parked_ctx[i]);
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
    for (int i = 0; i < 2; i++)
        stacks[i] = malloc(SWITCH_STACK);
    for (int depth = 1; depth <= 1000; depth *= 10)
        switches(depth);
    bench_result("create", "-", bench_calibrated(create_loop, NULL, 1000));
    bench_result("channel", "-", bench_calibrated(channel_loop, NULL, 1000));
    return 0;
}
