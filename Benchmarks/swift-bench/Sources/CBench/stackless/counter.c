#include <stddef.h>
#include <stdint.h>
#include "cbench.h"

void *counter(void *start) {
    greenlet *parent = greenlet_parent(greenlet_current());
    for (intptr_t i = (intptr_t)start;; i++) {
        greenlet_switch(parent, (void *)i);
        if (greenlet_error() == GREENLET_EXIT)
            return NULL;
    }
}
