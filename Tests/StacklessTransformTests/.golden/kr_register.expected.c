#include <stackless_gen.h>
#line 1 "kr_register.c"
/* stackless: */
/* An old-style (K&R) definition and a register local in functions that may suspend. */
#include <greenlet.h>

static greenlet *link_to;


SL_GENERATED_BEGIN
static void sl__fetch_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__fetch_points[1] = {
    {sl__fetch_resume, 0, 7, "kr_register.c"},
};
#line 7 "kr_register.c"
static int fetch(int k) {
#line 7 "kr_register.c"
    __typeof__(greenlet_switch(link_to, (void *)(long)k)) sl__t1 = sl_switch(link_to, (void *)(long)k);
    /* point 0: after greenlet_switch() */
#line 7
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 7
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__fetch_points[0]);
#line 7
        (void)sl__f;
#line 7
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 7 "kr_register.c"
    return (int)(long)sl__t1;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "fetch"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "fetch"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "fetch"
static void sl__fetch_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) k;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 7 "kr_register.c"
    __typeof__(greenlet_switch(link_to, (void *)(long)k)) sl__t1 = sl_switch(link_to, (void *)(long)k);
    /* point 0: after greenlet_switch() */
#line 7
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 7
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__fetch_points[0]);
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
#line 7 "kr_register.c"
    { __typeof__(int) sl__r = ((int)(long)sl__t1); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 7 "kr_register.c"
                                                                                        


SL_GENERATED_BEGIN
static void sl__combine_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__combine_points[1] = {
    {sl__combine_resume, 0, 13, "kr_register.c"},
};
#line 9 "kr_register.c"
int combine(a, b)
    int a;
    char *b;
{
    int r =  fetch(a);
    /* point 0: after fetch() */
#line 13
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
            __typeof__(b) b;
        };
#line 13
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__combine_points[0]);
#line 13
        __builtin_memcpy((void *)&sl__f->b, (void *)&b, sizeof(__typeof__(char *)));
#line 13
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 14 "kr_register.c"
    return r + b[0];
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "combine"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "combine"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "combine"
static void sl__combine_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) a;
    __typeof__(char *) __attribute__((unused)) b;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 13 "kr_register.c"
    int r =  fetch(a);
    /* point 0: after fetch() */
#line 13
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
            __typeof__(b) b;
        };
#line 13
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__combine_points[0]);
#line 13
        __builtin_memcpy((void *)&sl__f->b, (void *)&b, sizeof(__typeof__(char *)));
#line 13
        return;
    }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(b) b;
            };
#line 13
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 13
            __builtin_memcpy((void *)&b, (void *)&sl__f->b, sizeof(__typeof__(char *)));
#line 13
            sl__held = sizeof(struct sl__f0);
        }
#line 13
        __builtin_memcpy((void *)&r, sl_result_at(sizeof(r)), sizeof(r));
    }
#line 14 "kr_register.c"
    { __typeof__(int) sl__r = (r + b[0]); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 15 "kr_register.c"
 

/* stackless: what this file defines and assumes, for `stackless check` at link time */
SL_SUMMARY static const char sl__summary[] =
    "stackless-summary 1\n"
    "unit\tkr_register.c\n"
    "options\n"
    "assume\tcall\tgreenlet_switch\tsuspends\tannotated\tkr_register.c\t7\t45\tfetch\t\n"
    "define\tcombine\textern\tint (int, char *)\tint\tsuspends\tcombine -> fetch -> greenlet_switch\t-\t0\n"
    ;
