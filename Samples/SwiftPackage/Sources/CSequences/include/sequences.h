/* The C side of the sample, as Swift sees it (`import CSequences`). */
#ifndef SEQUENCES_H
#define SEQUENCES_H

#include <tasklet.h>

/* Generators: greenlet bodies that yield values by switching to their parent. */

/* Yields the Fibonacci numbers below `limit` ((void *)(intptr_t)limit), as (void *)(intptr_t)n. */
void *fibonacci(void *limit);

/* Yields every value of a binary search tree in order: plain recursion, suspended at each value.
 * `tree` comes from tree_build; each yielded pointer is a `const int *` into the tree. */
typedef struct tree tree;
tree *tree_build(const int *values, int count);
void tree_free(tree *t);
void *tree_walk(void *tree);
/* How many walks ended early because their greenlet was freed while suspended (GREENLET_EXIT). */
int tree_walks_abandoned(void);

/* Yields make(0), make(1), ... until make returns NULL: values that a callback (Swift) makes. */
typedef void *(*value_maker)(int index);
void *generate_with(void *make);

/* The scheduler and channel handles are spelled scheduler_ref and channel_ref, so that Swift sees
 * SchedulerHandle and ChannelHandle (distinct types) instead of two OpaquePointers. */

/* A channel pipeline: spawns on `s` a producer of 1..count, a squarer, and a filter keeping the
 * odd squares, which sends them to `out` and closes it at the end. */
void pipeline_start(scheduler_ref s, channel_ref out, int count);

/* A tasklet that sends on `out` every value it receives from `in`, whatever it is, and closes
 * `out` when `in` is closed. */
void relay_start(scheduler_ref s, channel_ref in, channel_ref out);

/* Two tasklets, each waiting to receive from the other: running `s` deadlocks. */
void deadlock_start(scheduler_ref s);

#endif
