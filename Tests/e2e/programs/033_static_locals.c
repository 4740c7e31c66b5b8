/* static locals persisting across calls: counters, caches, generators. */
#include <stdio.h>

static int counter(void) {
    static int n;
    return ++n;
}

static unsigned next_random(void) {
    static unsigned state = 12345u;
    state = state * 1103515245u + 12345u;
    return (state >> 16) & 0x7fff;
}

static long fib_memo(int n) {
    static long cache[64];
    static int calls;
    if (n < 0) return calls; /* query the call count */
    calls++;
    if (n < 2) return n;
    if (cache[n]) return cache[n];
    return cache[n] = fib_memo(n - 1) + fib_memo(n - 2);
}

static int fib_calls(void) {
    /* a separate function with the same static name must not alias */
    static int calls = 500;
    return calls++;
}

static const char *ring(void) {
    static const char *const names[] = {"north", "east", "south", "west"};
    static int pos = 0;
    const char *r = names[pos];
    pos = (pos + 1) % 4;
    return r;
}

static int running_avg(int v) {
    static int sum, count;
    sum += v;
    count++;
    return sum / count;
}

int main(void) {
    for (int i = 0; i < 5; i++) printf("counter %d\n", counter());
    for (int i = 0; i < 6; i++) printf("random %u\n", next_random());
    for (int n = 10; n <= 60; n += 10) printf("fib(%d) = %ld\n", n, fib_memo(n));
    printf("fib_memo calls: %ld\n", fib_memo(-1));
    for (int i = 0; i < 6; i++) printf("ring %s\n", ring());
    for (int v = 0; v < 50; v += 7) printf("avg after %d: %d\n", v, running_avg(v));
    int fc1 = fib_calls();
    int fc2 = fib_calls();
    printf("fib_calls: %d %d\n", fc1, fc2);
    int c = counter();
    printf("final counter %d\n", c);
    return c;
}
