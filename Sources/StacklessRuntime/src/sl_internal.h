/*
 * sl_internal.h: the runtime's private types, shared by its source files and nothing else.
 * Internal non-static names carry the `sl__` prefix.
 */
#ifndef SL_INTERNAL_H
#define SL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "greenlet.h"
#include "tasklet.h"

enum greenlet_state {
    SL_NEW,        /* created, run not yet called */
    SL_RUNNING,    /* the current greenlet of its thread */
    SL_SUSPENDED,  /* its frames are saved on the heap (or, for a root, on the C stack) */
    SL_DEAD,       /* run returned */
    SL_FREED,      /* back in its pool: any use is a use after free */
};

enum greenlet_flags {
    SL_ROOT = 1,           /* untransformed code: switches out of it nest the trampoline */
    SL_INT_RESULT = 2,     /* torture main: the result is main's int status */
    SL_TASKLET = 4,        /* embedded in a tasklet: its end is the scheduler's business */
    SL_FREE_ON_DEATH = 8,  /* greenlet_free'd, but it survived GREENLET_EXIT */
    SL_JMP_SAVED = 16,     /* a setjmp record of it may be saved in a frame: resumes catch longjmps */
};

/* sl_tls.slow: set once a thread uses what the trampoline's fast loop does not look after;
 * that thread's switches take the general loop from then on. */
enum sl_slow_bits {
    SL_SLOW_SHADOW = 1,    /* a shadow stack was allocated (saved and loaded at every switch) */
    SL_SLOW_JMP = 2,       /* a greenlet saved a setjmp record in a frame (SL_JMP_SAVED) */
    SL_SLOW_TRACKED = 4,   /* sl__unwind_tracked: unwind_ok is kept by the generated code */
};

/* A tasklet's scheduling state, in its greenlet's xflags. */
enum tasklet_xflags {
    SL__TASKLET_RUNNABLE = 1,    /* in its scheduler's run queue */
    SL__TASKLET_BLOCKED = 2,     /* in a channel's queue */
    SL__TASKLET_IO = 128,        /* waiting on the hub (greensock) */
    SL__TASKLET_QUEUED = 1 | 2 | 128,
    SL__TASKLET_SENDING = 4,     /* blocked as a sender (else as a receiver) */
    SL__TASKLET_WANT_INT = 8,    /* its pending call returns an int (channel_send) */
    SL__TASKLET_KILL = 16,       /* GREENLET_EXIT is delivered when it next runs */
    SL__TASKLET_CLOSED = 32,     /* CHANNEL_CLOSED is delivered when it next runs */
    SL__TASKLET_NAMED = 64,      /* its scheduler has a name for it */
};

/* A chunk of a greenlet's shadow stack; chunks never move, so addresses in them stay valid.
 * The greenlet's saved top lives in its newest chunk, so that a greenlet spends one pointer on
 * its shadow stack (and that pointer shares a word with `run`, which is dead by then). */
typedef struct sl_shadow_chunk {
    struct sl_shadow_chunk *prev;
    char *end;
    char *saved_top;
    struct sl_jmp_record *jmp_head;  /* the greenlet's newest setjmp record (jmp.c); kept in the
                                      * newest chunk, carried when chunks come and go */
} sl_shadow_chunk;

/* 32 bytes on LP64 (40 in a checked build). The fields up to `flags` are sl_greenlet_head's
 * (stackless_gen.h: the inline switch reads them). */
struct greenlet {
    sl_frame *top;                    /* innermost saved frame; the pool's link once freed */
    greenlet *parent;
    union {
        void *(*run)(void *arg);      /* until it starts */
        sl_shadow_chunk *shadow;      /* after: its newest shadow chunk, NULL if unused */
    } u;
    uint32_t owner;                   /* the id of the thread that created it */
    uint8_t state;                    /* enum greenlet_state */
    uint8_t flags;                    /* enum greenlet_flags */
    uint16_t xflags;                  /* the tasklet's scheduling state (scheduler.c) */
#ifdef SL_CHECKED
    uint32_t magic;
#endif
};

#define SL_MAGIC_LIVE 0x67726e6cu  /* "grnl" */
#define SL_MAGIC_DEAD 0xdeadf4eeu

/* Fixed-size objects (greenlets, tasklets, channels) come from per-thread pools: no malloc
 * header, and a freed object is recognisable (state SL_FREED) until it is reused. */
typedef struct sl_slab {
    struct sl_slab *next;
    char *end;
} sl_slab;

typedef struct sl_pool {
    void *free;                       /* freed objects, linked through their first word */
    char *bump, *bump_end;            /* the unused tail of the newest slab */
    sl_slab *slabs, **slabs_tail;     /* oldest first, so that scans run in allocation order */
    size_t size;                      /* object bytes */
    size_t live;                      /* objects handed out and not freed */
#ifdef SL_CHECKED
    void *quarantine_tail;            /* a checked build reuses freed objects late (FIFO) */
    size_t quarantined;
#endif
} sl_pool;

void sl__pool_init(sl_pool *p, size_t size);
void *sl__pool_alloc(sl_pool *p);
void sl__pool_free(sl_pool *p, void *object);
void sl__pool_destroy(sl_pool *p);
/* Calls fn on every object slot ever handed out (freed ones included), oldest slab first. */
void sl__pool_each(sl_pool *p, void (*fn)(void *object, void *ctx), void *ctx);

/* An int result travels as an intptr_t in the pointer. On a little-endian target its bytes are
 * the pointer's first ones, so it is delivered as a pointer is (rt->value_int is not read); on a
 * big-endian one the trampoline moves it to the first bytes (trampoline.c, deliver). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define SL_INT_RESULT_IN_PLACE 1
#else
#define SL_INT_RESULT_IN_PLACE 0
#endif

/* The thread's runtime: its root greenlet and what a switch in progress carries. */
typedef struct sl_runtime {
    /* First, as sl_runtime_head in stackless_gen.h (the inline switch): */
    greenlet *current;
    /* The transfer in progress (set by sl__prepare, consumed when the target is entered). Its
     * value waits in sl_tls.result_inline.pointer, where the target's pending call reads it: no
     * frame stores a result while a transfer is in progress (every store is after an unwind
     * test, and an unwind is what a transfer starts), so nothing copies it on the way. */
    greenlet *target;
    int error;                        /* error delivered with the value, see greenlet_error */
    uint32_t id;
    /* The rest is the runtime's own. */
    void *error_payload;
    uint8_t value_int;                /* the target's pending call returns an int, not a pointer */
    uint8_t exited;                   /* the thread has ended (kept alive by its greenlets) */
    greenlet root;
    sl_pool greenlets, tasklets, channels;
    sl_slab *frame_slabs;
    /* Greenlets freed by other threads, killed here at the next safe point. */
    greenlet **remote;
    size_t nremote, remote_cap;
    int remote_pending;               /* read without the lock as a hint (atomic) */
    struct gs_hub *hub;               /* cooperative I/O (hub.c), NULL until first used */
    /* Hooks that the scheduler and the hub set when first used, so that a program of greenlets
     * alone does not link them (the runtime is an archive: an object comes in when named). */
    void (*hub_destroy)(struct sl_runtime *rt);
    void (*tasklet_finished)(struct sl_runtime *rt, greenlet *g);
    /* Set by jmp.c when it first flags a greenlet SL_JMP_SAVED: programs without setjmp records
     * do not link it. */
    void (*resume_catching)(struct sl_runtime *rt, greenlet *g, sl_frame *frame);
    /* setjmp/longjmp (jmp.c): the trampoline's jmp_buf while it resumes a greenlet that has a
     * record saved in a frame, and the record a longjmp caught there lands in. */
    void *jmp_escape;
    struct sl_jmp_record *jmp_target;
} sl_runtime;

sl_runtime *sl__runtime_init(void);

static inline sl_runtime *sl__runtime(void) {
    sl_runtime *rt = (sl_runtime *)sl_tls.rt;
    return rt ? rt : sl__runtime_init();
}

/* Misuse: prints "stackless: <message>" and aborts. */
_Noreturn void sl__fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sl__warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Checks that `g` may be used from this thread (and, in a checked build, is not freed). */
void sl__check_slow(sl_runtime *rt, greenlet *g, const char *api);

static inline void sl__check(sl_runtime *rt, greenlet *g, const char *api) {
#ifdef SL_CHECKED
    if (!g || g->magic != SL_MAGIC_LIVE || g->owner != rt->id)
        sl__check_slow(rt, g, api);
#else
    if (__builtin_expect(!g || g->owner != rt->id, 0))
        sl__check_slow(rt, g, api);
#endif
}

/* Transfers. sl__prepare records where control goes and what it carries; sl__go performs it
 * from the current greenlet: it returns the address of the delivered value when control is back
 * in the caller (the caller is the root, which waits in a nested trampoline, or the target was
 * the current greenlet itself), or NULL after starting an unwind. */
static inline void sl__prepare(sl_runtime *rt, greenlet *target, void *value, int error,
                               void *payload, int value_int) {
    rt->target = target;
    sl_tls.result_inline.pointer = value;
    rt->error = error;
    rt->error_payload = payload;
    rt->value_int = (uint8_t)value_int;
}
void *sl__go(sl_runtime *rt);
/* Requests a switch of the current greenlet to itself (torture yields, deep recursion), keeping
 * its error state. */
void sl__begin_unwind_self(sl_runtime *rt);
/* Runs greenlets from the current greenlet, a root (it cannot unwind), until control comes back
 * to it; rt->target is resolved. Returns the address of the value that switch carries. */
void *sl__run_until_back(sl_runtime *rt);
extern int sl__unwind_tracked;

/* A continuation: a runtime function that must do work after a switch pushes one when it
 * unwinds (a hand-written resumable frame). fn runs when the greenlet is resumed. */
void *sl__push_continuation(void (*fn)(sl_runtime *rt, void *data), unsigned long data_size);

/* The current greenlet leaves the CPU: its shadow stack is its newest chunk, whose header keeps
 * the top (inline: every switch does this). */
/* The current greenlet's newest shadow chunk (its header precedes the base), NULL if none. */
static inline sl_shadow_chunk *sl__shadow_chunk(void) {
    return sl_tls.shadow_base ? (sl_shadow_chunk *)(sl_tls.shadow_base - sizeof(sl_shadow_chunk)) : NULL;
}

static inline void sl__shadow_save(greenlet *g) {
    sl_shadow_chunk *chunk = sl__shadow_chunk();
    if (chunk)
        chunk->saved_top = sl_tls.shadow_top;
    g->u.shadow = chunk;
}

static inline void sl__shadow_load(greenlet *g) {
    sl_shadow_chunk *chunk = g->state == SL_NEW ? NULL : g->u.shadow;
    if (chunk) {
        sl_tls.shadow_base = (char *)(chunk + 1);
        sl_tls.shadow_end = chunk->end;
        sl_tls.shadow_top = chunk->saved_top;
    } else {
        sl_tls.shadow_base = sl_tls.shadow_top = sl_tls.shadow_end = NULL;
    }
}

void sl__shadow_destroy(greenlet *g);

/* setjmp records (jmp.c): resumes a frame of a greenlet flagged SL_JMP_SAVED, catching the
 * longjmps that target a record saved in one of its frames. */
void sl__resume_catching(sl_runtime *rt, greenlet *g, sl_frame *frame);
/* Gives back a frame whose size the caller does not know (a frame a longjmp discards). */
void sl__frame_discard(sl_runtime *rt, sl_frame *frame);
void sl__shadow_release_thread(void);

/* Greenlet storage: plain greenlets come from rt->greenlets; a tasklet embeds its greenlet. */
void sl__greenlet_init(sl_runtime *rt, greenlet *g, void *(*run)(void *), greenlet *parent);
void sl__greenlet_release(sl_runtime *rt, greenlet *g);
/* Frees what a thread's runtime owns once none of its objects is alive (thread exit). */
void sl__runtime_destroy(sl_runtime *rt);
void sl__remote_free(greenlet *g);
bool sl__thread_exited(uint32_t id);
void sl__process_remote(sl_runtime *rt);
void sl__frames_destroy(sl_runtime *rt);

/* A tasklet is a greenlet (first member) plus its place in the scheduler: 72 bytes on LP64. */
struct tasklet {
    greenlet g;
    tasklet *next;          /* in its scheduler's run queue or in a channel's queue */
    scheduler *sched;
    union {
        channel *channel;   /* while blocked; the payload of CHANNEL_CLOSED after a close */
        struct gs_group *io;  /* while waiting on the hub */
    };
    void *value;            /* fn's argument until it starts, then the value in transit */
    uint32_t serial;        /* creation order in its scheduler, for messages */
};

struct channel {
    tasklet *head, *tail;   /* blocked tasklets: all senders (balance > 0) or all receivers */
    const char *name;
    int balance;
    uint8_t closed;
    int8_t preference;      /* -1 receiver, 0 neither, 1 sender: who runs on a rendezvous */
    uint8_t watched;        /* a gs_oneof waits for a sender (hub.c) */
#ifdef SL_CHECKED
    uint32_t magic;
#endif
};

typedef struct {
    uint32_t serial;
    const char *name;
} sl_tasklet_name;

struct scheduler {
    tasklet *head, *tail;   /* the run queue */
    greenlet *caller;       /* the greenlet waiting in scheduler_run, NULL when not running */
    uint32_t owner;
    int count;              /* tasklets not finished */
    int runnable;
    int blocked;            /* on channels */
    int io_waiting;         /* on the hub: they keep the run going */
    int io_wakeable;        /* of those, the ones a descriptor or a timer can wake (the others
                             * wait on channels only: with nothing runnable, a deadlock) */
    uint32_t serial;
    char *report;           /* the last deadlock report */
    sl_tasklet_name *names; /* names are rare: kept aside, not in every tasklet */
    size_t nnames, names_cap;
};

/* The scheduler's hook: a tasklet's greenlet ended (run returned); sets up the next transfer. */
void sl__tasklet_finished(sl_runtime *rt, greenlet *g);

static inline tasklet *sl__tasklet_current(sl_runtime *rt) {
    greenlet *g = rt->current;
    return g->flags & SL_TASKLET ? (tasklet *)g : NULL;
}

static inline void sl__run_queue_push(scheduler *s, tasklet *t, bool front) {
    t->g.xflags |= SL__TASKLET_RUNNABLE;
    s->runnable++;
    if (front) {
        t->next = s->head;
        s->head = t;
        if (!s->tail)
            s->tail = t;
    } else {
        t->next = NULL;
        if (s->tail)
            s->tail->next = t;
        else
            s->head = t;
        s->tail = t;
    }
}

/* sl__go for a transfer the scheduler prepared: when it goes from a greenlet that can unwind to a
 * suspended one (a tasklet switching to another), without an error to resolve, the unwind starts
 * here; the rest goes through sl__go. */
static inline void *sl__go_prepared(sl_runtime *rt) {
#ifndef SL_CHECKED
    greenlet *g = rt->target, *self = rt->current;
    if (__builtin_expect(g->state == SL_SUSPENDED && !((self->flags & SL_ROOT) |
                                                       (sl_tls.slow & SL_SLOW_TRACKED)), 1)) {
        sl_tls.link = &self->top;
        sl_tls.unwinding = 1;
        return NULL;
    }
#endif
    return sl__go(rt);
}
/* Switches from the current tasklet to `t`, which is off every queue; or to the next runnable
 * tasklet of `s` (back to its caller, with the run's status, when none is left). */
static inline tasklet *sl__run_queue_pop(scheduler *s) {
    tasklet *t = s->head;
    if (t) {
        if (!(s->head = t->next))
            s->tail = NULL;
        t->g.xflags &= (uint16_t)~SL__TASKLET_RUNNABLE;
        s->runnable--;
    }
    return t;
}

/* Sets up the switch into `t`, which is off every queue: it is handed its pending call's result
 * (an int for channel_send and tasklet_kill) and the error it was woken with, if any. */
static inline void sl__prepare_run(sl_runtime *rt, tasklet *t) {
    uint16_t x = t->g.xflags;
    int value_int = (x & SL__TASKLET_WANT_INT) != 0;
    void *value = t->value, *payload = NULL;
    int error = 0;
    if (__builtin_expect(x & (SL__TASKLET_KILL | SL__TASKLET_CLOSED), 0)) {
        error = x & SL__TASKLET_KILL ? GREENLET_EXIT : CHANNEL_CLOSED;
        payload = x & SL__TASKLET_KILL ? NULL : t->channel;
        value = value_int ? (void *)(intptr_t)-1 : NULL;
    }
    t->g.xflags = x & SL__TASKLET_NAMED;
    t->value = NULL;
    t->channel = NULL;
    sl__prepare(rt, &t->g, value, error, payload, value_int);
}

/* The hub's share of a switch between tasklets (scheduler.c; rt->hub is set), and the switch to
 * the next tasklet when the run queue is empty. */
void sl__hub_tick(sl_runtime *rt);
void sl__prepare_next_slow(sl_runtime *rt, scheduler *s);

/* Sets up the switch to the next runnable tasklet of `s`, or back to its caller with the run's
 * status when none is left (the hub gets its tick first: see scheduler.c). */
static inline void sl__prepare_next(sl_runtime *rt, scheduler *s) {
    if (__builtin_expect(s->head != NULL, 1)) {
        if (__builtin_expect(rt->hub != NULL, 0))
            sl__hub_tick(rt);
        sl__prepare_run(rt, sl__run_queue_pop(s));
        return;
    }
    sl__prepare_next_slow(rt, s);
}

static inline void sl__switch_to_tasklet(sl_runtime *rt, tasklet *t) {
    sl__prepare_run(rt, t);
    sl__go_prepared(rt);
}

/* Switches from the current tasklet to the next runnable one of `s` (see sl__prepare_next).
 * Returns -1, what a call of the API returns while it unwinds, so that one can end in a tail call. */
int sl__switch_to_next(sl_runtime *rt, scheduler *s);

/* The hub's hooks (hub.c). sl__hub_wait waits for events until `s` has a runnable tasklet
 * (called when its run queue is empty and some of its tasklets wait on the hub);
 * sl__hub_cancel takes a waiting tasklet off the hub (it is being killed); sl__channel_ready
 * wakes the gs_oneof calls waiting for a sender on `c` (or for its close). */
void sl__hub_wait(sl_runtime *rt, scheduler *s);
void sl__hub_cancel(sl_runtime *rt, tasklet *t);
void sl__channel_ready(sl_runtime *rt, channel *c);
void sl__hub_destroy(sl_runtime *rt);

#endif
