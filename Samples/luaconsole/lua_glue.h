/*
 * lua_glue.h: what the server (luaconsole.c) and the Lua glue (lua_glue.c) say to each other.
 *
 * A console is a tasklet running Lua's read-eval-print loop on its own lua_State. The glue wires
 * the interpreter to the console: its print/io.write append to `out`, its io.read and the REPL's
 * prompt wait on `input`, sleep(ms) and fetch(url) wait on the greensock hub, an instruction-count
 * hook yields to the scheduler, and an allocator keeps the state under its memory limit. The
 * server hands lines over `input` and waits on `wake` for the console to have something to say.
 */
#ifndef LUACONSOLE_GLUE_H
#define LUACONSOLE_GLUE_H

#include <stdbool.h>
#include <stddef.h>
#include <greensock.h>

#include "server.h"

typedef struct console {
    server_id id;               /* first: a server_id found is its console (server.h) */
    tasklet *task;              /* NULL once the console has ended */
    channel *input;             /* lines (malloc'd strings), from a request to the console */
    channel *wake;              /* the console has output, or waits for input: a request may answer */
    channel *drain;             /* its output buffer was full and a request took it */
    struct lua_State *L;
    const char *prompt;         /* what the console waits for: "> ", ">> ", "" (io.read) */
    char *line;                 /* the last line received (the console owns it) */
    char *out;                  /* printed, not yet read */
    size_t out_len, out_cap;
    size_t mem, mem_limit;      /* bytes the interpreter holds, and its limit */
    long unyielded;             /* hook counts run where a switch is impossible */
    bool waiting_input;         /* in io.read or the REPL's prompt */
    bool writer_blocked;        /* its output is full: it waits on `drain` */
    bool handler_waiting;       /* a request waits on `wake` */
    bool interrupted;           /* the next hook (or sleep) raises "interrupted!" */
    bool killed;                /* deleted, expired or stopped: everything raises, nothing waits */
    bool closed;                /* the interpreter has returned; only references keep it */
    bool started;               /* its tasklet has run */
    struct console *reap_next;  /* the reaper's list of expired consoles */
    int refs;                   /* the console's tasklet, and each request using it */
    long long last_used_ms;
} console;

typedef struct lua_options {
    size_t mem_limit;           /* bytes per console */
    int hook_count;             /* VM instructions between two yields */
    const char *server_url;     /* the global SERVER: "http://127.0.0.1:PORT" */
} lua_options;

extern lua_options lua_opt;

/* Runs the console's interpreter until it ends: killed, or out of memory at its start. */
void console_run_lua(console *c) SL_SUSPENDS;

/* Wakes the request waiting on the console, if any. */
int console_notify(console *c) SL_SUSPENDS;

#endif
