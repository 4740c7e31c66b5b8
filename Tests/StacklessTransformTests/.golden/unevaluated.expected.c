#include <stackless_gen.h>
#line 1 "unevaluated.c"
/* stackless: */
/* Calls inside sizeof, _Alignof and __typeof__ are never evaluated, so they are not points. */
#include <greenlet.h>

static greenlet *up;


SL_GENERATED_BEGIN
static void sl__pull_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__pull_points[1] = {
    {sl__pull_resume, 0, 7, "unevaluated.c"},
};
#line 7 "unevaluated.c"
static long pull(void) {
#line 7 "unevaluated.c"
    __typeof__(greenlet_switch(up, 0)) sl__t1 = sl_switch(up, 0);
    /* point 0: after greenlet_switch() */
#line 7
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 7
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__pull_points[0]);
#line 7
        (void)sl__f;
#line 7
        { __typeof__(long) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 7 "unevaluated.c"
    return (long)sl__t1;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "pull"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "pull"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "pull"
static void sl__pull_resume(sl_frame *sl__fr) {
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 7 "unevaluated.c"
    __typeof__(greenlet_switch(up, 0)) sl__t1 = sl_switch(up, 0);
    /* point 0: after greenlet_switch() */
#line 7
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 7
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__pull_points[0]);
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
#line 7 "unevaluated.c"
    { __typeof__(long) sl__r = ((long)sl__t1); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 7 "unevaluated.c"
                                                               


SL_GENERATED_BEGIN
static void sl__measure_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__measure_points[1] = {
    {sl__measure_resume, 0, 11, "unevaluated.c"},
};
#line 9 "unevaluated.c"
long measure(void) {
    unsigned long size = sizeof(pull()) + _Alignof(__typeof__(pull()));
    __typeof__(pull()) value =  pull();
    /* point 0: after pull() */
#line 11
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
            __typeof__(size) size;
        };
#line 11
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__measure_points[0]);
#line 11
        __builtin_memcpy((void *)&sl__f->size, (void *)&size, sizeof(size));
#line 11
        { __typeof__(long) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 12 "unevaluated.c"
    return value + (long)size;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "measure"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "measure"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "measure"
static void sl__measure_resume(sl_frame *sl__fr) {
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 10 "unevaluated.c"
    unsigned long size = sizeof(pull()) + _Alignof(__typeof__(pull()));
    __typeof__(pull()) value =  pull();
    /* point 0: after pull() */
#line 11
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
            __typeof__(size) size;
        };
#line 11
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__measure_points[0]);
#line 11
        __builtin_memcpy((void *)&sl__f->size, (void *)&size, sizeof(size));
#line 11
        return;
    }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(size) size;
            };
#line 11
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 11
            __builtin_memcpy((void *)&size, (void *)&sl__f->size, sizeof(size));
#line 11
            sl__held = sizeof(struct sl__f0);
        }
#line 11
        __builtin_memcpy((void *)&value, sl_result_at(sizeof(value)), sizeof(value));
    }
#line 12 "unevaluated.c"
    { __typeof__(long) sl__r = (value + (long)size); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 13 "unevaluated.c"
 

/* stackless: what this file defines and assumes, for `stackless check` at link time */
SL_SUMMARY static const char sl__summary[] =
    "stackless-summary 1\n"
    "unit\tunevaluated.c\n"
    "options\n"
    "assume\tcall\tgreenlet_switch\tsuspends\tannotated\tunevaluated.c\t7\t39\tpull\t\n"
    "define\tmeasure\textern\tlong (void)\tlong\tsuspends\tmeasure -> pull -> greenlet_switch\t-\t0\n"
    ;
