/*
 * hub.c: the thread's hub. It keeps, per descriptor, the conditions waiting on it, the deadlines
 * (FIFOs by span, and a heap), and the conditions waiting on channels; when a scheduler has
 * nothing to run it waits on the backend and wakes the groups whose condition holds (hub.h).
 */
#ifndef __wasi__  /* not built for WASI: hub_none.c */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "hub.h"

enum { SPARE_GROUPS = 64 };

int64_t sl__now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int sl__ms_until(int64_t deadline) {
    if (deadline == INT64_MAX)
        return -1;
    int64_t left = deadline - sl__now();
    if (left <= 0)
        return 0;
    int64_t ms = (left + 999999) / 1000000;
    return ms > 1000000000 ? 1000000000 : (int)ms;
}

static unsigned wanted(gs_fd *f);

static const sl_backend *choose_backend(void) {
    const char *name = getenv("GREENSOCK_BACKEND");
    if (name && strcmp(name, "poll") == 0)
        return &sl__backend_poll;
#ifdef __linux__
    if (name && *name && strcmp(name, "epoll") != 0)
        sl__warn("GREENSOCK_BACKEND=%s is unknown (epoll, poll); using epoll", name);
    return &sl__backend_epoll;
#else
    if (name && *name)
        sl__warn("GREENSOCK_BACKEND=%s is unknown or unavailable here; using poll", name);
    return &sl__backend_poll;
#endif
}

/* The hub's first use on this thread (sl__hub, hub.h). */
gs_hub *sl__hub_open(void) {
    sl_runtime *rt = sl__runtime();
    gs_hub *hub = calloc(1, sizeof *hub);
    if (!hub)
        sl__fatal("out of memory");
    hub->backend = choose_backend();
    hub->state = hub->backend->open();
    if (!hub->state && hub->backend != &sl__backend_poll) {
        sl__warn("greensock: the %s backend cannot start (%s); using poll", hub->backend->name,
                 strerror(errno));
        hub->backend = &sl__backend_poll;
        hub->state = hub->backend->open();
    }
    if (!hub->state)
        sl__fatal("greensock: cannot start the hub: %s", strerror(errno));
    hub->pid = (int)getpid();
    rt->hub = hub;
    rt->hub_destroy = sl__hub_destroy;
    return hub;
}

/* After fork(2) the child shares the parent's epoll instance (its registrations and its events):
 * the child's hub opens a backend of its own and registers again what it waits for. */
int sl__hub_forked;  /* set in the child by pthread_atfork; read without a lock (a hint) */

static void note_fork(void) { sl__hub_forked = 1; }

void sl__hub_reopen_after_fork(gs_hub *hub) {
    if (__builtin_expect(!sl__hub_forked, 1) || hub->pid == (int)getpid())
        return;
    /* The inherited epoll descriptor is left open (close-on-exec): the child may have closed it
     * already and reused its number. */
    hub->backend->close(hub->state, false);
    hub->state = hub->backend->open();
    if (!hub->state)
        sl__fatal("greensock: cannot reopen the hub after fork: %s", strerror(errno));
    hub->pid = (int)getpid();
    for (size_t fd = 0; fd < hub->nfds; fd++) {
        gs_fd *f = &hub->fds[fd];
        f->registered = 0;
        f->readable = 1;
        if (!f->readers && !f->writers)
            continue;
        if (hub->backend->watch(hub->state, (int)fd) == 0)
            f->registered = 1;
        if (hub->backend->interest)
            hub->backend->interest(hub->state, (int)fd, wanted(f));
    }
}

__attribute__((constructor)) static void install_fork_handler(void) {
    pthread_atfork(NULL, NULL, note_fork);
}

gs_fd *sl__hub_fd_grow(gs_hub *hub, int fd) {
    if ((size_t)fd >= hub->nfds) {
        size_t n = hub->nfds ? hub->nfds : 64;
        while (n <= (size_t)fd)
            n *= 2;
        gs_fd *grown = realloc(hub->fds, n * sizeof *grown);
        if (!grown)
            sl__fatal("out of memory");
        memset(grown + hub->nfds, 0, (n - hub->nfds) * sizeof *grown);
        hub->fds = grown;
        hub->nfds = n;
    }
    return &hub->fds[fd];
}

/* Groups. */

static inline void group_init(gs_group *g, int ncond) {
    g->tasklet = NULL;
    g->woken = GS_WOKEN_NOT;
    g->deadline = INT64_MAX;
    g->heap_pos = NOT_IN_HEAP;
    g->fifo = -1;
    g->ncond = ncond;
    for (int i = 0; i < ncond; i++)
        g->cond[i].linked = 0;
}

gs_group *sl__group_new(gs_hub *hub, int ncond) {
    gs_group *g;
    if (ncond == 1 && hub->spare) {
        g = hub->spare;
        hub->spare = *(gs_group **)g;
        hub->nspare--;
    } else {
        g = malloc(sizeof *g + (size_t)(ncond < 1 ? 1 : ncond) * sizeof(gs_cond));
        if (!g)
            sl__fatal("out of memory");
    }
    hub->outstanding++;
    group_init(g, ncond);
    return g;
}

void sl__group_free(gs_hub *hub, gs_group *g) {
    hub->outstanding--;
    if (g->ncond == 1 && hub->nspare < SPARE_GROUPS) {
        *(gs_group **)g = hub->spare;
        hub->spare = g;
        hub->nspare++;
    } else {
        free(g);
    }
}

static unsigned wanted(gs_fd *f) { return (f->readers ? GS_IN : 0) | (f->writers ? GS_OUT : 0); }

static inline int group_fd(gs_hub *hub, gs_group *g, int i, int fd, unsigned dir, int index) {
    gs_fd *f = sl__hub_fd(hub, fd);
    if (!f->registered) {
        if (hub->backend->watch(hub->state, fd) < 0)
            return -1;
        f->registered = 1;
    }
    gs_cond *c = &g->cond[i];
    c->group = g;
    c->fd = fd;
    c->channel = NULL;
    c->dir = (uint8_t)dir;
    c->index = index;
    c->channel_closed = 0;
    c->gen = f->gen;
    gs_cond **list = dir == GS_IN ? &f->readers : &f->writers;
    if (hub->backend->interest && !*list)   /* a direction nobody waited for */
        hub->backend->interest(hub->state, fd, wanted(f) | dir);
    c->prev = NULL;
    c->next = *list;
    if (*list)
        (*list)->prev = c;
    *list = c;
    c->linked = 1;
    hub->nfdconds++;
    return 0;
}

int sl__group_fd(gs_hub *hub, gs_group *g, int i, int fd, unsigned dir, int index) {
    return group_fd(hub, g, i, fd, dir, index);
}

void sl__group_channel(gs_hub *hub, gs_group *g, int i, channel *ch, int index) {
    gs_cond *c = &g->cond[i];
    c->group = g;
    c->fd = -1;
    c->channel = ch;
    c->dir = 0;
    c->index = index;
    c->channel_closed = 0;
    c->prev = NULL;
    c->next = hub->watchers;
    if (hub->watchers)
        hub->watchers->prev = c;
    hub->watchers = c;
    c->linked = 1;
    ch->watched = 1;
}

static void unlink_cond(gs_hub *hub, gs_cond *c) {
    gs_cond **head;
    gs_fd *f = NULL;
    if (c->fd >= 0) {
        f = &hub->fds[c->fd];
        head = c->dir == GS_IN ? &f->readers : &f->writers;
        hub->nfdconds--;
    } else {
        head = &hub->watchers;
    }
    if (c->prev)
        c->prev->next = c->next;
    else
        *head = c->next;
    if (c->next)
        c->next->prev = c->prev;
    c->linked = 0;
    if (f && !*head && hub->backend->interest)   /* nobody waits for this direction now */
        hub->backend->interest(hub->state, c->fd, wanted(f));
}

/* The timer heap, earliest deadline first. Entries carry their deadline, so that sifting
 * compares within the array instead of chasing each entry's group (cold with many waiters). */

static void heap_set(gs_hub *hub, size_t pos, gs_timer t) {
    hub->heap[pos] = t;
    t.group->heap_pos = (uint32_t)pos;
}

static void heap_up(gs_hub *hub, size_t pos) {
    gs_timer t = hub->heap[pos];
    while (pos > 0) {
        size_t parent = (pos - 1) / 2;
        if (hub->heap[parent].deadline <= t.deadline)
            break;
        heap_set(hub, pos, hub->heap[parent]);
        pos = parent;
    }
    heap_set(hub, pos, t);
}

static void heap_down(gs_hub *hub, size_t pos) {
    gs_timer t = hub->heap[pos];
    for (;;) {
        size_t child = 2 * pos + 1;
        if (child >= hub->nheap)
            break;
        if (child + 1 < hub->nheap && hub->heap[child + 1].deadline < hub->heap[child].deadline)
            child++;
        if (t.deadline <= hub->heap[child].deadline)
            break;
        heap_set(hub, pos, hub->heap[child]);
        pos = child;
    }
    heap_set(hub, pos, t);
}

static void heap_push(gs_hub *hub, gs_group *g) {
    if (hub->nheap == hub->heap_cap) {
        size_t cap = hub->heap_cap ? hub->heap_cap * 2 : 64;
        gs_timer *grown = realloc(hub->heap, cap * sizeof *grown);
        if (!grown)
            sl__fatal("out of memory");
        hub->heap = grown;
        hub->heap_cap = cap;
    }
    hub->heap[hub->nheap++] = (gs_timer){g->deadline, g};
    heap_up(hub, hub->nheap - 1);
}

static void heap_remove(gs_hub *hub, gs_group *g) {
    size_t pos = g->heap_pos;
    g->heap_pos = NOT_IN_HEAP;
    gs_timer last = hub->heap[--hub->nheap];
    if (pos == hub->nheap)
        return;
    heap_set(hub, pos, last);
    heap_up(hub, pos);
    heap_down(hub, last.group->heap_pos);
}

/* Timers: g's deadline goes to the FIFO of its span when it comes last there, else the heap. */
/* The FIFO a deadline of `span` ending at `deadline` may join: the one of that span if the
 * deadline comes last there, else an empty one; NULL when neither (the heap takes it). */
static gs_timer_fifo *fifo_for(gs_hub *hub, int64_t span, int64_t deadline) {
    gs_timer_fifo *empty = NULL;
    for (int i = 0; i < TIMER_FIFOS; i++) {
        gs_timer_fifo *q = &hub->fifos[i];
        if (q->head && q->span == span)
            return q->tail->deadline <= deadline ? q : NULL;
        if (!q->head && !empty)
            empty = q;
    }
    return empty;
}

static void timer_add(gs_hub *hub, gs_group *g, int64_t since) {
    int64_t span = g->deadline - since;
    hub->ntimers++;
    /* The span of the previous wait first: a server's idle timeout, say. */
    gs_timer_fifo *fifo = &hub->fifos[hub->last_fifo];
    if (!(fifo->head && fifo->span == span && fifo->tail->deadline <= g->deadline)) {
        fifo = fifo_for(hub, span, g->deadline);
        if (!fifo) {
            heap_push(hub, g);
            return;
        }
        if (!fifo->head)
            fifo->span = span;
        hub->last_fifo = (uint8_t)(fifo - hub->fifos);
    }
    g->fifo = (int8_t)(fifo - hub->fifos);
    g->fifo_next = NULL;
    g->fifo_prev = fifo->tail;
    if (fifo->tail)
        fifo->tail->fifo_next = g;
    else
        fifo->head = g;
    fifo->tail = g;
}

static void timer_remove(gs_hub *hub, gs_group *g) {
    if (g->fifo >= 0) {
        gs_timer_fifo *q = &hub->fifos[g->fifo];
        if (g->fifo_prev)
            g->fifo_prev->fifo_next = g->fifo_next;
        else
            q->head = g->fifo_next;
        if (g->fifo_next)
            g->fifo_next->fifo_prev = g->fifo_prev;
        else
            q->tail = g->fifo_prev;
        g->fifo = -1;
    } else if (g->heap_pos != NOT_IN_HEAP) {
        heap_remove(hub, g);
    } else {
        return;
    }
    hub->ntimers--;
}

/* The group whose deadline comes first, NULL when no group has one. */
static gs_group *first_timer(gs_hub *hub) {
    gs_group *first = hub->nheap ? hub->heap[0].group : NULL;
    for (int i = 0; i < TIMER_FIFOS; i++) {
        gs_group *h = hub->fifos[i].head;
        if (h && (!first || h->deadline < first->deadline))
            first = h;
    }
    return first;
}

/* Withdraws every condition of g: it waits no more. */
static void withdraw(gs_hub *hub, gs_group *g) {
    for (int i = 0; i < g->ncond; i++)
        if (g->cond[i].linked)
            unlink_cond(hub, &g->cond[i]);
    timer_remove(hub, g);
}

void sl__group_withdraw(gs_hub *hub, gs_group *g) { withdraw(hub, g); }

/* A group that a descriptor or a timer can wake (not only channels). */
static bool wakeable(gs_group *g) {
    if (g->deadline != INT64_MAX)
        return true;
    for (int i = 0; i < g->ncond; i++)
        if (g->cond[i].fd >= 0)
            return true;
    return false;
}

static void stop_waiting(gs_hub *hub, tasklet *t, gs_group *g) {
    t->g.xflags &= ~SL__TASKLET_IO;
    t->io = NULL;
    t->sched->io_waiting--;
    if (g && wakeable(g))
        t->sched->io_wakeable--;
    if (hub)
        hub->waiting--;
}

static void wake(gs_hub *hub, gs_group *g, int why) {
    if (g->woken != GS_WOKEN_NOT)
        return;
    g->woken = why;
    withdraw(hub, g);
    tasklet *t = g->tasklet;
    stop_waiting(hub, t, g);
    sl__run_queue_push(t->sched, t, false);
    /* Its saved frame (the call that waited) is the first thing resumed, after the tasklets
     * woken before it: with thousands of connections it is out of the cache by now. */
    sl_frame *top = t->g.top;
    if (top) {
        __builtin_prefetch(top);
        __builtin_prefetch((char *)top + 64);
        __builtin_prefetch((char *)top + 128);
    }
}

static inline bool group_block(sl_runtime *rt, gs_hub *hub, tasklet *t, gs_group *g, int64_t since,
                               bool wakes) {
    g->tasklet = t;
    if (g->deadline != INT64_MAX)
        timer_add(hub, g, since);
    t->io = g;
    t->g.xflags |= SL__TASKLET_IO;
    t->sched->io_waiting++;
    if (wakes)
        t->sched->io_wakeable++;
    hub->waiting++;
    sl__switch_to_next(rt, t->sched);
    return !sl_tls.unwinding;
}

bool sl__group_block(sl_runtime *rt, gs_hub *hub, tasklet *t, gs_group *g, int64_t since) {
    return group_block(rt, hub, t, g, since, wakeable(g));
}

int sl__group_wait_fd(sl_runtime *rt, gs_hub *hub, gs_group *g, int fd, unsigned dir, int64_t deadline,
                      int64_t since) {
    group_init(g, 1);
    g->deadline = deadline;
    if (group_fd(hub, g, 0, fd, dir, 0) < 0)
        return -1;
    hub->outstanding++;
    return group_block(rt, hub, (tasklet *)rt->current, g, since, true);
}

/* Events. */

/* Wakes every waiter of a list (waking unlinks it). A waiter woken by a close finds its
 * descriptor's generation changed when it runs (greensock.c). */
static void wake_all(gs_hub *hub, gs_cond **list) {
    gs_cond *c;
    while ((c = *list) != NULL)
        wake(hub, c->group, c->index);
}

static void ready(int fd, unsigned events, void *ctx) {
    gs_hub *hub = ctx;
    if ((size_t)fd >= hub->nfds)
        return;
    gs_fd *f = &hub->fds[fd];
    if (events & (GS_ERR | GS_RDHUP | GS_URGENT))
        f->hup = 1;
    if (events & (GS_IN | GS_ERR | GS_RDHUP | GS_URGENT)) {
        f->readable = 1;
        wake_all(hub, &f->readers);
    }
    if (events & (GS_OUT | GS_ERR))
        wake_all(hub, &f->writers);
}

/* Wakes the waiters whose descriptor is ready (waiting up to timeout_ms for one) and those
 * whose deadline has passed. */
static void look(gs_hub *hub, int timeout_ms) {
    if ((timeout_ms || hub->nfdconds) &&
        hub->backend->wait(hub->state, timeout_ms, ready, hub) < 0 && errno != EINTR)
        sl__fatal("greensock: the %s backend failed: %s", hub->backend->name, strerror(errno));
    if (hub->ntimers) {
        int64_t now = sl__now();
        gs_group *g;
        while ((g = first_timer(hub)) != NULL && g->deadline <= now)
            wake(hub, g, GS_WOKEN_TIMER);
    }
    hub->ticks = 0;
}

void sl__hub_wait(sl_runtime *rt, scheduler *s) {
    gs_hub *hub = rt->hub;
    if (!hub)
        return;
    sl__hub_reopen_after_fork(hub);
    /* When nothing can wake this scheduler's waiters (they wait on channels only), the caller
     * reports a deadlock. */
    while (!s->head && s->io_wakeable) {
        gs_group *first = first_timer(hub);
        look(hub, first ? sl__ms_until(first->deadline) : -1);
    }
}

void sl__hub_poll(sl_runtime *rt) {
    sl__hub_reopen_after_fork(rt->hub);
    look(rt->hub, 0);
}

void sl__hub_cancel(sl_runtime *rt, tasklet *t) {
    gs_group *g = t->io;
    gs_hub *hub = rt->hub;
    if (g && g->woken == GS_WOKEN_NOT) {
        g->woken = GS_WOKEN_KILLED;
        if (hub)
            withdraw(hub, g);
    }
    stop_waiting(hub, t, g);
}

void sl__channel_ready(sl_runtime *rt, channel *ch) {
    gs_hub *hub = rt->hub;
    ch->watched = 0;
    if (!hub)
        return;
    for (gs_cond *c = hub->watchers, *next; c; c = next) {
        next = c->next;
        if (c->channel != ch)
            continue;
        /* A closed channel may be freed before the waiter runs: none of the group's conditions
         * on it may be touched then (waking unlinks them all). */
        if (ch->closed) {
            gs_group *g = c->group;
            for (int i = 0; i < g->ncond; i++)
                if (g->cond[i].fd < 0 && g->cond[i].channel == ch)
                    g->cond[i].channel_closed = 1;
        }
        /* Waking withdraws the group's other conditions, which may include `next`. */
        wake(hub, c->group, c->index);
        next = hub->watchers;
    }
}

/* Descriptors. */

static void drop_fd(gs_hub *hub, int fd, int closing) {
    if ((size_t)fd >= hub->nfds)
        return;
    gs_fd *f = &hub->fds[fd];
    wake_all(hub, &f->readers);
    wake_all(hub, &f->writers);
    if (f->registered)
        hub->backend->forget(hub->state, fd, closing);
    uint32_t gen = f->gen + 1;
    memset(f, 0, sizeof *f);
    f->gen = gen;
}

int gs_close(int fd) {
    sl_runtime *rt = sl__runtime();
    if (rt->hub && fd >= 0)
        drop_fd(sl__hub(), fd, 1);
    return close(fd);
}

void gs_forget(int fd) {
    sl_runtime *rt = sl__runtime();
    if (rt->hub && fd >= 0)
        drop_fd(sl__hub(), fd, 0);
}

/* The hub's view of a descriptor this library has just created: a fresh entry. */
void sl__hub_fresh_fd(int fd, bool stream_socket) {
    gs_hub *hub = sl__hub();
    drop_fd(hub, fd, 1);  /* a stale entry of a descriptor closed behind the hub's back */
    gs_fd *f = sl__hub_fd(hub, fd);
    f->readable = 1;
    f->stream = stream_socket;
    f->kind = FD_SOCKET;
}

/* The API. */

const char *gs_backend(void) { return sl__hub()->backend->name; }

size_t gs_waiting(void) {
    sl_runtime *rt = sl__runtime();
    return rt->hub ? rt->hub->waiting : 0;
}

void sl__hub_destroy(sl_runtime *rt) {
    gs_hub *hub = rt->hub;
    if (!hub)
        return;
    hub->backend->close(hub->state, true);
    free(hub->fds);
    free(hub->heap);
    while (hub->spare) {
        gs_group *g = hub->spare;
        hub->spare = *(gs_group **)g;
        free(g);
    }
    free(hub);
    rt->hub = NULL;
}

int gs_hub_close(void) {
    sl_runtime *rt = sl__runtime();
    if (rt->hub && rt->hub->outstanding) {   /* waiting, or woken and not yet resumed */
        errno = EBUSY;
        return -1;
    }
    sl__hub_destroy(rt);
    return 0;
}
#endif
