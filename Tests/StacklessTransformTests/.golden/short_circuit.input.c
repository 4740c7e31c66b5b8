/* stackless: */
/* && || ?: and the comma operator with calls that may suspend on their right-hand sides. */
#include <greenlet.h>

static greenlet *peer;

static int ask(int q) { return (int)(long)greenlet_switch(peer, (void *)(long)q); }
static int ready(int q) { return q > 0; }

int decide(int q, int limit) {
    int n = 0;
    if (ready(q) && ask(q) > limit)
        n += ask(q + 1);
    int either = ready(q) || ask(-q);
    int pick = q > limit ? ask(q) : limit;
    int last = (n++, ask(n));
    return n + either + pick + last;
}
