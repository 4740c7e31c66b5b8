/* Greenlets and tasklets suspended at known lines, for Tests/gdb/run.sh: a parser greenlet two
 * calls deep, a tasklet blocked on a channel after a deadlock, one runnable. */
#include <greenlet.h>
#include <tasklet.h>
#include <stdio.h>
#include <string.h>

struct token {
    const char *text;
    int kind;
};

static void yield_to_parent(long n) {
    greenlet_switch(greenlet_parent(greenlet_current()), &n);
}

static int parse_number(const char *text, int depth) {
    const int base = 10;
    int total = depth * base;
    double scale = 1.5;
    yield_to_parent(total);
    return total + (int)(scale * (double)strlen(text));
}

static void *parser(void *arg) {
    struct token tok = {arg, 3};
    int result = parse_number(tok.text, 2);
    printf("parsed %d\n", result + tok.kind);
    return NULL;
}

static void *consumer(void *arg) {
    channel *requests = arg;
    int served = 0;
    void *request = channel_receive(requests);
    served++;
    printf("served %p %d\n", request, served);
    return NULL;
}

greenlet *parser_greenlet;
tasklet *consumer_tasklet;

/* gdb stops here: everything above is suspended. */
__attribute__((noinline)) void stop_here(int status) {
    printf("scheduler_run: %d\n", status);
    fflush(stdout);
}

int main(void) {
    parser_greenlet = greenlet_new(parser, NULL);
    greenlet_switch(parser_greenlet, "12 + 34");
    scheduler *s = scheduler_new();
    channel *requests = channel_new("requests");
    consumer_tasklet = tasklet_new(s, consumer, requests);
    tasklet_set_name(consumer_tasklet, "consumer");
    int status = scheduler_run(s);
    stop_here(status);
    return 0;
}
