/*
 * trampoline.c: transfers between greenlets, and the loop that runs them. The root greenlet
 * (untransformed code) cannot unwind, so a switch out of it runs the loop on top of it; every
 * other greenlet unwinds into the loop, which then re-enters the greenlet switched to, one frame
 * at a time (lazy resume). greenlet_switch lives here so that its fast path inlines the rest.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "sl_internal.h"

/* Set when the generated code keeps sl_tls.unwind_ok (--torture builds; a checked transform
 * would set it too): a switch from a greenlet is then refused when an untransformed C frame sits
 * between it and the trampoline. */
int sl__unwind_tracked;

/* Hands the transfer's value to the greenlet being entered, as the result of its pending call:
 * it is in the result buffer already (sl__prepare); an int result (rt->value_int) moves to the
 * first bytes where they are not the pointer's (SL_INT_RESULT_IN_PLACE). */
static inline void deliver(sl_runtime *rt) {
#if SL_INT_RESULT_IN_PLACE
    (void)rt;
#else
    if (__builtin_expect(rt->value_int, 0)) {
        int v = (int)(intptr_t)sl_tls.result_inline.pointer;
        memcpy(sl_tls.result_inline.bytes, &v, sizeof v);
        rt->value_int = 0;
    }
#endif
}

/* Makes `g` current, with its shadow stack. The greenlet that was current has saved its own. */
static inline void enter(sl_runtime *rt, greenlet *g) {
    deliver(rt);
    rt->current = g;
    sl__shadow_load(g);
}

/* A dead target, or one not started that receives an error: follow parents. */
static greenlet *resolve_slow(sl_runtime *rt) {
    for (;;) {
        greenlet *g = rt->target;
        sl__check(rt, g, "switch");
        if (g->state == SL_FREED)  /* caught even unchecked, while the object is not reused */
            sl__fatal("switch: greenlet %p was freed (use after free)", (void *)g);
        if (g->state == SL_NEW && rt->error) {
            /* An error before run: the greenlet ends without running (greenlet does the same). */
            g->state = SL_DEAD;
            g->u.shadow = NULL;
        }
        if (g->state != SL_DEAD)
            return g;
        /* A dead greenlet passes the transfer to its parent; GREENLET_EXIT thrown at it is
         * "eaten" by it and becomes a plain value, its payload. */
        if (rt->error == GREENLET_EXIT) {
            sl_tls.result_inline.pointer = rt->error_payload;
            rt->error = 0;
            rt->error_payload = NULL;
        }
        rt->target = g->parent;
    }
}

static inline greenlet *resolve(sl_runtime *rt) {
    greenlet *g = rt->target;
    if (__builtin_expect(g->state == SL_SUSPENDED || g->state == SL_RUNNING, 1))
        return g;
    if (g->state == SL_NEW && !rt->error)
        return g;
    return resolve_slow(rt);
}

/* The greenlet's outermost call: run(value), or main's status under --torture. */
static void start(greenlet *g) {
    void *arg = sl_tls.result_inline.pointer;
    void *result = g->u.run(arg);
    if (!sl_tls.unwinding && !(g->flags & SL_INT_RESULT))
        sl_result_store(&result, sizeof result);
}

/* `g`'s run returned: it is dead, and its result (in the result buffer) goes to its parent. An
 * error it received and did not clear goes along, except GREENLET_EXIT, which ends it quietly. */
static void finished(sl_runtime *rt, greenlet *g) {
    g->state = SL_DEAD;
    if (__builtin_expect(sl_tls.shadow_base != NULL, 0))
        sl__shadow_destroy(g);
    else
        g->u.shadow = NULL;
    if (g->flags & SL_INT_RESULT) {
        /* Torture main: the int status stays in the result buffer for sl_torture_main. */
        rt->current = g->parent;
        sl__shadow_load(g->parent);
        return;
    }
    if (g->flags & SL_TASKLET) {
        rt->tasklet_finished(rt, g);  /* set by tasklet_new: no scheduler linked without one */
    } else {
        rt->target = g->parent;  /* the value is where its result was stored */
        rt->value_int = 0;
        if (rt->error == GREENLET_EXIT) {
            rt->error = 0;
            rt->error_payload = NULL;
        }
        if (g->flags & SL_FREE_ON_DEATH)
            sl__greenlet_release(rt, g);
    }
    enter(rt, resolve(rt));
}

/* How much C stack greenlets may use above the trampoline before sl_stack_deep() says so.
 * wasm32's C stack is 64 KB by default (wasm-ld), low in linear memory, with no guard page. */
#if defined(__wasm__)
enum { SL_STACK_BUDGET = 16 * 1024 };
#else
enum { SL_STACK_BUDGET = 256 * 1024 };
#endif

/* The loop, inline in sl_switch_from_root, where every switch from a root enters it. A
 * root's limit is NULL (sl_stack_deep never says deep in a root) and a loop runs only from a
 * root, so no loop runs inside another: the limit goes back to NULL when control is back. */
static inline __attribute__((always_inline)) void *run_loop(sl_runtime *rt, greenlet *self) {
    char here;
    sl_tls.stack_limit = (char *)((uintptr_t)&here - SL_STACK_BUDGET);
    self->state = SL_SUSPENDED;
    greenlet *g = rt->target;
    deliver(rt);
    rt->current = g;
    if (__builtin_expect(sl_tls.slow != 0, 0)) {
        sl__shadow_save(self);
        sl__shadow_load(g);
        goto general;
    }
    /* The fast loop, while the thread uses no shadow stack, no saved setjmp record and no
     * tracked unwinds (sl_tls.slow is 0): then no greenlet has a shadow stack to save or load
     * (every started greenlet's u.shadow is NULL), none is flagged SL_JMP_SAVED and nothing
     * reads unwind_ok. It resumes saved frames and follows switches; anything else (a greenlet
     * to start, one that ends, one with no frame, a bit of sl_tls.slow set by what just ran) goes
     * on in the general loop below, which does the same with everything checked, and comes back
     * here after a switch if sl_tls.slow is still 0. */
fast:
    for (;;) {
        sl_frame *frame = g->top;
        if (__builtin_expect(frame == NULL, 0))
            goto general;
        g->top = frame->back;
        g->state = SL_RUNNING;
        frame->point->resume(frame);
        if (__builtin_expect(sl_tls.slow != 0, 0))
            goto returned;
        if (__builtin_expect(sl_tls.unwinding, 1)) {
            sl_tls.unwinding = 0;
            g->state = SL_SUSPENDED;
            g = rt->target;
            deliver(rt);
            rt->current = g;
            if (g == self)
                goto back;
        } else if (!g->top) {
            goto returned;  /* its run returned */
        }
    }
general:
    while (g != self) {
        {
            sl_frame *frame = g->top;
            if (__builtin_expect(frame != NULL, 1)) {
                g->top = frame->back;
                sl_tls.unwind_ok = 0;  /* a resumed frame restores its own */
                g->state = SL_RUNNING;
                if (__builtin_expect(g->flags & SL_JMP_SAVED, 0))
                    rt->resume_catching(rt, g, frame);  /* set with the flag (jmp.c) */
                else
                    frame->point->resume(frame);
            } else if (g->state == SL_NEW) {
                sl_tls.unwind_ok = 1;  /* only a greenlet's first call reads the flag */
                g->state = SL_RUNNING;
                start(g);
            } else {
                /* No frame: its outermost call ended in a switch (a tail call), so it returns
                 * the value it was just handed. */
                g->state = SL_RUNNING;
            }
        }
    returned:
        if (__builtin_expect(sl_tls.unwinding, 1)) {
            sl_tls.unwinding = 0;  /* the frames saved are linked in front of g->top */
            g->state = SL_SUSPENDED;
            greenlet *target = rt->target;
            deliver(rt);
            rt->current = target;
            /* Most greenlets never use a shadow stack: then there is nothing to save or load. */
            if (__builtin_expect(sl_tls.shadow_base != NULL, 0)) {
                sl__shadow_save(g);
                sl__shadow_load(target);
            } else {
                g->u.shadow = NULL;
                if (__builtin_expect(target->u.shadow != NULL, 0) && target->state != SL_NEW)
                    sl__shadow_load(target);
            }
            g = target;
            if (!sl_tls.slow && g != self)
                goto fast;  /* e.g. a greenlet that has just started and switched */
        } else if (!g->top) {
            finished(rt, g);
            g = rt->current;
        }
        /* Otherwise a frame returned normally: its caller's frame resumes with its result. */
    }
back:
    self->state = SL_RUNNING;
    sl_tls.stack_limit = NULL;
    return sl_tls.result_inline.bytes;
}

/* Through the one copy of the loop, which the generated code's inline switch enters: the loop
 * is the runtime's largest code. */
void *sl__run_until_back(sl_runtime *rt) {
    sl_switch_from_root(rt);
    return sl_tls.result_inline.bytes;
}

static _Noreturn void untransformed_frame(void) {
    sl__fatal("a switch was attempted from a greenlet while an untransformed C frame (a callback "
              "from qsort, a C library or Swift) sits between it and the trampoline; that frame "
              "cannot be suspended. Switch outside the callback, or transform its caller.");
}

/* Starts the unwind of the current greenlet toward rt->target (resolved, not current). */
static inline void begin_unwind(sl_runtime *rt) {
    if (__builtin_expect(sl__unwind_tracked, 0) && !sl_tls.unwind_ok)
        untransformed_frame();
    sl_tls.link = &rt->current->top;
    sl_tls.unwinding = 1;
}

static void *go_from_root(sl_runtime *rt, greenlet *self) {
    if (__builtin_expect(rt->remote_pending, 0)) {
        /* Greenlets freed by other threads are killed first; the transfer is kept aside. */
        greenlet *g = rt->target;
        void *value = sl_tls.result_inline.pointer, *payload = rt->error_payload;
        int error = rt->error, value_int = rt->value_int;
        sl__process_remote(rt);
        sl__prepare(rt, g, value, error, payload, value_int);
        if ((g = resolve(rt)) == self) {
            deliver(rt);
            return sl_tls.result_inline.bytes;
        }
        rt->target = g;
    }
    return sl__run_until_back(rt);
}

static inline void *go(sl_runtime *rt) {
    greenlet *self = rt->current;
#ifdef SL_CHECKED
    if (sl_tls.unwinding)
        sl__fatal("a switch was attempted while another is unwinding: an untransformed C frame "
                  "kept running after a switch (a callback from qsort, a C library or Swift?)");
#endif
    greenlet *g = resolve(rt);
    if (g == self) {
        /* The transfer ends where it started: the value comes straight back. */
        deliver(rt);
        return sl_tls.result_inline.bytes;
    }
    rt->target = g;
    if (self->flags & SL_ROOT)
        return go_from_root(rt, self);
    begin_unwind(rt);
    return NULL;
}

void *sl__go(sl_runtime *rt) { return go(rt); }

void sl__begin_unwind_self(sl_runtime *rt) {
    rt->target = rt->current;
    sl_tls.result_inline.pointer = NULL;
    rt->value_int = 0;
    sl_tls.link = &rt->current->top;
    sl_tls.unwinding = 1;
}

/* A greenlet that belongs to the scheduler (runnable, blocked or not started) is switched to by
 * the scheduler only; a running tasklet that switched away to a greenlet may be switched back. */
static void check_not_scheduled(greenlet *g, const char *api) {
    if ((g->flags & SL_TASKLET) && (g->state == SL_NEW || (g->xflags & SL__TASKLET_QUEUED)))
        sl__fatal("%s: greenlet %p is a tasklet that its scheduler runs; use channels, "
                  "tasklet_schedule or tasklet_kill", api, (void *)g);
}

static void *transfer(greenlet *g, void *value, int error, void *payload, const char *api) {
    sl_runtime *rt = sl__runtime();
    sl__check(rt, g, api);
    if (__builtin_expect(g->flags & SL_TASKLET, 0))
        check_not_scheduled(g, api);
    sl__prepare(rt, g, value, error, payload, 0);
    void *delivered = go(rt);
    return delivered ? *(void **)delivered : NULL;
}

void *greenlet_switch(greenlet *g, void *value) {
    sl_runtime *rt = (sl_runtime *)sl_tls.rt;
    /* The common case, from a greenlet to a suspended or new greenlet (not a tasklet), in a few
     * instructions (no error goes along, so a new one starts). A root is never current in a
     * greenlet, and is suspended only below a loop. */
    if (__builtin_expect(rt && g && g->owner == rt->id &&
                         (g->state == SL_SUSPENDED || g->state == SL_NEW) &&
                         !(g->flags & (SL_TASKLET | SL_FREE_ON_DEATH)), 1)) {
#ifdef SL_CHECKED
        if (g->magic != SL_MAGIC_LIVE || sl_tls.unwinding)
            return transfer(g, value, 0, NULL, "greenlet_switch");
#endif
        rt->target = g;
        sl_tls.result_inline.pointer = value;
        rt->error = 0;  /* the payload is meaningless without an error */
        greenlet *self = rt->current;
        if (__builtin_expect(!(self->flags & SL_ROOT), 1)) {
            begin_unwind(rt);
            return NULL;
        }
        /* From a root: the loop, in the copy that the generated code's inline switch enters. */
        return sl_switch_from_root(rt);
    }
    return transfer(g, value, 0, NULL, "greenlet_switch");
}

/* The out-of-line half of the inline switch (stackless_gen.h). */
void *sl_switch_slow(greenlet *g, void *value) { return greenlet_switch(g, value); }

void *sl_switch_from_root(void *runtime) {
    sl_runtime *rt = runtime;
    greenlet *self = rt->current;
    if (__builtin_expect(rt->remote_pending, 0))
        return *(void **)go_from_root(rt, self);
    return *(void **)run_loop(rt, self);
}

_Static_assert(offsetof(greenlet, top) == offsetof(sl_greenlet_head, top) &&
               offsetof(greenlet, owner) == offsetof(sl_greenlet_head, owner) &&
               offsetof(greenlet, state) == offsetof(sl_greenlet_head, state) &&
               offsetof(greenlet, flags) == offsetof(sl_greenlet_head, flags) &&
               sizeof(((greenlet *)0)->owner) == sizeof(unsigned int) &&
               SL_SUSPENDED == SL_HEAD_SUSPENDED && SL_ROOT == SL_HEAD_ROOT &&
               (SL_TASKLET | SL_FREE_ON_DEATH) == SL_HEAD_SLOW,
               "sl_greenlet_head (stackless_gen.h) must lay out the head of struct greenlet");
_Static_assert(offsetof(sl_runtime, current) == offsetof(sl_runtime_head, current) &&
               offsetof(sl_runtime, target) == offsetof(sl_runtime_head, target) &&
               offsetof(sl_runtime, error) == offsetof(sl_runtime_head, error) &&
               offsetof(sl_runtime, id) == offsetof(sl_runtime_head, id),
               "sl_runtime_head (stackless_gen.h) must lay out the head of sl_runtime");

void *greenlet_throw(greenlet *g, int error, void *payload) {
    return transfer(g, NULL, error, payload, "greenlet_throw");
}

/* A continuation frame: the header, the function, the size of the whole frame, then data. */
typedef struct {
    sl_frame header;
    void (*fn)(sl_runtime *rt, void *data);
    unsigned long size;
    _Alignas(16) unsigned char data[];
} continuation;

static void continuation_resume(sl_frame *frame) {
    continuation *c = (continuation *)frame;
    c->fn((sl_runtime *)sl_tls.rt, c->data);
    /* Released after fn, which may have pushed a continuation of its own. */
    sl_frame_release(c, c->size);
}

static const sl_point continuation_point = {.resume = continuation_resume, .index = 0};

void *sl__push_continuation(void (*fn)(sl_runtime *rt, void *data), unsigned long data_size) {
    unsigned long size = sizeof(continuation) + data_size;
    continuation *c = sl_frame_push(size, &continuation_point);
    c->fn = fn;
    c->size = size;
    return c->data;
}
