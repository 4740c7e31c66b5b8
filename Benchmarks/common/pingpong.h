/*
 * pingpong.h: the smallest scheduler and channel for the peers that have none (stack copy,
 * Boost.Context, ucontext), so that the channel ping-pong runs on every peer. The semantics are
 * those of this project's channels with their default preference: send and receive block until
 * the partner comes; a send to a waiting receiver runs the receiver at once (the sender becomes
 * runnable); a receive from a waiting sender takes the value and goes on. A FIFO run queue; the
 * root runs the queue until it is empty.
 *
 * The peer defines
 *   static void pp_switch(pp_task *from, pp_task *to);   from/to NULL: the root
 * queues its tasks with pp_ready() and runs them with pp_run(). A task that finishes switches to
 * the task pp_finish() returns (NULL: the root).
 */
#ifndef PINGPONG_H
#define PINGPONG_H

#include <stdio.h>
#include <stdlib.h>

typedef struct pp_task {
    struct pp_task *next;
    void *inbox;
    int id;
} pp_task;

typedef struct pp_chan {
    pp_task *waiter;
    int sending;
    void *value;
} pp_chan;

static pp_task *pp_current, *pp_head, *pp_tail;

static void pp_switch(pp_task *from, pp_task *to);

static inline void pp_ready(pp_task *t) {
    t->next = 0;
    if (pp_tail)
        pp_tail->next = t;
    else
        pp_head = t;
    pp_tail = t;
}

static inline pp_task *pp_next(void) {
    pp_task *t = pp_head;
    if (t) {
        pp_head = t->next;
        if (!pp_head)
            pp_tail = 0;
    }
    return t;
}

/* The current task waits: run the next one, or go back to the root. */
static inline void pp_block(void) {
    pp_task *self = pp_current, *next = pp_next();
    pp_current = next;
    pp_switch(self, next);
    pp_current = self;
}

static inline void pp_send(pp_chan *c, void *value) {
    pp_task *self = pp_current;
    if (c->waiter && !c->sending) {  /* a receiver waits: it runs now */
        pp_task *r = c->waiter;
        c->waiter = 0;
        r->inbox = value;
        pp_ready(self);
        pp_current = r;
        pp_switch(self, r);
        pp_current = self;
        return;
    }
    c->waiter = self;
    c->sending = 1;
    c->value = value;
    pp_block();
}

static inline void *pp_receive(pp_chan *c) {
    pp_task *self = pp_current;
    if (c->waiter && c->sending) {  /* a sender waits: take its value, it becomes runnable */
        pp_task *s = c->waiter;
        c->waiter = 0;
        pp_ready(s);
        return c->value;
    }
    c->waiter = self;
    c->sending = 0;
    pp_block();
    return self->inbox;
}

/* A task that has finished: the task to switch to (NULL: the root). */
static inline pp_task *pp_finish(void) {
    pp_task *next = pp_next();
    pp_current = next;
    return next;
}

/* From the root: runs the queued tasks until none is runnable. */
static inline void pp_run(void) {
    pp_task *t;
    while ((t = pp_next()) != 0) {
        pp_current = t;
        pp_switch(0, t);
    }
}

/* The ping-pong's check: ping sent 0, 2, 4, ... below n and got each back. */
static inline void pp_check(long n, long received) {
    long expected = 0;
    for (long i = 0; i < n; i += 2)
        expected += i;
    if (received != expected) {
        fprintf(stderr, "channel ping-pong: got %ld, expected %ld\n", received, expected);
        exit(1);
    }
}

#endif
