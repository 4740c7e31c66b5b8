/* setjmp in every position C allows (whole condition, compared with a constant, under !, as a
 * statement, as a switch's controlling expression), _setjmp/_longjmp, sigsetjmp/siglongjmp with
 * and without the mask, longjmp with 0 (setjmp returns 1), a retry loop around setjmp, and
 * two setjmp calls in one function. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

static jmp_buf global_jb;
static int calls;

static void thrower(jmp_buf jb, int v) {
    calls++;
    longjmp(jb, v);
}

static int bump(int x) { return x + 1; }

static int retry(void) {
    jmp_buf jb;
    volatile int attempts = 0;
    if (setjmp(jb) != 0 && attempts >= 4)
        return attempts * 10;
    attempts = bump(attempts);
    thrower(jb, attempts);
    return -1;
}

static int negated(void) {
    jmp_buf jb;
    if (!setjmp(jb)) {
        thrower(jb, 0);                 /* longjmp(jb, 0) makes setjmp return 1 */
        return -1;
    }
    return 7;
}

static int as_statement(void) {
    volatile int passes = 0;
    setjmp(global_jb);
    passes = bump(passes);
    if (passes < 3)
        thrower(global_jb, 5);
    return passes;
}

static const char *classify(int code) {
    jmp_buf jb;
    switch (setjmp(jb)) {
    case 0:
        thrower(jb, code);
        return "unreachable";
    case 1: return "one";
    case 2: return "two";
    default: return "many";
    }
}

static int underscore(void) {
    jmp_buf jb;
    volatile int n = 0;
    if (_setjmp(jb) < 3) {
        n = bump(n);
        _longjmp(jb, n);
    }
    return n;
}

static int with_mask(int savemask) {
    sigjmp_buf jb;
    sigset_t set, now;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    if (sigsetjmp(jb, savemask) == 0) {
        sigprocmask(SIG_BLOCK, &set, NULL);
        calls = bump(calls);
        siglongjmp(jb, 1);
    }
    sigprocmask(SIG_SETMASK, NULL, &now);
    int blocked = sigismember(&now, SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    return blocked;
}

static int two_sites(int which) {
    jmp_buf first, second;
    volatile int path = 0;
    if (setjmp(first)) {
        path += 100;
        return path;
    }
    path = bump(path);
    if (setjmp(second)) {
        path += 10;
        thrower(first, 1);
    }
    path = bump(path);
    thrower(which ? second : first, 1);
    return -1;
}

int main(void) {
    printf("retry %d\n", retry());
    printf("negated %d\n", negated());
    printf("statement %d\n", as_statement());
    printf("classify %s %s %s\n", classify(1), classify(2), classify(9));
    printf("underscore %d\n", underscore());
    printf("mask kept blocked: %d, restored: %d\n", with_mask(0), with_mask(1));
    printf("two sites %d %d\n", two_sites(0), two_sites(1));
    printf("calls %d\n", calls);
    return 0;
}
