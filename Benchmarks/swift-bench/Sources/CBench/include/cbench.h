/* The C side of the Swift benchmark. */
#ifndef CBENCH_H
#define CBENCH_H
#include <greenlet.h>

/* A generator of 0, 1, 2, ... that never ends: each value is one switch to its parent and back. */
void *counter(void *start);

/* From C, as the root: `n` values of a new counter greenlet (n round trips: a switch into it and
 * one back). Returns the sum of the values, so that nothing is optimised away. */
long c_next_loop(long n);

#endif
