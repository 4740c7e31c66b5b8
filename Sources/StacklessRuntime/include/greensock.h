/*
 * greensock.h: cooperative I/O for tasklets. Servers are written as plain blocking code, one
 * tasklet per connection, and one thread holds tens of thousands of connections.
 *
 * Each call below does what its libc namesake does, but where the libc call would block, the
 * calling tasklet waits on the thread's hub instead and the other tasklets run. The hub is the
 * thread's event loop (epoll on Linux, poll elsewhere; GREENSOCK_BACKEND=poll forces poll) with
 * a heap of timers. It is not a greenlet of its own: when the scheduler finds nothing runnable,
 * the tasklet that is stopping waits for events on the hub's behalf and switches straight to the
 * tasklet that became ready, so a wakeup costs one switch where a hub greenlet would cost two.
 *
 * Usage: create a scheduler, add tasklets (tasklet_new), call scheduler_run; it returns when
 * every tasklet has finished. Tasklets waiting on the hub keep the run going (they are not a
 * deadlock); a run in which tasklets wait on channels only is still reported as a deadlock.
 * Outside a tasklet (plain `main`, a plain greenlet) there is nothing else to run: the calls then
 * wait in poll(2), blocking the thread, and keep their timeouts.
 *
 * Conventions:
 *  - Sockets are used with MSG_DONTWAIT; other descriptors (pipes, terminals) are made
 *    non-blocking on first use (gs_socket and gs_accept return non-blocking, close-on-exec
 *    sockets). Close descriptors with gs_close, which wakes whoever waits on them with EBADF;
 *    one the hub has waited on and that is closed another way must be gs_forget'ed first.
 *  - `timeout_ms` is a limit in milliseconds; GS_FOREVER waits without one. A call that times out
 *    returns -1 with errno ETIMEDOUT.
 *  - Failures return -1 with errno set, like libc: ECONNRESET, EPIPE (never SIGPIPE: sends use
 *    MSG_NOSIGNAL, and a write to a pipe holds SIGPIPE back), EBADF for a descriptor closed while
 *    waited on. End of file is a read of 0, as in libc.
 *  - A tasklet killed while it waits (tasklet_kill, scheduler_free) gets -1 with errno ECANCELED
 *    and greenlet_error() == GREENLET_EXIT; it should clean up and return.
 *  - gs_accept backs off when the process is out of descriptors (EMFILE, ENFILE): it waits, 10 ms
 *    doubling to 1 s, and tries again, instead of spinning; connections wait in the backlog.
 *  - After fork(2) the child's hub opens a backend of its own at the child's first call.
 */
#ifndef GREENSOCK_H
#define GREENSOCK_H

/* The runtime's own sources see the declarations on every target (hub.h); a program does not. */
#if defined(__wasi__) && !defined(SL_INTERNAL_H)
#error "greensock.h: WASI has no sockets to create, no signals and no fork: greensock is not built for wasm32-wasi (greenlets, tasklets and channels are)"
#endif

#if defined(__GNUC__)
#pragma GCC system_header /* bool and C99 types in a C89 program's view */
#endif

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/socket.h>
#include "tasklet.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GS_FOREVER (-1L)

ssize_t gs_read(int fd, void *buf, size_t len, long timeout_ms) SL_SUSPENDS;
/* One write, which may be partial (like write(2)); gs_write_all writes the whole buffer. */
ssize_t gs_write(int fd, const void *buf, size_t len, long timeout_ms) SL_SUSPENDS;
/* Returns len, or -1 (errno) when the buffer could not all be written before an error. */
ssize_t gs_write_all(int fd, const void *buf, size_t len, long timeout_ms) SL_SUSPENDS;
ssize_t gs_recv(int fd, void *buf, size_t len, int flags, long timeout_ms) SL_SUSPENDS;
ssize_t gs_send(int fd, const void *buf, size_t len, int flags, long timeout_ms) SL_SUSPENDS;
/* The accepted descriptor is non-blocking and close-on-exec. */
int gs_accept(int fd, struct sockaddr *addr, socklen_t *addrlen, long timeout_ms) SL_SUSPENDS;
/* 0 once connected, or -1 (errno: ECONNREFUSED, ETIMEDOUT, ...). */
int gs_connect(int fd, const struct sockaddr *addr, socklen_t addrlen, long timeout_ms) SL_SUSPENDS;
/* Sleeps; 0, or -1 with errno ECANCELED when the tasklet is killed. gs_sleep(0) yields: the
 * tasklets that the hub finds ready and those already runnable run first. */
int gs_sleep(long ms) SL_SUSPENDS;
/* Waits until `fd` is readable (or writable): 0, or -1 (ETIMEDOUT, EBADF, ECANCELED). */
int gs_wait_readable(int fd, long timeout_ms) SL_SUSPENDS;
int gs_wait_writable(int fd, long timeout_ms) SL_SUSPENDS;

/* socket(2), non-blocking and close-on-exec. */
int gs_socket(int domain, int type, int protocol);
/* A TCP socket listening on host:port (host NULL: every IPv4 address; port 0: any, see
 * getsockname), with SO_REUSEADDR; -1 with errno on failure. */
int gs_listen_tcp(const char *host, int port, int backlog);
/* A TCP connection to host:port (a numeric IPv4 address or "localhost"). */
int gs_connect_tcp(const char *host, int port, long timeout_ms) SL_SUSPENDS;
/* Wakes the tasklets waiting on fd (their calls fail with EBADF), then closes it. */
int gs_close(int fd);
/* Drops the hub's record of fd (before a plain close(2) of a descriptor it has waited on). */
void gs_forget(int fd);

/* oneof / allof: wait for the first of several operations, or for all of them. */
typedef enum gs_kind {
    GS_READ,       /* read(fd, buf, len) */
    GS_WRITE,      /* write(fd, buf, len): one write, possibly partial */
    GS_RECV,       /* recv(fd, buf, len, flags) */
    GS_SEND,       /* send(fd, buf, len, flags) */
    GS_ACCEPT,     /* accept(fd): result is the new descriptor */
    GS_SLEEP,      /* a timer of `ms` milliseconds: result 0 */
    GS_RECEIVE,    /* channel_receive(channel): value is what was received; a closed channel
                    * is error EPIPE; outside tasklets, a receive that would wait is EAGAIN */
} gs_kind;

typedef struct gs_op {
    /* What to do. */
    gs_kind kind;
    int fd;
    void *buf;
    size_t len;
    int flags;
    long ms;
    channel *channel;
    /* How it went: done is set when the operation completed, successfully (error 0) or not
     * (error is its errno: ECONNRESET, EBADF, ...). An end of file is done with result 0. */
    bool done;
    int error;
    ssize_t result;   /* bytes moved, the accepted descriptor, 0 for a timer or a receive */
    void *value;      /* GS_RECEIVE: the value received */
} gs_op;

static inline gs_op gs_op_read(int fd, void *buf, size_t len) {
    gs_op op = {GS_READ, fd, buf, len, 0, 0, NULL, false, 0, 0, NULL};
    return op;
}
static inline gs_op gs_op_write(int fd, const void *buf, size_t len) {
    gs_op op = {GS_WRITE, fd, (void *)buf, len, 0, 0, NULL, false, 0, 0, NULL};
    return op;
}
static inline gs_op gs_op_recv(int fd, void *buf, size_t len, int flags) {
    gs_op op = {GS_RECV, fd, buf, len, flags, 0, NULL, false, 0, 0, NULL};
    return op;
}
static inline gs_op gs_op_send(int fd, const void *buf, size_t len, int flags) {
    gs_op op = {GS_SEND, fd, (void *)buf, len, flags, 0, NULL, false, 0, 0, NULL};
    return op;
}
static inline gs_op gs_op_accept(int fd) {
    gs_op op = {GS_ACCEPT, fd, NULL, 0, 0, 0, NULL, false, 0, 0, NULL};
    return op;
}
static inline gs_op gs_op_sleep(long ms) {
    gs_op op = {GS_SLEEP, -1, NULL, 0, 0, ms, NULL, false, 0, 0, NULL};
    return op;
}
static inline gs_op gs_op_receive(channel *c) {
    gs_op op = {GS_RECEIVE, -1, NULL, 0, 0, 0, c, false, 0, 0, NULL};
    return op;
}

/* Waits for the first of ops[0..n) to complete, performs it, and cancels the others (nothing of
 * theirs happens: no byte is read, no value taken). Returns its index, with its done, error,
 * result and value filled in; or -1 with errno ETIMEDOUT (none completed within timeout_ms),
 * EINVAL (n < 1 or a bad op) or ECANCELED (killed). Operations that can complete at once are
 * tried in order, so an earlier one wins a tie. */
int gs_oneof(gs_op *ops, int n, long timeout_ms) SL_SUSPENDS;
/* Performs every operation, each as soon as it can. Returns n when all completed (each with its
 * own error, if any); or -1 with errno ETIMEDOUT or ECANCELED, with done set on those that did. */
int gs_allof(gs_op *ops, int n, long timeout_ms) SL_SUSPENDS;

/* The hub's backend ("epoll" or "poll"), and its descriptors and timers in use. */
const char *gs_backend(void);
size_t gs_waiting(void);
/* Closes the thread's hub (its epoll descriptor and tables); the next call opens a new one. Done
 * at thread exit too. Fails with EBUSY while tasklets wait on it. */
int gs_hub_close(void);

#ifdef __cplusplus
}
#endif
#endif
