/*
 * thread.c: per-thread state, frame allocation and the result buffer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sl_internal.h"

__thread sl_thread sl_tls __attribute__((tls_model("initial-exec")));

static __thread sl_runtime *thread_runtime;

/* Frames of one size class are carved from slabs of this many bytes. */
enum { SLAB_BYTES = 64 * 1024 };

static void out_of_memory(void) {
    fputs("stackless: out of memory\n", stderr);
    abort();
}

sl_runtime *sl__runtime(void) {
    sl_runtime *rt = thread_runtime;
    if (rt)
        return rt;
    rt = calloc(1, sizeof *rt);
    if (!rt)
        out_of_memory();
    rt->root.state = GREENLET_RUNNING;
    rt->root.is_root = 1;
    rt->root.rt = rt;
    rt->current = &rt->root;
    thread_runtime = rt;
    sl_tls.rt = (struct sl_runtime *)rt;
    sl_tls.result = sl_tls.result_inline.bytes;
    return rt;
}

sl_frame *sl_frame_alloc_slow(unsigned long size) {
    unsigned long size_class = (size + 15) >> 4;
    if (size_class >= SL_FRAME_CLASSES) {
        sl_frame *frame = malloc(size);
        if (!frame)
            out_of_memory();
        return frame;
    }
    unsigned long object = size_class << 4;
    char *slab = malloc(SLAB_BYTES);
    if (!slab)
        out_of_memory();
    /* Keep the first object, put the rest on the free list. */
    for (char *p = slab + object; p + object <= slab + SLAB_BYTES; p += object) {
        ((sl_frame *)p)->back = sl_tls.free_frames[size_class];
        sl_tls.free_frames[size_class] = (sl_frame *)p;
    }
    return (sl_frame *)slab;
}

void sl_frame_free_slow(sl_frame *frame, unsigned long size) {
    (void)size;
    free(frame);
}

static __thread unsigned char *result_heap;
static __thread unsigned long result_heap_size;

void sl_result_store_slow(const void *value, unsigned long size) {
    if (size > result_heap_size) {
        unsigned char *grown = realloc(result_heap, size);
        if (!grown)
            out_of_memory();
        result_heap = grown;
        result_heap_size = size;
    }
    memcpy(result_heap, value, size);
    sl_tls.result = result_heap;
}
