/*
 * Boost.Context's fcontext (libboost-context-dev): jump_fcontext, the register switch under
 * boost::context::fiber, on malloc'd stacks. A jump hands over the context of the side that
 * left; each side records it. Usage: bench_boost all | memory N
 */
#include "bench.h"
#include <boost/context/detail/fcontext.hpp>
#include <cstdint>
#include "pingpong.h"

using boost::context::detail::fcontext_t;
using boost::context::detail::jump_fcontext;
using boost::context::detail::make_fcontext;
using boost::context::detail::transfer_t;

enum { ROOT = 2 };
static const std::size_t SWITCH_STACK = 256 * 1024;  // room for the depth-1000 recursion
static const std::size_t SMALL_STACK = 16 * 1024;    // create and memory

static fcontext_t ctx[3];  // the two coroutines and the root
static char *stacks[2];
static int stop, coro_mode, done[2], starting_id, depth_arg;
static long remaining;

// Switches from `self` to `to`; when someone switches back, records where they left.
static inline void jump(int self, int to) {
    transfer_t t = jump_fcontext(ctx[to], (void *)(intptr_t)self);
    ctx[(intptr_t)t.data] = t.fctx;
}

static NOINLINE long bottom(int id) {
    long n = 0;
    jump(id, ROOT);  // parked at the bottom: ready
    while (!stop) {
        if (coro_mode && --remaining >= 0)
            jump(id, 1 - id);
        else
            jump(id, ROOT);
        n++;
    }
    return n;
}

static NOINLINE long descend(int depth, int id, long a, long b) {
    long x = a * 3 + depth, y = b ^ depth, z = x - y;
    long r = depth > 1 ? descend(depth - 1, id, x, y) : bottom(id);
    return (r ^ x) + y * z;  // not an accumulation: stays a real recursion
}

static void coroutine_main(transfer_t t) {
    int id = starting_id;
    ctx[(intptr_t)t.data] = t.fctx;
    descend(depth_arg, id, id, 7);
    done[id] = 1;
    jump(id, ROOT);  // never resumed
}

static void root_loop(long n, void *) {
    for (long i = 0; i < n; i += 4) {
        jump(ROOT, 0);
        jump(ROOT, 1);
    }
}

static void coro_loop(long n, void *) {
    remaining = n;
    jump(ROOT, 0);
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
            starting_id = i;
            ctx[i] = make_fcontext(stacks[i] + SWITCH_STACK, SWITCH_STACK, coroutine_main);
            jump(ROOT, i);
        }
        coro_mode = mode;
        double ns = bench_calibrated(mode ? coro_loop : root_loop, NULL, 1000);
        bench_result(mode ? "switch_coro" : "switch_root", param, ns);
        stop = 1;
        coro_mode = 0;
        for (int i = 0; i < 2; i++)
            while (!done[i])
                jump(ROOT, i);
    }
}

static void finish_at_once(transfer_t t) {
    jump_fcontext(t.fctx, nullptr);  // finished: back for good
}

static void create_loop(long n, void *) {
    for (long i = 0; i < n; i++) {
        char *stack = (char *)malloc(SMALL_STACK);
        fcontext_t c = make_fcontext(stack + SMALL_STACK, SMALL_STACK, finish_at_once);
        jump_fcontext(c, nullptr);
        free(stack);
    }
}

// Channel ping-pong over pingpong.h: pong (task 0) answers ping (task 1).
static pp_chan there, back;
static pp_task tasks[2];
static long messages, received;

static void pp_switch(pp_task *from, pp_task *to) { jump(from ? from->id : ROOT, to ? to->id : ROOT); }

static void pp_main(transfer_t t) {
    int id = starting_id;
    ctx[(intptr_t)t.data] = t.fctx;
    jump(id, ROOT);  // started: now wait for the scheduler
    for (long i = 0; i < messages; i += 2) {
        if (id == 1) {
            pp_send(&there, (void *)i);
            received += (long)pp_receive(&back);
        } else {
            pp_send(&back, pp_receive(&there));
        }
    }
    pp_task *next = pp_finish();
    jump(id, next ? next->id : ROOT);  // never resumed
}

static void channel_loop(long n, void *) {
    messages = n;
    received = 0;
    for (int i = 0; i < 2; i++) {
        ctx[i] = make_fcontext(stacks[i] + SWITCH_STACK, SWITCH_STACK, pp_main);
        starting_id = i;
        jump(ROOT, i);  // starts it: it records its id and comes back
        tasks[i].id = i;
        pp_ready(&tasks[i]);
    }
    pp_run();
    pp_check(n, received);
}

static fcontext_t *parked_ctx;
static void parked(transfer_t t) {
    for (;;)
        t = jump_fcontext(t.fctx, nullptr);
}

static void memory(long n) {
    parked_ctx = (fcontext_t *)malloc((size_t)n * sizeof *parked_ctx);
    memset(parked_ctx, 0, (size_t)n * sizeof *parked_ctx);  // the handles: resident before the baseline
    long before = bench_rss();
    for (long i = 0; i < n; i++) {
        char *stack = (char *)malloc(SMALL_STACK);
        fcontext_t c = make_fcontext(stack + SMALL_STACK, SMALL_STACK, parked);
        parked_ctx[i] = jump_fcontext(c, nullptr).fctx;
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
        stacks[i] = (char *)malloc(SWITCH_STACK);
    for (int depth = 1; depth <= 1000; depth *= 10)
        switches(depth);
    bench_result("create", "-", bench_calibrated(create_loop, NULL, 1000));
    bench_result("channel", "-", bench_calibrated(channel_loop, NULL, 1000));
    return 0;
}
