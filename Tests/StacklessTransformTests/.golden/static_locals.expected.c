#include <stackless_gen.h>
#line 1 "static_locals.c"
/* stackless: */
/* Static locals move to file scope so that the normal and the resume entry share them. */
#include <greenlet.h>

static greenlet *clock_source;


SL_GENERATED_BEGIN
static void sl__tick_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__tick_points[1] = {
    {sl__tick_resume, 0, 7, "static_locals.c"},
};
#line 7 "static_locals.c"
static int tick(void) {
#line 7 "static_locals.c"
    __typeof__(greenlet_switch(clock_source, 0)) sl__t1 = sl_switch(clock_source, 0);
    /* point 0: after greenlet_switch() */
#line 7
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 7
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__tick_points[0]);
#line 7
        (void)sl__f;
#line 7
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 7 "static_locals.c"
    return (int)(long)sl__t1;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "tick"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "tick"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "tick"
static void sl__tick_resume(sl_frame *sl__fr) {
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 7 "static_locals.c"
    __typeof__(greenlet_switch(clock_source, 0)) sl__t1 = sl_switch(clock_source, 0);
    /* point 0: after greenlet_switch() */
#line 7
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 7
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__tick_points[0]);
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
#line 7 "static_locals.c"
    { __typeof__(int) sl__r = ((int)(long)sl__t1); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 7 "static_locals.c"
                                                                             


SL_GENERATED_BEGIN
static void sl__counter_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__counter_points[1] = {
    {sl__counter_resume, 0, 15, "static_locals.c"},
};
__attribute__((unused)) static int sl__counter_calls_0 =  0;
__attribute__((unused)) static const char *sl__counter_label_1 =  "counter";
__attribute__((unused)) static const int sl__counter_limits_2[2] = /* a comment after the '=' (libpng's sRGB_XYZ) */
         { 1, 2 };
#line 9 "static_locals.c"
int counter(void) {
#line 14 "static_locals.c"
    int before =  sl__counter_calls_0;
    __typeof__(tick()) sl__t1 = tick();
    /* point 0: after tick() */
#line 15
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
            __typeof__(before) before;
        };
#line 15
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__counter_points[0]);
#line 15
        __builtin_memcpy((void *)&sl__f->before, (void *)&before, sizeof(before));
#line 15
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 15 "static_locals.c"
    sl__counter_calls_0 += sl__t1;
    return before + sl__counter_calls_0 + (sl__counter_label_1[0] == 'c') + sl__counter_limits_2[1];
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "counter"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "counter"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "counter"
static void sl__counter_resume(sl_frame *sl__fr) {
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 14 "static_locals.c"
    int before =  sl__counter_calls_0;
    __typeof__(tick()) sl__t1 = tick();
    /* point 0: after tick() */
#line 15
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
            __typeof__(before) before;
        };
#line 15
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__counter_points[0]);
#line 15
        __builtin_memcpy((void *)&sl__f->before, (void *)&before, sizeof(before));
#line 15
        return;
    }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(before) before;
            };
#line 15
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 15
            __builtin_memcpy((void *)&before, (void *)&sl__f->before, sizeof(before));
#line 15
            sl__held = sizeof(struct sl__f0);
        }
#line 15
        __builtin_memcpy((void *)&sl__t1, sl_result_at(sizeof(sl__t1)), sizeof(sl__t1));
    }
#line 15 "static_locals.c"
    sl__counter_calls_0 += sl__t1;
    { __typeof__(int) sl__r = (before + sl__counter_calls_0 + (sl__counter_label_1[0] == 'c') + sl__counter_limits_2[1]); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 17 "static_locals.c"
 

/* stackless: what this file defines and assumes, for `stackless check` at link time */
SL_SUMMARY static const char sl__summary[] =
    "stackless-summary 1\n"
    "unit\tstatic_locals.c\n"
    "options\n"
    "assume\tcall\tgreenlet_switch\tsuspends\tannotated\tstatic_locals.c\t7\t43\ttick\t\n"
    "define\tcounter\textern\tint (void)\tint\tsuspends\tcounter -> tick -> greenlet_switch\t-\t0\n"
    ;
