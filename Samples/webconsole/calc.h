/*
 * calc.h: a calculator with variables and user functions, written as a plain blocking
 * read-eval-print loop. It knows nothing about HTTP or tasklets: it reads lines and prints
 * through the functions it is given. Under `stackless cc`, a read_line that suspends (waits on a
 * channel) makes the whole interpreter resumable, with no change to this code.
 *
 *   x = 3                      assignment (prints nothing)
 *   def f(a, b) = a*b + 1      a user function (recursion allowed, depth limited)
 *   f(x, 2)                    prints 7
 *   + - * / % ^ ( ) == != < <= > >=, unary minus, if(c, a, b) (lazy), built-ins
 *   sqrt abs floor ceil round exp ln sin cos tan min max; constants pi, e; _ is the last result
 *   help, vars, funcs, quit
 *
 * Errors (syntax, unknown names, wrong arity, division by zero, step budget, recursion depth) are
 * printed as "error: ..." lines, and the loop goes on.
 */
#ifndef CALC_H
#define CALC_H

#include <stddef.h>

#define CALC_MAX_LINE 1024      /* longest accepted input line, in bytes */

typedef struct calc_io {
    void *ctx;
    /* The next line (NUL-terminated, no newline; owned by the caller, valid until the next
     * call), or NULL when the session is over. May block (suspend). */
    const char *(*read_line)(void *ctx);
    void (*print)(void *ctx, const char *text, size_t len);
    /* Called every `yield_every` evaluation steps so that other work can run; a nonzero return
     * ends the session (the caller was told to stop). May block (suspend). NULL: never. */
    int (*yield)(void *ctx);
    long yield_every;           /* default 1000 */
    long step_budget;           /* evaluation steps per line; 0: the default 2,000,000 */
    int max_depth;              /* nested user-function calls; 0: the default 200 */
} calc_io;

/* Runs the loop until read_line returns NULL, yield asks to stop, or the user types quit. */
void calc_run(const calc_io *io);

#endif
