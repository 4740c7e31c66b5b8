/* stackless: */
/* A primitive declared with SL_SUSPENDS makes its callers suspend; nothing else is needed. */
#include <stackless_gen.h>

int wait_event(int id) SL_SUSPENDS;
int log_event(int id);

static int handle(int id) {
    int seen = wait_event(id);
    log_event(seen);
    return seen;
}

int dispatch(int n) {
    int total = 0;
    while (n-- > 0)
        total += handle(n);
    return total;
}
