/*
 * A stack-copying coroutine, the design of libaco's copy-stack mode and of greenlet's core: every
 * coroutine runs on one shared stack; when another coroutine needs that stack, the used slice of
 * the one that owns it (from its saved stack pointer to the top) is copied to the heap, and the
 * newcomer's slice is copied back. Asymmetric, as libaco: the root (main, on its own stack)
 * resumes a coroutine, a coroutine yields to the root; the copying is done by the root.
 * Not thread-safe (one set of coroutines per process).
 */
#ifndef STACKCOPY_H
#define STACKCOPY_H

typedef struct sc_coro sc_coro;

sc_coro *sc_new(void *(*fn)(void *arg));
/* From the root: runs `c` until it yields or returns; returns what it yielded or returned. The
 * first resume calls fn(value). */
void *sc_resume(sc_coro *c, void *value);
/* From a coroutine: back to the root, which gets `value`; returns the value of the next resume. */
void *sc_yield(void *value);
int sc_dead(sc_coro *c);
void sc_free(sc_coro *c);

#endif
