/*
 * stackless_gen.h: the contract between the C that `stackless transform` emits and the runtime.
 *
 * User code does not include this header; the transform puts it at the top of every file it
 * rewrites. Everything here is either a type of the protocol or an inline fast path of it.
 *
 * The protocol, in one paragraph. A call to a function that may suspend is followed by a test of
 * `sl_tls.unwinding`. When a switch is requested, the switch primitive sets that flag and returns;
 * every transformed frame on the way down sees it, saves the variables it still needs into a heap
 * frame (`sl_frame_push`), records its resume point in the frame and returns. The frames form a
 * chain, innermost first, that the trampoline keeps on the greenlet. To resume a greenlet the
 * trampoline calls the innermost frame's resume function, which restores the variables and jumps
 * to the point after the call it was in; the value that call produced is read from the result
 * buffer (`sl_result_at`). When that function returns, it stores its own return value in the result
 * buffer and the trampoline resumes the next frame ("lazy resume": an outer frame is re-entered
 * only when the inner one has finished, so a switch costs the same at any call depth).
 */
#ifndef STACKLESS_GEN_H
#define STACKLESS_GEN_H

/* Included by every rewritten file, under the user's flags (-std=c89 -pedantic -Werror...):
 * what this header uses beyond the user's dialect is its own business. */
#if defined(__GNUC__)
#pragma GCC system_header
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Marks a function that may suspend. The transform reads the annotation through libclang; other
 * compilers see nothing. */
#if defined(__clang__)
#define SL_SUSPENDS __attribute__((annotate("stackless.suspends")))
#else
#define SL_SUSPENDS
#endif

typedef struct sl_frame sl_frame;
typedef void (*sl_resume_fn)(sl_frame *frame);

/* One per resume point, static in the emitted code: which function to re-enter and where.
 * `line` and `file` name the call the point is after, for debuggers (the gdb extension,
 * stackless-gdb.py) and messages; the saved variables are the fields of the point's frame
 * struct, `struct sl__f<index>` in the resume function, named and typed as in the source. */
typedef struct sl_point {
    sl_resume_fn resume;
    unsigned index;
    unsigned line;
    const char *file;
} sl_point;

/* The header of every saved frame; the saved variables follow it. */
struct sl_frame {
    sl_frame *back;          /* the caller's frame (toward the greenlet's outermost frame) */
    const sl_point *point;
};

#define SL_FRAME_CLASSES 40  /* frames up to 640 bytes come from per-thread free lists */
#define SL_RESULT_INLINE 64

/* Per-thread state lives in initial-exec TLS (as cheap as a global; valid in shared objects
 * too). Code that is linked into the executable itself may say so with SL_TLS_LOCAL_EXEC, as
 * `stackless cc` does when it links a program (the runtime always goes there): local-exec
 * addresses the state at a constant offset from the thread pointer, where initial-exec loads
 * the offset into a register first (fewer instructions and one more free register in every
 * transformed function; a shared object built with it fails to link, never to run). WASI has
 * no threads: there it is a plain global, and the runtime builds without pthreads
 * (SL_NO_THREADS). */
#if defined(__wasi__) && !defined(_REENTRANT)
#define SL_NO_THREADS 1
#define SL_THREAD_LOCAL
#define SL_TLS_MODEL
#elif defined(SL_TLS_LOCAL_EXEC)
#define SL_THREAD_LOCAL __thread
#define SL_TLS_MODEL __attribute__((tls_model("local-exec")))
#else
#define SL_THREAD_LOCAL __thread
#define SL_TLS_MODEL __attribute__((tls_model("initial-exec")))
#endif

/* Per-thread state. The hot fields come first; the rest belongs to the runtime. */
typedef struct sl_thread {
    int unwinding;                 /* nonzero while frames are being saved */
    int unwind_ok;                 /* torture/checked builds: the caller chain can unwind */
    sl_frame **link;               /* where the next saved frame gets linked (sl_frame_link) */
    void *result;                  /* the value the resumed call produced, when it is larger than
                                    * result_inline (sl_result_at) */
    char *shadow_base;             /* this greenlet's shadow stack (address-taken locals): */
    char *shadow_top;              /* the current chunk, its first free byte and its end */
    char *shadow_end;
    sl_frame *free_frames[SL_FRAME_CLASSES];
    union {
        void *pointer;
        long double align_ld;
        unsigned char bytes[SL_RESULT_INLINE];
    } result_inline;
    struct sl_runtime *rt;         /* the rest of the thread's runtime state */
    char *stack_limit;             /* a greenlet's C stack below this is deep (sl_stack_deep) */
    unsigned slow;                 /* what the trampoline's fast loop leaves out is in use on this
                                    * thread (shadow stacks, saved setjmp records, tracked unwinds):
                                    * sticky bits, the runtime's own */
    unsigned switch_owner;         /* the thread's id as a greenlet's owner (sl_switch_enters), 0
                                    * until the thread has a runtime (ids start at 1) */
} sl_thread;

extern SL_THREAD_LOCAL sl_thread sl_tls SL_TLS_MODEL;

sl_frame *sl_frame_alloc_slow(unsigned long size);
void sl_frame_free_slow(sl_frame *frame, unsigned long size);
/* A released frame's point in torture and checked builds, which report a second release (two
 * owners of one frame: a corrupted free list, then two activations' variables in one frame). */
extern const sl_point sl_frame_released;
__attribute__((noreturn)) void sl_frame_released_twice(const void *frame);
#if defined(SL_TORTURE) || defined(SL_CHECKED)
#define SL_FRAME_CHECKS 1
#endif
void sl_result_store_slow(const void *value, unsigned long size);
void *sl_shadow_alloc_slow(unsigned long size, unsigned long align);
void sl_shadow_release_slow(void *mark);
void sl_torture_yield(void) SL_SUSPENDS;
int sl_torture_main(int (*main_fn)(int, char **, char **), int argc, char **argv, char **envp);
/* Deep recursion: when sl_stack_deep() (the C stack has grown SL_STACK_BUDGET bytes past the
 * trampoline), a transformed function calls sl_stack_unwind(), which saves every frame of the
 * current greenlet into the heap; the trampoline then resumes the innermost one on a fresh C
 * stack, and the outer ones, lazily, as it returns (no-op in a root, which cannot unwind). */
void sl_stack_unwind(void) SL_SUSPENDS;

/* Checked and torture builds call this once (from a constructor in the emitted code): from then on
 * a switch attempted through an untransformed frame is reported instead of corrupting the stack. */
void sl_track_unwind(void);

/* Around emitted functions: the compiler cannot see that a resume entry restores every variable
 * it reads, liveness is conservative (a freed pointer may be saved, never used), comments such
 * as fall-through markers are not carried into rewritten bodies, and a function whose only
 * suspending call is a tail call never uses its resume points, and gcc's -Wclobbered names the
 * variables the transform adds to a function that calls setjmp; those warnings would be about
 * code the user did not write; so would a C89 build's complaints about the C99 the transform
 * emits (declarations after statements, statement expressions); the types and sizes the transform
 * names through __typeof__, sizeof and __alignof__ of the user's expressions, whose side effects
 * are rightly not evaluated there (clang's -Wunevaluated-expression); and a pointer that liveness
 * saves after what it points to has gone out of scope (gcc's -Wdangling-pointer: never used); the
 * casts that save and restore a const or volatile variable (-Wcast-qual); and the declarations
 * SL_RESUMABLE repeats, as the copies of a body repeat a block's own (-Wredundant-decls). */
#if defined(__clang__)
#define SL_GENERATED_BEGIN _Pragma("clang diagnostic push") \
    _Pragma("clang diagnostic ignored \"-Wunknown-warning-option\"") \
    _Pragma("clang diagnostic ignored \"-Wuninitialized\"") \
    _Pragma("clang diagnostic ignored \"-Wsometimes-uninitialized\"") \
    _Pragma("clang diagnostic ignored \"-Wimplicit-fallthrough\"") \
    _Pragma("clang diagnostic ignored \"-Wdefault-const-init-var-unsafe\"") \
    _Pragma("clang diagnostic ignored \"-Wunused-const-variable\"") \
    _Pragma("clang diagnostic ignored \"-Wdeclaration-after-statement\"") \
    _Pragma("clang diagnostic ignored \"-Wunevaluated-expression\"") \
    _Pragma("clang diagnostic ignored \"-Wcast-qual\"") \
    _Pragma("clang diagnostic ignored \"-Wredundant-decls\"") \
    _Pragma("clang diagnostic ignored \"-Wpedantic\"")
#define SL_GENERATED_END _Pragma("clang diagnostic pop")
#elif defined(__GNUC__)
#define SL_GENERATED_BEGIN _Pragma("GCC diagnostic push") \
    _Pragma("GCC diagnostic ignored \"-Wpragmas\"") \
    _Pragma("GCC diagnostic ignored \"-Wmaybe-uninitialized\"") \
    _Pragma("GCC diagnostic ignored \"-Wuninitialized\"") \
    _Pragma("GCC diagnostic ignored \"-Wimplicit-fallthrough\"") \
    _Pragma("GCC diagnostic ignored \"-Wuse-after-free\"") \
    _Pragma("GCC diagnostic ignored \"-Wclobbered\"") \
    _Pragma("GCC diagnostic ignored \"-Wunused-const-variable\"") \
    _Pragma("GCC diagnostic ignored \"-Wdeclaration-after-statement\"") \
    _Pragma("GCC diagnostic ignored \"-Wdangling-pointer\"") \
    _Pragma("GCC diagnostic ignored \"-Wcast-qual\"") \
    _Pragma("GCC diagnostic ignored \"-Wredundant-decls\"") \
    _Pragma("GCC diagnostic ignored \"-Wpedantic\"")
#define SL_GENERATED_END _Pragma("GCC diagnostic pop")
#else
#define SL_GENERATED_BEGIN
#define SL_GENERATED_END
#endif

/* Separate compilation. A unit that transforms a function with external linkage defines its
 * marker; a suspending call to a function of another unit passes unwind_ok on only if the marker
 * is linked in, so a torture yield never unwinds through a function that was left as written
 * (a weak reference: null when no object defines it). */
#define SL_RESUMABLE(name) __extension__ ({ \
    extern const char sl__resumable_##name __attribute__((weak)); \
    &sl__resumable_##name != 0; })
#define SL_RESUMABLE_DEFINE(name) \
    __attribute__((weak, visibility("default"))) const char sl__resumable_##name = 1;

/* Each rewritten file carries its summary (what it defines that may suspend, what it assumed of
 * the rest of the program) in a section of its object, for `stackless check` at link time. */
#if defined(__ELF__)
#define SL_SUMMARY __attribute__((section(".stackless.summary"), used, aligned(1)))
#elif defined(__APPLE__)
#define SL_SUMMARY __attribute__((section("__TEXT,__sl_summary"), used, aligned(1)))
#else
#define SL_SUMMARY __attribute__((used))
#endif

#define SL_INLINE static __inline__ __attribute__((always_inline, unused))

/* The one body of a transformed function that takes label addresses (`&&label`): never inlined
 * or cloned, so that a label has the same address in every call, before a switch and after it
 * (GCC documents that inlining or cloning may give a label another address). */
#if defined(__clang__)
#define SL_ONE_BODY __attribute__((noinline))
#else
#define SL_ONE_BODY __attribute__((noinline, noclone))
#endif

/* Links a saved frame into the chain of the greenlet being unwound: `link` starts at the
 * greenlet's innermost saved frame, so each frame goes in front of those saved before (callers
 * are saved after their callees) and the chain is complete when the unwind is. */
SL_INLINE void sl_frame_link(sl_frame *frame, const sl_point *point) {
    sl_frame **link = sl_tls.link;
    frame->point = point;
    frame->back = *link;
    *link = frame;
    sl_tls.link = &frame->back;
}

/* A frame of `size` bytes (header included) from the thread's free lists, not yet linked. */
SL_INLINE sl_frame *sl_frame_take(unsigned long size) {
    unsigned long size_class = (size + 15) >> 4;
    sl_frame *frame;
    if (size_class < SL_FRAME_CLASSES && (frame = sl_tls.free_frames[size_class]) != 0)
        sl_tls.free_frames[size_class] = frame->back;
    else
        frame = sl_frame_alloc_slow(size);
#ifdef SL_FRAME_CHECKS
    frame->point = 0;
#endif
    return frame;
}

/* Saves a frame of `size` bytes (header included) for resume point `point` and links it into
 * the chain being unwound. Called only on the unwinding path: kept out of line (one copy per
 * file), which keeps the code of transformed functions small. */
static __attribute__((noinline, cold, unused)) void *sl_frame_push(unsigned long size, const sl_point *point) {
    sl_frame *frame = sl_frame_take(size);
    sl_frame_link(frame, point);
    return frame;
}

/* Gives back a frame whose variables have been restored. */
SL_INLINE void sl_frame_release(void *frame, unsigned long size) {
#ifdef SL_FRAME_CHECKS
    if (((sl_frame *)frame)->point == &sl_frame_released)
        sl_frame_released_twice(frame);
    ((sl_frame *)frame)->point = &sl_frame_released;
#endif
    unsigned long size_class = (size + 15) >> 4;
    if (size_class < SL_FRAME_CLASSES) {
        ((sl_frame *)frame)->back = sl_tls.free_frames[size_class];
        sl_tls.free_frames[size_class] = (sl_frame *)frame;
    } else {
        sl_frame_free_slow((sl_frame *)frame, size);
    }
}

/* A resume entry keeps the frame it was resumed from while it runs (the trampoline, catching a
 * longjmp that ends the activation, gives it back): when it suspends again, the frame is linked
 * again if the new one has its size class (a function's points usually save the same
 * variables), which saves a release and an allocation per switch; otherwise it goes back. */
SL_INLINE void *sl_frame_repush(sl_frame *held, unsigned long held_size, unsigned long size,
                                const sl_point *point) {
    unsigned long size_class = (size + 15) >> 4;
    /* A frame past the free lists' classes was allocated with its exact size. */
    if (held && ((held_size + 15) >> 4) == size_class && (size_class < SL_FRAME_CLASSES || size <= held_size)) {
        sl_frame_link(held, point);
        return held;
    }
    if (held)
        sl_frame_release(held, held_size);
    return sl_frame_push(size, point);
}

/* A resume entry returns: the frame it kept goes back (NULL in a one body called normally). */
SL_INLINE void sl_frame_drop(sl_frame *held, unsigned long held_size) {
    if (held)
        sl_frame_release(held, held_size);
}

/* A one body restored its variables from `frame`, `size` bytes: the frame stays the activation's
 * until the body returns to its resume entry, which gives it back (sl_frame_release_restored).
 * A longjmp that ends the activation on the way leaves that to the trampoline, as for a resume
 * entry's frame. The frame is out of the greenlet's chain: its link holds the size meanwhile. */
SL_INLINE void sl_frame_restored(sl_frame *frame, unsigned long size) {
    frame->back = (sl_frame *)size;
}

static __attribute__((noinline, cold, unused)) void sl_frame_release_restored(sl_frame *frame) {
    sl_frame_release(frame, (unsigned long)frame->back);
}

/* The inline switch. For greenlet_switch the emitted code calls sl_switch (in builds that do
 * not track unwind_ok): the common case, from a greenlet to a suspended greenlet of this thread
 * that is not a tasklet, starts the unwind right here, so that the compiler sees the flag set and
 * the test after the call folds away; every other case goes to greenlet_switch (sl_switch_slow).
 * It reads the first fields of a greenlet and of the thread's runtime, which sl_internal.h lays
 * out as these (static assertions in trampoline.c keep them in step). */
typedef struct sl_greenlet_head {
    sl_frame *top;                   /* innermost saved frame */
    void *parent;
    void *u;
    unsigned int owner;              /* the id of its thread */
    unsigned char state;             /* SL_HEAD_SUSPENDED: switchable here */
    unsigned char flags;
} sl_greenlet_head;

typedef struct sl_runtime_head {
    sl_greenlet_head *current;
    sl_greenlet_head *target;        /* the transfer in progress; its value waits where the */
    int error;                       /* target's pending call reads it: result_inline.pointer */
    unsigned int id;
} sl_runtime_head;

#define SL_HEAD_SUSPENDED 2
#define SL_HEAD_ROOT 1               /* flags: untransformed code, which cannot unwind */
#define SL_HEAD_SLOW (4 | 8)         /* flags: a tasklet, or freed when it dies */

struct greenlet;
void *sl_switch_slow(struct greenlet *g, void *value);
/* The switch is recorded and the current greenlet is a root: runs the greenlets until control
 * comes back, and returns the value it brings. */
void *sl_switch_from_root(void *rt);

/* Whether the inline switch enters `h` itself: a greenlet of this thread, suspended, neither a
 * tasklet nor freed when it dies. The state is read as the byte the trampoline has just stored:
 * a wider load over it would wait for the store to reach the cache (no store forwarding), which
 * cost a greenlet <-> greenlet switch 8% of its time when owner, state and flags were one load. */
SL_INLINE int sl_switch_enters(const sl_greenlet_head *h) {
    return h && h->owner == sl_tls.switch_owner && h->state == SL_HEAD_SUSPENDED &&
           !(h->flags & SL_HEAD_SLOW);
}

SL_INLINE void *sl_switch(struct greenlet *g, void *value) {
    sl_greenlet_head *h = (sl_greenlet_head *)(void *)g;
    if (__builtin_expect(sl_switch_enters(h), 1)) {
        sl_runtime_head *rt = (sl_runtime_head *)(void *)sl_tls.rt;
        sl_greenlet_head *self = rt->current;
        rt->target = h;
        sl_tls.result_inline.pointer = value;
        rt->error = 0;  /* the payload is meaningless without an error */
        if (__builtin_expect(self->flags & SL_HEAD_ROOT, 0)) {
            void *result = sl_switch_from_root(rt);
            /* Control is back in the root: nothing unwinds (the test after the call folds). */
            if (sl_tls.unwinding)
                __builtin_unreachable();
            return result;
        }
        sl_tls.link = &self->top;
        sl_tls.unwinding = 1;
        return 0;
    }
    return sl_switch_slow(g, value);
}

/* A resumed function that finishes hands its return value to the frame that called it: a value
 * of up to SL_RESULT_INLINE bytes in the thread's inline buffer, a larger one in a heap buffer.
 * Producer and consumer agree on the size (the called function's return type), so neither
 * stores nor loads a pointer for the common case. */
SL_INLINE void sl_result_store(const void *value, unsigned long size) {
    if (size <= SL_RESULT_INLINE)
        __builtin_memcpy(sl_tls.result_inline.bytes, value, size);
    else
        sl_result_store_slow(value, size);
}

/* Where a resumed call's result of `size` bytes is (a constant size: the test folds away). */
SL_INLINE void *sl_result_at(unsigned long size) {
    return size <= SL_RESULT_INLINE ? (void *)sl_tls.result_inline.bytes : sl_tls.result;
}

/* The C stack grows down here: a frame below the limit is deep. The limit is NULL in a root. */
SL_INLINE int sl_stack_deep(void) {
#if defined(__wasm__)
    /* wasm keeps locals off linear memory unless their address is taken, so a recursion need not
     * grow the linear stack that the limit measures: a probe makes every level take some. */
    volatile char probe = 0;
    return (char *)(void *)&probe < sl_tls.stack_limit;
#else
    return (char *)__builtin_frame_address(0) < sl_tls.stack_limit;
#endif
}

/* Address-taken locals and local arrays of transformed functions live on the greenlet's shadow
 * stack, so that their address survives a switch. */
SL_INLINE void *sl_shadow_mark(void) { return sl_tls.shadow_top; }

SL_INLINE void *sl_shadow_alloc(unsigned long size, unsigned long align) {
    char *top = sl_tls.shadow_top;
    if (top) {
        char *p = (char *)(((unsigned long)top + align - 1) & ~(align - 1));
        if (size <= (unsigned long)(sl_tls.shadow_end - p)) {
            sl_tls.shadow_top = p + size;
            return p;
        }
    }
    return sl_shadow_alloc_slow(size, align);
}

/* The shadow-stack home of one local for the current activation, allocated on first use. */
SL_INLINE void *sl_shadow_slot(void **slot, unsigned long size, unsigned long align) {
    if (!*slot)
        *slot = sl_shadow_alloc(size, align);
    return *slot;
}

/* A compound literal whose address may be kept: copied into its shadow-stack home. */
SL_INLINE void *sl_shadow_copy(void **slot, const void *value, unsigned long size, unsigned long align) {
    void *home = sl_shadow_slot(slot, size, align);
    __builtin_memcpy(home, value, size);
    return home;
}

SL_INLINE void sl_shadow_release(void *mark) {
    char *m = (char *)mark;
    if (m >= sl_tls.shadow_base && m <= sl_tls.shadow_top && m)
        sl_tls.shadow_top = m;
    else
        sl_shadow_release_slow(mark);
}

/* setjmp in a transformed function (jmp.c). Each activation of a function that calls setjmp
 * keeps a record on the greenlet's shadow stack, linked newest first: the buffer each of its
 * setjmp calls armed, and, while the activation is saved in a frame, that frame. The emitted
 * code arms a site before calling setjmp on it, marks the record saved when it unwinds, and
 * when it is resumed calls setjmp again on every armed buffer that still holds what its last
 * setjmp wrote (so that a plain longjmp finds a live activation, and memory the program freed
 * or gave to another handler is left alone) and goes to the site a longjmp chose. longjmp,
 * _longjmp and siglongjmp in transformed files, called or named as values, become
 * sl_longjmp_jb/sl_siglongjmp_jb (jmp.c; sl_longjmp/sl_siglongjmp take the buffer untyped):
 * a buffer whose activation is live gets a
 * native longjmp; one whose activation is saved in a frame is reached by unwinding to the
 * trampoline, discarding the frames in between, and resuming that frame at its setjmp. */
typedef struct sl_jmp_site {
    void *buf;                       /* the jmp_buf armed there, NULL until it is */
    int savemask;                    /* sigsetjmp's second argument */
    void *mask;                      /* then the signal mask it saved (on the shadow stack): an
                                      * activation that arms it again must not save a newer one */
    unsigned long print;             /* a hash of the buffer right after this activation armed it:
                                      * a buffer that no longer holds it (freed and reused, or
                                      * given back another handler's jmp_buf) is not armed again */
} sl_jmp_site;

typedef struct sl_jmp_record {
    struct sl_jmp_record *older;
    sl_frame *frame;                 /* the frame the activation is saved in, NULL while it runs */
    char *top;                       /* the shadow top after the activation's own allocations */
    int value;                       /* the value of the longjmp that lands in it */
    int landing;                     /* the site the runtime resumes it at, or -1 */
    unsigned sites;
    sl_jmp_site site[];
} sl_jmp_record;

sl_jmp_record *sl_jmp_enter(unsigned sites);
void sl_jmp_leave(sl_jmp_record *record);
void sl_jmp_unwound(sl_jmp_record *record, sl_frame *frame);
int sl_jmp_resumed(sl_jmp_record *record);
void sl_jmp_landed(sl_jmp_record *record, unsigned site);
void sl_jmp_save_mask(sl_jmp_record *record, unsigned site);
void sl_jmp_armed(sl_jmp_record *record, unsigned site);
int sl_jmp_intact(sl_jmp_record *record, unsigned site);
__attribute__((noreturn)) void sl_longjmp(void *buf, int value);
__attribute__((noreturn)) void sl_siglongjmp(void *buf, int value);

SL_INLINE void *sl_jmp_arm(sl_jmp_record *record, unsigned site, void *buf, int savemask) {
    record->site[site].buf = buf;
    record->site[site].savemask = savemask;
    if (savemask)
        sl_jmp_save_mask(record, site);
    return buf;
}

/* The activation allocated on the shadow stack: what lies above is its callees'. */
SL_INLINE void *sl_jmp_owned(sl_jmp_record *record, void *allocated) {
    record->top = sl_tls.shadow_top;
    return allocated;
}

#ifdef __cplusplus
}
#endif
#endif
