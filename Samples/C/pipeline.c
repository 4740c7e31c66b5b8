/* run.sh: args=20 */
/*
 * A producer/consumer pipeline over channels: a producer sends numbers, a stage squares them,
 * two workers share the filtering (fan-out), and a consumer adds up what comes through (fan-in).
 * Each stage ends when its input channel is closed, and closes its output in turn, so the whole
 * pipeline drains and the scheduler returns 0. The interleaving is the same on every run.
 *
 * Usage: pipeline [COUNT]   (default 10)
 */
#include <stdio.h>
#include <stdlib.h>
#include <tasklet.h>

static channel *numbers, *squares, *odd;
static int verbose;

static void *producer(void *arg) {
    long count = (long)arg;
    for (long i = 1; i <= count; i++) {
        if (verbose)
            printf("produce %ld\n", i);
        channel_send(numbers, (void *)i);
    }
    channel_close(numbers);  /* the end of the stream */
    return NULL;
}

static void *squarer(void *arg) {
    (void)arg;
    for (;;) {
        long n = (long)channel_receive(numbers);
        if (greenlet_error())  /* CHANNEL_CLOSED: no more input */
            break;
        channel_send(squares, (void *)(n * n));
    }
    channel_close(squares);
    return NULL;
}

static int filters_running = 2;

static void *odd_filter(void *arg) {
    const char *name = arg;
    for (;;) {
        long n = (long)channel_receive(squares);
        if (greenlet_error())
            break;
        if (verbose)
            printf("  %s looks at %ld\n", name, n);
        if (n % 2)
            channel_send(odd, (void *)n);
    }
    if (--filters_running == 0)
        channel_close(odd);  /* the last filter out closes the consumer's input */
    return NULL;
}

static long total;

static void *consumer(void *arg) {
    (void)arg;
    for (;;) {
        long n = (long)channel_receive(odd);
        if (greenlet_error())
            break;
        if (verbose)
            printf("    consume %ld\n", n);
        total += n;
    }
    return NULL;
}

int main(int argc, char **argv) {
    long count = argc > 1 ? atol(argv[1]) : 10;
    verbose = count <= 20;
    scheduler *s = scheduler_new();
    numbers = channel_new("numbers");
    squares = channel_new("squares");
    odd = channel_new("odd");
    tasklet_set_name(tasklet_new(s, producer, (void *)count), "producer");
    tasklet_set_name(tasklet_new(s, squarer, NULL), "squarer");
    tasklet_set_name(tasklet_new(s, odd_filter, "filter-a"), "filter-a");
    tasklet_set_name(tasklet_new(s, odd_filter, "filter-b"), "filter-b");
    tasklet_set_name(tasklet_new(s, consumer, NULL), "consumer");
    int rc = scheduler_run(s);
    if (rc != 0) {
        printf("scheduler_run failed: %s\n", scheduler_error(s));
        return 1;
    }
    /* The sum of the odd squares 1, 9, 25, ... up to count^2. */
    long expected = 0;
    for (long i = 1; i <= count; i += 2)
        expected += i * i;
    printf("sum of odd squares up to %ld^2: %ld (expected %ld)\n", count, total, expected);
    channel_free(numbers);
    channel_free(squares);
    channel_free(odd);
    scheduler_free(s);
    return total == expected ? 0 : 1;
}
