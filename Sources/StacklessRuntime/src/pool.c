/*
 * pool.c: per-thread pools of fixed-size objects (greenlets, tasklets, channels).
 *
 * calloc would add a 16-byte header to a 32-byte greenlet; a pool adds nothing, and a freed
 * object keeps its type, so that a checked build can recognise a use after free.
 */
#include <stdio.h>
#include <stdlib.h>
#include "sl_internal.h"

enum { SLAB_BYTES = 64 * 1024, SLAB_HEADER = 16 };

#ifdef SL_CHECKED
/* Freed objects wait this long before reuse, so that a stale pointer still finds them freed. */
enum { QUARANTINE = 4096 };
#endif

void sl__pool_init(sl_pool *p, size_t size) {
    p->free = NULL;
    p->bump = p->bump_end = NULL;
    p->slabs = NULL;
    p->slabs_tail = &p->slabs;
    p->size = (size + 7) & ~(size_t)7;
    p->live = 0;
#ifdef SL_CHECKED
    p->quarantine_tail = NULL;
    p->quarantined = 0;
#endif
}

static void *take_free(sl_pool *p) {
    void *object = p->free;
#ifdef SL_CHECKED
    if (p->quarantined <= QUARANTINE)
        return NULL;
    p->quarantined--;
    if (!(p->free = *(void **)object))
        p->quarantine_tail = NULL;
#else
    if (object)
        p->free = *(void **)object;
#endif
    return object;
}

void *sl__pool_alloc(sl_pool *p) {
    void *object = take_free(p);
    if (!object) {
        if ((size_t)(p->bump_end - p->bump) < p->size) {
            sl_slab *slab = malloc(SLAB_BYTES);
            if (!slab) {
                fputs("stackless: out of memory\n", stderr);
                abort();
            }
            slab->next = NULL;
            slab->end = (char *)slab + SLAB_BYTES;
            *p->slabs_tail = slab;
            p->slabs_tail = &slab->next;
            p->bump = (char *)slab + SLAB_HEADER;
            p->bump_end = slab->end;
        }
        object = p->bump;
        p->bump += p->size;
    }
    p->live++;
    return object;
}

void sl__pool_free(sl_pool *p, void *object) {
    p->live--;
#ifdef SL_CHECKED
    /* FIFO: reuse the oldest freed object first. */
    *(void **)object = NULL;
    if (p->quarantine_tail)
        *(void **)p->quarantine_tail = object;
    else
        p->free = object;
    p->quarantine_tail = object;
    p->quarantined++;
#else
    *(void **)object = p->free;
    p->free = object;
#endif
}

void sl__pool_each(sl_pool *p, void (*fn)(void *object, void *ctx), void *ctx) {
    for (sl_slab *slab = p->slabs; slab; slab = slab->next) {
        char *end = slab->next ? slab->end : p->bump;
        for (char *o = (char *)slab + SLAB_HEADER; o + p->size <= end; o += p->size)
            fn(o, ctx);
    }
}

void sl__pool_destroy(sl_pool *p) {
    sl_slab *slab = p->slabs;
    while (slab) {
        sl_slab *next = slab->next;
        free(slab);
        slab = next;
    }
    sl__pool_init(p, p->size);
}
