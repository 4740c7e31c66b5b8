/*
 * greenlet.c: the greenlet API: creation, switch and throw, errors, parents, state.
 * Argument checks sit here, once; the transfers themselves are in trampoline.c.
 */
#include <errno.h>
#include "sl_internal.h"

void sl__check_slow(sl_runtime *rt, greenlet *g, const char *api) {
    if (!g)
        sl__fatal("%s: NULL greenlet", api);
#ifdef SL_CHECKED
    if (g->magic != SL_MAGIC_LIVE)
        sl__fatal("%s: greenlet %p was freed (use after free; detected by the checked build)",
                  api, (void *)g);
#endif
    if (g->owner != rt->id)
        sl__fatal("%s: greenlet %p belongs to another thread%s; every thread switches only among "
                  "its own greenlets", api, (void *)g,
                  sl__thread_exited(g->owner) ? " (which has exited)" : "");
}

void sl__greenlet_init(sl_runtime *rt, greenlet *g, void *(*run)(void *), greenlet *parent) {
    g->top = NULL;
    g->parent = parent;
    g->u.run = run;
    g->owner = rt->id;
    g->state = SL_NEW;
    g->flags = 0;
    g->xflags = 0;
#ifdef SL_CHECKED
    g->magic = SL_MAGIC_LIVE;
#endif
}

greenlet *greenlet_new(void *(*run)(void *arg), greenlet *parent) {
    sl_runtime *rt = sl__runtime();
    if (rt->current == &rt->root)
        sl__process_remote(rt);
    if (!run) {
        errno = EINVAL;
        return NULL;
    }
    if (parent) {
        sl__check(rt, parent, "greenlet_new (parent)");
    } else {
        parent = rt->current;
    }
    greenlet *g = sl__pool_alloc(&rt->greenlets);
    sl__greenlet_init(rt, g, run, parent);
    return g;
}

int greenlet_error(void) { return sl__runtime()->error; }
void *greenlet_error_payload(void) {
    sl_runtime *rt = sl__runtime();
    return rt->error ? rt->error_payload : NULL;
}

void greenlet_error_clear(void) {
    sl_runtime *rt = sl__runtime();
    rt->error = 0;
    rt->error_payload = NULL;
}

greenlet *greenlet_current(void) { return sl__runtime()->current; }

greenlet *greenlet_parent(greenlet *g) {
    sl_runtime *rt = sl__runtime();
    sl__check(rt, g, "greenlet_parent");
    return g->flags & SL_ROOT ? NULL : g->parent;
}

int greenlet_set_parent(greenlet *g, greenlet *parent) {
    sl_runtime *rt = sl__runtime();
    if (!g || !parent) {
        errno = EINVAL;
        return -1;
    }
    sl__check(rt, g, "greenlet_set_parent");
    if (parent->owner != rt->id) {
        errno = EXDEV;  /* parent cannot be on a different thread */
        return -1;
    }
    sl__check(rt, parent, "greenlet_set_parent (parent)");
    if (g->flags & SL_ROOT) {
        errno = EINVAL;  /* a root has no parent: every chain ends there */
        return -1;
    }
    for (greenlet *p = parent; p; p = p->flags & SL_ROOT ? NULL : p->parent) {
        if (p == g) {
            errno = ELOOP;  /* cyclic parent chain */
            return -1;
        }
    }
    g->parent = parent;
    return 0;
}

/* Queries are allowed on another thread's greenlets (greenlet allows reading `dead`). */
static greenlet *checked(greenlet *g, const char *api) {
    if (!g)
        sl__fatal("%s: NULL greenlet", api);
#ifdef SL_CHECKED
    if (g->magic != SL_MAGIC_LIVE)
        sl__check_slow(sl__runtime(), g, api);
#endif
    return g;
}

bool greenlet_started(greenlet *g) { return checked(g, "greenlet_started")->state != SL_NEW; }

bool greenlet_active(greenlet *g) {
    uint8_t state = checked(g, "greenlet_active")->state;
    return state == SL_RUNNING || state == SL_SUSPENDED;
}

bool greenlet_dead(greenlet *g) { return checked(g, "greenlet_dead")->state == SL_DEAD; }
