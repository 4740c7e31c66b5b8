/*
 * scheduler.c: tasklets and their round-robin scheduler.
 *
 * Tasklets switch to each other directly, as in Stackless: a tasklet that blocks or yields picks
 * the next runnable one itself, and the last one to stop hands control back to the greenlet
 * waiting in scheduler_run with the run's status. So no blocking call needs a frame of its own:
 * what it returns is what the tasklet is handed when it is next switched to.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hub.h"


static void check_scheduler(sl_runtime *rt, scheduler *s, const char *api) {
    if (!s)
        sl__fatal("%s: NULL scheduler", api);
    if (s->owner != rt->id)
        sl__fatal("%s: scheduler %p belongs to another thread", api, (void *)s);
}

static void check_tasklet(sl_runtime *rt, tasklet *t, const char *api) {
    if (!t)
        sl__fatal("%s: NULL tasklet", api);
#ifdef SL_CHECKED
    if (t->g.magic != SL_MAGIC_LIVE)
        sl__fatal("%s: tasklet %p was freed (it had finished; detected by the checked build)",
                  api, (void *)t);
#endif
    if (t->g.owner != rt->id)
        sl__fatal("%s: tasklet %p belongs to another thread", api, (void *)t);
}

tasklet *tasklet_current(void) { return sl__tasklet_current(sl__runtime()); }

scheduler *scheduler_current(void) {
    tasklet *t = tasklet_current();
    return t ? t->sched : NULL;
}

greenlet *tasklet_greenlet(tasklet *t) { return &t->g; }

/* The run queue. */

static void run_queue_remove(scheduler *s, tasklet *t) {
    tasklet *prev = NULL;
    for (tasklet *p = s->head; p; prev = p, p = p->next) {
        if (p != t)
            continue;
        if (prev)
            prev->next = t->next;
        else
            s->head = t->next;
        if (s->tail == t)
            s->tail = prev;
        t->g.xflags &= ~SL__TASKLET_RUNNABLE;
        s->runnable--;
        return;
    }
}

/* Names, kept aside by serial. */

static const char *name_of(tasklet *t) {
    if (!(t->g.xflags & SL__TASKLET_NAMED))
        return NULL;
    scheduler *s = t->sched;
    for (size_t i = 0; i < s->nnames; i++)
        if (s->names[i].serial == t->serial)
            return s->names[i].name;
    return NULL;
}

static void forget_name(tasklet *t) {
    scheduler *s = t->sched;
    for (size_t i = 0; i < s->nnames; i++) {
        if (s->names[i].serial == t->serial) {
            s->names[i] = s->names[--s->nnames];
            return;
        }
    }
}

void tasklet_set_name(tasklet *t, const char *name) {
    sl_runtime *rt = sl__runtime();
    check_tasklet(rt, t, "tasklet_set_name");
    scheduler *s = t->sched;
    if (t->g.xflags & SL__TASKLET_NAMED)
        forget_name(t);
    t->g.xflags &= ~SL__TASKLET_NAMED;
    if (!name)
        return;
    if (s->nnames == s->names_cap) {
        size_t cap = s->names_cap ? s->names_cap * 2 : 8;
        sl_tasklet_name *grown = realloc(s->names, cap * sizeof *grown);
        if (!grown)
            sl__fatal("out of memory");
        s->names = grown;
        s->names_cap = cap;
    }
    s->names[s->nnames++] = (sl_tasklet_name){t->serial, name};
    t->g.xflags |= SL__TASKLET_NAMED;
}

const char *tasklet_name(tasklet *t) {
    check_tasklet(sl__runtime(), t, "tasklet_name");
    return name_of(t);
}

/* Transfers. */

static void build_report(scheduler *s);

/* Tasklets that keep running (or yielding to each other) must not starve those waiting on the
 * hub: every so many switches, the hub reports what is ready without waiting. */
enum { HUB_POLL_EVERY = 128 };

void sl__hub_tick(sl_runtime *rt) {
    if (rt->hub->waiting && ++rt->hub->ticks >= HUB_POLL_EVERY)
        sl__hub_poll(rt);
}

static void hub_tick(sl_runtime *rt) {
    if (rt->hub)
        sl__hub_tick(rt);
}

/* The next runnable tasklet of `s`; when none is but some wait on the hub, waits for one of
 * them. NULL: none is runnable, and none will be without another scheduler's help. */
static tasklet *next_runnable(sl_runtime *rt, scheduler *s) {
    tasklet *t = sl__run_queue_pop(s);
    if (!t && s->io_waiting) {
        sl__hub_wait(rt, s);
        t = sl__run_queue_pop(s);
    }
    return t;
}

/* sl__prepare_next when the run queue is empty: a tasklet the hub wakes, or back to the caller
 * of scheduler_run with the run's status: 0, or a deadlock if tasklets wait on channels. */
void sl__prepare_next_slow(sl_runtime *rt, scheduler *s) {
    tasklet *t = next_runnable(rt, s);
    if (t) {
        sl__prepare_run(rt, t);
        return;
    }
    greenlet *caller = s->caller;
    if (!caller)
        sl__fatal("scheduler %p: a tasklet stopped while its scheduler is not running", (void *)s);
    s->caller = NULL;
    if (s->blocked || s->io_waiting) {
        /* Tasklets wait, and no descriptor or timer can wake them: they wait on channels. */
        build_report(s);
        sl__prepare(rt, caller, (void *)(intptr_t)-1, TASKLET_DEADLOCK, s, 1);
    } else {
        sl__prepare(rt, caller, (void *)(intptr_t)0, 0, NULL, 1);
    }
}

/* Where an int result is delivered as a pointer is (SL_INT_RESULT_IN_PLACE), a tasklet waiting for
 * one takes the fast transfer below too. */
#if SL_INT_RESULT_IN_PLACE
#define SL__DELIVER_SLOW (SL__TASKLET_KILL | SL__TASKLET_CLOSED)
#else
#define SL__DELIVER_SLOW (SL__TASKLET_KILL | SL__TASKLET_CLOSED | SL__TASKLET_WANT_INT)
#endif

/* The fast switch from the current greenlet `self`, which can unwind, to `next`: suspended,
 * receiving its value with no error (no kill, no close). Checked builds take the general path. */
static inline bool fast_switch_ok(greenlet *self, tasklet *next) {
#ifdef SL_CHECKED
    (void)self, (void)next;
    return false;
#else
    return __builtin_expect(next->g.state == SL_SUSPENDED && !(next->g.xflags & SL__DELIVER_SLOW) &&
                            !((self->flags & SL_ROOT) | (sl_tls.slow & SL_SLOW_TRACKED)), 1);
#endif
}

/* Performs it: `next` (already off its queue) is handed its value and the current tasklet's
 * unwind starts here. rt->error and rt->error_payload are the caller's to clear. */
static inline void fast_switch_to(sl_runtime *rt, greenlet *self, tasklet *next) {
    uint16_t x = next->g.xflags;
    next->g.xflags = x & SL__TASKLET_NAMED;
    rt->target = &next->g;
    sl_tls.result_inline.pointer = next->value;
#if !SL_INT_RESULT_IN_PLACE
    rt->value_int = (x & SL__TASKLET_WANT_INT) != 0;  /* read by deliver: it moves an int result */
#endif
    next->value = NULL;
    next->channel = NULL;
    sl_tls.link = &self->top;
    sl_tls.unwinding = 1;
}

int sl__switch_to_next(sl_runtime *rt, scheduler *s) {
    tasklet *next = s->head;
    if (__builtin_expect(next == NULL, 0)) {
        sl__prepare_next_slow(rt, s);
    } else {
        if (__builtin_expect(rt->hub != NULL, 0)) {
            sl__hub_tick(rt);   /* wakes tasklets to the tail: the head stays */
            next = s->head;
        }
        if (fast_switch_ok(rt->current, next)) {
            sl__run_queue_pop(s);
            rt->error = 0;
            rt->error_payload = NULL;
            fast_switch_to(rt, rt->current, next);
            return -1;
        }
        sl__prepare_run(rt, sl__run_queue_pop(s));
    }
    sl__go_prepared(rt);
    return -1;
}

static void release_tasklet(sl_runtime *rt, tasklet *t) {
    if (t->g.xflags & SL__TASKLET_NAMED)
        forget_name(t);
    t->sched->count--;
    t->g.state = SL_FREED;
#ifdef SL_CHECKED
    t->g.magic = SL_MAGIC_DEAD;
#endif
    sl__pool_free(&rt->tasklets, t);
}

void sl__tasklet_finished(sl_runtime *rt, greenlet *g) {
    tasklet *t = (tasklet *)g;
    scheduler *s = t->sched;
    int error = rt->error;
    void *payload = rt->error_payload;
    release_tasklet(rt, t);
    if (error && error != GREENLET_EXIT && error != CHANNEL_CLOSED) {
        /* An error the tasklet did not handle ends the run: the caller sees it. A closed channel
         * is how a consumer learns that its input has ended, so it ends quietly, like a kill. */
        greenlet *caller = s->caller;
        s->caller = NULL;
        sl__prepare(rt, caller, (void *)(intptr_t)-1, error, payload, 1);
        return;
    }
    sl__prepare_next(rt, s);
}

/* The API. */

scheduler *scheduler_new(void) {
    sl_runtime *rt = sl__runtime();
    scheduler *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->owner = rt->id;
    return s;
}

tasklet *tasklet_new(scheduler *s, void *(*fn)(void *arg), void *arg) {
    sl_runtime *rt = sl__runtime();
    if (!s) {
        tasklet *current = sl__tasklet_current(rt);
        if (!current) {
            errno = EINVAL;
            return NULL;
        }
        s = current->sched;
    }
    check_scheduler(rt, s, "tasklet_new");
    if (!fn) {
        errno = EINVAL;
        return NULL;
    }
    if (!rt->tasklets.size) {
        sl__pool_init(&rt->tasklets, sizeof(tasklet));
        rt->tasklet_finished = sl__tasklet_finished;
    }
    tasklet *t = sl__pool_alloc(&rt->tasklets);
    /* The parent is never used: a tasklet's end is the scheduler's business. */
    sl__greenlet_init(rt, &t->g, fn, &rt->root);
    t->g.flags = SL_TASKLET;
    t->sched = s;
    t->channel = NULL;
    t->value = arg;
    t->serial = ++s->serial;
    s->count++;
    sl__run_queue_push(s, t, false);
    return t;
}

int scheduler_run(scheduler *s) {
    sl_runtime *rt = sl__runtime();
    check_scheduler(rt, s, "scheduler_run");
    if (s->caller)
        sl__fatal("scheduler_run: scheduler %p is running already", (void *)s);
    free(s->report);
    s->report = NULL;
    tasklet *t = next_runnable(rt, s);
    if (!t) {
        if (s->blocked || s->io_waiting) {
            build_report(s);
            rt->error = TASKLET_DEADLOCK;
            rt->error_payload = s;
            return -1;
        }
        rt->error = 0;
        rt->error_payload = NULL;
        return 0;
    }
    s->caller = rt->current;
    sl__prepare_run(rt, t);
    void *delivered = sl__go(rt);
    return delivered ? *(int *)delivered : -1;
}

void tasklet_schedule(void) {
    sl_runtime *rt = sl__runtime();
    tasklet *t = sl__tasklet_current(rt);
    rt->error = 0;
    rt->error_payload = NULL;
    if (!t)
        return;
    scheduler *s = t->sched;
    tasklet *next = s->head;
    /* The round robin without a hub: t goes to the tail and the head comes off (the count of
     * runnable ones stays). */
    if (next && !rt->hub && fast_switch_ok(&t->g, next)) {
        tasklet *after = next->next;
        t->next = NULL;
        if (after) {
            s->head = after;
            s->tail->next = t;
        } else {
            s->head = t;
        }
        s->tail = t;
        t->g.xflags |= SL__TASKLET_RUNNABLE;
        fast_switch_to(rt, &t->g, next);
        return;
    }
    if (!s->head)
        hub_tick(rt);   /* a lone yielder must not starve the hub's waiters either */
    if (!s->head)
        return;  /* nothing else to run: go on */
    sl__run_queue_push(s, t, false);
    sl__switch_to_next(rt, s);
}

static void channel_remove(channel *c, tasklet *t) {
    tasklet *prev = NULL;
    for (tasklet *p = c->head; p; prev = p, p = p->next) {
        if (p != t)
            continue;
        if (prev)
            prev->next = t->next;
        else
            c->head = t->next;
        if (c->tail == t)
            c->tail = prev;
        c->balance += t->g.xflags & SL__TASKLET_SENDING ? -1 : 1;
        return;
    }
}

/* Takes `t` off its run queue, channel or hub; false if it is in none (it is running). */
static bool unqueue(tasklet *t) {
    if (t->g.xflags & SL__TASKLET_RUNNABLE) {
        run_queue_remove(t->sched, t);
    } else if (t->g.xflags & SL__TASKLET_BLOCKED) {
        channel_remove(t->channel, t);
        t->sched->blocked--;
        t->g.xflags &= ~(SL__TASKLET_BLOCKED | SL__TASKLET_SENDING);
    } else if (t->g.xflags & SL__TASKLET_IO) {
        sl__hub_cancel(sl__runtime(), t);
    } else {
        return false;
    }
    return true;
}

int tasklet_kill(tasklet *t) {
    sl_runtime *rt = sl__runtime();
    check_tasklet(rt, t, "tasklet_kill");
    tasklet *current = sl__tasklet_current(rt);
    scheduler *s = t->sched;
    if (t == current) {
        rt->error = GREENLET_EXIT;
        rt->error_payload = NULL;
        return 0;
    }
    if (t->g.state == SL_NEW) {
        run_queue_remove(s, t);
        release_tasklet(rt, t);
        return 0;
    }
    if (!unqueue(t))
        return -1;
    t->g.xflags |= SL__TASKLET_KILL;
    if (current && current->sched == s) {
        /* It runs now; the killer goes on right after it, tasklet_kill returning 0. */
        current->value = (void *)(intptr_t)0;
        current->g.xflags |= SL__TASKLET_WANT_INT;
        sl__run_queue_push(s, current, true);
        sl__switch_to_tasklet(rt, t);
        return -1;  /* unwinding: the real result is delivered on resume */
    }
    sl__run_queue_push(s, t, true);
    return 0;
}

int scheduler_count(scheduler *s) { return s->count; }
int scheduler_runnable(scheduler *s) { return s->runnable; }
const char *scheduler_error(scheduler *s) { return s->report; }

/* Every live tasklet of a scheduler, in creation order. */
typedef struct {
    scheduler *s;
    tasklet **list;
    size_t n, cap;
    bool blocked_only;
} collect_ctx;

static void collect_one(void *object, void *ctx) {
    collect_ctx *c = ctx;
    tasklet *t = object;
    if (t->g.state == SL_FREED || t->sched != c->s)
        return;
    if (c->blocked_only && !(t->g.xflags & (SL__TASKLET_BLOCKED | SL__TASKLET_IO)))
        return;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        tasklet **grown = realloc(c->list, cap * sizeof *grown);
        if (!grown)
            sl__fatal("out of memory");
        c->list = grown;
        c->cap = cap;
    }
    c->list[c->n++] = t;
}

static int by_serial(const void *a, const void *b) {
    uint32_t x = (*(tasklet *const *)a)->serial, y = (*(tasklet *const *)b)->serial;
    return x < y ? -1 : x > y;
}

static collect_ctx collect(scheduler *s, bool blocked_only) {
    collect_ctx c = {s, NULL, 0, 0, blocked_only};
    sl__pool_each(&sl__runtime()->tasklets, collect_one, &c);
    if (c.n > 1)
        qsort(c.list, c.n, sizeof *c.list, by_serial);
    return c;
}

/* "deadlock: 2 tasklets blocked: tasklet 'a' (#1) receiving on channel 'c'; ..." */
static void build_report(scheduler *s) {
    collect_ctx c = collect(s, true);
    size_t cap = 128, len = 0;
    char *text = malloc(cap);
    if (!text)
        sl__fatal("out of memory");
    len = (size_t)snprintf(text, cap, "deadlock: %zu tasklet%s blocked:", c.n, c.n == 1 ? "" : "s");
    for (size_t i = 0; i < c.n; i++) {
        tasklet *t = c.list[i];
        char who[160], where[160];
        const char *name = name_of(t);
        if (name)
            snprintf(who, sizeof who, "tasklet '%s' (#%u)", name, (unsigned)t->serial);
        else
            snprintf(who, sizeof who, "tasklet #%u", (unsigned)t->serial);
        const char *cname;
        if (t->g.xflags & SL__TASKLET_IO)
            snprintf(where, sizeof where, "channels (gs_oneof)");
        else if ((cname = channel_name(t->channel)) != NULL)
            snprintf(where, sizeof where, "channel '%s'", cname);
        else
            snprintf(where, sizeof where, "channel %p", (void *)t->channel);
        size_t need = len + strlen(who) + strlen(where) + 32;
        if (need > cap) {
            cap = need * 2;
            char *grown = realloc(text, cap);
            if (!grown)
                sl__fatal("out of memory");
            text = grown;
        }
        len += (size_t)snprintf(text + len, cap - len, "%s %s %s on %s", i ? ";" : "", who,
                                t->g.xflags & SL__TASKLET_SENDING ? "sending" : "receiving", where);
    }
    free(c.list);
    free(s->report);
    s->report = text;
}

/* scheduler_free: every tasklet left is killed and run to its end, then the memory goes. */
typedef struct {
    scheduler *s;
    int error;
    void *payload;
} free_record;

static void free_scheduler(sl_runtime *rt, void *data) {
    free_record *f = data;
    scheduler *s = f->s;
    if (s->count) {
        /* They ignored GREENLET_EXIT and blocked again: their frames are lost. */
        sl__warn("scheduler_free: %d tasklet%s ignored GREENLET_EXIT and %s dropped", s->count,
                 s->count == 1 ? "" : "s", s->count == 1 ? "is" : "are");
        collect_ctx c = collect(s, false);
        for (size_t i = 0; i < c.n; i++) {
            unqueue(c.list[i]);
            release_tasklet(rt, c.list[i]);
        }
        free(c.list);
    }
    rt->error = f->error;
    rt->error_payload = f->payload;
    free(s->report);
    free(s->names);
    free(s);
}

void scheduler_free(scheduler *s) {
    if (!s)
        return;
    sl_runtime *rt = sl__runtime();
    check_scheduler(rt, s, "scheduler_free");
    if (s->caller)
        sl__fatal("scheduler_free: scheduler %p is running", (void *)s);
    free_record f = {s, rt->error, rt->error_payload};
    collect_ctx c = collect(s, false);
    for (size_t i = 0; i < c.n; i++) {
        tasklet *t = c.list[i];
        if (t->g.state == SL_NEW) {
            run_queue_remove(s, t);
            release_tasklet(rt, t);
        } else if (unqueue(t)) {
            t->g.xflags |= SL__TASKLET_KILL;
            sl__run_queue_push(s, t, false);
        }
    }
    free(c.list);
    tasklet *first = sl__run_queue_pop(s);
    if (!first) {
        free_scheduler(rt, &f);
        return;
    }
    s->caller = rt->current;
    sl__prepare_run(rt, first);
    if (sl__go(rt))
        free_scheduler(rt, &f);
    else
        *(free_record *)sl__push_continuation(free_scheduler, sizeof f) = f;
}
