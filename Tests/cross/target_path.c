/*
 * A program whose only suspending path exists on the target: `step` switches under the target's
 * own macro (and where `long` has the target's size), so it is transformed only when the transform
 * parses for the target (CC=aarch64-linux-gnu-gcc stackless cc ...). Parsed for the host, `step`
 * would be left as written and its switch could not suspend it. Exits 0 when every switch the
 * target's compiler compiled happened, in order.
 */
#include <greenlet.h>
#include <stdio.h>

static greenlet *consumer;

#if defined(__aarch64__) || defined(__riscv) || defined(__i386__) || defined(__s390x__) || defined(__wasm__)
#define TARGET_PATH 1
#else
#define TARGET_PATH 0
#endif

/* On a 32-bit target long is 4 bytes; the switch below is written for that target's width. */
#if __SIZEOF_LONG__ == 4
#define WIDTH_PATH 1
#else
#define WIDTH_PATH 0
#endif

static long step(long i) {
#if TARGET_PATH
    greenlet_switch(consumer, (void *)i);
#endif
#if WIDTH_PATH
    greenlet_switch(consumer, (void *)(i + 1000));
#endif
    return i;
}

static void *produce(void *arg) {
    long n = (long)arg, sum = 0;
    for (long i = 1; i <= n; i++)
        sum += step(i);
    return (void *)sum;
}

int main(void) {
    consumer = greenlet_current();
    greenlet *g = greenlet_new(produce, NULL);
    void *v = greenlet_switch(g, (void *)5L);
    int switches = 0, in_order = 1;
    while (!greenlet_dead(g)) {
        long expected = WIDTH_PATH && TARGET_PATH ? (switches % 2 ? 1000 : 0) + switches / 2 + 1
                        : switches + 1 + (TARGET_PATH ? 0 : 1000);
        in_order &= (long)v == expected;
        printf("%ld ", (long)v);
        switches++;
        v = greenlet_switch(g, NULL);
    }
    printf("\nsum %ld after %d switches, long is %d bytes\n", (long)v, switches, (int)sizeof(long));
    greenlet_free(g);
    return in_order && switches == 5 * (TARGET_PATH + WIDTH_PATH) && (long)v == 15 ? 0 : 1;
}
