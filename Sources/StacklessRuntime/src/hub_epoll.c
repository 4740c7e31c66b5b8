/*
 * hub_epoll.c: the hub's Linux backend. Each descriptor is registered once, edge-triggered, for
 * both directions: a wait costs no epoll_ctl, and a reader that was told its queue is drained
 * (a short read) can wait without trying the read again (hub.h, gs_fd.readable).
 */
#ifdef __linux__
#include <errno.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <unistd.h>
#include "hub.h"

enum { EVENTS = 256 };

typedef struct {
    int epfd;
    struct epoll_event events[EVENTS];
} epoll_state;

static void *epoll_open(void) {
    epoll_state *e = malloc(sizeof *e);
    if (!e)
        return NULL;
    if ((e->epfd = epoll_create1(EPOLL_CLOEXEC)) < 0) {
        int saved = errno;
        free(e);
        errno = saved;
        return NULL;
    }
    return e;
}

static int epoll_watch(void *self, int fd) {
    epoll_state *e = self;
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLPRI | EPOLLET, .data.fd = fd};
    if (epoll_ctl(e->epfd, EPOLL_CTL_ADD, fd, &ev) == 0 || errno == EEXIST)
        return 0;
    return -1;
}

static void epoll_forget(void *self, int fd, int closing) {
    epoll_state *e = self;
    /* close(2) removes the registration itself (unless the descriptor was duplicated, when the
     * stale events only make the next reader try its read). */
    if (!closing)
        epoll_ctl(e->epfd, EPOLL_CTL_DEL, fd, NULL);
}

static int epoll_wait_events(void *self, int timeout_ms, void (*ready)(int, unsigned, void *),
                             void *ctx) {
    epoll_state *e = self;
    int n = epoll_wait(e->epfd, e->events, EVENTS, timeout_ms);
    for (int i = 0; i < n; i++) {
        uint32_t ev = e->events[i].events;
        unsigned mapped = (ev & EPOLLIN ? GS_IN : 0) | (ev & EPOLLOUT ? GS_OUT : 0) |
                          (ev & (EPOLLERR | EPOLLHUP) ? GS_ERR : 0) |
                          (ev & EPOLLRDHUP ? GS_RDHUP : 0) | (ev & EPOLLPRI ? GS_URGENT : 0);
        ready(e->events[i].data.fd, mapped, ctx);
    }
    return n < 0 ? -1 : 0;
}

static void epoll_close(void *self, bool close_fds) {
    epoll_state *e = self;
    if (close_fds)
        close(e->epfd);
    free(e);
}

const sl_backend sl__backend_epoll = {
    .name = "epoll",
    .edge_triggered = true,
    .open = epoll_open,
    .watch = epoll_watch,
    .interest = NULL,
    .forget = epoll_forget,
    .wait = epoll_wait_events,
    .close = epoll_close,
};
#endif
