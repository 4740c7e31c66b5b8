#include <stackless_gen.h>
#line 1 "struct_return.c"
/* stackless: */
/* Structs returned by suspending calls, and a function that returns a struct. */
#include <greenlet.h>

struct point { int x, y; };
typedef struct { double re, im; } complex_pair;

static greenlet *feed;


SL_GENERATED_BEGIN
static void sl__next_point_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__next_point_points[1] = {
    {sl__next_point_resume, 0, 11, "struct_return.c"},
};
#line 10 "struct_return.c"
static struct point next_point(int i) {
    __typeof__(greenlet_switch(feed, 0)) sl__t1 = sl_switch(feed, 0);
    /* point 0: after greenlet_switch() */
#line 11
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
            __typeof__(i) i;
        };
#line 11
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__next_point_points[0]);
#line 11
        __builtin_memcpy((void *)&sl__f->i, (void *)&i, sizeof(__typeof__(int)));
#line 11
        { __typeof__(struct point) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 11 "struct_return.c"
    struct point p =  { i, (int)(long)sl__t1 };
    return p;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "next_point"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "next_point"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "next_point"
static void sl__next_point_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) i;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 11 "struct_return.c"
    __typeof__(greenlet_switch(feed, 0)) sl__t1 = sl_switch(feed, 0);
    /* point 0: after greenlet_switch() */
#line 11
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
            __typeof__(i) i;
        };
#line 11
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__next_point_points[0]);
#line 11
        __builtin_memcpy((void *)&sl__f->i, (void *)&i, sizeof(__typeof__(int)));
#line 11
        return;
    }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(i) i;
            };
#line 11
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 11
            __builtin_memcpy((void *)&i, (void *)&sl__f->i, sizeof(__typeof__(int)));
#line 11
            sl__held = sizeof(struct sl__f0);
        }
#line 11
        __builtin_memcpy((void *)&sl__t1, sl_result_at(sizeof(sl__t1)), sizeof(sl__t1));
    }
#line 11 "struct_return.c"
    struct point p =  { i, (int)(long)sl__t1 };
    { __typeof__(struct point) sl__r = (p); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 13 "struct_return.c"
 

static complex_pair pair_of(struct point p) {
    complex_pair c = { p.x, p.y };
    return c;
}


SL_GENERATED_BEGIN
static void sl__walk_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__walk_points[2] = {
    {sl__walk_resume, 0, 21, "struct_return.c"},
    {sl__walk_resume, 1, 22, "struct_return.c"},
};
#line 20 "struct_return.c"
complex_pair walk(int n) {
    struct point here =  next_point(n);
    /* point 0: after next_point() */
#line 21
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 21
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__walk_points[0]);
#line 21
        (void)sl__f;
#line 21
        { __typeof__(complex_pair) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 22 "struct_return.c"
    __typeof__(next_point(here.x)) sl__t1 = next_point(here.x);
    /* point 1: after next_point() */
#line 22
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f1 {
            sl_frame sl__h;
            __typeof__(here) here;
        };
#line 22
        struct sl__f1 *sl__f = (struct sl__f1 *)sl_frame_push(sizeof(struct sl__f1), &sl__walk_points[1]);
#line 22
        __builtin_memcpy((void *)&sl__f->here, (void *)&here, sizeof(here));
#line 22
        { __typeof__(complex_pair) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 22 "struct_return.c"
    int d =  sl__t1.y;
    here.y += d;
    return pair_of(here);
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "walk"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "walk"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "walk"
static void sl__walk_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) n;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; case 1: goto sl__r1; default: __builtin_unreachable(); }
#line 21 "struct_return.c"
    struct point here =  next_point(n);
    /* point 0: after next_point() */
#line 21
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 21
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__walk_points[0]);
#line 21
        (void)sl__f;
#line 21
        return;
    }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
            };
#line 21
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 21
            (void)sl__f;
#line 21
            sl__held = sizeof(struct sl__f0);
        }
#line 21
        __builtin_memcpy((void *)&here, sl_result_at(sizeof(here)), sizeof(here));
    }
#line 22 "struct_return.c"
    __typeof__(next_point(here.x)) sl__t1 = next_point(here.x);
    /* point 1: after next_point() */
#line 22
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f1 {
            sl_frame sl__h;
            __typeof__(here) here;
        };
#line 22
        struct sl__f1 *sl__f = (struct sl__f1 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f1), &sl__walk_points[1]);
#line 22
        __builtin_memcpy((void *)&sl__f->here, (void *)&here, sizeof(here));
#line 22
        return;
    }
    if (0) {
    sl__r1: ;
        {
            struct sl__f1 {
                sl_frame sl__h;
                __typeof__(here) here;
            };
#line 22
            struct sl__f1 *sl__f = (struct sl__f1 *)(void *)sl__fr;
#line 22
            __builtin_memcpy((void *)&here, (void *)&sl__f->here, sizeof(here));
#line 22
            sl__held = sizeof(struct sl__f1);
        }
#line 22
        __builtin_memcpy((void *)&sl__t1, sl_result_at(sizeof(sl__t1)), sizeof(sl__t1));
    }
#line 22 "struct_return.c"
    int d =  sl__t1.y;
    here.y += d;
    { __typeof__(complex_pair) sl__r = (pair_of(here)); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 25 "struct_return.c"
 

/* stackless: what this file defines and assumes, for `stackless check` at link time */
SL_SUMMARY static const char sl__summary[] =
    "stackless-summary 1\n"
    "unit\tstruct_return.c\n"
    "options\n"
    "assume\tcall\tgreenlet_switch\tsuspends\tannotated\tstruct_return.c\t11\t38\tnext_point\t\n"
    "define\twalk\textern\tcomplex_pair (int)\tcomplex_pair\tsuspends\twalk -> next_point -> greenlet_switch\t-\t0\n"
    ;
