/* stackless: */
/* Address-taken locals and local arrays live on the shadow stack: their address survives a switch. */
#include <greenlet.h>

static greenlet *hub;

static void wait_for(int *slot) { *slot = (int)(long)greenlet_switch(hub, slot); }

int gather(int n) {
    int value = n;
    int buffer[4] = {1, 2, 3, 4};
    int *cursor = &buffer[1];
    wait_for(&value);
    wait_for(cursor);
    return value + buffer[0] + *cursor;
}
