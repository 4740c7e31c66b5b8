/*
 * C++20 coroutines: one coroutine per call level (a task that its caller co_awaits), started and
 * finished by symmetric transfer; a switch suspends the innermost coroutine (the leaf) and
 * transfers to the other side's leaf, or returns to the root's resume(). The root resumes a
 * leaf directly, so the cost does not grow with depth (the pattern of recursive generators).
 * Frames are heap-allocated by the compiler. Usage: bench_cxx20 all | memory N
 */
#include "bench.h"
#include <coroutine>
#include <exception>
#include <utility>

struct Task {
    struct promise_type;
    using handle = std::coroutine_handle<promise_type>;
    struct promise_type {
        long value = 0;
        std::coroutine_handle<> caller;  // the awaiting coroutine; none at the top
        Task get_return_object() { return Task(handle::from_promise(*this)); }
        std::suspend_always initial_suspend() noexcept { return {}; }
        struct Final {
            bool await_ready() noexcept { return false; }
            std::coroutine_handle<> await_suspend(handle h) noexcept {
                auto c = h.promise().caller;
                return c ? c : std::noop_coroutine();
            }
            void await_resume() noexcept {}
        };
        Final final_suspend() noexcept { return {}; }
        void return_value(long v) { value = v; }
        void unhandled_exception() { std::terminate(); }
    };
    handle h;
    explicit Task(handle h) : h(h) {}
    Task(Task &&o) : h(std::exchange(o.h, {})) {}
    ~Task() {
        if (h)
            h.destroy();
    }
    // co_await task: start it by symmetric transfer; its end transfers back.
    bool await_ready() { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) {
        h.promise().caller = awaiting;
        return h;
    }
    long await_resume() { return h.promise().value; }
};

enum { ROOT = 2 };
static std::coroutine_handle<> leaf[2];
static int stop, coro_mode;
static long remaining;

// Suspends the leaf `self` and transfers to the leaf `to`, or back to the root.
struct SwitchTo {
    int self, to;
    bool await_ready() noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) noexcept {
        leaf[self] = h;
        return to == ROOT ? std::noop_coroutine() : leaf[to];
    }
    void await_resume() noexcept {}
};

static NOINLINE Task bottom(int id) {
    long n = 0;
    co_await SwitchTo{id, ROOT};  // parked at the bottom: ready
    while (!stop) {
        if (coro_mode && --remaining >= 0)
            co_await SwitchTo{id, 1 - id};
        else
            co_await SwitchTo{id, ROOT};
        n++;
    }
    co_return n;
}

static NOINLINE Task descend(int depth, int id, long a, long b) {
    long x = a * 3 + depth, y = b ^ depth, z = x - y;
    long r;
    if (depth > 1)
        r = co_await descend(depth - 1, id, x, y);
    else
        r = co_await bottom(id);
    co_return (r ^ x) + y * z;
}

static void root_loop(long n, void *) {
    for (long i = 0; i < n; i += 4) {
        leaf[0].resume();
        leaf[1].resume();
    }
}

static void coro_loop(long n, void *) {
    remaining = n;
    leaf[0].resume();
}

static void switches(int depth) {
    char param[16];
    snprintf(param, sizeof param, "%d", depth);
    for (int mode = 0; mode < 2; mode++) {
        stop = 0;
        coro_mode = 0;
        Task top[2] = {descend(depth, 0, 0, 7), descend(depth, 1, 1, 7)};
        for (int i = 0; i < 2; i++)
            top[i].h.resume();  // runs down to the bottom and parks
        coro_mode = mode;
        double ns = bench_calibrated(mode ? coro_loop : root_loop, NULL, 1000);
        bench_result(mode ? "switch_coro" : "switch_root", param, ns);
        stop = 1;
        coro_mode = 0;
        for (int i = 0; i < 2; i++)
            while (!top[i].h.done())
                leaf[i].resume();
    }
}

static NOINLINE Task finish_at_once() { co_return 1; }

static void create_loop(long n, void *) {
    for (long i = 0; i < n; i++) {
        Task t = finish_at_once();
        t.h.resume();
    }
}

// Channel ping-pong: the semantics of common/pingpong.h (this project's channels with their
// default preference), written as awaiters: a blocking send or receive transfers to the next
// runnable task, or back to the root when none is.
struct PTask {
    PTask *next;
    void *inbox;
    std::coroutine_handle<> h;
};
struct Chan {
    PTask *waiter;
    bool sending;
    void *value;
};
static PTask *cur, *head, *tail;

static void ready(PTask *t) {
    t->next = nullptr;
    if (tail)
        tail->next = t;
    else
        head = t;
    tail = t;
}
static PTask *take() {
    PTask *t = head;
    if (t && !(head = t->next))
        tail = nullptr;
    return t;
}
static std::coroutine_handle<> block(std::coroutine_handle<> h) {
    cur->h = h;
    PTask *n = take();
    cur = n;
    return n ? n->h : std::noop_coroutine();
}

struct Send {
    Chan *c;
    void *value;
    bool await_ready() noexcept { return false; }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) noexcept {
        if (c->waiter && !c->sending) {  // a receiver waits: it runs now
            PTask *r = c->waiter;
            c->waiter = nullptr;
            r->inbox = value;
            cur->h = h;
            ready(cur);
            cur = r;
            return r->h;
        }
        c->waiter = cur;
        c->sending = true;
        c->value = value;
        return block(h);
    }
    void await_resume() noexcept {}
};

struct Receive {
    Chan *c;
    PTask *self = nullptr;
    void *value = nullptr;
    bool await_ready() noexcept {
        if (c->waiter && c->sending) {  // a sender waits: take its value
            ready(c->waiter);
            c->waiter = nullptr;
            value = c->value;
            return true;
        }
        return false;
    }
    std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) noexcept {
        self = cur;
        c->waiter = cur;
        c->sending = false;
        return block(h);
    }
    void *await_resume() noexcept { return self ? self->inbox : value; }
};

static Chan there, back;
static PTask ptasks[2];
static long messages, received;

static NOINLINE Task pp_main(int id) {
    for (long i = 0; i < messages; i += 2) {
        if (id == 1) {
            co_await Send{&there, (void *)i};
            received += (long)co_await Receive{&back};
        } else {
            co_await Send{&back, co_await Receive{&there}};
        }
    }
    co_return 0;
}

static void channel_loop(long n, void *) {
    messages = n;
    received = 0;
    Task t0 = pp_main(0), t1 = pp_main(1);
    ptasks[0].h = t0.h;
    ptasks[1].h = t1.h;
    ready(&ptasks[0]);
    ready(&ptasks[1]);
    while (PTask *t = take()) {
        cur = t;
        t->h.resume();
    }
    long expected = 0;
    for (long i = 0; i < n; i += 2)
        expected += i;
    if (received != expected || !t0.h.done() || !t1.h.done()) {
        fprintf(stderr, "channel ping-pong failed\n");
        exit(1);
    }
}

static NOINLINE Task parked() {
    co_await std::suspend_always{};
    co_return 0;
}

static void memory(long n) {
    Task::handle *hs = (Task::handle *)malloc((size_t)n * sizeof *hs);
    memset((void *)hs, 0, (size_t)n * sizeof *hs);  // the handles: resident before the baseline
    long before = bench_rss();
    for (long i = 0; i < n; i++) {
        Task t = parked();
        t.h.resume();
        hs[i] = std::exchange(t.h, {});
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
