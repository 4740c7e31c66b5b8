/* stackless: --one-body always */
/* One body for both entries: a thunk with the original header, shared save and restore blocks for points with the same variables, a block-scoped variable restored in place. */
#include <greenlet.h>

static greenlet *source;

static int take(void) { return (int)(long)greenlet_switch(source, 0); }

int total(int base, int n) {
    int sum = base + take();
    take();
    sum += take();
    if (n > 0) {
        int local = take();
        sum += local * take();
    }
    return sum;
}
