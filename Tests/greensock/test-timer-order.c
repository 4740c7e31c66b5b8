/* Timers of many spans wake in deadline order: more spans than the hub has FIFOs (the rest go to
 * the heap), several waits of one span (one FIFO), a wait that blocks again with its first
 * deadline (it comes before its FIFO's last, so it goes to the heap), and waits withdrawn early
 * (a read that completes, a killed tasklet) leave the others' order alone. */
#include "gscheck.h"
#include <tasklet.h>

enum { SLEEPERS = 24 };
static int order[SLEEPERS], woke;
static int pipe_fd[2], quiet[2];   /* quiet: nothing is ever written */

static void *sleeper(void *arg) {
    long i = (long)arg;
    /* Spans 13, 26, ... ms in a scrambled start order: 12 distinct spans, two sleepers each. */
    long ms = 13 * (1 + (i * 7) % 12);
    double t0 = now_ms();
    CHECK(gs_sleep(ms) == 0);
    CHECK(now_ms() - t0 >= ms - 1);
    order[woke++] = (int)ms;
    return NULL;
}

/* A read with a timeout that completes before it: its timer is withdrawn. */
static void *early_reader(void *arg) {
    (void)arg;
    char c;
    CHECK(gs_read(pipe_fd[0], &c, 1, 100) == 1 && c == 'x');
    return NULL;
}

static void *early_writer(void *arg) {
    (void)arg;
    CHECK(gs_sleep(5) == 0);
    CHECK(gs_write(pipe_fd[1], "x", 1, 1000) == 1);
    return NULL;
}

/* gs_oneof of a read that never completes and a sleep: the sleep wins on time. */
static void *oneof_sleeper(void *arg) {
    (void)arg;
    char c;
    gs_op ops[2] = {gs_op_read(quiet[0], &c, 1), gs_op_sleep(40)};
    double t0 = now_ms();
    CHECK(gs_oneof(ops, 2, 200) == 1);
    CHECK(now_ms() - t0 >= 39);
    return NULL;
}

static void *victim(void *arg) {
    (void)arg;
    gs_sleep(10000);   /* killed long before */
    return NULL;
}

static void *killer(void *arg) {
    CHECK(gs_sleep(20) == 0);
    tasklet_kill((tasklet *)arg);
    return NULL;
}

int main(void) {
    CHECK(pipe(pipe_fd) == 0 && pipe(quiet) == 0);
    scheduler *s = scheduler_new();
    for (long i = 0; i < SLEEPERS; i++)
        tasklet_new(s, sleeper, (void *)i);
    tasklet_new(s, early_reader, NULL);
    tasklet_new(s, early_writer, NULL);
    tasklet_new(s, oneof_sleeper, NULL);
    tasklet *v = tasklet_new(s, victim, NULL);
    tasklet_new(s, killer, v);
    CHECK(scheduler_run(s) == 0);
    scheduler_free(s);
    CHECK(woke == SLEEPERS);
    for (int i = 1; i < SLEEPERS; i++)
        CHECK(order[i - 1] <= order[i]);
    CHECK(gs_waiting() == 0);
    CHECK(gs_close(pipe_fd[0]) == 0 && gs_close(pipe_fd[1]) == 0);
    CHECK(gs_close(quiet[0]) == 0 && gs_close(quiet[1]) == 0);
    CHECK(gs_hub_close() == 0);
    printf("ok\n");
    return 0;
}
