/*
 * trampoline.c: runs greenlets. The root greenlet (untransformed code) cannot unwind, so a switch
 * out of it runs this loop on top of it; every other greenlet unwinds into the loop, which then
 * re-enters the greenlet switched to, one frame at a time (lazy resume).
 */
#include "sl_internal.h"

void sl__begin_unwind(sl_runtime *rt, greenlet *target, void *value) {
    rt->target = target;
    rt->value = value;
    rt->unwound = NULL;
    sl_tls.link = &rt->unwound;
    sl_tls.unwinding = 1;
}

/* The greenlet's outermost call: run(value), or main's status under --torture. */
static void start(sl_runtime *rt, greenlet *g) {
    void *arg = *(void **)sl_tls.result;
    (void)rt;
    void *result = g->run(arg);
    if (!sl_tls.unwinding && !g->int_result)
        sl_result_store(&result, sizeof result);
}

/* Makes `g` current (its shadow stack too) and hands it rt->value as the result of its pending
 * call. The greenlet that was current has saved its shadow stack already. */
static void enter(sl_runtime *rt, greenlet *g) {
    sl_tls.result_inline.pointer = rt->value;
    sl_tls.result = sl_tls.result_inline.bytes;
    rt->current = g;
    sl__shadow_load(g);
}

static greenlet *alive(greenlet *g) {
    while (g->state == GREENLET_DEAD)
        g = g->parent;
    return g;
}

void *sl__run_until_back(sl_runtime *rt, greenlet *self, greenlet *target, void *value) {
    sl__shadow_save(self);
    self->state = GREENLET_SUSPENDED;
    rt->value = value;
    enter(rt, target);
    for (;;) {
        greenlet *g = rt->current;
        if (g == self)
            break;
        /* Only a greenlet's first call reads the flag; a resumed frame restores its own. */
        sl_tls.unwind_ok = g->state == GREENLET_NEW;
        if (g->state == GREENLET_NEW) {
            g->state = GREENLET_RUNNING;
            start(rt, g);
        } else if (g->top) {
            g->state = GREENLET_RUNNING;
            sl_frame *frame = g->top;
            g->top = frame->back;
            frame->point->resume(frame);
        } else {
            g->state = GREENLET_RUNNING;  /* its outermost call ended in a switch: it returns */
        }
        if (sl_tls.unwinding) {
            sl_tls.unwinding = 0;
            *sl_tls.link = g->top;
            g->top = rt->unwound;
            g->state = GREENLET_SUSPENDED;
            sl__shadow_save(g);
            enter(rt, alive(rt->target));
        } else if (!g->top) {
            /* The outermost call returned: the greenlet is finished and its result goes to the
             * parent. */
            g->state = GREENLET_DEAD;
            sl__shadow_save(g);
            sl__shadow_destroy(g);
            sl_tls.shadow_base = sl_tls.shadow_top = sl_tls.shadow_end = NULL;
            rt->value = g->int_result ? NULL : *(void **)sl_tls.result;
            greenlet *parent = alive(g->parent);
            if (g->int_result) {
                rt->current = parent;
                sl__shadow_load(parent);
                continue;  /* keep the status where it is */
            }
            enter(rt, parent);
        }
        /* Otherwise a frame returned normally: its caller's frame resumes with its result. */
    }
    self->state = GREENLET_RUNNING;
    return sl_tls.result;
}
