#include <stackless_gen.h>
#line 1 "loops.c"
/* stackless: */
/* Calls that may suspend in loop conditions, for increments and do-while conditions. */
#include <greenlet.h>

static greenlet *source;


SL_GENERATED_BEGIN
static void sl__more_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__more_points[1] = {
    {sl__more_resume, 0, 7, "loops.c"},
};
#line 7 "loops.c"
static int more(void) {
#line 7 "loops.c"
    __typeof__(greenlet_switch(source, 0)) sl__t1 = sl_switch(source, 0);
    /* point 0: after greenlet_switch() */
#line 7
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 7
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__more_points[0]);
#line 7
        (void)sl__f;
#line 7
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 7 "loops.c"
    return (int)(long)sl__t1;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "more"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "more"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "more"
static void sl__more_resume(sl_frame *sl__fr) {
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 7 "loops.c"
    __typeof__(greenlet_switch(source, 0)) sl__t1 = sl_switch(source, 0);
    /* point 0: after greenlet_switch() */
#line 7
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 7
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__more_points[0]);
#line 7
        (void)sl__f;
#line 7
        return;
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
            sl__held = sizeof(struct sl__f0);
        }
#line 7
        __builtin_memcpy((void *)&sl__t1, sl_result_at(sizeof(sl__t1)), sizeof(sl__t1));
    }
#line 7 "loops.c"
    { __typeof__(int) sl__r = ((int)(long)sl__t1); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 7 "loops.c"
                                                                       

SL_GENERATED_BEGIN
static void sl__step_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__step_points[1] = {
    {sl__step_resume, 0, 8, "loops.c"},
};
#line 8 "loops.c"
static int step(int i) {
#line 8 "loops.c"
    sl_switch(source, (void *)(long)i);
    /* point 0: after greenlet_switch() */
#line 8
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
            __typeof__(i) i;
        };
#line 8
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__step_points[0]);
#line 8
        __builtin_memcpy((void *)&sl__f->i, (void *)&i, sizeof(__typeof__(int)));
#line 8
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 8 "loops.c"
    return i + 1;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "step"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "step"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "step"
static void sl__step_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) i;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 8 "loops.c"
    sl_switch(source, (void *)(long)i);
    /* point 0: after greenlet_switch() */
#line 8
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
            __typeof__(i) i;
        };
#line 8
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__step_points[0]);
#line 8
        __builtin_memcpy((void *)&sl__f->i, (void *)&i, sizeof(__typeof__(int)));
#line 8
        return;
    }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(i) i;
            };
#line 8
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 8
            __builtin_memcpy((void *)&i, (void *)&sl__f->i, sizeof(__typeof__(int)));
#line 8
            sl__held = sizeof(struct sl__f0);
        }
    }
#line 8 "loops.c"
    { __typeof__(int) sl__r = (i + 1); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 8 "loops.c"
                                                                                  
static int cheap(int i) { return i < 10; }


SL_GENERATED_BEGIN
static void sl__drain_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__drain_points[4] = {
    {sl__drain_resume, 0, 13, "loops.c"},
    {sl__drain_resume, 1, 15, "loops.c"},
    {sl__drain_resume, 2, 20, "loops.c"},
    {sl__drain_resume, 3, 22, "loops.c"},
};
#line 11 "loops.c"
int drain(int limit) {
    int total = 0;
    for (; ; )
#line 13 "loops.c"
    {
#line 13 "loops.c"
        __typeof__(more()) sl__t1 = more();
        /* point 0: after more() */
#line 13
        if (__builtin_expect(sl_tls.unwinding, 0)) {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(limit) limit;
                __typeof__(total) total;
            };
#line 13
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__drain_points[0]);
#line 13
            __builtin_memcpy((void *)&sl__f->limit, (void *)&limit, sizeof(__typeof__(int)));
#line 13
            __builtin_memcpy((void *)&sl__f->total, (void *)&total, sizeof(total));
#line 13
            { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
        }
#line 13 "loops.c"
        if (!(sl__t1 && total < limit))
#line 13 "loops.c"
            break;
        total++;
#line 13 "loops.c"
    }
#line 15 "loops.c"
    {
#line 15 "loops.c"
        int i = 0;
#line 15 "loops.c"
        for (int sl__first = 1; ; sl__first = 0)
#line 15 "loops.c"
        {
#line 15 "loops.c"
            if (!sl__first)
#line 15 "loops.c"
            {
#line 15 "loops.c"
                __typeof__(step(i)) sl__t2 = step(i);
                /* point 1: after step() */
#line 15
                if (__builtin_expect(sl_tls.unwinding, 0)) {
                    struct sl__f1 {
                        sl_frame sl__h;
                        __typeof__(limit) limit;
                        __typeof__(total) total;
                        __typeof__(i) i;
                        __typeof__(sl__first) sl__first;
                    };
#line 15
                    struct sl__f1 *sl__f = (struct sl__f1 *)sl_frame_push(sizeof(struct sl__f1), &sl__drain_points[1]);
#line 15
                    __builtin_memcpy((void *)&sl__f->limit, (void *)&limit, sizeof(__typeof__(int)));
#line 15
                    __builtin_memcpy((void *)&sl__f->total, (void *)&total, sizeof(total));
#line 15
                    __builtin_memcpy((void *)&sl__f->i, (void *)&i, sizeof(i));
#line 15
                    __builtin_memcpy((void *)&sl__f->sl__first, (void *)&sl__first, sizeof(sl__first));
#line 15
                    { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
                }
#line 15 "loops.c"
                (void)(i = sl__t2);
#line 15 "loops.c"
            }
#line 15 "loops.c"
            if (!(cheap(i) && i < limit))
#line 15 "loops.c"
                break;
            total += i;
#line 15 "loops.c"
        }
#line 15 "loops.c"
    }
#line 17 "loops.c"
    int j = 0;
    {
#line 18 "loops.c"
        for (int sl__first = 1; ; sl__first = 0)
#line 18 "loops.c"
        {
#line 18 "loops.c"
            if (!sl__first)
#line 18 "loops.c"
            {
#line 20 "loops.c"
                __typeof__(more()) sl__t3 = more();
                /* point 2: after more() */
#line 20
                if (__builtin_expect(sl_tls.unwinding, 0)) {
                    struct sl__f2 {
                        sl_frame sl__h;
                        __typeof__(total) total;
                        __typeof__(j) j;
                        __typeof__(sl__first) sl__first;
                    };
#line 20
                    struct sl__f2 *sl__f = (struct sl__f2 *)sl_frame_push(sizeof(struct sl__f2), &sl__drain_points[2]);
#line 20
                    __builtin_memcpy((void *)&sl__f->total, (void *)&total, sizeof(total));
#line 20
                    __builtin_memcpy((void *)&sl__f->j, (void *)&j, sizeof(j));
#line 20
                    __builtin_memcpy((void *)&sl__f->sl__first, (void *)&sl__first, sizeof(sl__first));
#line 20
                    { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
                }
#line 18 "loops.c"
                if (!(sl__t3 > j))
#line 18 "loops.c"
                    break;
#line 18 "loops.c"
            }
#line 18 "loops.c"
            {
                j += 2;
#line 18 "loops.c"
            }
#line 18 "loops.c"
        }
#line 18 "loops.c"
    }
#line 21 "loops.c"
    {
#line 21 "loops.c"
        for (; ; )
#line 21 "loops.c"
        {
#line 21 "loops.c"
            {
                __typeof__(more()) sl__t4 = more();
                /* point 3: after more() */
#line 22
                if (__builtin_expect(sl_tls.unwinding, 0)) {
                    struct sl__f3 {
                        sl_frame sl__h;
                        __typeof__(total) total;
                        __typeof__(j) j;
                    };
#line 22
                    struct sl__f3 *sl__f = (struct sl__f3 *)sl_frame_push(sizeof(struct sl__f3), &sl__drain_points[3]);
#line 22
                    __builtin_memcpy((void *)&sl__f->total, (void *)&total, sizeof(total));
#line 22
                    __builtin_memcpy((void *)&sl__f->j, (void *)&j, sizeof(j));
#line 22
                    { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
                }
#line 22 "loops.c"
                if (!sl__t4)
#line 22 "loops.c"
                {
#line 22 "loops.c"
                    break;
#line 22 "loops.c"
                }
                total--;
#line 21 "loops.c"
            }
#line 21 "loops.c"
        }
#line 21 "loops.c"
    }
#line 25 "loops.c"
    return total + j;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "drain"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "drain"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "drain"
static void sl__drain_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) limit;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; case 1: goto sl__r1; case 2: goto sl__r2; case 3: goto sl__r3; default: __builtin_unreachable(); }
#line 12 "loops.c"
    int total = 0;
    for (; ; )
#line 13 "loops.c"
    {
#line 13 "loops.c"
        __typeof__(more()) sl__t1 = more();
        /* point 0: after more() */
#line 13
        if (__builtin_expect(sl_tls.unwinding, 0)) {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(limit) limit;
                __typeof__(total) total;
            };
#line 13
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__drain_points[0]);
#line 13
            __builtin_memcpy((void *)&sl__f->limit, (void *)&limit, sizeof(__typeof__(int)));
#line 13
            __builtin_memcpy((void *)&sl__f->total, (void *)&total, sizeof(total));
#line 13
            return;
        }
        if (0) {
        sl__r0: ;
            {
                struct sl__f0 {
                    sl_frame sl__h;
                    __typeof__(limit) limit;
                    __typeof__(total) total;
                };
#line 13
                struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 13
                __builtin_memcpy((void *)&limit, (void *)&sl__f->limit, sizeof(__typeof__(int)));
#line 13
                __builtin_memcpy((void *)&total, (void *)&sl__f->total, sizeof(total));
#line 13
                sl__held = sizeof(struct sl__f0);
            }
#line 13
            __builtin_memcpy((void *)&sl__t1, sl_result_at(sizeof(sl__t1)), sizeof(sl__t1));
        }
#line 13 "loops.c"
        if (!(sl__t1 && total < limit))
#line 13 "loops.c"
            break;
        total++;
#line 13 "loops.c"
    }
#line 15 "loops.c"
    {
#line 15 "loops.c"
        int i = 0;
#line 15 "loops.c"
        for (int sl__first = 1; ; sl__first = 0)
#line 15 "loops.c"
        {
#line 15 "loops.c"
            if (!sl__first)
#line 15 "loops.c"
            {
#line 15 "loops.c"
                __typeof__(step(i)) sl__t2 = step(i);
                /* point 1: after step() */
#line 15
                if (__builtin_expect(sl_tls.unwinding, 0)) {
                    struct sl__f1 {
                        sl_frame sl__h;
                        __typeof__(limit) limit;
                        __typeof__(total) total;
                        __typeof__(i) i;
                        __typeof__(sl__first) sl__first;
                    };
#line 15
                    struct sl__f1 *sl__f = (struct sl__f1 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f1), &sl__drain_points[1]);
#line 15
                    __builtin_memcpy((void *)&sl__f->limit, (void *)&limit, sizeof(__typeof__(int)));
#line 15
                    __builtin_memcpy((void *)&sl__f->total, (void *)&total, sizeof(total));
#line 15
                    __builtin_memcpy((void *)&sl__f->i, (void *)&i, sizeof(i));
#line 15
                    __builtin_memcpy((void *)&sl__f->sl__first, (void *)&sl__first, sizeof(sl__first));
#line 15
                    return;
                }
                if (0) {
                sl__r1: ;
                    {
                        struct sl__f1 {
                            sl_frame sl__h;
                            __typeof__(limit) limit;
                            __typeof__(total) total;
                            __typeof__(i) i;
                            __typeof__(sl__first) sl__first;
                        };
#line 15
                        struct sl__f1 *sl__f = (struct sl__f1 *)(void *)sl__fr;
#line 15
                        __builtin_memcpy((void *)&limit, (void *)&sl__f->limit, sizeof(__typeof__(int)));
#line 15
                        __builtin_memcpy((void *)&total, (void *)&sl__f->total, sizeof(total));
#line 15
                        __builtin_memcpy((void *)&i, (void *)&sl__f->i, sizeof(i));
#line 15
                        __builtin_memcpy((void *)&sl__first, (void *)&sl__f->sl__first, sizeof(sl__first));
#line 15
                        sl__held = sizeof(struct sl__f1);
                    }
#line 15
                    __builtin_memcpy((void *)&sl__t2, sl_result_at(sizeof(sl__t2)), sizeof(sl__t2));
                }
#line 15 "loops.c"
                (void)(i = sl__t2);
#line 15 "loops.c"
            }
#line 15 "loops.c"
            if (!(cheap(i) && i < limit))
#line 15 "loops.c"
                break;
            total += i;
#line 15 "loops.c"
        }
#line 15 "loops.c"
    }
#line 17 "loops.c"
    int j = 0;
    {
#line 18 "loops.c"
        for (int sl__first = 1; ; sl__first = 0)
#line 18 "loops.c"
        {
#line 18 "loops.c"
            if (!sl__first)
#line 18 "loops.c"
            {
#line 20 "loops.c"
                __typeof__(more()) sl__t3 = more();
                /* point 2: after more() */
#line 20
                if (__builtin_expect(sl_tls.unwinding, 0)) {
                    struct sl__f2 {
                        sl_frame sl__h;
                        __typeof__(total) total;
                        __typeof__(j) j;
                        __typeof__(sl__first) sl__first;
                    };
#line 20
                    struct sl__f2 *sl__f = (struct sl__f2 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f2), &sl__drain_points[2]);
#line 20
                    __builtin_memcpy((void *)&sl__f->total, (void *)&total, sizeof(total));
#line 20
                    __builtin_memcpy((void *)&sl__f->j, (void *)&j, sizeof(j));
#line 20
                    __builtin_memcpy((void *)&sl__f->sl__first, (void *)&sl__first, sizeof(sl__first));
#line 20
                    return;
                }
                if (0) {
                sl__r2: ;
                    {
                        struct sl__f2 {
                            sl_frame sl__h;
                            __typeof__(total) total;
                            __typeof__(j) j;
                            __typeof__(sl__first) sl__first;
                        };
#line 20
                        struct sl__f2 *sl__f = (struct sl__f2 *)(void *)sl__fr;
#line 20
                        __builtin_memcpy((void *)&total, (void *)&sl__f->total, sizeof(total));
#line 20
                        __builtin_memcpy((void *)&j, (void *)&sl__f->j, sizeof(j));
#line 20
                        __builtin_memcpy((void *)&sl__first, (void *)&sl__f->sl__first, sizeof(sl__first));
#line 20
                        sl__held = sizeof(struct sl__f2);
                    }
#line 20
                    __builtin_memcpy((void *)&sl__t3, sl_result_at(sizeof(sl__t3)), sizeof(sl__t3));
                }
#line 18 "loops.c"
                if (!(sl__t3 > j))
#line 18 "loops.c"
                    break;
#line 18 "loops.c"
            }
#line 18 "loops.c"
            {
                j += 2;
#line 18 "loops.c"
            }
#line 18 "loops.c"
        }
#line 18 "loops.c"
    }
#line 21 "loops.c"
    {
#line 21 "loops.c"
        for (; ; )
#line 21 "loops.c"
        {
#line 21 "loops.c"
            {
                __typeof__(more()) sl__t4 = more();
                /* point 3: after more() */
#line 22
                if (__builtin_expect(sl_tls.unwinding, 0)) {
                    struct sl__f3 {
                        sl_frame sl__h;
                        __typeof__(total) total;
                        __typeof__(j) j;
                    };
#line 22
                    struct sl__f3 *sl__f = (struct sl__f3 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f3), &sl__drain_points[3]);
#line 22
                    __builtin_memcpy((void *)&sl__f->total, (void *)&total, sizeof(total));
#line 22
                    __builtin_memcpy((void *)&sl__f->j, (void *)&j, sizeof(j));
#line 22
                    return;
                }
                if (0) {
                sl__r3: ;
                    {
                        struct sl__f3 {
                            sl_frame sl__h;
                            __typeof__(total) total;
                            __typeof__(j) j;
                        };
#line 22
                        struct sl__f3 *sl__f = (struct sl__f3 *)(void *)sl__fr;
#line 22
                        __builtin_memcpy((void *)&total, (void *)&sl__f->total, sizeof(total));
#line 22
                        __builtin_memcpy((void *)&j, (void *)&sl__f->j, sizeof(j));
#line 22
                        sl__held = sizeof(struct sl__f3);
                    }
#line 22
                    __builtin_memcpy((void *)&sl__t4, sl_result_at(sizeof(sl__t4)), sizeof(sl__t4));
                }
#line 22 "loops.c"
                if (!sl__t4)
#line 22 "loops.c"
                {
#line 22 "loops.c"
                    break;
#line 22 "loops.c"
                }
                total--;
#line 21 "loops.c"
            }
#line 21 "loops.c"
        }
#line 21 "loops.c"
    }
#line 25 "loops.c"
    { __typeof__(int) sl__r = (total + j); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 26 "loops.c"
 

/* stackless: what this file defines and assumes, for `stackless check` at link time */
SL_SUMMARY static const char sl__summary[] =
    "stackless-summary 1\n"
    "unit\tloops.c\n"
    "options\n"
    "assume\tcall\tgreenlet_switch\tsuspends\tannotated\tloops.c\t7\t43\tmore\t\n"
    "define\tdrain\textern\tint (int)\tint\tsuspends\tdrain -> more -> greenlet_switch\t-\t0\n"
    ;
