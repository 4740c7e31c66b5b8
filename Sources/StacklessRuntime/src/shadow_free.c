/*
 * shadow_free.c: freeing a shadow stack (shadow.c) when its greenlet ends or its thread exits.
 * Apart from shadow.c, whose allocation only the code of programs with address-taken locals
 * calls: the runtime itself needs only this half, so other programs do not link the other.
 */
#include <stdlib.h>
#include "sl_internal.h"

static void free_chunks(void) {
    sl_shadow_chunk *chunk = sl__shadow_chunk();
    while (chunk) {
        sl_shadow_chunk *prev = chunk->prev;
        free(chunk);
        chunk = prev;
    }
    sl_tls.shadow_base = sl_tls.shadow_top = sl_tls.shadow_end = NULL;
}

/* A greenlet ended while current: its chunks go, and the thread has no shadow stack until the
 * next greenlet is entered. */
void sl__shadow_destroy(greenlet *g) {
    free_chunks();
    g->u.shadow = NULL;
}

void sl__shadow_release_thread(void) { free_chunks(); }
