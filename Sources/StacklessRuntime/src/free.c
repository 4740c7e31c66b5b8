/*
 * free.c: greenlet_free. A suspended greenlet is first thrown GREENLET_EXIT, with the freeing
 * greenlet as its parent for the occasion, so that it can release what it holds; this is a
 * switch, so greenlet_free may suspend (from the root it runs the greenlet in a nested loop).
 */
#include "sl_internal.h"

void sl__greenlet_release(sl_runtime *rt, greenlet *g) {
    g->state = SL_FREED;
#ifdef SL_CHECKED
    g->magic = SL_MAGIC_DEAD;
#endif
    sl__pool_free(&rt->greenlets, g);
}

/* What the freeing greenlet needs when control comes back to it. */
typedef struct {
    greenlet *g;
    greenlet *parent;   /* g's own parent, restored if g survives */
    int error;          /* the freeing greenlet's error state, which a free does not change */
    void *payload;
} kill_record;

static void after_kill(sl_runtime *rt, void *data) {
    kill_record *k = data;
    greenlet *g = k->g;
    if (g->state == SL_DEAD) {
        if (rt->error)
            sl__warn("greenlet_free: greenlet %p ended with error %d (payload %p) instead of "
                     "GREENLET_EXIT; the error is ignored", (void *)g, rt->error, rt->error_payload);
        sl__greenlet_release(rt, g);
    } else {
        /* It switched away instead of ending; greenlet leaks it, we free it when it ends. */
        g->parent = k->parent;
        g->flags |= SL_FREE_ON_DEATH;
        sl__warn("greenlet_free: greenlet %p did not end on GREENLET_EXIT; it is freed when its "
                 "run returns", (void *)g);
    }
    rt->error = k->error;
    rt->error_payload = k->payload;
}

void greenlet_free(greenlet *g) {
    if (!g)
        return;
    sl_runtime *rt = sl__runtime();
#ifdef SL_CHECKED
    if (g->magic != SL_MAGIC_LIVE)
        sl__check_slow(rt, g, "greenlet_free");
#endif
    if (g->owner != rt->id) {
        sl__remote_free(g);
        return;
    }
    if (g->flags & SL_ROOT)
        sl__fatal("greenlet_free: greenlet %p is a thread's root", (void *)g);
    if (g->flags & SL_TASKLET)
        sl__fatal("greenlet_free: greenlet %p belongs to a tasklet; use tasklet_kill", (void *)g);
    if (g == rt->current)
        sl__fatal("greenlet_free: greenlet %p is the running greenlet", (void *)g);
    if (g->flags & SL_FREE_ON_DEATH)
        sl__fatal("greenlet_free: greenlet %p was freed already", (void *)g);
    if (g->state != SL_SUSPENDED) {
        sl__greenlet_release(rt, g);
        return;
    }
    kill_record k = {g, g->parent, rt->error, rt->error_payload};
    g->parent = rt->current;
    sl__prepare(rt, g, NULL, GREENLET_EXIT, NULL, 0);
    if (sl__go(rt))
        after_kill(rt, &k);  /* from the root: g has run already */
    else
        *(kill_record *)sl__push_continuation(after_kill, sizeof k) = k;
}
