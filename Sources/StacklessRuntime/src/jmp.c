/*
 * jmp.c: setjmp and longjmp in functions that may suspend (the protocol is described above
 * sl_jmp_record in stackless_gen.h).
 *
 * A jmp_buf holds registers of one C activation; a transformed function that suspends loses its
 * activation, and when it is resumed it runs in another one. So each activation of a function
 * that calls setjmp keeps a record on its greenlet's shadow stack (which survives switches):
 * the buffers it armed and, while it is saved, its frame. When resumed it arms those buffers
 * again in its new activation, so a plain longjmp (even one made by code stackless never saw)
 * lands in it. Only a longjmp made while the activation exists as a frame alone needs the
 * runtime: the trampoline resumes such a greenlet with a jmp_buf of its own armed, sl_longjmp
 * jumps there (which discards every C frame of the run, transformed or not, as a longjmp does),
 * the frames saved between are freed, and the record's frame is resumed at its setjmp with the
 * longjmp's value. Programs that never call setjmp in a transformed function never come here.
 */
#ifdef __wasi__
#include "sl_internal.h"

/* WASI has no setjmp (wasi-libc gives no <setjmp.h>), so no program there arms a record and no
 * greenlet is ever flagged SL_JMP_SAVED. */
void sl__resume_catching(sl_runtime *rt, greenlet *g, sl_frame *frame) {
    (void)rt;
    (void)g;
    (void)frame;
    sl__fatal("setjmp records are not supported on WASI");
}
#else
#define _POSIX_C_SOURCE 200809L  /* siglongjmp */
#include <setjmp.h>
#include <stddef.h>
#include <signal.h>
#include "sl_internal.h"

/* Where the current greenlet's newest record is linked: in its newest shadow chunk. */
static sl_jmp_record **head(void) {
    sl_shadow_chunk *chunk = sl__shadow_chunk();
    return chunk ? &chunk->jmp_head : NULL;
}

sl_jmp_record *sl_jmp_enter(unsigned sites) {
    unsigned long size = sizeof(sl_jmp_record) + sites * sizeof(sl_jmp_site);
    sl_jmp_record *r = sl_shadow_alloc(size, _Alignof(sl_jmp_record));
    sl_jmp_record **h = head();  /* after the allocation, which may have made a new chunk */
    r->older = *h;
    r->frame = NULL;
    r->top = sl_tls.shadow_top;
    r->value = 0;
    r->landing = -1;
    r->sites = sites;
    for (unsigned i = 0; i < sites; i++) {
        r->site[i].buf = NULL;
        r->site[i].savemask = 0;
        r->site[i].mask = NULL;
        r->site[i].print = 0;
    }
    *h = r;
    return r;
}

/* The activation returns. Records newer than its own belong to activations that a longjmp
 * through code stackless did not rewrite has discarded: they go too. */
void sl_jmp_leave(sl_jmp_record *r) {
    *head() = r->older;
}

void sl_jmp_unwound(sl_jmp_record *r, sl_frame *frame) {
    r->frame = frame;
    sl_runtime *rt = (sl_runtime *)sl_tls.rt;
    rt->current->flags |= SL_JMP_SAVED;
    rt->resume_catching = sl__resume_catching;
    sl_tls.slow |= SL_SLOW_JMP;
}

/* The activation runs again (its frame is released): returns the site a longjmp resumes it at,
 * or -1 for a plain resume. */
int sl_jmp_resumed(sl_jmp_record *r) {
    int site = r->landing;
    r->frame = NULL;
    r->landing = -1;
    return site;
}

/* sigsetjmp(buf, nonzero): the mask it saves is kept in the record, since a resumed activation
 * arms the buffer again without saving the mask of that later moment. */
void sl_jmp_save_mask(sl_jmp_record *r, unsigned site) {
    sl_jmp_site *s = &r->site[site];
    if (!s->mask)
        s->mask = sl_jmp_owned(r, sl_shadow_alloc(sizeof(sigset_t), _Alignof(sigset_t)));
    sigprocmask(SIG_SETMASK, NULL, (sigset_t *)s->mask);
}

/* What a buffer holds, hashed. A jmp_buf armed by an activation stays in the program's memory,
 * which may free it (libpng frees its png_struct, jmp_buf inside, before the function that
 * called setjmp returns) or give it another handler's registers back (a nested handler restoring
 * the outer one): arming it again then would write into freed or foreign memory. The buffer is
 * read as the program left it (freed memory too: only read, so sanitizers are told not to
 * look). */
#if defined(__clang__) || (defined(__GNUC__) && __GNUC__ >= 8)
__attribute__((no_sanitize("address")))
#endif
static unsigned long print_of(const void *buf) {
    const unsigned char *p = buf;
    /* Only what setjmp writes: glibc's buffer ends with padding and a signal mask that only
     * sigsetjmp with a nonzero savemask fills (hashing them would read uninitialised bytes). */
#if defined(__GLIBC__)
    unsigned long n = offsetof(struct __jmp_buf_tag, __mask_was_saved) + sizeof(int);
#else
    unsigned long n = sizeof(jmp_buf);
#endif
    uint64_t h = 1469598103934665603u;   /* FNV-1a, 64-bit on every target (long may be 32) */
    for (unsigned long i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211u;
    return (unsigned long)h;
}

/* setjmp returned 0 at the site: the buffer holds this activation's registers. */
void sl_jmp_armed(sl_jmp_record *r, unsigned site) {
    r->site[site].print = print_of(r->site[site].buf);
}

/* The activation is resumed: whether the site's buffer still holds what its setjmp wrote (then
 * it is armed again); if not, the program has let it go, and the site is disarmed. */
int sl_jmp_intact(sl_jmp_record *r, unsigned site) {
    sl_jmp_site *s = &r->site[site];
    if (!s->buf)
        return 0;
    if (print_of(s->buf) == s->print)
        return 1;
    s->buf = NULL;
    return 0;
}

/* A longjmp landed in the activation, at `site`: every newer activation is gone, with what it
 * held on the shadow stack; a sigsetjmp that saved the mask gets it back. */
void sl_jmp_landed(sl_jmp_record *r, unsigned site) {
    *head() = r;
    r->landing = -1;
    if (r->site[site].savemask && r->site[site].mask)
        sigprocmask(SIG_SETMASK, (sigset_t *)r->site[site].mask, NULL);
    sl_shadow_release(r->top);
}

static _Noreturn void jump(void *buf, int value, int restore_mask) {
    if (value == 0)
        value = 1;
    sl_jmp_record **h = head();
    for (sl_jmp_record *r = h ? *h : NULL; r; r = r->older) {
        for (unsigned i = 0; i < r->sites; i++) {
            if (r->site[i].buf != buf || print_of(buf) != r->site[i].print)
                continue;  /* not this buffer, or the program gave it to another handler */
            if (!r->frame)
                goto native;  /* armed in a live activation */
            sl_runtime *rt = (sl_runtime *)sl_tls.rt;
            if (sl_tls.unwinding)
                sl__fatal("longjmp during a switch: an untransformed C frame kept running after "
                          "a switch was requested (a callback from qsort, a C library or Swift?)");
            if (!rt->jmp_escape)
                sl__fatal("longjmp to a jmp_buf whose setjmp is in a suspended frame, outside "
                          "the trampoline's run of its greenlet");
            r->landing = (int)i;
            r->value = value;
            rt->jmp_target = r;
            longjmp(*(jmp_buf *)rt->jmp_escape, 1);
        }
    }
native:
    /* Armed by code that is not transformed, or in a live activation. */
    if (restore_mask)
        siglongjmp(buf, value);
    longjmp(buf, value);
}

void sl_longjmp(void *buf, int value) { jump(buf, value, 0); }
void sl_siglongjmp(void *buf, int value) { jump(buf, value, 1); }

/* What longjmp, _longjmp and siglongjmp name in transformed files (declared there with the
 * type of the function they replace, so that they can be stored where a pointer to longjmp
 * goes). */
_Noreturn void sl_longjmp_jb(jmp_buf buf, int value);
_Noreturn void sl_siglongjmp_jb(sigjmp_buf buf, int value);
void sl_longjmp_jb(jmp_buf buf, int value) { jump(buf, value, 0); }
void sl_siglongjmp_jb(sigjmp_buf buf, int value) { jump(buf, value, 1); }

static int any_saved(void) {
    sl_jmp_record **h = head();
    for (sl_jmp_record *r = h ? *h : NULL; r; r = r->older)
        if (r->frame)
            return 1;
    return 0;
}

/* A longjmp reached the trampoline for the record rt->jmp_target: the frames saved above its
 * frame are freed; returns its frame, to be resumed at the site. */
static sl_frame *discard_to_target(sl_runtime *rt, greenlet *g) {
    sl_frame *owner = rt->jmp_target->frame;
    sl_frame *f = g->top;
    while (f && f != owner) {
        sl_frame *back = f->back;
        sl__frame_discard(rt, f);
        f = back;
    }
    if (!f)
        sl__fatal("longjmp: the frame of its setjmp is not among its greenlet's frames");
    g->top = f->back;
    rt->jmp_target = NULL;
    sl_tls.unwind_ok = 0;  /* the resumed frame restores its own */
    return f;
}

void sl__resume_catching(sl_runtime *rt, greenlet *g, sl_frame *frame) {
    if (!any_saved()) {
        g->flags &= (uint8_t)~SL_JMP_SAVED;
        frame->point->resume(frame);
        return;
    }
    jmp_buf escape;
    void *outer = rt->jmp_escape;
    sl_frame *volatile next = frame;
    rt->jmp_escape = &escape;
    if (setjmp(escape) != 0) {
        sl__frame_discard(rt, next);  /* the activation the longjmp ended kept its frame */
        next = discard_to_target(rt, g);
    }
    next->point->resume(next);
    rt->jmp_escape = outer;
}
#endif
