/* Protected calls in the shape of an interpreter's (Lua's luaD_rawrunprotected): a setjmp in one
 * function, the longjmp deep in a callee, after one call or after many; nested protected calls
 * (an inner one catches its own errors, passes none outward, and an outer error crosses it);
 * volatile locals changed after setjmp; address-taken locals in the frames a longjmp discards;
 * many protected calls in a loop. */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

struct handler {
    struct handler *previous;
    jmp_buf jb;
    volatile int status;
};

static struct handler *current_handler;
static int depth_reached;

static void raise_error(int status) {
    current_handler->status = status;
    longjmp(current_handler->jb, 1);
}

typedef void (*protected_fn)(void *ud);

static int run_protected(protected_fn f, void *ud) {
    struct handler h;
    h.previous = current_handler;
    h.status = 0;
    current_handler = &h;
    if (setjmp(h.jb) == 0)
        f(ud);
    current_handler = h.previous;
    return h.status;
}

static int recurse(int n, int fail_at) {
    char scratch[32];                       /* an array in every discarded frame */
    snprintf(scratch, sizeof scratch, "level %d", n);
    depth_reached = n;
    if (n == fail_at)
        raise_error(100 + n);
    if (n == 0)
        return (int)strlen(scratch);
    return recurse(n - 1, fail_at) + 1;
}

struct job { int depth, fail_at, result; };

static void run_job(void *ud) {
    struct job *j = ud;
    j->result = recurse(j->depth, j->fail_at);
}

static void inner_protected(void *ud) {
    struct job *j = ud;
    struct job inner = {5, 2, -1};
    int status = run_protected(run_job, &inner);
    printf("  inner status %d, inner result %d\n", status, inner.result);
    j->result = recurse(j->depth, j->fail_at);  /* may fail outside the inner protected call */
}

static void volatile_locals(void) {
    jmp_buf jb;
    volatile int counter = 0;
    volatile long sum = 1;
    int unchanged = 42;
    int r = setjmp(jb);
    if (r < 5) {
        counter++;
        sum = sum * 3 + r;
        recurse(3, -1);                     /* calls between the setjmp and the longjmp */
        longjmp(jb, r + 1);
    }
    printf("volatile: r=%d counter=%d sum=%ld unchanged=%d\n", r, counter, sum, unchanged);
}

int main(void) {
    struct job j1 = {1, 1, -1}, j2 = {40, 3, -1}, j3 = {8, -1, -1};
    int status = run_protected(run_job, &j1);
    printf("fail at once: status %d result %d\n", status, j1.result);
    status = run_protected(run_job, &j2);
    printf("fail deep: status %d result %d depth %d\n", status, j2.result, depth_reached);
    status = run_protected(run_job, &j3);
    printf("no failure: status %d result %d\n", status, j3.result);

    struct job nested_ok = {4, -1, -1}, nested_fail = {6, 1, -1};
    printf("nested:\n");
    status = run_protected(inner_protected, &nested_ok);
    printf(" outer status %d result %d\n", status, nested_ok.result);
    status = run_protected(inner_protected, &nested_fail);
    printf(" outer status %d result %d\n", status, nested_fail.result);

    volatile_locals();

    long total = 0;
    for (int i = 0; i < 2000; i++) {
        struct job j = {i % 13, i % 7 == 0 ? i % 5 : -1, 0};
        total += run_protected(run_job, &j) + j.result;
    }
    printf("loop total %ld\n", total);
    printf("handler restored: %s\n", current_handler == NULL ? "yes" : "no");
    return 0;
}
