/*
 * Deadlock is an error, never a hang: scheduler_run returns TASKLET_DEADLOCK with a report that
 * names every blocked tasklet and the channel it waits on.
 */
#include "check.h"
#include <tasklet.h>

static channel *jobs, *results;

static void *producer(void *arg) {
    (void)arg;
    for (long i = 1; i <= 3; i++)
        channel_send(jobs, (void *)i);
    channel_send(jobs, (void *)99);  /* nobody takes this one */
    return NULL;
}

static void *consumer(void *arg) {
    (void)arg;
    for (int i = 0; i < 3; i++)
        channel_receive(jobs);
    channel_receive(results);  /* nobody sends this */
    return NULL;
}

static void *finisher(void *arg) {
    (void)arg;
    tasklet_schedule();
    return NULL;
}

static void test_report(void) {
    scheduler *s = scheduler_new();
    jobs = channel_new("jobs");
    results = channel_new("results");
    tasklet_set_name(tasklet_new(s, producer, NULL), "producer");
    tasklet_new(s, finisher, NULL);
    tasklet_set_name(tasklet_new(s, consumer, NULL), "consumer");
    CHECK(scheduler_error(s) == NULL);
    CHECK(scheduler_run(s) == -1);
    CHECK(greenlet_error() == TASKLET_DEADLOCK);
    CHECK(greenlet_error_payload() == s);
    CHECK_STR(scheduler_error(s), "deadlock: 2 tasklets blocked: tasklet 'producer' (#1) sending "
                                  "on channel 'jobs'; tasklet 'consumer' (#3) receiving on "
                                  "channel 'results'");
    CHECK(scheduler_count(s) == 2 && scheduler_runnable(s) == 0);
    CHECK(channel_balance(jobs) == 1 && channel_balance(results) == -1);
    /* Running again reports the same at once. */
    CHECK(scheduler_run(s) == -1 && greenlet_error() == TASKLET_DEADLOCK);
    CHECK(strstr(scheduler_error(s), "tasklet 'consumer' (#3) receiving on channel 'results'"));
    /* Unblock one: the other is still stuck. */
    CHECK(channel_send(results, NULL) == 0);
    CHECK(scheduler_run(s) == -1);
    CHECK_STR(scheduler_error(s), "deadlock: 1 tasklet blocked: tasklet 'producer' (#1) sending "
                                  "on channel 'jobs'");
    CHECK((long)channel_receive(jobs) == 99);
    CHECK(scheduler_run(s) == 0 && greenlet_error() == 0);
    CHECK(scheduler_error(s) == NULL);
    channel_free(jobs);
    channel_free(results);
    scheduler_free(s);
}

/* Unnamed tasklets and channels are named by number and address. */
static void *waits(void *arg) {
    channel_receive(arg);
    return NULL;
}

static void test_unnamed(void) {
    scheduler *s = scheduler_new();
    channel *c = channel_new(NULL);
    tasklet_new(s, waits, c);
    CHECK(scheduler_run(s) == -1);
    char expected[128];
    snprintf(expected, sizeof expected,
             "deadlock: 1 tasklet blocked: tasklet #1 receiving on channel %p", (void *)c);
    CHECK_STR(scheduler_error(s), expected);
    scheduler_free(s);
    channel_free(c);
}

/* A dining-philosophers style cycle: each waits for the next. */
enum { N = 5 };
static channel *forks[N];

static void *philosopher(void *arg) {
    long i = (long)arg;
    channel_send(forks[(i + 1) % N], (void *)i);
    return NULL;
}

static void test_cycle(void) {
    scheduler *s = scheduler_new();
    static const char *names[N] = {"f0", "f1", "f2", "f3", "f4"};
    static const char *who[N] = {"p0", "p1", "p2", "p3", "p4"};
    for (int i = 0; i < N; i++)
        forks[i] = channel_new(names[i]);
    for (long i = 0; i < N; i++)
        tasklet_set_name(tasklet_new(s, philosopher, (void *)i), who[i]);
    CHECK(scheduler_run(s) == -1 && greenlet_error() == TASKLET_DEADLOCK);
    const char *report = scheduler_error(s);
    CHECK(strstr(report, "deadlock: 5 tasklets blocked: "));
    for (int i = 0; i < N; i++) {
        char part[64];
        snprintf(part, sizeof part, "tasklet '%s' (#%d) sending on channel '%s'", who[i], i + 1,
                 names[(i + 1) % N]);
        CHECK(strstr(report, part));
    }
    scheduler_free(s);  /* kills them: their sends fail with GREENLET_EXIT */
    for (int i = 0; i < N; i++)
        channel_free(forks[i]);
}

int main(void) {
    test_report();
    test_unnamed();
    test_cycle();
    puts("ok");
    return 0;
}
