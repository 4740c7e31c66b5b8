/*
 * greenlet.h: greenlets for C, without stack switching.
 *
 * Functions that may suspend are rewritten by `stackless transform` (or `stackless cc`); the
 * untransformed caller (C `main`, or Swift) is the root greenlet of its thread. Every thread has
 * its own root and its own greenlets.
 *
 * Semantics are greenlet's (https://greenlet.readthedocs.io), with C's error handling in place
 * of exceptions:
 *  - The first switch into a greenlet calls run(value). When run returns, its result goes to the
 *    parent (switching to it). Switching to a dead greenlet goes to its parent.
 *  - greenlet_throw makes the target's pending switch return NULL with greenlet_error() set.
 *    An error that is still pending when run returns (not cleared with greenlet_error_clear and
 *    not replaced by a later switch) goes to the parent with run's result, except GREENLET_EXIT,
 *    which ends the greenlet quietly. An error thrown at a greenlet that has not started ends it
 *    without running it: the parent receives the error, or, for GREENLET_EXIT, the payload as a
 *    plain value (the same holds for a dead greenlet).
 *  - Misuse is reported on stderr and aborts: a switch to another thread's greenlet, a NULL
 *    greenlet, freeing a root or the running greenlet. A checked build (-DSL_CHECKED) also
 *    detects a use after free (freed greenlets are quarantined before reuse) and a switch made
 *    while an untransformed C frame (a qsort callback, say) sits between the greenlet and the
 *    trampoline, when the generated code tracks it (see Sources/StacklessRuntime/README.md).
 */
#ifndef GREENLET_H
#define GREENLET_H

#if defined(__GNUC__)
#pragma GCC system_header /* bool and C99 types in a C89 program's view */
#endif

#include <stdbool.h>
#include "stackless_gen.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct greenlet greenlet;

/* Typed handles for headers that Swift imports. Swift sees `greenlet *`, `scheduler *` and
 * `channel *` all as OpaquePointer, so swapping two of them compiles; a function declared with
 * these typedefs takes `GreenletHandle`, `SchedulerHandle`, `ChannelHandle` in Swift (distinct
 * types; the Stackless wrapper's `.handle`), and is the same function for C. */
#if defined(__has_attribute)
#if __has_attribute(swift_newtype) && __has_attribute(swift_name)
#define SL_SWIFT_HANDLE(swift_name_) __attribute__((swift_newtype(struct), swift_name(swift_name_)))
#endif
#endif
#ifndef SL_SWIFT_HANDLE
#define SL_SWIFT_HANDLE(swift_name_)
#endif
typedef greenlet *greenlet_ref SL_SWIFT_HANDLE("GreenletHandle");

/* The error a greenlet receives when it is freed while suspended (like greenlet's GreenletExit). */
#define GREENLET_EXIT (-1)

/* Creates a greenlet that will call `run(value)` on the first switch into it. A NULL parent means
 * the current greenlet. Returns NULL with errno EINVAL if run is NULL. */
greenlet *greenlet_new(void *(*run)(void *arg), greenlet *parent);

/* Switches to `g`, handing it `value`; returns the value the next switch back into the caller
 * carries. Switching to a dead greenlet goes to its parent. */
void *greenlet_switch(greenlet *g, void *value) SL_SUSPENDS;

/* Switches to `g` and makes its pending switch return NULL with `error` set (see greenlet_error).
 * An error of 0 is a plain switch carrying NULL. */
void *greenlet_throw(greenlet *g, int error, void *payload) SL_SUSPENDS;

/* The error delivered with the value the last switch returned, 0 if none, and its payload. */
int greenlet_error(void);
void *greenlet_error_payload(void);
/* Marks the error as handled, so that it does not propagate to the parent when `run` returns. */
void greenlet_error_clear(void);

greenlet *greenlet_current(void);
/* NULL for a root. */
greenlet *greenlet_parent(greenlet *g);
/* Returns 0, or -1 with errno set: ELOOP when the change would make a cycle, EXDEV when `parent`
 * belongs to another thread, EINVAL for NULL or a root `g`. */
int greenlet_set_parent(greenlet *g, greenlet *parent);

bool greenlet_started(greenlet *g);
bool greenlet_active(greenlet *g);   /* started and not dead */
bool greenlet_dead(greenlet *g);

/* Frees `g`. A suspended greenlet is first thrown GREENLET_EXIT, with the caller as its parent,
 * so that it can release what it holds; it is gone when its `run` returns (if it switches away
 * instead, it is freed when it ends). An error it ends with is reported on stderr and ignored;
 * the caller's own greenlet_error() is unchanged. From another thread, the free is queued and
 * done by the owner thread at its next greenlet_new, switch from its root, or exit. */
void greenlet_free(greenlet *g) SL_SUSPENDS;

#ifdef __cplusplus
}
#endif
#endif
