/* stackless: */
/* Points inside switch cases, and a backward goto: every variable in scope stays live. */
#include <greenlet.h>

static greenlet *scheduler;

static int poll(int state) { return (int)(long)greenlet_switch(scheduler, (void *)(long)state); }

int machine(int start) {
    int state = start;
    int steps = 0;
    int scratch = 7;
again:
    switch (state) {
    case 0:
        state = poll(state);
        break;
    case 1:
    case 2:
        steps += poll(state) + scratch;
        __attribute__((fallthrough));
    default:
        state = 0;
    }
    if (++steps < 5)
        goto again;
    return steps;
}
