/* stackless: */
/* Structs returned by suspending calls, and a function that returns a struct. */
#include <greenlet.h>

struct point { int x, y; };
typedef struct { double re, im; } complex_pair;

static greenlet *feed;

static struct point next_point(int i) {
    struct point p = { i, (int)(long)greenlet_switch(feed, 0) };
    return p;
}

static complex_pair pair_of(struct point p) {
    complex_pair c = { p.x, p.y };
    return c;
}

complex_pair walk(int n) {
    struct point here = next_point(n);
    int d = next_point(here.x).y;
    here.y += d;
    return pair_of(here);
}
