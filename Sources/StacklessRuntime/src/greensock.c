/*
 * greensock.c: the cooperative calls of greensock.h.
 *
 * Every call is one engine, `run`, over a set of operations: it tries each syscall without
 * blocking; when none can complete it blocks the tasklet on a group of conditions (hub.h) and,
 * once woken, tries again. The runtime is plain C and cannot be suspended in the middle of a
 * function, so when blocking unwinds the tasklet, the engine's state goes into a continuation
 * frame (sl__push_continuation) and the engine resumes from it; when the tasklet that blocks is
 * the next to run anyway, the switch comes straight back and the engine simply loops.
 */
#ifndef __wasi__  /* not built for WASI: hub_none.c */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "hub.h"

/* Operations of the single calls that oneof/allof do not offer. */
enum {
    GS__WAIT_IN = 64,   /* gs_wait_readable */
    GS__WAIT_OUT,       /* gs_wait_writable */
    GS__CONNECT,        /* buf: the address, len: its length, flags: connect(2) was called */
    GS__WRITE_ALL,      /* result: the bytes written so far */
};

/* How the caller gets its result. */
enum { RET_SSIZE, RET_INT, RET_INDEX, RET_COUNT, RET_NEW_SOCKET };

enum attempt { DONE, BLOCK, SWITCHED };

typedef struct wait {
    gs_op *ops;
    int n;
    uint8_t all;          /* allof: every op must complete */
    uint8_t ret;
    uint8_t inflight;     /* a channel_receive of op `woken` switched away; its value comes back */
    uint8_t skipped;      /* a read was not tried because the hub knew it would fail */
    uint8_t no_skip;      /* try every read: the call is about to time out */
    int woken;            /* the op whose condition fired last, -1 if none */
    int winner;           /* oneof: the op that completed */
    int status;           /* 0, or why the call failed as a whole (ETIMEDOUT, ECANCELED, EINVAL) */
    int64_t start;        /* when the call began (sleeps count from it) */
    int64_t deadline;     /* INT64_MAX: no timeout */
    int64_t retry_at;     /* accept backs off until then (EMFILE), INT64_MAX if not */
    long backoff_ms;
    gs_group *group;      /* while blocked */
    gs_op own;            /* the single calls' operation */
} wait;

static int64_t deadline_after(int64_t now, long ms) {
    if (ms < 0)
        return INT64_MAX;
#if LONG_MAX > INT64_MAX / 2000000   /* a 32-bit long cannot overflow the nanoseconds */
    if (ms > INT64_MAX / 2000000)
        return INT64_MAX;
#endif
    return now + (int64_t)ms * 1000000;
}

/* When a GS_SLEEP operation of the call completes. */
static int64_t sleep_deadline(const wait *w, const gs_op *op) {
    return deadline_after(w->start, op->ms < 0 ? 0 : op->ms);
}

static void finish_op(gs_op *op, ssize_t result, int error) {
    op->done = true;
    op->result = result;
    op->error = error;
}

static unsigned op_dir(const gs_op *op) {
    switch ((int)op->kind) {
    case GS_READ: case GS_RECV: case GS_ACCEPT: case GS__WAIT_IN:
        return GS_IN;
    case GS_WRITE: case GS_SEND: case GS__WRITE_ALL: case GS__CONNECT: case GS__WAIT_OUT:
        return GS_OUT;
    default:
        return 0;
    }
}

/* Other descriptors than sockets (pipes, terminals), listeners and connecting sockets are used
 * non-blocking. The flag is checked every time: the number may now name another descriptor,
 * closed and reopened behind the hub's back. */
static int make_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || (!(flags & O_NONBLOCK) && fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0))
        return -1;
    return 0;
}

/* write(2) to a non-socket, with SIGPIPE held back: a closed pipe is EPIPE, not death. */
static ssize_t write_without_sigpipe(int fd, const void *buf, size_t len) {
    sigset_t pipe_set, old, pending;
    sigemptyset(&pipe_set);
    sigaddset(&pipe_set, SIGPIPE);
    sigpending(&pending);
    int was_pending = sigismember(&pending, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
    ssize_t r = write(fd, buf, len);
    int saved = errno;
    if (r < 0 && saved == EPIPE && !was_pending) {
        struct timespec zero = {0, 0};
        while (sigtimedwait(&pipe_set, NULL, &zero) < 0 && errno == EINTR) {
        }
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = saved;
    return r;
}

/* One send or receive that does not wait: sockets with MSG_DONTWAIT (and MSG_NOSIGNAL), other
 * descriptors non-blocking, a write holding SIGPIPE back. What the descriptor is gets learnt
 * from the first call (ENOTSOCK). */
static inline ssize_t socket_transfer(int fd, void *buf, size_t len, int flags, bool out) {
    return out ? send(fd, buf, len, flags | MSG_NOSIGNAL | MSG_DONTWAIT)
               : recv(fd, buf, len, flags | MSG_DONTWAIT);
}

static ssize_t transfer(gs_hub *hub, int fd, void *buf, size_t len, int flags, bool out) {
    gs_fd *f = sl__hub_fd(hub, fd);
    if (f->kind != FD_OTHER) {
        ssize_t r = socket_transfer(fd, buf, len, flags, out);
        if (r >= 0 || errno != ENOTSOCK) {
            f->kind = FD_SOCKET;
            return r;
        }
        f->kind = FD_OTHER;
    }
    if (make_nonblocking(fd) < 0)
        return -1;
    return out ? write_without_sigpipe(fd, buf, len) : read(fd, buf, len);
}

static ssize_t do_send(gs_hub *hub, int fd, const void *buf, size_t len, int flags) {
    return transfer(hub, fd, (void *)buf, len, flags, true);
}

static ssize_t do_recv(gs_hub *hub, int fd, void *buf, size_t len, int flags) {
    return transfer(hub, fd, buf, len, flags, false);
}

/* A read found the queue empty (or drained it): with an edge-triggered backend the next read can
 * wait for the next event without trying. A TCP socket's short read drains it (unless urgent
 * data stopped it: then `hup` is set); an end of file or an error does not (the next read must
 * see it again). */
static void note_read_entry(gs_fd *f, ssize_t r, size_t len, int error) {
    if (r < 0 ? error == EAGAIN || error == EWOULDBLOCK : (r > 0 && (size_t)r < len && f->stream))
        if (!f->hup)
            f->readable = 0;
}

static void note_read(gs_hub *hub, int fd, ssize_t r, size_t len, int error) {
    note_read_entry(sl__hub_fd(hub, fd), r, len, error);
}

static bool may_skip_read(gs_hub *hub, wait *w, int fd) {
    /* Only a single call skips: in gs_oneof an earlier operation must be really tried before a
     * later one is performed. */
    if (!hub->backend->edge_triggered || w->n != 1 || w->no_skip || (size_t)fd >= hub->nfds)
        return false;
    gs_fd *f = &hub->fds[fd];
    if (!f->registered || f->readable)
        return false;
    /* Data that came since is an event the hub has not read yet: a call that gives up at its
     * deadline must try the read first (see run). */
    w->skipped = 1;
    return true;
}

static bool would_block(int error) { return error == EAGAIN || error == EWOULDBLOCK; }

/* TCP only: a Unix stream socket's read also stops where the sender attached descriptors or
 * credentials, so its short read does not mean drained. */
static bool is_tcp(int domain, int type) {
    return (domain == AF_INET || domain == AF_INET6) && (type & 0xf) == SOCK_STREAM;
}

static bool accepts_streams(gs_hub *hub, int fd) {
    gs_fd *f = sl__hub_fd(hub, fd);
    if (!f->listen_type) {
        int type = 0, domain = 0;
        socklen_t size = sizeof type, dsize = sizeof domain;
        bool tcp = getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &size) == 0 &&
                   getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &dsize) == 0 && is_tcp(domain, type);
        f->listen_type = tcp ? 1 : 2;
    }
    return f->listen_type == 1;
}

static enum attempt try_accept(gs_hub *hub, wait *w, gs_op *op) {
    if (w->retry_at != INT64_MAX) {
        if (sl__now() < w->retry_at)
            return BLOCK;
        w->retry_at = INT64_MAX;
    }
    if (may_skip_read(hub, w, op->fd))
        return BLOCK;
    if (make_nonblocking(op->fd) < 0) {   /* a listener made by socket(2) without the flag */
        finish_op(op, -1, errno);
        return DONE;
    }
    for (;;) {
        int fd = accept4(op->fd, (struct sockaddr *)op->buf, (socklen_t *)op->value,
                         SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd >= 0) {
            sl__hub_fresh_fd(fd, accepts_streams(hub, op->fd));
            w->backoff_ms = 0;
            finish_op(op, fd, 0);
            return DONE;
        }
        int error = errno;
        if (error == EINTR || error == ECONNABORTED)
            continue;  /* a connection reset before it was accepted: take the next */
        if (would_block(error)) {
            note_read(hub, op->fd, -1, 0, error);
            return BLOCK;
        }
        if (error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM) {
            /* Out of descriptors: the connections wait in the backlog while we back off. */
            w->backoff_ms = w->backoff_ms ? (w->backoff_ms * 2 > 1000 ? 1000 : w->backoff_ms * 2) : 10;
            w->retry_at = sl__now() + (int64_t)w->backoff_ms * 1000000;
            return BLOCK;
        }
        finish_op(op, -1, error);
        return DONE;
    }
}

static enum attempt try_receive(sl_runtime *rt, wait *w, int i, gs_op *op) {
    channel *c = op->channel;
    if (c->balance <= 0 && !c->closed) {
        if (sl__tasklet_current(rt))
            return BLOCK;
        finish_op(op, -1, EAGAIN);  /* outside tasklets nobody could send while we wait */
        return DONE;
    }
    void *value = channel_receive(c);
    if (sl_tls.unwinding) {
        /* The sender runs first (the channel prefers it); the value comes with the resume. */
        w->inflight = 1;
        w->woken = i;
        return SWITCHED;
    }
    int error = greenlet_error();
    op->value = value;
    finish_op(op, error ? -1 : 0, error == CHANNEL_CLOSED ? EPIPE : error ? EIO : 0);
    return DONE;
}

static enum attempt try_connect(gs_op *op) {
    int fd = op->fd;
    if (!op->flags) {
        if (make_nonblocking(fd) < 0) {
            finish_op(op, -1, errno);
            return DONE;
        }
        op->flags = 1;
        if (connect(fd, (const struct sockaddr *)op->buf, (socklen_t)op->len) == 0) {
            finish_op(op, 0, 0);
            return DONE;
        }
        if (errno == EINPROGRESS || errno == EINTR)
            return BLOCK;
        finish_op(op, -1, errno);
        return DONE;
    }
    int error = 0;
    socklen_t size = sizeof error;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) < 0)
        error = errno;
    if (error) {
        finish_op(op, -1, error);
        return DONE;
    }
    struct pollfd p = {fd, POLLOUT, 0};
    if (poll(&p, 1, 0) == 1) {
        finish_op(op, 0, 0);
        return DONE;
    }
    return BLOCK;
}

/* Tries op i once: DONE (op->done is set), BLOCK, or SWITCHED (a channel hand-over unwinds). */
static enum attempt attempt(sl_runtime *rt, gs_hub *hub, wait *w, int i) {
    gs_op *op = &w->ops[i];
    ssize_t r;
    switch ((int)op->kind) {
    case GS_READ:
    case GS_RECV:
        if (may_skip_read(hub, w, op->fd))
            return BLOCK;
        do
            r = do_recv(hub, op->fd, op->buf, op->len, op->kind == GS_RECV ? op->flags : 0);
        while (r < 0 && errno == EINTR);
        if (!(op->kind == GS_RECV && (op->flags & MSG_PEEK)))
            note_read(hub, op->fd, r, op->len, errno);
        if (r < 0 && would_block(errno))
            return BLOCK;
        finish_op(op, r, r < 0 ? errno : 0);
        return DONE;
    case GS_WRITE:
    case GS_SEND:
        do
            r = do_send(hub, op->fd, op->buf, op->len, op->kind == GS_SEND ? op->flags : 0);
        while (r < 0 && errno == EINTR);
        if (r < 0 && would_block(errno))
            return BLOCK;
        finish_op(op, r, r < 0 ? errno : 0);
        return DONE;
    case GS__WRITE_ALL:
        while ((size_t)op->result < op->len) {
            r = do_send(hub, op->fd, (const char *)op->buf + op->result, op->len - (size_t)op->result, 0);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0 && would_block(errno))
                return BLOCK;
            if (r < 0) {
                finish_op(op, -1, errno);
                return DONE;
            }
            op->result += r;
        }
        finish_op(op, op->result, 0);
        return DONE;
    case GS_ACCEPT:
        return try_accept(hub, w, op);
    case GS_SLEEP:
        if (sl__now() >= sleep_deadline(w, op)) {
            finish_op(op, 0, 0);
            return DONE;
        }
        return BLOCK;
    case GS_RECEIVE:
        return try_receive(rt, w, i, op);
    case GS__CONNECT:
        return try_connect(op);
    case GS__WAIT_IN:
    case GS__WAIT_OUT:
        if (w->woken == i) {
            finish_op(op, 0, 0);
            return DONE;
        }
        if (!op->flags || w->no_skip) {
            op->flags = 1;
            /* A stream socket the hub knows is empty waits for its next event untried. */
            if ((int)op->kind == GS__WAIT_IN && may_skip_read(hub, w, op->fd))
                return BLOCK;
            struct pollfd p = {op->fd, (short)((int)op->kind == GS__WAIT_IN ? POLLIN : POLLOUT), 0};
            if (poll(&p, 1, 0) == 1) {
                finish_op(op, p.revents & POLLNVAL ? -1 : 0, p.revents & POLLNVAL ? EBADF : 0);
                return DONE;
            }
        }
        return BLOCK;
    default:
        finish_op(op, -1, EINVAL);
        return DONE;
    }
}

/* The earliest time something pending completes by itself: a sleep, a retry, the timeout. */
static int64_t next_deadline(wait *w) {
    int64_t until = w->deadline;
    if (w->retry_at < until)
        until = w->retry_at;
    for (int i = 0; i < w->n; i++) {
        gs_op *op = &w->ops[i];
        if (!op->done && op->kind == GS_SLEEP) {
            int64_t d = sleep_deadline(w, op);
            if (d < until)
                until = d;
        }
    }
    return until;
}

static bool waits_on_fd(wait *w, gs_op *op) {
    return op_dir(op) && !(op->kind == GS_ACCEPT && w->retry_at != INT64_MAX);
}

/* Outside tasklets: nothing else can run, so wait in poll(2). */
static void wait_in_poll(gs_hub *hub, wait *w) {
    struct pollfd small[8], *p = small;
    int *index = NULL, small_index[8];
    if (w->n > 8) {
        p = malloc((size_t)w->n * sizeof *p);
        index = malloc((size_t)w->n * sizeof *index);
        if (!p || !index)
            sl__fatal("out of memory");
    } else {
        index = small_index;
    }
    int k = 0;
    for (int i = 0; i < w->n; i++) {
        gs_op *op = &w->ops[i];
        if (op->done || !waits_on_fd(w, op))
            continue;
        p[k] = (struct pollfd){op->fd, (short)(op_dir(op) == GS_IN ? POLLIN : POLLOUT), 0};
        index[k++] = i;
    }
    w->woken = -1;
    if (poll(p, (nfds_t)k, sl__ms_until(next_deadline(w))) > 0) {
        for (int j = k - 1; j >= 0; j--) {
            if (!p[j].revents)
                continue;
            w->woken = index[j];
            if ((size_t)p[j].fd < hub->nfds)
                hub->fds[p[j].fd].readable = 1;
        }
    }
    if (p != small) {
        free(p);
        free(index);
    }
}

/* Blocks the current tasklet on every pending operation: BLOCKED_BACK when the switch came
 * straight back, BLOCKED_UNWINDING, or BLOCK_FAILED when an operation's descriptor cannot be
 * waited for (that operation failed; for gs_oneof it is the winner). */
enum block_result { BLOCKED_BACK, BLOCKED_UNWINDING, BLOCK_FAILED };

static enum block_result block(sl_runtime *rt, gs_hub *hub, tasklet *t, wait *w) {
    int nconds = 0;
    for (int i = 0; i < w->n; i++) {
        gs_op *op = &w->ops[i];
        if (!op->done && (waits_on_fd(w, op) || op->kind == GS_RECEIVE))
            nconds++;
    }
    gs_group *g = sl__group_new(hub, nconds);
    int c = 0;
    for (int i = 0; i < w->n; i++) {
        gs_op *op = &w->ops[i];
        if (op->done)
            continue;
        if (op->kind == GS_RECEIVE) {
            sl__group_channel(hub, g, c++, op->channel, i);
        } else if (waits_on_fd(w, op)) {
            if (sl__group_fd(hub, g, c, op->fd, op_dir(op), i) < 0) {
                /* Not a descriptor the backend can watch (closed, or a regular file). */
                int error = errno == EPERM ? EINVAL : errno;
                g->ncond = c;
                sl__group_withdraw(hub, g);
                sl__group_free(hub, g);
                finish_op(op, -1, error);
                w->winner = i;
                return BLOCK_FAILED;
            }
            c++;
        }
    }
    g->deadline = next_deadline(w);
    w->group = g;
    w->woken = -1;
    return sl__group_block(rt, hub, t, g, w->start) ? BLOCKED_BACK : BLOCKED_UNWINDING;
}

/* A descriptor the call waited on was closed (gs_close) while it waited, or after it was woken
 * and before it ran (its number may already belong to a new descriptor): its operation fails
 * with EBADF. A channel it waited on was closed (perhaps freed): EPIPE. Returns the first such
 * op, or -1. */
static int closed_while_waiting(gs_hub *hub, wait *w, gs_group *g) {
    int first = -1;
    for (int i = 0; i < g->ncond; i++) {
        gs_cond *c = &g->cond[i];
        int error;
        if (c->fd < 0)
            error = c->channel_closed ? EPIPE : 0;   /* the channel may be freed: keep off it */
        else
            error = (size_t)c->fd < hub->nfds && hub->fds[c->fd].gen != c->gen ? EBADF : 0;
        if (!error)
            continue;
        gs_op *op = &w->ops[c->index];
        if (!op->done) {
            finish_op(op, -1, error);
            op->value = NULL;
        }
        if (first < 0 || c->index < first)
            first = c->index;
    }
    return first;
}

/* Runs the call to its end (true) or until the tasklet unwinds (false). `fresh`: the call has
 * just started, at w->start (a clock read saved on the common path). */
static bool run(sl_runtime *rt, wait *w, bool fresh) {
    gs_hub *hub = sl__hub();
    for (;; fresh = false) {
        if (w->group) {
            gs_group *g = w->group;
            w->group = NULL;
            int why = g->woken;
            /* Its conditions are withdrawn; whatever is left belongs to this call. */
            if (why == GS_WOKEN_NOT)
                sl__fatal("greensock: a waiting tasklet was resumed before its wait ended");
            int closed = closed_while_waiting(hub, w, g);
            sl__group_free(hub, g);
            if (why == GS_WOKEN_KILLED || rt->error == GREENLET_EXIT) {
                w->status = ECANCELED;
                return true;
            }
            if (closed >= 0 && !w->all) {
                w->winner = closed;
                return true;
            }
            if (why >= 0)
                w->woken = why;
        }
        bool pending = false;
        w->skipped = 0;
        for (int i = 0; i < w->n; i++) {
            if (w->ops[i].done)
                continue;
            enum attempt a = attempt(rt, hub, w, i);
            if (a == SWITCHED)
                return false;
            if (a == DONE && !w->all) {
                w->winner = i;
                return true;
            }
            pending |= a == BLOCK;
        }
        if (!pending)
            return true;
        if (w->deadline != INT64_MAX && (fresh ? w->start : sl__now()) >= w->deadline) {
            if (w->skipped && !w->no_skip) {
                w->no_skip = 1;
                continue;
            }
            w->status = ETIMEDOUT;
            return true;
        }
        tasklet *t = sl__tasklet_current(rt);
        if (!t) {
            wait_in_poll(hub, w);
            continue;
        }
        switch (block(rt, hub, t, w)) {
        case BLOCKED_UNWINDING:
            return false;
        case BLOCK_FAILED:
            if (!w->all)
                return true;
            break;
        case BLOCKED_BACK:
            break;
        }
    }
}

/* The call's return value; errno is set when it is -1. */
static ssize_t outcome(wait *w) {
    if (w->status) {
        if (w->ret == RET_NEW_SOCKET)
            gs_close(w->own.fd);
        errno = w->status;
        return -1;
    }
    switch (w->ret) {
    case RET_INDEX:
        return w->winner;
    case RET_COUNT:
        return w->n;
    default: {
        gs_op *op = &w->ops[0];
        if (op->error) {
            if (w->ret == RET_NEW_SOCKET)
                gs_close(op->fd);
            errno = op->error;
            return -1;
        }
        return w->ret == RET_NEW_SOCKET ? op->fd : op->result;
    }
    }
}

static void suspend(wait *w);

static void resume(sl_runtime *rt, void *data) {
    wait *w = data;
    if (w->inflight) {
        w->inflight = 0;
        gs_op *op = &w->ops[w->woken];
        int error = rt->error;
        op->value = error ? NULL : sl_tls.result_inline.pointer;
        if (error == GREENLET_EXIT) {
            w->status = ECANCELED;
        } else {
            finish_op(op, error ? -1 : 0, error == CHANNEL_CLOSED ? EPIPE : error ? EIO : 0);
            w->winner = w->woken;
        }
        if (w->status || !w->all)
            goto done;
    }
    if (!run(rt, w, false)) {
        suspend(w);
        return;
    }
done:;
    int saved;
    if (w->ret == RET_SSIZE) {
        ssize_t r = outcome(w);
        saved = errno;
        sl_result_store(&r, sizeof r);
    } else {
        int r = (int)outcome(w);
        saved = errno;
        sl_result_store(&r, sizeof r);
    }
    errno = saved;
}

static void suspend(wait *w) {
    wait *saved = sl__push_continuation(resume, sizeof *w);
    *saved = *w;
    if (w->ops == &w->own)
        saved->ops = &saved->own;
}

/* Runs a call from its start. The value returned while unwinding is never seen. */
static ssize_t call(sl_runtime *rt, wait *w) {
    if (run(rt, w, true))
        return outcome(w);
    suspend(w);
    return -1;
}

static ssize_t single(gs_op op, int ret, long timeout_ms) {
    sl_runtime *rt = sl__runtime();
    wait w = {0};
    w.own = op;
    w.ops = &w.own;
    w.n = 1;
    w.ret = (uint8_t)ret;
    w.woken = -1;
    w.start = sl__now();
    w.deadline = deadline_after(w.start, timeout_ms);
    w.retry_at = INT64_MAX;
    return call(rt, &w);
}

static int bad_fd(int fd) {
    if (fd >= 0)
        return 0;
    errno = EBADF;
    return 1;
}

/* The fast path of a single transfer on a socket the hub knows: the syscall, once, with no call
 * set up (no clock read, no engine). FAST_DONE with *r set when it completed (errno set when *r
 * is -1); FAST_WOULD_BLOCK when the socket's queue is empty (or full), or the hub knows a read
 * would find it so (an edge-triggered backend saw it drained): the call waits for the socket
 * (the lean wait below); FAST_NO for the rest (not a socket the hub knows, EINTR): the engine. */
enum fast { FAST_DONE, FAST_WOULD_BLOCK, FAST_NO };

static inline __attribute__((always_inline)) enum fast fast_transfer(int fd, void *buf, size_t len, int flags, bool out, ssize_t *r) {
    sl_runtime *rt = (sl_runtime *)sl_tls.rt;
    gs_hub *hub = rt ? rt->hub : NULL;
    if (!hub || (size_t)fd >= hub->nfds)
        return FAST_NO;
    gs_fd *f = &hub->fds[fd];
    if (f->kind != FD_SOCKET)
        return FAST_NO;
    if (!out && hub->backend->edge_triggered && f->registered && !f->readable)
        return FAST_WOULD_BLOCK;
    ssize_t n = socket_transfer(fd, buf, len, flags, out);
    if (!out && !(flags & MSG_PEEK))
        note_read_entry(f, n, len, errno);
    if (n < 0 && would_block(errno))
        return FAST_WOULD_BLOCK;
    if (n < 0 && (errno == EINTR || errno == ENOTSOCK))
        return FAST_NO;   /* ENOTSOCK: the number names another descriptor now; the engine learns it */
    *r = n;
    return FAST_DONE;
}

/* The lean wait. A single send or receive on a socket the hub knows that would block, in a
 * tasklet, waits in a continuation frame of its own: the call and its one-condition group, in
 * 160 bytes, where the engine keeps a `wait` (a 176-byte continuation) and a group from the
 * hub (112 bytes with malloc's header). An idle keep-alive connection holds one such wait for
 * its whole idle time. The outcomes are the engine's: the transfer once the socket is ready;
 * ETIMEDOUT at the deadline (the syscall is tried once more there, as the engine does); EBADF
 * when the descriptor was closed while the call waited; ECANCELED when the tasklet is killed. */
typedef struct lean_wait {
    sl_frame header;
    void *buf;
    size_t len;
    int64_t start;        /* when the call began: its deadline's span counts from here */
    int flags;
    int fd;
    uint8_t out;
    /* the group follows (lean_group), then its condition */
} lean_wait;

enum { LEAN_SIZE = (sizeof(lean_wait) + 7) / 8 * 8 + sizeof(gs_group) + sizeof(gs_cond) };
_Static_assert((LEAN_SIZE + 15) / 16 < SL_FRAME_CLASSES, "a lean wait comes from the free lists");

static gs_group *lean_group(lean_wait *l) {
    return (gs_group *)(void *)((char *)l + (sizeof(lean_wait) + 7) / 8 * 8);
}

static void lean_resume(sl_frame *frame);
static const sl_point lean_point = {.resume = lean_resume, .index = 0};

/* The transfer, tried once (EINTR retried): false when it would block. */
static bool lean_try(gs_hub *hub, lean_wait *l, ssize_t *r) {
    ssize_t n;
    do
        n = socket_transfer(l->fd, l->buf, l->len, l->flags, l->out);
    while (n < 0 && errno == EINTR);
    if (n < 0 && errno == ENOTSOCK)   /* the number names another descriptor now: transfer learns */
        n = transfer(hub, l->fd, l->buf, l->len, l->flags, l->out);
    int error = n < 0 ? errno : 0;
    if (!l->out && !(l->flags & MSG_PEEK))
        note_read(hub, l->fd, n, l->len, error);
    if (n < 0 && would_block(error))
        return false;
    errno = error;
    *r = n;
    return true;
}

static ssize_t lean_fail(int error) {
    errno = error;
    return -1;
}

/* Waits for the socket and tries again until the call is over (true: *r, and errno when -1) or
 * the tasklet unwinds (false: l is linked as the frame to resume). `woken`: l's group has just
 * been woken (the call resumes, or its switch came straight back). */
static bool lean_run(sl_runtime *rt, gs_hub *hub, lean_wait *l, bool woken, ssize_t *r) {
    gs_group *g = lean_group(l);
    for (;; woken = true) {
        if (woken) {
            int why = g->woken;
            hub->outstanding--;
            if (why == GS_WOKEN_NOT)
                sl__fatal("greensock: a waiting tasklet was resumed before its wait ended");
            if (why == GS_WOKEN_KILLED || rt->error == GREENLET_EXIT) {
                *r = lean_fail(ECANCELED);
                return true;
            }
            if ((size_t)l->fd < hub->nfds && hub->fds[l->fd].gen != g->cond[0].gen) {
                *r = lean_fail(EBADF);  /* closed while the call waited: the number may be reused */
                return true;
            }
            if (lean_try(hub, l, r))
                return true;
            if (why == GS_WOKEN_TIMER || (g->deadline != INT64_MAX && sl__now() >= g->deadline)) {
                *r = lean_fail(ETIMEDOUT);
                return true;
            }
        }
        int waited = sl__group_wait_fd(rt, hub, g, l->fd, l->out ? GS_OUT : GS_IN, g->deadline, l->start);
        if (waited < 0) {
            *r = lean_fail(errno == EPERM ? EINVAL : errno);  /* the engine's answer */
            return true;
        }
        if (!waited) {
            sl_frame_link(&l->header, &lean_point);
            return false;
        }
    }
}

static void lean_resume(sl_frame *frame) {
    lean_wait *l = (lean_wait *)(void *)frame;
    ssize_t r;
    if (!lean_run((sl_runtime *)sl_tls.rt, sl__hub(), l, true, &r))
        return;  /* waits again, in the same frame */
    int saved = errno;
    sl_frame_release(l, LEAN_SIZE);
    sl_result_store(&r, sizeof r);
    errno = saved;
}

static ssize_t lean_transfer(sl_runtime *rt, int fd, void *buf, size_t len, int flags, bool out,
                             long timeout_ms) {
    lean_wait *l = (lean_wait *)(void *)sl_frame_take(LEAN_SIZE);  /* linked if the call unwinds */
    l->buf = buf;
    l->len = len;
    l->flags = flags;
    l->fd = fd;
    l->out = out;
    l->start = timeout_ms > 0 ? sl__now() : 0;
    lean_group(l)->deadline = deadline_after(l->start, timeout_ms);
    ssize_t r;
    if (!lean_run(rt, sl__hub(), l, false, &r))
        return -1;  /* unwinding: never seen */
    int saved = errno;
    sl_frame_release(l, LEAN_SIZE);
    errno = saved;
    return r;
}

/* A single send or receive (op: gs_read's, gs_write's, gs_recv's or gs_send's): the fast path,
 * the lean wait, else the engine. */
static ssize_t single_transfer(gs_kind kind, int fd, void *buf, size_t len, int flags, long timeout_ms) {
    if (bad_fd(fd))
        return -1;
    bool out = kind == GS_WRITE || kind == GS_SEND;
    ssize_t r;
    switch (fast_transfer(fd, buf, len, flags, out, &r)) {
    case FAST_DONE:
        return r;
    case FAST_WOULD_BLOCK: {
        /* A timeout of 0 is the engine's (it tries once more before ETIMEDOUT); outside
         * tasklets the engine waits in poll(2). */
        sl_runtime *rt = (sl_runtime *)sl_tls.rt;
        if (timeout_ms != 0 && (rt->current->flags & SL_TASKLET))
            return lean_transfer(rt, fd, buf, len, flags, out, timeout_ms);
        break;
    }
    case FAST_NO:
        break;
    }
    gs_op op = {kind, fd, buf, len, flags, 0, NULL, false, 0, 0, NULL};
    return single(op, RET_SSIZE, timeout_ms);
}

ssize_t gs_read(int fd, void *buf, size_t len, long timeout_ms) {
    return single_transfer(GS_READ, fd, buf, len, 0, timeout_ms);
}

ssize_t gs_write(int fd, const void *buf, size_t len, long timeout_ms) {
    return single_transfer(GS_WRITE, fd, (void *)buf, len, 0, timeout_ms);
}

ssize_t gs_write_all(int fd, const void *buf, size_t len, long timeout_ms) {
    if (bad_fd(fd))
        return -1;
    ssize_t r = 0;
    if (fast_transfer(fd, (void *)buf, len, 0, true, &r) == FAST_DONE && (r < 0 || (size_t)r == len))
        return r;
    gs_op op = gs_op_write(fd, buf, len);
    op.kind = (gs_kind)GS__WRITE_ALL;
    op.result = r > 0 ? r : 0;   /* what the fast path wrote */
    return single(op, RET_SSIZE, timeout_ms);
}

ssize_t gs_recv(int fd, void *buf, size_t len, int flags, long timeout_ms) {
    return single_transfer(GS_RECV, fd, buf, len, flags, timeout_ms);
}

ssize_t gs_send(int fd, const void *buf, size_t len, int flags, long timeout_ms) {
    return single_transfer(GS_SEND, fd, (void *)buf, len, flags, timeout_ms);
}

int gs_accept(int fd, struct sockaddr *addr, socklen_t *addrlen, long timeout_ms) {
    if (bad_fd(fd))
        return -1;
    gs_op op = gs_op_accept(fd);
    op.buf = addr;
    op.value = addrlen;
    return (int)single(op, RET_INT, timeout_ms);
}

int gs_connect(int fd, const struct sockaddr *addr, socklen_t addrlen, long timeout_ms) {
    if (bad_fd(fd))
        return -1;
    gs_op op = {(gs_kind)GS__CONNECT, fd, (void *)addr, addrlen, 0, 0, NULL, false, 0, 0, NULL};
    return (int)single(op, RET_INT, timeout_ms);
}

static void after_yield(sl_runtime *rt, void *data) {
    (void)data;
    int r = 0;
    if (rt->error == GREENLET_EXIT) {
        r = -1;
        errno = ECANCELED;
    }
    sl_result_store(&r, sizeof r);
}

/* gs_sleep(0): what is ready on the hub runs, then the other runnable tasklets, then us. */
static int yield_to_others(sl_runtime *rt) {
    tasklet *t = sl__tasklet_current(rt);
    if (!t)
        return 0;
    if (rt->hub && rt->hub->waiting)
        sl__hub_poll(rt);
    if (!t->sched->head)
        return 0;
    sl__run_queue_push(t->sched, t, false);
    sl__switch_to_next(rt, t->sched);
    if (sl_tls.unwinding)
        sl__push_continuation(after_yield, 0);
    return 0;
}

int gs_sleep(long ms) {
    if (ms <= 0)
        return yield_to_others(sl__runtime());
    return (int)single(gs_op_sleep(ms), RET_INT, GS_FOREVER);
}

int gs_wait_readable(int fd, long timeout_ms) {
    if (bad_fd(fd))
        return -1;
    gs_op op = {(gs_kind)GS__WAIT_IN, fd, NULL, 0, 0, 0, NULL, false, 0, 0, NULL};
    return (int)single(op, RET_INT, timeout_ms);
}

int gs_wait_writable(int fd, long timeout_ms) {
    if (bad_fd(fd))
        return -1;
    gs_op op = {(gs_kind)GS__WAIT_OUT, fd, NULL, 0, 0, 0, NULL, false, 0, 0, NULL};
    return (int)single(op, RET_INT, timeout_ms);
}

static int check_ops(gs_op *ops, int n) {
    if (!ops || n < 1)
        return -1;
    for (int i = 0; i < n; i++) {
        gs_op *op = &ops[i];
        bool fd_op = op->kind == GS_READ || op->kind == GS_WRITE || op->kind == GS_RECV ||
                     op->kind == GS_SEND || op->kind == GS_ACCEPT;
        if (fd_op ? op->fd < 0 : op->kind == GS_RECEIVE ? !op->channel : op->kind != GS_SLEEP)
            return -1;
        op->done = false;
        op->error = 0;
        op->result = 0;
        if (op->kind == GS_RECEIVE)
            op->value = NULL;
        if (op->kind == GS_ACCEPT)
            op->buf = op->value = NULL;
    }
    return 0;
}

static int many(gs_op *ops, int n, long timeout_ms, bool all) {
    if (check_ops(ops, n) < 0) {
        errno = EINVAL;
        return -1;
    }
    sl_runtime *rt = sl__runtime();
    wait w = {0};
    w.ops = ops;
    w.n = n;
    w.all = all;
    w.ret = all ? RET_COUNT : RET_INDEX;
    w.woken = -1;
    w.start = sl__now();
    w.deadline = deadline_after(w.start, timeout_ms);
    w.retry_at = INT64_MAX;
    return (int)call(rt, &w);
}

int gs_oneof(gs_op *ops, int n, long timeout_ms) { return many(ops, n, timeout_ms, false); }
int gs_allof(gs_op *ops, int n, long timeout_ms) { return many(ops, n, timeout_ms, true); }

/* Sockets. */

int gs_socket(int domain, int type, int protocol) {
    int fd = socket(domain, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
    if (fd >= 0)
        sl__hub_fresh_fd(fd, is_tcp(domain, type));
    return fd;
}

static int ipv4_address(const char *host, int port, struct sockaddr_in *a) {
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    a->sin_port = htons((uint16_t)port);
    if (!host || !*host) {
        a->sin_addr.s_addr = htonl(INADDR_ANY);
        return 0;
    }
    if (strcmp(host, "localhost") == 0)
        host = "127.0.0.1";
    if (port < 0 || port > 65535 || inet_pton(AF_INET, host, &a->sin_addr) != 1) {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

int gs_listen_tcp(const char *host, int port, int backlog) {
    struct sockaddr_in a;
    if (ipv4_address(host, port, &a) < 0)
        return -1;
    int fd = gs_socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    int one = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, backlog) < 0) {
        int saved = errno;
        gs_close(fd);
        errno = saved;
        return -1;
    }
    sl__hub_fd(sl__hub(), fd)->listen_type = 1;
    return fd;
}

int gs_connect_tcp(const char *host, int port, long timeout_ms) {
    struct sockaddr_in a;
    if (!host || ipv4_address(host, port, &a) < 0) {
        errno = EINVAL;
        return -1;
    }
    int fd = gs_socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    /* connect(2) reads the address in the first attempt, before any suspension. */
    gs_op op = {(gs_kind)GS__CONNECT, fd, &a, sizeof a, 0, 0, NULL, false, 0, 0, NULL};
    return (int)single(op, RET_NEW_SOCKET, timeout_ms);
}
#endif
