/*
 * greenlet.c: the greenlet API. Argument checks sit here, once.
 */
#include <stdio.h>
#include <stdlib.h>
#include "sl_internal.h"

greenlet *greenlet_new(void *(*run)(void *arg), greenlet *parent) {
    sl_runtime *rt = sl__runtime();
    greenlet *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->run = run;
    g->parent = parent ? parent : rt->current;
    g->rt = rt;
    g->state = GREENLET_NEW;
    return g;
}

void *greenlet_switch(greenlet *g, void *value) {
    sl_runtime *rt = sl__runtime();
    greenlet *self = rt->current;
    if (g->rt != rt) {
        fputs("stackless: greenlet_switch to a greenlet of another thread\n", stderr);
        abort();
    }
    while (g->state == GREENLET_DEAD)
        g = g->parent;
    if (g == self)
        return value;
    if (self->is_root)
        return *(void **)sl__run_until_back(rt, self, g, value);
    sl__begin_unwind(rt, g, value);
    return NULL;
}

greenlet *greenlet_current(void) { return sl__runtime()->current; }
greenlet *greenlet_parent(greenlet *g) { return g->parent; }
bool greenlet_started(greenlet *g) { return g->state != GREENLET_NEW; }
bool greenlet_active(greenlet *g) { return g->state == GREENLET_RUNNING || g->state == GREENLET_SUSPENDED; }
bool greenlet_dead(greenlet *g) { return g->state == GREENLET_DEAD; }
