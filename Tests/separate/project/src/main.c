#include <stdio.h>
#include "producer.h"
static void *run(void *arg) { return (void *)pipeline((long)arg); }
int main(void) {
    consumer = greenlet_current();
    greenlet *g = greenlet_new(run, NULL);
    long v = (long)greenlet_switch(g, (void *)3L);
    while (!greenlet_dead(g)) { printf("got %ld\n", v); v = (long)greenlet_switch(g, (void *)(v + 1)); }
    printf("total %ld\n", v);
    return 0;
}
