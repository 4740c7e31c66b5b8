/* main returns the result of a call chain directly; the status is computed deep inside. */
#include <stdio.h>

static int verify(int x);
static int stage3(int x) { return x % 2 ? verify(x * 3 + 1) : verify(x / 2); }
static int stage2(int x) { return stage3(x) + 1; }
static int stage1(int x) { printf("stage1(%d)\n", x); return stage2(x) * 2; }
static int verify(int x) { return x > 100 ? 100 : x; }

static int compute(int seed) {
    int acc = 0;
    for (int i = 0; i < 5; i++) acc += stage1(seed + i);
    printf("compute(%d) = %d\n", seed, acc);
    return acc;
}

static int status_of(int v) { return v % 200 + 17; }

/* the same value computed through a chain of returns of returns */
static int pass5(int v) { return v; }
static int pass4(int v) { return pass5(v) + 0; }
static int pass3(int v) { return pass4(pass4(v)); }
static int pass2(int v) { return v < 0 ? pass3(-v) : pass3(v); }
static int pass1(int v) { return pass2(pass2(v)); }

static int checked(int v) {
    int again = pass1(v);
    if (again != v) {
        printf("mismatch %d vs %d\n", again, v);
        return -1;
    }
    return v;
}

int main(void) {
    return status_of(checked(compute(compute(3) % 50)));
}
