/*
 * torture.c: support for `--torture` builds, which suspend and resume at every call site of every
 * transformed function, with `main` running as a greenlet.
 */
#include <stdlib.h>
#include "sl_internal.h"

/* Switches to the current greenlet itself: every frame is saved and resumed. Skipped where the
 * caller chain includes an untransformed frame (unwind_ok is passed down only through transformed
 * calls) and in the root. */
void sl_torture_yield(void) {
    int ok = sl_tls.unwind_ok;
    sl_tls.unwind_ok = 0;
    sl_runtime *rt = sl__runtime();
    if (!ok || rt->current->is_root)
        return;
    sl__begin_unwind(rt, rt->current, NULL);
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
    greenlet *g = greenlet_new(run_main, &rt->root);
    g->int_result = 1;
    int status = *(int *)sl__run_until_back(rt, &rt->root, g, NULL);
    free(g);
    return status;
}
