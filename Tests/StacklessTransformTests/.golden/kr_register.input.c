/* stackless: */
/* An old-style (K&R) definition and a register local in functions that may suspend. */
#include <greenlet.h>

static greenlet *link_to;

static int fetch(int k) { return (int)(long)greenlet_switch(link_to, (void *)(long)k); }

int combine(a, b)
    int a;
    char *b;
{
    register int r = fetch(a);
    return r + b[0];
}
