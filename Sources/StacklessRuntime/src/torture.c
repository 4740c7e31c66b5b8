/*
 * torture.c: support for `--torture` builds, which suspend and resume at every call site of every
 * transformed function, with `main` running as a greenlet; and the same self-switch for deep
 * recursion.
 */
#include "sl_internal.h"

/* Switches to the current greenlet itself: every frame is saved and resumed. Skipped where the
 * caller chain includes an untransformed frame (unwind_ok is passed down only through transformed
 * calls) and in the root. */
void sl_torture_yield(void) {
    int ok = sl_tls.unwind_ok;
    sl_tls.unwind_ok = 0;
    sl_runtime *rt = sl__runtime();
    if (!ok || (rt->current->flags & SL_ROOT))
        return;
    sl__begin_unwind_self(rt);
}

/* The same self-switch, for deep recursion: every frame goes to the heap and the innermost one
 * resumes on a fresh C stack. */
void sl_stack_unwind(void) {
    sl_runtime *rt = sl__runtime();
    if (rt->current->flags & SL_ROOT)
        return;
    if (sl__unwind_tracked && !sl_tls.unwind_ok)
        return;  /* below an untransformed frame: it cannot unwind */
    sl__begin_unwind_self(rt);
}

typedef struct {
    int (*main_fn)(int, char **, char **);
    int argc;
    char **argv;
    char **envp;
} main_call;

static main_call torture_call;

static void *run_main(void *arg) {
    (void)arg;
    int status = torture_call.main_fn(torture_call.argc, torture_call.argv, torture_call.envp);
    if (!sl_tls.unwinding)
        sl_result_store(&status, sizeof status);
    return NULL;
}

int sl_torture_main(int (*main_fn)(int, char **, char **), int argc, char **argv, char **envp) {
    sl_runtime *rt = sl__runtime();
    torture_call = (main_call){main_fn, argc, argv, envp};
    /* The generated code keeps sl_tls.unwind_ok in torture builds, so switches can be checked. */
    sl_track_unwind();
    greenlet *g = greenlet_new(run_main, &rt->root);
    g->flags |= SL_INT_RESULT;
    sl__prepare(rt, g, NULL, 0, NULL, 0);
    int status = *(int *)sl__run_until_back(rt);  /* from main: the root is current */
    sl__greenlet_release(rt, g);
    return status;
}

void sl_track_unwind(void) {
    sl__unwind_tracked = 1;
    sl_tls.slow |= SL_SLOW_TRACKED;  /* other threads take it when their runtime starts */
}
