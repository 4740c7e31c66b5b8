/* Quickstart: a generator written as a plain loop. `produce` runs in its own greenlet and hands
 * each value to the consumer with greenlet_switch; the consumer (main, the root greenlet) pulls
 * values one at a time. `stackless cc` rewrites produce and yield_value so that they can suspend
 * in the middle of their loops; nothing here switches stacks. */
#include <greenlet.h>
#include <stdio.h>

static void yield_value(long value) {
    greenlet_switch(greenlet_parent(greenlet_current()), &value);
}

static void *produce(void *arg) {
    long limit = *(long *)arg;
    long a = 0, b = 1;
    while (a <= limit) {
        yield_value(a);
        long next = a + b;
        a = b;
        b = next;
    }
    return NULL;  /* finished: the parent's switch returns NULL */
}

int main(void) {
    long limit = 1000;
    greenlet *generator = greenlet_new(produce, NULL);
    long sum = 0;
    int count = 0;
    for (long *value = greenlet_switch(generator, &limit); value; value = greenlet_switch(generator, NULL)) {
        printf("%ld ", *value);
        sum += *value;
        count++;
    }
    printf("\n%d Fibonacci numbers up to %ld, sum %ld\n", count, limit, sum);
    return 0;
}
