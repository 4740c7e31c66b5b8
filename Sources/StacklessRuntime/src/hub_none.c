/*
 * hub_none.c: the scheduler's hub hooks where greensock is not built (WASI: no sockets to
 * create, no signals, no fork). No tasklet ever waits on a hub there, so the hooks have nothing
 * to do; a program that includes greensock.h is stopped by its #error.
 */
#ifdef __wasi__
#include "hub.h"

void sl__hub_wait(sl_runtime *rt, scheduler *s) {
    (void)rt;
    (void)s;
}

void sl__hub_poll(sl_runtime *rt) { (void)rt; }

void sl__hub_cancel(sl_runtime *rt, tasklet *t) {
    (void)rt;
    (void)t;
}

void sl__channel_ready(sl_runtime *rt, channel *c) {
    (void)rt;
    (void)c;
}

void sl__hub_destroy(sl_runtime *rt) { (void)rt; }
#endif
