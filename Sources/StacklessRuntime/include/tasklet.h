/*
 * tasklet.h: tasklets and channels, Stackless Python's model, over greenlets.
 *
 * A scheduler holds tasklets and runs them round-robin, in a deterministic order: the same
 * program gives the same interleaving on every run. Tasklets talk over channels; send and
 * receive block until a partner arrives. When one side finds the other waiting, the channel's
 * preference (Stackless's) decides who runs: with -1, the default, the receiver is preferred (a
 * send to a waiting receiver runs the receiver at once and the sender right after it; a receive
 * from a waiting sender goes on, the sender becoming runnable at the end of the queue); with 1
 * the sender is preferred (the mirror image); with 0 the caller always goes on.
 *
 * scheduler_run runs until no tasklet is runnable. If tasklets remain and all of them wait on
 * channels, that is a deadlock, returned as an error (never a hang) whose message names every
 * blocked tasklet and the channel it waits on.
 *
 * Schedulers compose: scheduler_run may be called from a tasklet of another scheduler (it then
 * suspends that tasklet until the inner scheduler is done), and channels may connect tasklets of
 * different schedulers of one thread. Deadlock is judged per scheduler.
 *
 * Errors use greenlet's: a blocking call that fails returns -1 (or NULL) with greenlet_error()
 * set to one of the codes below, or to GREENLET_EXIT when the tasklet was killed.
 */
#ifndef TASKLET_H
#define TASKLET_H

#if defined(__GNUC__)
#pragma GCC system_header /* bool and C99 types in a C89 program's view */
#endif

#include "greenlet.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct scheduler scheduler;
typedef struct tasklet tasklet;
typedef struct channel channel;
/* Typed handles for headers that Swift imports (see greenlet_ref in greenlet.h). */
typedef scheduler *scheduler_ref SL_SWIFT_HANDLE("SchedulerHandle");
typedef channel *channel_ref SL_SWIFT_HANDLE("ChannelHandle");

#define TASKLET_DEADLOCK (-2)     /* scheduler_run: every remaining tasklet is blocked */
#define CHANNEL_CLOSED (-3)       /* the channel is closed (payload: the channel) */
#define CHANNEL_NO_TASKLET (-4)   /* outside a tasklet, an operation that would have to block */

scheduler *scheduler_new(void);
/* Runs the scheduler's tasklets until none is runnable. Returns 0 when no tasklet is left, or -1
 * with greenlet_error() set: TASKLET_DEADLOCK (see scheduler_error), or the error a tasklet ended
 * with, with its payload (an error still pending when fn returns, other than GREENLET_EXIT and
 * CHANNEL_CLOSED, which end a tasklet quietly); calling it again goes on. */
int scheduler_run(scheduler *s) SL_SUSPENDS;
/* The last deadlock report: "deadlock: N tasklets blocked: tasklet 'a' receiving on channel
 * 'c'; ...", or NULL. Owned by the scheduler, valid until its next run. */
const char *scheduler_error(scheduler *s);
int scheduler_count(scheduler *s);      /* tasklets not finished */
int scheduler_runnable(scheduler *s);   /* tasklets in the run queue */
/* Kills the tasklets that remain (they run to their end, with GREENLET_EXIT), then frees `s`. */
void scheduler_free(scheduler *s) SL_SUSPENDS;
/* The scheduler of the current tasklet, NULL outside tasklets. */
scheduler *scheduler_current(void);

/* Creates a tasklet that will call fn(arg), runnable at the end of the queue. A NULL scheduler
 * means the current tasklet's. The tasklet is freed when fn returns (its result is ignored):
 * the pointer is not valid after that. */
tasklet *tasklet_new(scheduler *s, void *(*fn)(void *arg), void *arg);
/* A name for messages (deadlock reports); the string is not copied. */
void tasklet_set_name(tasklet *t, const char *name);
const char *tasklet_name(tasklet *t);
/* The current tasklet, NULL outside tasklets (a greenlet started from a tasklet is not one). */
tasklet *tasklet_current(void);
greenlet *tasklet_greenlet(tasklet *t);
/* Yields: the current tasklet goes to the end of the run queue. No-op outside tasklets. */
void tasklet_schedule(void) SL_SUSPENDS;
/* Kills `t`: its pending call returns with greenlet_error() == GREENLET_EXIT and it should
 * return (C has no exceptions: a tasklet that ignores the error goes on). A tasklet not started
 * is removed at once. Called from a tasklet of the same scheduler, `t` runs at once and the
 * caller right after it; otherwise `t` runs first when its scheduler next runs. Killing the
 * current tasklet sets its error and returns. Returns 0, or -1 if `t` is running a nested
 * scheduler or switched away to a greenlet (it is then neither queued nor blocked). */
int tasklet_kill(tasklet *t) SL_SUSPENDS;

/* A channel; the name is for messages and is not copied (NULL: "channel <address>"). */
channel *channel_new(const char *name);
/* Closes it (waking its waiters with CHANNEL_CLOSED) and frees it. */
void channel_free(channel *c);
/* Sends `value`: 0, or -1 with greenlet_error() set (CHANNEL_CLOSED, GREENLET_EXIT, ...). */
int channel_send(channel *c, void *value) SL_SUSPENDS;
/* Receives a value; NULL with greenlet_error() set on failure (a sent NULL has error 0). */
void *channel_receive(channel *c) SL_SUSPENDS;
/* Blocked senders minus blocked receivers. */
int channel_balance(channel *c);
/* Wakes every waiter with CHANNEL_CLOSED; later sends and receives fail at once. */
void channel_close(channel *c);
bool channel_closed(channel *c);
/* -1 (prefer the receiver, the default), 0 (neither: the caller goes on), 1 (the sender). */
void channel_set_preference(channel *c, int preference);
int channel_preference(channel *c);
const char *channel_name(channel *c);

#ifdef __cplusplus
}
#endif
#endif
