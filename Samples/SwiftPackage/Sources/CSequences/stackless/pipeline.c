#include <stdint.h>
#include <stdlib.h>
#include <tasklet.h>
#include "sequences.h"

typedef struct {
    channel *in, *out;
    int count;
} stage;

static stage *stage_new(channel *in, channel *out, int count) {
    stage *s = malloc(sizeof *s);
    s->in = in;
    s->out = out;
    s->count = count;
    return s;
}

static void *produce(void *arg) {
    stage *s = arg;
    for (intptr_t i = 1; i <= s->count; i++)
        if (channel_send(s->out, (void *)i) != 0)
            break;
    channel_close(s->out);
    free(s);
    return NULL;
}

static void *square(void *arg) {
    stage *s = arg;
    for (;;) {
        intptr_t n = (intptr_t)channel_receive(s->in);
        if (greenlet_error())  /* CHANNEL_CLOSED: the producer is done */
            break;
        if (channel_send(s->out, (void *)(n * n)) != 0)
            break;
    }
    channel_close(s->out);
    channel_free(s->in);
    free(s);
    return NULL;
}

static void *keep_odd(void *arg) {
    stage *s = arg;
    for (;;) {
        intptr_t n = (intptr_t)channel_receive(s->in);
        if (greenlet_error())
            break;
        if (n % 2 && channel_send(s->out, (void *)n) != 0)
            break;
    }
    channel_close(s->out);  /* the consumer (Swift) sees the end */
    channel_free(s->in);
    free(s);
    return NULL;
}

void pipeline_start(scheduler_ref sched, channel_ref out, int count) {
    channel *numbers = channel_new("numbers"), *squares = channel_new("squares");
    tasklet_set_name(tasklet_new(sched, produce, stage_new(NULL, numbers, count)), "producer");
    tasklet_set_name(tasklet_new(sched, square, stage_new(numbers, squares, 0)), "squarer");
    tasklet_set_name(tasklet_new(sched, keep_odd, stage_new(squares, out, 0)), "odd filter");
}

static void *relay(void *arg) {
    stage *s = arg;
    for (;;) {
        void *value = channel_receive(s->in);
        if (greenlet_error())  /* closed, or killed */
            break;
        if (channel_send(s->out, value) != 0)
            break;  /* a value of Swift's that it boxed is leaked here: see CValue */
    }
    channel_close(s->out);
    free(s);
    return NULL;
}

void relay_start(scheduler_ref sched, channel_ref in, channel_ref out) {
    tasklet_set_name(tasklet_new(sched, relay, stage_new(in, out, 0)), "relay");
}

static channel *left_in, *right_in;

static void *left(void *arg) {
    (void)arg;
    channel_receive(left_in);  /* waits for `right`, which waits for us */
    channel_send(right_in, NULL);
    return NULL;
}

static void *right(void *arg) {
    (void)arg;
    channel_receive(right_in);
    channel_send(left_in, NULL);
    return NULL;
}

void deadlock_start(scheduler_ref sched) {
    if (!left_in) {
        left_in = channel_new("to left");
        right_in = channel_new("to right");
    }
    tasklet_set_name(tasklet_new(sched, left, NULL), "left");
    tasklet_set_name(tasklet_new(sched, right, NULL), "right");
}
