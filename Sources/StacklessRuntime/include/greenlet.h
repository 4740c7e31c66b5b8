/*
 * greenlet.h: greenlets for C, without stack switching.
 *
 * Functions that may suspend are rewritten by `stackless transform` (or `stackless cc`); the
 * untransformed caller (C `main`, or Swift) is the root greenlet of its thread. Every thread has
 * its own root and its own greenlets.
 */
#ifndef GREENLET_H
#define GREENLET_H

#include <stdbool.h>
#include "stackless_gen.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct greenlet greenlet;

/* The error a greenlet receives when it is freed while suspended (like greenlet's GreenletExit). */
#define GREENLET_EXIT (-1)

/* Creates a greenlet that will call `run(value)` on the first switch into it. A NULL parent means
 * the current greenlet. */
greenlet *greenlet_new(void *(*run)(void *arg), greenlet *parent);

/* Switches to `g`, handing it `value`; returns the value the next switch back into the caller
 * carries. Switching to a dead greenlet goes to its parent. */
void *greenlet_switch(greenlet *g, void *value) SL_SUSPENDS;

/* Switches to `g` and makes its pending switch return with `error` set (see greenlet_error). */
void *greenlet_throw(greenlet *g, int error, void *payload) SL_SUSPENDS;

/* The error delivered with the value the last switch returned, 0 if none, and its payload. */
int greenlet_error(void);
void *greenlet_error_payload(void);
/* Marks the error as handled, so that it does not propagate to the parent when `run` returns. */
void greenlet_error_clear(void);

greenlet *greenlet_current(void);
greenlet *greenlet_parent(greenlet *g);
/* Returns 0, or -1 when the change would make a cycle or cross threads. */
int greenlet_set_parent(greenlet *g, greenlet *parent);

bool greenlet_started(greenlet *g);
bool greenlet_active(greenlet *g);
bool greenlet_dead(greenlet *g);

/* Frees `g`. A suspended greenlet is first sent GREENLET_EXIT so that it can release what it
 * holds; it is gone when its `run` returns. */
void greenlet_free(greenlet *g);

#ifdef __cplusplus
}
#endif
#endif
