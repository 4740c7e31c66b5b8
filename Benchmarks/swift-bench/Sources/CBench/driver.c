/* Not transformed: plain C running as the root greenlet, as Swift does. */
#include <stddef.h>
#include <stdint.h>
#include "cbench.h"

long c_next_loop(long n) {
    greenlet *g = greenlet_new(counter, NULL);
    long sum = 0;
    for (long i = 0; i < n; i++)
        sum += (long)(intptr_t)greenlet_switch(g, NULL);
    greenlet_free(g);
    return sum;
}
