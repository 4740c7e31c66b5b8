/* stackless: */
/* Calls that may suspend in loop conditions, for increments and do-while conditions. */
#include <greenlet.h>

static greenlet *source;

static int more(void) { return (int)(long)greenlet_switch(source, 0); }
static int step(int i) { greenlet_switch(source, (void *)(long)i); return i + 1; }
static int cheap(int i) { return i < 10; }

int drain(int limit) {
    int total = 0;
    while (more() && total < limit)
        total++;
    for (int i = 0; cheap(i) && i < limit; i = step(i))
        total += i;
    int j = 0;
    do {
        j += 2;
    } while (more() > j);
    for (;;) {
        if (!more()) break;
        total--;
    }
    return total + j;
}
