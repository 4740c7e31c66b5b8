/*
 * hub_poll.c: the hub's portable backend, over poll(2). It polls only the descriptors that
 * someone waits for, in the directions waited for (level-triggered).
 */
#ifndef __wasi__  /* not built for WASI: hub_none.c */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include "hub.h"

typedef struct {
    struct pollfd *fds;     /* the descriptors waited for */
    size_t n, cap;
    int *slot;              /* slot[fd]: its index in fds, -1 if none */
    size_t nslot;
    struct pollfd *ready;   /* a copy of what poll reported: waking changes fds */
    size_t ready_cap;
} poll_state;

static void *poll_open(void) { return calloc(1, sizeof(poll_state)); }

static int poll_watch(void *self, int fd) {
    (void)self;
    (void)fd;
    return 0;
}

static void grow_slots(poll_state *p, int fd) {
    if ((size_t)fd < p->nslot)
        return;
    size_t n = p->nslot ? p->nslot : 64;
    while (n <= (size_t)fd)
        n *= 2;
    int *grown = realloc(p->slot, n * sizeof *grown);
    if (!grown)
        sl__fatal("out of memory");
    for (size_t i = p->nslot; i < n; i++)
        grown[i] = -1;
    p->slot = grown;
    p->nslot = n;
}

static void poll_interest(void *self, int fd, unsigned dirs) {
    poll_state *p = self;
    grow_slots(p, fd);
    int i = p->slot[fd];
    if (!dirs) {
        if (i < 0)
            return;
        p->fds[i] = p->fds[--p->n];
        p->slot[p->fds[i].fd] = i;
        p->slot[fd] = -1;
        return;
    }
    if (i < 0) {
        if (p->n == p->cap) {
            size_t cap = p->cap ? p->cap * 2 : 64;
            struct pollfd *grown = realloc(p->fds, cap * sizeof *grown);
            if (!grown)
                sl__fatal("out of memory");
            p->fds = grown;
            p->cap = cap;
        }
        i = (int)p->n++;
        p->fds[i].fd = fd;
        p->slot[fd] = i;
    }
    p->fds[i].events = (short)((dirs & GS_IN ? POLLIN : 0) | (dirs & GS_OUT ? POLLOUT : 0));
    p->fds[i].revents = 0;
}

static void poll_forget(void *self, int fd, int closing) {
    (void)closing;
    poll_interest(self, fd, 0);
}

static int poll_wait(void *self, int timeout_ms, void (*ready)(int, unsigned, void *), void *ctx) {
    poll_state *p = self;
    int n = poll(p->fds, (nfds_t)p->n, timeout_ms);
    if (n <= 0)
        return n < 0 ? -1 : 0;
    if ((size_t)n > p->ready_cap) {
        struct pollfd *grown = realloc(p->ready, (size_t)n * sizeof *grown);
        if (!grown)
            sl__fatal("out of memory");
        p->ready = grown;
        p->ready_cap = (size_t)n;
    }
    size_t k = 0;
    for (size_t i = 0; i < p->n && k < (size_t)n; i++)
        if (p->fds[i].revents)
            p->ready[k++] = p->fds[i];
    for (size_t i = 0; i < k; i++) {
        short ev = p->ready[i].revents;
        unsigned mapped = (ev & POLLIN ? GS_IN : 0) | (ev & POLLOUT ? GS_OUT : 0) |
                          (ev & (POLLERR | POLLHUP | POLLNVAL) ? GS_ERR : 0) |
                          (ev & POLLPRI ? GS_URGENT : 0);
        ready(p->ready[i].fd, mapped, ctx);
    }
    return 0;
}

static void poll_close(void *self, bool close_fds) {
    (void)close_fds;
    poll_state *p = self;
    free(p->fds);
    free(p->slot);
    free(p->ready);
    free(p);
}

const sl_backend sl__backend_poll = {
    .name = "poll",
    .edge_triggered = false,
    .open = poll_open,
    .watch = poll_watch,
    .interest = poll_interest,
    .forget = poll_forget,
    .wait = poll_wait,
    .close = poll_close,
};
#endif
