/*
 * channel.c: channels between tasklets. Send and receive block until a partner arrives; the
 * blocked side waits in the channel's queue, which holds only senders or only receivers.
 */
#include <errno.h>
#include "sl_internal.h"


static void check_channel(channel *c, const char *api) {
    if (!c)
        sl__fatal("%s: NULL channel", api);
#ifdef SL_CHECKED
    if (c->magic != SL_MAGIC_LIVE)
        sl__fatal("%s: channel %p was freed (use after free; detected by the checked build)",
                  api, (void *)c);
#endif
}

/* A waiter must be a tasklet of this thread: channels do not cross threads. */
static void check_waiter(sl_runtime *rt, tasklet *t, const char *api) {
    if (t->g.owner != rt->id)
        sl__fatal("%s: the channel's waiting tasklet %p belongs to another thread", api, (void *)t);
}

static void enqueue(channel *c, tasklet *t) {
    t->next = NULL;
    if (c->tail)
        c->tail->next = t;
    else
        c->head = t;
    c->tail = t;
}

static tasklet *dequeue(channel *c) {
    tasklet *t = c->head;
    if (!(c->head = t->next))
        c->tail = NULL;
    return t;
}

/* The first waiter of `c` stops waiting: a sender when `senders` (the queue holds one kind). */
static inline tasklet *wake_first(sl_runtime *rt, channel *c, bool senders, const char *api) {
    tasklet *t = dequeue(c);
    check_waiter(rt, t, api);
    c->balance += senders ? -1 : 1;
    t->g.xflags &= ~(SL__TASKLET_BLOCKED | SL__TASKLET_SENDING);
    t->sched->blocked--;
    return t;
}

/* The current tasklet waits on `c`; the next runnable one runs. */
static inline int block(sl_runtime *rt, tasklet *t, channel *c, bool sending) {
    if (c->head)
        check_waiter(rt, c->head, sending ? "channel_send" : "channel_receive");
    t->channel = c;
    t->g.xflags |= SL__TASKLET_BLOCKED | (sending ? SL__TASKLET_SENDING | SL__TASKLET_WANT_INT : 0);
    enqueue(c, t);
    c->balance += sending ? 1 : -1;
    t->sched->blocked++;
    if (sending && c->watched)
        sl__channel_ready(rt, c);
    return sl__switch_to_next(rt, t->sched);
}

static void set_error(sl_runtime *rt, int error, void *payload) {
    rt->error = error;
    rt->error_payload = payload;
}

channel *channel_new(const char *name) {
    sl_runtime *rt = sl__runtime();
    if (!rt->channels.size)
        sl__pool_init(&rt->channels, sizeof(channel));
    channel *c = sl__pool_alloc(&rt->channels);
    c->head = c->tail = NULL;
    c->name = name;
    c->balance = 0;
    c->closed = 0;
    c->preference = -1;
    c->watched = 0;
#ifdef SL_CHECKED
    c->magic = SL_MAGIC_LIVE;
#endif
    return c;
}

/* A rendezvous: the current tasklet, `self` (or code outside tasklets), met `woken`, which was
 * waiting. If the channel prefers the woken side, it runs now and self right after it, self's
 * pending call then returning `result` (send: the int 0; receive: the value): returns true, and
 * the caller returns into the unwind. Otherwise `woken` becomes runnable at the end of its queue
 * and self goes on. */
static inline __attribute__((always_inline)) bool hand_over(sl_runtime *rt, channel *c, tasklet *woken, bool sending, void *result) {
    bool prefer_woken = sending ? c->preference < 0 : c->preference > 0;
    tasklet *self = prefer_woken ? sl__tasklet_current(rt) : NULL;
    if (self && woken->sched == self->sched) {
        self->value = result;
        if (sending)
            self->g.xflags |= SL__TASKLET_WANT_INT;
        sl__run_queue_push(self->sched, self, true);
        sl__switch_to_tasklet(rt, woken);
        return true;
    }
    sl__run_queue_push(woken->sched, woken, false);
    set_error(rt, 0, NULL);
    return false;
}

int channel_send(channel *c, void *value) {
    sl_runtime *rt = sl__runtime();
    check_channel(c, "channel_send");
    if (c->closed) {
        set_error(rt, CHANNEL_CLOSED, c);
        return -1;
    }
    if (c->balance < 0) {
        tasklet *receiver = wake_first(rt, c, false, "channel_send");
        receiver->value = value;
        /* When the receiver runs first, the real result is delivered on resume. */
        return hand_over(rt, c, receiver, true, (void *)(intptr_t)0) ? -1 : 0;
    }
    tasklet *self = sl__tasklet_current(rt);
    if (!self) {
        set_error(rt, CHANNEL_NO_TASKLET, c);
        return -1;
    }
    self->value = value;
    return block(rt, self, c, true);  /* -1: unwinding */
}

void *channel_receive(channel *c) {
    sl_runtime *rt = sl__runtime();
    check_channel(c, "channel_receive");
    if (c->balance > 0) {
        /* The sender's send will return 0. */
        tasklet *sender = wake_first(rt, c, true, "channel_receive");
        void *value = sender->value;
        sender->value = (void *)(intptr_t)0;
        /* When the sender runs first, the value is handed to us when we resume. */
        return hand_over(rt, c, sender, false, value) ? NULL : value;
    }
    if (c->closed) {
        set_error(rt, CHANNEL_CLOSED, c);
        return NULL;
    }
    tasklet *self = sl__tasklet_current(rt);
    if (!self) {
        set_error(rt, CHANNEL_NO_TASKLET, c);
        return NULL;
    }
    block(rt, self, c, false);
    return NULL;  /* unwinding */
}

void channel_close(channel *c) {
    sl_runtime *rt = sl__runtime();
    check_channel(c, "channel_close");
    c->closed = 1;
    if (c->watched)
        sl__channel_ready(rt, c);
    while (c->head) {
        tasklet *t = wake_first(rt, c, c->balance > 0, "channel_close");
        t->g.xflags |= SL__TASKLET_CLOSED;
        t->channel = c;
        sl__run_queue_push(t->sched, t, false);
    }
}

void channel_free(channel *c) {
    if (!c)
        return;
    channel_close(c);
#ifdef SL_CHECKED
    c->magic = SL_MAGIC_DEAD;
#endif
    sl__pool_free(&sl__runtime()->channels, c);
}

int channel_balance(channel *c) {
    check_channel(c, "channel_balance");
    return c->balance;
}

bool channel_closed(channel *c) {
    check_channel(c, "channel_closed");
    return c->closed;
}

void channel_set_preference(channel *c, int preference) {
    check_channel(c, "channel_set_preference");
    c->preference = (int8_t)(preference < 0 ? -1 : preference > 0);
}

int channel_preference(channel *c) {
    check_channel(c, "channel_preference");
    return c->preference;
}

const char *channel_name(channel *c) {
    check_channel(c, "channel_name");
    return c->name;
}
