/*
 * shadow.c: the per-greenlet shadow stack, where transformed functions keep the locals whose
 * address is taken (and local arrays), so that the address stays valid across a switch.
 * It grows by chunks that never move; the fast paths are inline in stackless_gen.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include "sl_internal.h"

/* Small: a tasklet that keeps one address-taken local while it idles (a server's connection)
 * should not hold a page for it. Chunks double from there. */
enum { FIRST_CHUNK_BYTES = 512 };


void *sl_shadow_alloc_slow(unsigned long size, unsigned long align) {
    sl_shadow_chunk *prev = sl__shadow_chunk();
    unsigned long previous_bytes = prev ? (unsigned long)(prev->end - (char *)prev) : 0;
    unsigned long bytes = previous_bytes ? previous_bytes * 2 : FIRST_CHUNK_BYTES;
    while (bytes < size + align + sizeof(sl_shadow_chunk))
        bytes *= 2;
    sl_shadow_chunk *chunk = malloc(bytes);
    sl_tls.slow |= SL_SLOW_SHADOW;
    if (!chunk) {
        fputs("stackless: out of memory for the shadow stack\n", stderr);
        abort();
    }
    if (prev)
        prev->saved_top = sl_tls.shadow_top;
    chunk->prev = prev;
    chunk->end = (char *)chunk + bytes;
    chunk->saved_top = NULL;
    chunk->jmp_head = prev ? prev->jmp_head : NULL;
    sl_tls.shadow_base = (char *)(chunk + 1);
    sl_tls.shadow_top = sl_tls.shadow_base;
    sl_tls.shadow_end = chunk->end;
    return sl_shadow_alloc(size, align);
}

/* The mark lies in an older chunk (or is NULL: the stack was empty): drop newer chunks. */
void sl_shadow_release_slow(void *mark) {
    char *m = mark;
    sl_shadow_chunk *chunk = sl__shadow_chunk();
    while (chunk) {
        char *base = (char *)(chunk + 1);
        if (m && m >= base && m <= chunk->end) {
            sl_tls.shadow_top = m;
            return;
        }
        if (!chunk->prev) {
            /* Keep the first chunk for reuse. */
            sl_tls.shadow_base = base;
            sl_tls.shadow_top = base;
            sl_tls.shadow_end = chunk->end;
            return;
        }
        sl_shadow_chunk *prev = chunk->prev;
        prev->jmp_head = chunk->jmp_head;
        free(chunk);
        chunk = prev;
        sl_tls.shadow_base = (char *)(chunk + 1);
        sl_tls.shadow_end = chunk->end;
    }
}
