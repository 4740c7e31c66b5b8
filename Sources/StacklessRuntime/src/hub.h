/*
 * hub.h: the hub's private types, shared by hub.c, greensock.c and the backends.
 *
 * A tasklet that must wait describes what it waits for as a group of conditions (a descriptor
 * readable or writable, a channel with a sender, a deadline) and blocks. The first condition that
 * holds wakes the group: every condition of the group is withdrawn at once, the reason is
 * recorded, and the tasklet becomes runnable. The operation then runs again and, when its
 * syscall succeeds, returns. So a group is woken once, and nothing of a cancelled operation
 * happens (oneof performs only the operation that won).
 */
#ifndef SL_HUB_H
#define SL_HUB_H

#include <stdint.h>
#include "sl_internal.h"
#include "greensock.h"

/* Readiness, as the backends report it. */
enum {
    GS_IN = 1,
    GS_OUT = 2,
    GS_ERR = 4,      /* hung up or in error: both directions are woken, reads no longer block */
    GS_RDHUP = 8,    /* the peer closed its side: reads no longer block */
    GS_URGENT = 16,  /* urgent (out-of-band) data: a short read no longer means drained */
};

/* Why a group was woken. */
enum {
    GS_WOKEN_NOT = -1,     /* still waiting */
    GS_WOKEN_TIMER = -2,   /* its deadline passed */
    GS_WOKEN_KILLED = -3,  /* its tasklet was killed */
};

typedef struct gs_group gs_group;

/* One condition: a descriptor (GS_IN or GS_OUT) or a channel, in that object's waiter list. */
typedef struct gs_cond {
    struct gs_cond *next, *prev;
    gs_group *group;
    int fd;                 /* -1 for a channel */
    channel *channel;
    uint8_t dir;            /* GS_IN or GS_OUT */
    uint8_t linked;
    uint8_t channel_closed; /* woken by the close (or free) of its channel: not to be touched */
    uint32_t gen;           /* the descriptor's generation when the wait began */
    int index;              /* what the group's owner calls it (the op index) */
} gs_cond;

struct gs_group {
    tasklet *tasklet;
    int woken;              /* GS_WOKEN_NOT, GS_WOKEN_*, or the index of the condition */
    int ncond;
    int64_t deadline;       /* monotonic ns; INT64_MAX for none */
    gs_group *fifo_prev, *fifo_next;  /* in its timer FIFO */
    uint32_t heap_pos;      /* in the timer heap, NOT_IN_HEAP when not in it */
    int8_t fifo;            /* which timer FIFO it is in, -1 for none */
    gs_cond cond[];
};

enum { NOT_IN_HEAP = UINT32_MAX };

/* Per descriptor: who waits for it, and what the hub knows about it. 24 bytes on LP64: the
 * table is indexed by descriptor number, so a server pays it per connection. */
typedef struct gs_fd {
    gs_cond *readers, *writers;
    uint32_t gen;           /* counts closes: a woken waiter whose descriptor was closed (and its
                             * number perhaps reused) before it ran must not touch the new one */
    uint8_t registered : 1; /* the backend watches it */
    uint8_t readable : 1;   /* no short read or EAGAIN since the last GS_IN (stream sockets) */
    uint8_t stream : 1;     /* a TCP socket: a short read means its queue was drained (unless
                             * urgent data came: then `hup` is set, and reads are always tried) */
    uint8_t hup : 1;        /* hung up or in error: reads no longer block */
    uint8_t kind : 2;       /* FD_UNKNOWN, FD_SOCKET, FD_OTHER: how to write without SIGPIPE */
    uint8_t listen_type : 2; /* a listening socket: 0 not known, 1 stream, 2 other */
} gs_fd;

enum { FD_UNKNOWN, FD_SOCKET, FD_OTHER };

/* The backend contract: one file per backend. watch() is called once per descriptor before its
 * first wait (the backend may report its readiness from then on until forget()); interest()
 * tells a backend that polls only what is waited for which directions are waited for now;
 * wait() blocks up to timeout_ms (-1: no limit) and calls ready() for each event. */
typedef struct sl_backend {
    const char *name;
    bool edge_triggered;    /* reports a descriptor when it becomes ready, whoever waits */
    void *(*open)(void);
    int (*watch)(void *self, int fd);
    void (*interest)(void *self, int fd, unsigned dirs);
    void (*forget)(void *self, int fd, int closing);
    int (*wait)(void *self, int timeout_ms, void (*ready)(int fd, unsigned events, void *ctx), void *ctx);
    void (*close)(void *self, bool close_fds);  /* false: a fork child lets them be */
} sl_backend;

extern const sl_backend sl__backend_poll;
#ifdef __linux__
extern const sl_backend sl__backend_epoll;
#endif

typedef struct gs_timer {
    int64_t deadline;
    gs_group *group;
} gs_timer;

/* Deadlines of one span (a call's timeout: the deadline minus the call's start) come in deadline
 * order, so they queue in a FIFO: O(1) to add and to withdraw (a read that completes before its
 * idle timeout, the common case), where a heap costs a sift each way. A deadline that would come
 * before its FIFO's last (a call that blocks again) and spans beyond the FIFOs go to the heap. */
typedef struct gs_timer_fifo {
    int64_t span;
    gs_group *head, *tail;
} gs_timer_fifo;

enum { TIMER_FIFOS = 8 };

typedef struct gs_hub {
    const sl_backend *backend;
    void *state;
    gs_fd *fds;
    size_t nfds;
    gs_timer_fifo fifos[TIMER_FIFOS];  /* timers: groups with a deadline, in FIFOs by span */
    uint8_t last_fifo;      /* the FIFO of the latest deadline that went to one: tried first */
    gs_timer *heap;         /* and the others, earliest first */
    size_t nheap, heap_cap;
    size_t ntimers;         /* in the FIFOs and the heap */
    gs_cond *watchers;      /* conditions on channels (GS_RECEIVE in oneof) */
    size_t waiting;         /* groups waiting */
    size_t nfdconds;        /* conditions on descriptors */
    gs_group *spare;        /* freed one-condition groups, kept for the next waits */
    size_t nspare;
    unsigned ticks;         /* switches since the hub last looked for events */
    size_t outstanding;     /* groups not freed: their calls have yet to resume */
    int pid;                /* the process that opened the backend (a fork child reopens it) */
} gs_hub;

gs_hub *sl__hub_open(void);
int64_t sl__now(void);
/* The milliseconds from now until `deadline` (monotonic ns), rounded up, as poll(2) and
 * epoll_wait take them: -1 for INT64_MAX (no deadline), 0 once it has passed. */
int sl__ms_until(int64_t deadline);
gs_fd *sl__hub_fd_grow(gs_hub *hub, int fd);
/* In a fork child (sl__hub_forked is set there), the first use of the hub opens a backend of its
 * own and registers again what it waits for. */
void sl__hub_reopen_after_fork(gs_hub *hub);
extern int sl__hub_forked;

/* The thread's hub, opened on first use (and again in a fork child). */
static inline gs_hub *sl__hub(void) {
    gs_hub *hub = sl__runtime()->hub;
    if (__builtin_expect(hub == NULL, 0))
        return sl__hub_open();
    if (__builtin_expect(sl__hub_forked, 0))
        sl__hub_reopen_after_fork(hub);
    return hub;
}

/* The hub's entry for a descriptor, the table grown to hold it. */
static inline gs_fd *sl__hub_fd(gs_hub *hub, int fd) {
    if (__builtin_expect((size_t)fd < hub->nfds, 1))
        return &hub->fds[fd];
    return sl__hub_fd_grow(hub, fd);
}
/* A descriptor this library has just created (non-blocking): its entry starts afresh. */
void sl__hub_fresh_fd(int fd, bool stream_socket);

/* A group from the hub's pool (counted in hub->outstanding until sl__group_free): not waiting,
 * no deadline, no condition linked. (A group in memory of the caller's: sl__group_wait_fd.) */
gs_group *sl__group_new(gs_hub *hub, int ncond);
void sl__group_free(gs_hub *hub, gs_group *g);
/* Condition i waits for fd to be ready in dir (GS_IN or GS_OUT), or for a sender on channel. */
int sl__group_fd(gs_hub *hub, gs_group *g, int i, int fd, unsigned dir, int index);
void sl__group_channel(gs_hub *hub, gs_group *g, int i, channel *c, int index);
/* Withdraws the conditions linked so far (a wait that could not be set up). */
void sl__group_withdraw(gs_hub *hub, gs_group *g);
/* Blocks the current tasklet on g (registered, with its deadline, counted from `since`, when
 * the call began) and switches to the next runnable one, waiting on the hub if none is. Returns
 * true when the switch came straight back (the tasklet itself was the next to run: g is woken),
 * false when unwinding. */
bool sl__group_block(sl_runtime *rt, gs_hub *hub, tasklet *t, gs_group *g, int64_t since);
/* The whole wait of a call on one descriptor (the lean wait, greensock.c): g, in the caller's
 * memory, becomes a group of one condition, fd ready in dir, with that deadline (counted from
 * `since`), counted in hub->outstanding, and blocks the current tasklet as sl__group_block does.
 * Returns 1 when the switch came straight back (g is woken), 0 when unwinding, -1 with errno set
 * when the backend cannot watch fd (nothing is waiting then). */
int sl__group_wait_fd(sl_runtime *rt, gs_hub *hub, gs_group *g, int fd, unsigned dir, int64_t deadline,
                      int64_t since);
/* Reports the events and timers due now, without waiting. */
void sl__hub_poll(sl_runtime *rt);

#endif
