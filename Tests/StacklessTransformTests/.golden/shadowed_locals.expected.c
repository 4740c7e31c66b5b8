#include <stackless_gen.h>
#line 1 "shadowed_locals.c"
/* stackless: */
/* A local hidden by a nested declaration of the same name is renamed, so that a frame can name both. */
#include <greenlet.h>

static greenlet *other;


SL_GENERATED_BEGIN
static void sl__get_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__get_points[1] = {
    {sl__get_resume, 0, 7, "shadowed_locals.c"},
};
#line 7 "shadowed_locals.c"
static int get(int k) {
#line 7 "shadowed_locals.c"
    __typeof__(greenlet_switch(other, (void *)(long)k)) sl__t1 = sl_switch(other, (void *)(long)k);
    /* point 0: after greenlet_switch() */
#line 7
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 7
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__get_points[0]);
#line 7
        (void)sl__f;
#line 7
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 7 "shadowed_locals.c"
    return (int)(long)sl__t1;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "get"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "get"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "get"
static void sl__get_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) k;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 7 "shadowed_locals.c"
    __typeof__(greenlet_switch(other, (void *)(long)k)) sl__t1 = sl_switch(other, (void *)(long)k);
    /* point 0: after greenlet_switch() */
#line 7
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 7
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__get_points[0]);
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
#line 7 "shadowed_locals.c"
    { __typeof__(int) sl__r = ((int)(long)sl__t1); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 7 "shadowed_locals.c"
                                                                                    


SL_GENERATED_BEGIN
static void sl__layered_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__layered_points[2] = {
    {sl__layered_resume, 0, 12, "shadowed_locals.c"},
    {sl__layered_resume, 1, 15, "shadowed_locals.c"},
};
#line 9 "shadowed_locals.c"
int layered(int k) {
    const sl_point *sl__pt;
#line 10 "shadowed_locals.c"
    int x__sl1 =  k * 2;
    {
        int x__sl2 =  get(k);
        /* point 0: after get() */
#line 12
        if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__layered_points[0]; goto sl__save0; }
        k += x__sl2;
#line 11 "shadowed_locals.c"
    }
#line 15 "shadowed_locals.c"
    int y =  get(x__sl1);
    /* point 1: after get() */
#line 15
    if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__layered_points[1]; goto sl__save0; }
    return k + x__sl1 + y;
    if (0) {
    sl__save0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(k) k;
                __typeof__(x__sl1) x__sl1;
            };
#line 12
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), sl__pt);
#line 12
            __builtin_memcpy((void *)&sl__f->k, (void *)&k, sizeof(__typeof__(int)));
#line 12
            __builtin_memcpy((void *)&sl__f->x__sl1, (void *)&x__sl1, sizeof(x__sl1));
#line 12
            { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
        }
    }
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "layered"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "layered"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "layered"
static void sl__layered_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) k;
    unsigned long __attribute__((unused)) sl__held = 0;
    const sl_point *sl__pt;
    switch (sl__fr->point->index) { case 0: goto sl__r0; case 1: goto sl__r1; default: __builtin_unreachable(); }
#line 10 "shadowed_locals.c"
    int x__sl1 =  k * 2;
    {
        int x__sl2 =  get(k);
        /* point 0: after get() */
#line 12
        if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__layered_points[0]; goto sl__save0; }
        if (0) {
        sl__r0: ;
            {
                struct sl__f0 {
                    sl_frame sl__h;
                    __typeof__(k) k;
                    __typeof__(x__sl1) x__sl1;
                };
#line 12
                struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 12
                __builtin_memcpy((void *)&k, (void *)&sl__f->k, sizeof(__typeof__(int)));
#line 12
                __builtin_memcpy((void *)&x__sl1, (void *)&sl__f->x__sl1, sizeof(x__sl1));
#line 12
                sl__held = sizeof(struct sl__f0);
            }
#line 12
            __builtin_memcpy((void *)&x__sl2, sl_result_at(sizeof(x__sl2)), sizeof(x__sl2));
        }
#line 13 "shadowed_locals.c"
        k += x__sl2;
#line 11 "shadowed_locals.c"
    }
#line 15 "shadowed_locals.c"
    int y =  get(x__sl1);
    /* point 1: after get() */
#line 15
    if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__layered_points[1]; goto sl__save0; }
    if (0) {
    sl__r1: ;
        {
            struct sl__f1 {
                sl_frame sl__h;
                __typeof__(k) k;
                __typeof__(x__sl1) x__sl1;
            };
#line 15
            struct sl__f1 *sl__f = (struct sl__f1 *)(void *)sl__fr;
#line 15
            __builtin_memcpy((void *)&k, (void *)&sl__f->k, sizeof(__typeof__(int)));
#line 15
            __builtin_memcpy((void *)&x__sl1, (void *)&sl__f->x__sl1, sizeof(x__sl1));
#line 15
            sl__held = sizeof(struct sl__f1);
        }
#line 15
        __builtin_memcpy((void *)&y, sl_result_at(sizeof(y)), sizeof(y));
    }
#line 16 "shadowed_locals.c"
    { __typeof__(int) sl__r = (k + x__sl1 + y); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    if (0) {
    sl__save0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(k) k;
                __typeof__(x__sl1) x__sl1;
            };
#line 12
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), sl__pt);
#line 12
            __builtin_memcpy((void *)&sl__f->k, (void *)&k, sizeof(__typeof__(int)));
#line 12
            __builtin_memcpy((void *)&sl__f->x__sl1, (void *)&x__sl1, sizeof(x__sl1));
#line 12
            return;
        }
    }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 17 "shadowed_locals.c"
 

/* stackless: what this file defines and assumes, for `stackless check` at link time */
SL_SUMMARY static const char sl__summary[] =
    "stackless-summary 1\n"
    "unit\tshadowed_locals.c\n"
    "options\n"
    "assume\tcall\tgreenlet_switch\tsuspends\tannotated\tshadowed_locals.c\t7\t43\tget\t\n"
    "define\tlayered\textern\tint (int)\tint\tsuspends\tlayered -> get -> greenlet_switch\t-\t0\n"
    ;
