/* stackless: */
/* A local hidden by a nested declaration of the same name is renamed, so that a frame can name both. */
#include <greenlet.h>

static greenlet *other;

static int get(int k) { return (int)(long)greenlet_switch(other, (void *)(long)k); }

int layered(int k) {
    int x = k * 2;
    {
        int x = get(k);
        k += x;
    }
    int y = get(x);
    return k + x + y;
}
