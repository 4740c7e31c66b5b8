/*
 * sl_internal.h: the runtime's private types, shared by its source files and nothing else.
 * Internal non-static names carry the `sl__` prefix.
 */
#ifndef SL_INTERNAL_H
#define SL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "greenlet.h"

enum greenlet_state {
    GREENLET_NEW,        /* created, run not yet called */
    GREENLET_RUNNING,    /* the current greenlet, or one of its ancestors in a switch chain */
    GREENLET_SUSPENDED,  /* its frames are saved on the heap */
    GREENLET_DEAD,
};

/* A chunk of a greenlet's shadow stack; chunks never move, so addresses in them stay valid. */
typedef struct sl_shadow_chunk {
    struct sl_shadow_chunk *prev;
    char *end;
} sl_shadow_chunk;

struct greenlet {
    sl_frame *top;                    /* innermost saved frame */
    greenlet *parent;
    void *(*run)(void *arg);
    struct sl_runtime *rt;            /* the owning thread */
    sl_shadow_chunk *shadow_chunk;    /* NULL until the greenlet uses its shadow stack */
    char *shadow_top;
    unsigned char state;
    unsigned char is_root;
    unsigned char int_result;         /* torture main: the result is main's int status */
};

/* The thread's runtime: its root greenlet and what a switch in progress carries. */
typedef struct sl_runtime {
    greenlet root;
    greenlet *current;
    greenlet *target;                 /* where the unwind in progress is going */
    void *value;                      /* the value the switch carries */
    sl_frame *unwound;                /* frames saved by the unwind in progress, innermost first */
    int error;                        /* error delivered with the value, see greenlet_error */
    void *error_payload;
} sl_runtime;

sl_runtime *sl__runtime(void);
/* Requests a switch to `target` from a greenlet that can unwind. */
void sl__begin_unwind(sl_runtime *rt, greenlet *target, void *value);
/* Runs greenlets from a frame that cannot unwind (the root) until control comes back to `self`;
 * returns the address of the value that switch carries. */
void *sl__run_until_back(sl_runtime *rt, greenlet *self, greenlet *target, void *value);
void sl__shadow_save(greenlet *g);
void sl__shadow_load(greenlet *g);
void sl__shadow_destroy(greenlet *g);

#endif
