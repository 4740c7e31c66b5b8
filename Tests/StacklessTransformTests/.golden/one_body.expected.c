#include <stackless_gen.h>
#line 1 "one_body.c"
/* stackless: --one-body always */
/* One body for both entries: a thunk with the original header, shared save and restore blocks for points with the same variables, a block-scoped variable restored in place. */
#include <greenlet.h>

static greenlet *source;


SL_GENERATED_BEGIN
static void sl__take_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__take_points[1] = {
    {sl__take_resume, 0, 7, "one_body.c"},
};
static __typeof__(int) SL_ONE_BODY sl__take_body(sl_frame *sl__fr);
#line 7 "one_body.c"
static int take(void) { return sl__take_body(0); }
#pragma push_macro("__func__")
#undef __func__
#define __func__ "take"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "take"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "take"
#line 7 "one_body.c"
static __typeof__(int) sl__take_body(sl_frame *sl__fr) {
    if (__builtin_expect(sl__fr != 0, 0)) switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 7 "one_body.c"
    __typeof__(greenlet_switch(source, 0)) sl__t1 = sl_switch(source, 0);
    /* point 0: after greenlet_switch() */
#line 7
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 7
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__take_points[0]);
#line 7
        (void)sl__f;
#line 7
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
            };
#line 7
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 7
            (void)sl__f;
#line 7
            sl_frame_restored(sl__fr, sizeof(struct sl__f0));
        }
#line 7
        __builtin_memcpy((void *)&sl__t1, sl_result_at(sizeof(sl__t1)), sizeof(sl__t1));
    }
#line 7 "one_body.c"
    return (int)(long)sl__t1;
}
static void sl__take_resume(sl_frame *sl__fr) {
    __typeof__(int) sl__r = sl__take_body(sl__fr);
    if (!sl_tls.unwinding) sl_result_store(&sl__r, sizeof sl__r);
    sl_frame_release_restored(sl__fr);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 7 "one_body.c"
                                                                       


SL_GENERATED_BEGIN
static void sl__total_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__total_points[5] = {
    {sl__total_resume, 0, 10, "one_body.c"},
    {sl__total_resume, 1, 11, "one_body.c"},
    {sl__total_resume, 2, 12, "one_body.c"},
    {sl__total_resume, 3, 14, "one_body.c"},
    {sl__total_resume, 4, 15, "one_body.c"},
};
static __typeof__(int) SL_ONE_BODY sl__total_body(sl_frame *sl__fr, __typeof__(int) base, __typeof__(int) n);
#line 9 "one_body.c"
int total(int base, int n) { return sl__total_body(0, base, n); }
#pragma push_macro("__func__")
#undef __func__
#define __func__ "total"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "total"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "total"
#line 9 "one_body.c"
static __typeof__(int) sl__total_body(sl_frame *sl__fr, __typeof__(int) base, __typeof__(int) n) {
    const sl_point *sl__pt;
    if (__builtin_expect(sl__fr != 0, 0)) switch (sl__fr->point->index) { case 0: goto sl__r0; case 1: goto sl__restore1; case 2: goto sl__restore1; case 3: goto sl__restore1; case 4: goto sl__r4; default: __builtin_unreachable(); }
#line 10 "one_body.c"
    __typeof__(take()) sl__t1 = take();
    /* point 0: after take() */
#line 10
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
            __typeof__(base) base;
            __typeof__(n) n;
        };
#line 10
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__total_points[0]);
#line 10
        __builtin_memcpy((void *)&sl__f->base, (void *)&base, sizeof(__typeof__(int)));
#line 10
        __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(__typeof__(int)));
#line 10
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(base) base;
                __typeof__(n) n;
            };
#line 10
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 10
            __builtin_memcpy((void *)&base, (void *)&sl__f->base, sizeof(__typeof__(int)));
#line 10
            __builtin_memcpy((void *)&n, (void *)&sl__f->n, sizeof(__typeof__(int)));
#line 10
            sl_frame_restored(sl__fr, sizeof(struct sl__f0));
        }
#line 10
        __builtin_memcpy((void *)&sl__t1, sl_result_at(sizeof(sl__t1)), sizeof(sl__t1));
    }
#line 10 "one_body.c"
    int sum =  base + sl__t1;
    take();
    /* point 1: after take() */
#line 11
    if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__total_points[1]; goto sl__save1; }
    sl__r1: ;
#line 12 "one_body.c"
    __typeof__(take()) sl__t2 = take();
    /* point 2: after take() */
#line 12
    if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__total_points[2]; goto sl__save1; }
    if (0) {
    sl__r2: ;
#line 12
        __builtin_memcpy((void *)&sl__t2, sl_result_at(sizeof(sl__t2)), sizeof(sl__t2));
    }
#line 12 "one_body.c"
    sum += sl__t2;
    if (n > 0)
#line 13 "one_body.c"
    {
#line 13 "one_body.c"
        {
            int local =  take();
            /* point 3: after take() */
#line 14
            if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__total_points[3]; goto sl__save1; }
            if (0) {
            sl__r3: ;
#line 14
                __builtin_memcpy((void *)&local, sl_result_at(sizeof(local)), sizeof(local));
            }
#line 15 "one_body.c"
            __typeof__(take()) sl__t3 = take();
            /* point 4: after take() */
#line 15
            if (__builtin_expect(sl_tls.unwinding, 0)) {
                struct sl__f4 {
                    sl_frame sl__h;
                    __typeof__(sum) sum;
                    __typeof__(local) local;
                };
#line 15
                struct sl__f4 *sl__f = (struct sl__f4 *)sl_frame_push(sizeof(struct sl__f4), &sl__total_points[4]);
#line 15
                __builtin_memcpy((void *)&sl__f->sum, (void *)&sum, sizeof(sum));
#line 15
                __builtin_memcpy((void *)&sl__f->local, (void *)&local, sizeof(local));
#line 15
                { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
            }
            if (0) {
            sl__r4: ;
                {
                    struct sl__f4 {
                        sl_frame sl__h;
                        __typeof__(sum) sum;
                        __typeof__(local) local;
                    };
#line 15
                    struct sl__f4 *sl__f = (struct sl__f4 *)(void *)sl__fr;
#line 15
                    __builtin_memcpy((void *)&sum, (void *)&sl__f->sum, sizeof(sum));
#line 15
                    __builtin_memcpy((void *)&local, (void *)&sl__f->local, sizeof(local));
#line 15
                    sl_frame_restored(sl__fr, sizeof(struct sl__f4));
                }
#line 15
                __builtin_memcpy((void *)&sl__t3, sl_result_at(sizeof(sl__t3)), sizeof(sl__t3));
            }
#line 15 "one_body.c"
            sum += local * sl__t3;
#line 13 "one_body.c"
        }
#line 13 "one_body.c"
    }
#line 17 "one_body.c"
    return sum;
    if (0) {
    sl__save1: ;
        {
            struct sl__f1 {
                sl_frame sl__h;
                __typeof__(n) n;
                __typeof__(sum) sum;
            };
#line 11
            struct sl__f1 *sl__f = (struct sl__f1 *)sl_frame_push(sizeof(struct sl__f1), sl__pt);
#line 11
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(__typeof__(int)));
#line 11
            __builtin_memcpy((void *)&sl__f->sum, (void *)&sum, sizeof(sum));
#line 11
            { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
        }
    }
    if (0) {
    sl__restore1: ;
        {
            struct sl__f1 {
                sl_frame sl__h;
                __typeof__(n) n;
                __typeof__(sum) sum;
            };
            struct sl__f2 {
                sl_frame sl__h;
                __typeof__(n) n;
                __typeof__(sum) sum;
            };
            struct sl__f3 {
                sl_frame sl__h;
                __typeof__(n) n;
                __typeof__(sum) sum;
            };
#line 11
            union sl__u1 {
#line 11
                struct sl__f1 sl__p1;
#line 11
                struct sl__f2 sl__p2;
#line 11
                struct sl__f3 sl__p3;
            };
#line 11
            union sl__u1 *sl__u = (union sl__u1 *)(void *)sl__fr;
#line 11
            unsigned sl__index = sl__fr->point->index;
#line 11
            struct sl__f1 *sl__f = &sl__u->sl__p1;
#line 11
            __builtin_memcpy((void *)&n, (void *)&sl__f->n, sizeof(__typeof__(int)));
#line 11
            __builtin_memcpy((void *)&sum, (void *)&sl__f->sum, sizeof(sum));
#line 11
            sl_frame_restored(sl__fr, sizeof(struct sl__f1));
#line 11
            switch (sl__index) { case 1: goto sl__r1; case 2: goto sl__r2; case 3: goto sl__r3; default: __builtin_unreachable(); }
        }
    }
}
static void sl__total_resume(sl_frame *sl__fr) {
    __typeof__(int) sl__p0; __builtin_memset((void *)&sl__p0, 0, sizeof sl__p0);
    __typeof__(int) sl__p1; __builtin_memset((void *)&sl__p1, 0, sizeof sl__p1);
    __typeof__(int) sl__r = sl__total_body(sl__fr, sl__p0, sl__p1);
    if (!sl_tls.unwinding) sl_result_store(&sl__r, sizeof sl__r);
    sl_frame_release_restored(sl__fr);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 18 "one_body.c"
 

/* stackless: what this file defines and assumes, for `stackless check` at link time */
SL_SUMMARY static const char sl__summary[] =
    "stackless-summary 1\n"
    "unit\tone_body.c\n"
    "options\n"
    "assume\tcall\tgreenlet_switch\tsuspends\tannotated\tone_body.c\t7\t43\ttake\t\n"
    "define\ttotal\textern\tint (int, int)\tint\tsuspends\ttotal -> take -> greenlet_switch\t-\t0\n"
    ;
