/* Greenlets and tasklets suspended at known lines, for Tests/gdb/run.sh: a parser greenlet three
 * calls deep; tasklets waiting on the hub (a sleep, a read of a pipe) while an inspector runs
 * (first stop); then, those killed, a tasklet blocked on a channel after a deadlock (second). */
#include <greenlet.h>
#include <greensock.h>
#include <tasklet.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

static void *sleeper(void *arg) {
    long ms = (long)arg;
    gs_sleep(ms);
    return NULL;
}

static void *reader(void *arg) {
    int fd = *(int *)arg;
    char buf[16];
    ssize_t n = gs_read(fd, buf, sizeof buf, -1);
    return (void *)n;
}

greenlet *parser_greenlet;
tasklet *consumer_tasklet, *sleeper_tasklet, *reader_tasklet;

/* gdb stops here: everything above is suspended. */
__attribute__((noinline)) void stop_here(int status) {
    printf("stop: %d\n", status);
    fflush(stdout);
}

static void *inspector(void *arg) {
    (void)arg;
    tasklet_schedule();
    stop_here(0);
    tasklet_kill(sleeper_tasklet);
    tasklet_kill(reader_tasklet);
    return NULL;
}

int main(void) {
    parser_greenlet = greenlet_new(parser, NULL);
    greenlet_switch(parser_greenlet, "12 + 34");
    scheduler *s = scheduler_new();
    channel *requests = channel_new("requests");
    consumer_tasklet = tasklet_new(s, consumer, requests);
    tasklet_set_name(consumer_tasklet, "consumer");
    sleeper_tasklet = tasklet_new(s, sleeper, (void *)60000L);
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    reader_tasklet = tasklet_new(s, reader, &fds[0]);
    tasklet_set_name(reader_tasklet, "reader");
    tasklet_new(s, inspector, NULL);
    int status = scheduler_run(s);
    stop_here(status);
    close(fds[0]);
    close(fds[1]);
    return 0;
}
