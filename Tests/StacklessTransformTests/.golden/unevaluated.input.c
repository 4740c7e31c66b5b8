/* stackless: */
/* Calls inside sizeof, _Alignof and __typeof__ are never evaluated, so they are not points. */
#include <greenlet.h>

static greenlet *up;

static long pull(void) { return (long)greenlet_switch(up, 0); }

long measure(void) {
    unsigned long size = sizeof(pull()) + _Alignof(__typeof__(pull()));
    __typeof__(pull()) value = pull();
    return value + (long)size;
}
