/*
 * thread.c: per-thread state (each thread is its own root), the registry of threads that
 * cross-thread frees need, thread exit, frame allocation and the result buffer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sl_internal.h"  /* first: it says whether there are threads (SL_NO_THREADS) */
#ifndef SL_NO_THREADS
#include <pthread.h>
#endif

SL_THREAD_LOCAL sl_thread sl_tls SL_TLS_MODEL;

/* Frames of one size class are carved from slabs of this many bytes. */
enum { SLAB_BYTES = 64 * 1024, SLAB_HEADER = 16 };

/* The header of a frame slab (SLAB_HEADER bytes): the thread's list, then its frames' size. */
typedef struct {
    sl_slab *next;
    unsigned long object;
} frame_slab;

static void out_of_memory(void) {
    fputs("stackless: out of memory\n", stderr);
    abort();
}

void sl__fatal(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("stackless: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fflush(stderr);
    abort();
}

void sl__warn(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fputs("stackless: warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* Every runtime by id, so that a greenlet freed by another thread can reach its owner. Ids are
 * never reused; an entry is cleared when its thread has ended and owns nothing any more. */
#ifdef SL_NO_THREADS
/* One thread (WASI): nothing to lock, and no thread exit to watch for. */
#define lock_registry() ((void)0)
#define unlock_registry() ((void)0)
#else
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
#define lock_registry() pthread_mutex_lock(&registry_lock)
#define unlock_registry() pthread_mutex_unlock(&registry_lock)
#endif
static sl_runtime **registry;
static uint32_t registry_len, registry_cap;

#ifndef SL_NO_THREADS
static pthread_key_t exit_key;
static pthread_once_t exit_once = PTHREAD_ONCE_INIT;

static void thread_exit(void *arg);
static void make_exit_key(void) {
    if (pthread_key_create(&exit_key, thread_exit) != 0)
        sl__fatal("cannot create the thread-exit key");
}
#endif

sl_runtime *sl__runtime_init(void) {
    sl_runtime *rt = calloc(1, sizeof *rt);
    if (!rt)
        out_of_memory();
    sl__pool_init(&rt->greenlets, sizeof(greenlet));
    /* The tasklet and channel pools start on first use (scheduler.c, channel.c). */
    lock_registry();
    if (registry_len + 1 >= registry_cap) {
        uint32_t cap = registry_cap ? registry_cap * 2 : 16;
        sl_runtime **grown = realloc(registry, cap * sizeof *grown);
        if (!grown)
            out_of_memory();
        memset(grown + registry_cap, 0, (cap - registry_cap) * sizeof *grown);
        registry = grown;
        registry_cap = cap;
    }
    rt->id = ++registry_len;
    registry[rt->id] = rt;
    unlock_registry();
    rt->root.state = SL_RUNNING;
    rt->root.flags = SL_ROOT;
    rt->root.owner = rt->id;
#ifdef SL_CHECKED
    rt->root.magic = SL_MAGIC_LIVE;
#endif
    rt->current = &rt->root;
    sl_tls.rt = (struct sl_runtime *)rt;
    sl_tls.switch_owner = rt->id;
    if (sl__unwind_tracked)
        sl_tls.slow |= SL_SLOW_TRACKED;
#ifndef SL_NO_THREADS
    pthread_once(&exit_once, make_exit_key);
    pthread_setspecific(exit_key, rt);
#endif
    return rt;
}

/* Another thread frees `g`: queue it for its owner, which kills it at its next safe point
 * (greenlet_new, a switch from its root, or its exit), as greenlet does. */
void sl__remote_free(greenlet *g) {
    lock_registry();
    sl_runtime *owner = g->owner < registry_cap ? registry[g->owner] : NULL;
    if (owner && !owner->exited) {
        if (owner->nremote == owner->remote_cap) {
            size_t cap = owner->remote_cap ? owner->remote_cap * 2 : 8;
            greenlet **grown = realloc(owner->remote, cap * sizeof *grown);
            if (!grown)
                out_of_memory();
            owner->remote = grown;
            owner->remote_cap = cap;
        }
        owner->remote[owner->nremote++] = g;
        __atomic_store_n(&owner->remote_pending, 1, __ATOMIC_RELEASE);
    } else if (owner) {
        /* Its thread has ended: it can never run again, so it is dropped without an exit. */
        if (!(g->flags & SL_TASKLET)) {
            g->state = SL_FREED;
            sl__pool_free(&owner->greenlets, g);
        }
        if (!owner->greenlets.live && !owner->tasklets.live && !owner->channels.live) {
            registry[owner->id] = NULL;
            sl__runtime_destroy(owner);
        }
    }
    unlock_registry();
}

void sl__process_remote(sl_runtime *rt) {
    if (!__atomic_load_n(&rt->remote_pending, __ATOMIC_ACQUIRE))
        return;
    lock_registry();
    greenlet **list = rt->remote;
    size_t n = rt->nremote;
    rt->remote = NULL;
    rt->nremote = rt->remote_cap = 0;
    __atomic_store_n(&rt->remote_pending, 0, __ATOMIC_RELAXED);
    unlock_registry();
    for (size_t i = 0; i < n; i++)
        greenlet_free(list[i]);  /* from the root: a suspended one is killed in a nested loop */
    free(list);
}

bool sl__thread_exited(uint32_t id) {
    lock_registry();
    bool exited = id < registry_cap && (!registry[id] || registry[id]->exited);
    unlock_registry();
    return exited;
}

void sl__runtime_destroy(sl_runtime *rt) {
    if (rt->hub_destroy)
        rt->hub_destroy(rt);
    sl__pool_destroy(&rt->greenlets);
    sl__pool_destroy(&rt->tasklets);
    sl__pool_destroy(&rt->channels);
    sl__frames_destroy(rt);
    free(rt->remote);
    free(rt);
}

static SL_THREAD_LOCAL unsigned char *result_heap;
static SL_THREAD_LOCAL unsigned long result_heap_size;

#ifndef SL_NO_THREADS

/* The thread ends: greenlets freed by other threads get their exit now, and if the thread owns
 * nothing any more its memory goes. Otherwise it is kept (its greenlets may still be freed, from
 * another thread) and stays reachable from the registry. */
static void thread_exit(void *arg) {
    sl_runtime *rt = arg;
    if ((sl_runtime *)sl_tls.rt != rt)
        return;
    if (rt->current == &rt->root)
        sl__process_remote(rt);
    sl__shadow_release_thread();
    if (rt->hub_destroy)
        rt->hub_destroy(rt);  /* its descriptors can wake nobody once the thread is gone */
    free(result_heap);
    result_heap = NULL;
    result_heap_size = 0;
    memset(sl_tls.free_frames, 0, sizeof sl_tls.free_frames);
    sl_tls.rt = NULL;
    lock_registry();
    rt->exited = 1;
    bool empty = !rt->greenlets.live && !rt->tasklets.live && !rt->channels.live && !rt->nremote;
    if (empty)
        registry[rt->id] = NULL;
    unlock_registry();
    if (empty)
        sl__runtime_destroy(rt);
}
#endif

sl_frame *sl_frame_alloc_slow(unsigned long size) {
    unsigned long size_class = (size + 15) >> 4;
    if (size_class >= SL_FRAME_CLASSES) {
        sl_frame *frame = malloc(size);
        if (!frame)
            out_of_memory();
        return frame;
    }
    sl_runtime *rt = sl__runtime();
    unsigned long object = size_class << 4;
    char *slab = malloc(SLAB_BYTES);
    if (!slab)
        out_of_memory();
    /* The slab's first 16 bytes link it into the thread's list, freed at thread exit, and say
     * the size of its frames (for sl__frame_discard). */
    ((frame_slab *)slab)->next = rt->frame_slabs;
    ((frame_slab *)slab)->object = object;
    rt->frame_slabs = (sl_slab *)slab;
    char *first = slab + SLAB_HEADER;
    /* Keep the first object, put the rest on the free list. */
    for (char *p = first + object; p + object <= slab + SLAB_BYTES; p += object) {
        ((sl_frame *)p)->back = sl_tls.free_frames[size_class];
        sl_tls.free_frames[size_class] = (sl_frame *)p;
    }
    return (sl_frame *)first;
}

const sl_point sl_frame_released = {NULL, 0, 0, "(released)"};

void sl_frame_released_twice(const void *frame) {
    sl__fatal("a frame (%p) was given back twice: two owners of one frame; a bug in stackless, "
              "please report it", frame);
}

/* A frame a longjmp discards: the generated code that knows its size does not run, so its
 * slab says (a frame in no slab of this thread is a large one, from malloc). Rare, and a thread
 * has few slabs: a walk is enough. */
void sl__frame_discard(sl_runtime *rt, sl_frame *frame) {
    if (frame->point == &sl_frame_released)
        sl_frame_released_twice(frame);
    for (sl_slab *slab = rt->frame_slabs; slab; slab = slab->next) {
        char *base = (char *)slab;
        if ((char *)frame > base && (char *)frame < base + SLAB_BYTES) {
            sl_frame_release(frame, ((frame_slab *)slab)->object);
            return;
        }
    }
    free(frame);
}

void sl_frame_free_slow(sl_frame *frame, unsigned long size) {
    (void)size;
    free(frame);
}

void sl__frames_destroy(sl_runtime *rt) {
    sl_slab *slab = rt->frame_slabs;
    while (slab) {
        sl_slab *next = slab->next;
        free(slab);
        slab = next;
    }
    rt->frame_slabs = NULL;
}

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
