#include <stackless_gen.h>
#line 1 "preprocessed_form.c"
/* stackless: --suspend-all */
/* Functions whose text holds directives or macros the rewrite reaches into are rewritten from
   their preprocessed form; the directives that still matter follow them; other text is kept. */
#include <stackless_gen.h>
int step(int x) SL_SUSPENDS;
#define TWICE(x) ((x) + (x))
#define CALL_STEP(x) step(x)
#define WITH_B 1
static int *head_v;
#define head head_v

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#line 12 "preprocessed_form.c"
 
SL_GENERATED_BEGIN
static void sl__header_by_if_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__header_by_if_points[1] = {
    {sl__header_by_if_resume, 0, 18, "preprocessed_form.c"},
};
#line 12 "preprocessed_form.c"
int header_by_if(int x)

{
#line 18 "preprocessed_form.c"
    __typeof__(step(x)) sl__t1 = step(x);
    /* point 0: after step() */
#line 18
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 18
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__header_by_if_points[0]);
#line 18
        (void)sl__f;
#line 18
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 18 "preprocessed_form.c"
    return sl__t1 + 1;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "header_by_if"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "header_by_if"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "header_by_if"
static void sl__header_by_if_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) x;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 18 "preprocessed_form.c"
    __typeof__(step(x)) sl__t1 = step(x);
    /* point 0: after step() */
#line 18
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 18
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__header_by_if_points[0]);
#line 18
        (void)sl__f;
#line 18
        return;
    }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
            };
#line 18
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 18
            (void)sl__f;
#line 18
            sl__held = sizeof(struct sl__f0);
        }
#line 18
        __builtin_memcpy((void *)&sl__t1, sl_result_at(sizeof(sl__t1)), sizeof(sl__t1));
    }
#line 18 "preprocessed_form.c"
    { __typeof__(int) sl__r = (sl__t1 + 1); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 19 "preprocessed_form.c"
  
#pragma GCC diagnostic pop
#if WITH_B
#else
#endif
#line 19 "preprocessed_form.c"


#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#line 21 "preprocessed_form.c"
 
SL_GENERATED_BEGIN
static void sl__define_inside_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__define_inside_points[1] = {
    {sl__define_inside_resume, 0, 22, "preprocessed_form.c"},
};
#line 21 "preprocessed_form.c"
int define_inside(int x) {
    int r =  step(x);
    /* point 0: after step() */
#line 22
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 22
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__define_inside_points[0]);
#line 22
        (void)sl__f;
#line 22
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
    return ((r) + (r));
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "define_inside"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "define_inside"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "define_inside"
static void sl__define_inside_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) x;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 22 "preprocessed_form.c"
    int r =  step(x);
    /* point 0: after step() */
#line 22
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 22
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__define_inside_points[0]);
#line 22
        (void)sl__f;
#line 22
        return;
    }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
            };
#line 22
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 22
            (void)sl__f;
#line 22
            sl__held = sizeof(struct sl__f0);
        }
#line 22
        __builtin_memcpy((void *)&r, sl_result_at(sizeof(r)), sizeof(r));
    }
    { __typeof__(int) sl__r = (((r) + (r))); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 25 "preprocessed_form.c"
  
#pragma GCC diagnostic pop
#define LATER 7
#line 25 "preprocessed_form.c"


#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#line 27 "preprocessed_form.c"
 
SL_GENERATED_BEGIN
static void sl__ifdef_in_expression_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__ifdef_in_expression_points[2] = {
    {sl__ifdef_in_expression_resume, 0, 30, "preprocessed_form.c"},
    {sl__ifdef_in_expression_resume, 1, 32, "preprocessed_form.c"},
};
#line 27 "preprocessed_form.c"
int ifdef_in_expression(int k) {
    const sl_point *sl__pt;
#line 30 "preprocessed_form.c"
    __typeof__(k == 2 ? step(k) :

        step(k + 1)) sl__t1 = {0};
#line 30 "preprocessed_form.c"
    if ((k == 2) != 0)
#line 30 "preprocessed_form.c"
    {
#line 30 "preprocessed_form.c"
        __typeof__(step(k)) sl__t2 = step(k);
        /* point 0: after step() */
#line 30
        if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__ifdef_in_expression_points[0]; goto sl__save0; }
#line 30 "preprocessed_form.c"
        sl__t1 = (sl__t2);
#line 30 "preprocessed_form.c"
    }
#line 30 "preprocessed_form.c"
    else
#line 30 "preprocessed_form.c"
    {
#line 32 "preprocessed_form.c"
        __typeof__(step(k + 1)) sl__t3 = step(k + 1);
        /* point 1: after step() */
#line 32
        if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__ifdef_in_expression_points[1]; goto sl__save0; }
#line 30 "preprocessed_form.c"
        sl__t1 = (sl__t3);
#line 30 "preprocessed_form.c"
    }
#line 28 "preprocessed_form.c"
    int v =

         sl__t1;
#line 33 "preprocessed_form.c"
    return v + 7;
    if (0) {
    sl__save0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(k) k;
                __typeof__(sl__t1) sl__t1;
            };
#line 30
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), sl__pt);
#line 30
            __builtin_memcpy((void *)&sl__f->k, (void *)&k, sizeof(__typeof__(int)));
#line 30
            __builtin_memcpy((void *)&sl__f->sl__t1, (void *)&sl__t1, sizeof(sl__t1));
#line 30
            { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
        }
    }
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "ifdef_in_expression"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "ifdef_in_expression"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "ifdef_in_expression"
static void sl__ifdef_in_expression_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) k;
    unsigned long __attribute__((unused)) sl__held = 0;
    const sl_point *sl__pt;
    switch (sl__fr->point->index) { case 0: goto sl__r0; case 1: goto sl__r1; default: __builtin_unreachable(); }
#line 30 "preprocessed_form.c"
    __typeof__(k == 2 ? step(k) :

        step(k + 1)) sl__t1 = {0};
#line 30 "preprocessed_form.c"
    if ((k == 2) != 0)
#line 30 "preprocessed_form.c"
    {
#line 30 "preprocessed_form.c"
        __typeof__(step(k)) sl__t2 = step(k);
        /* point 0: after step() */
#line 30
        if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__ifdef_in_expression_points[0]; goto sl__save0; }
        if (0) {
        sl__r0: ;
            {
                struct sl__f0 {
                    sl_frame sl__h;
                    __typeof__(k) k;
                    __typeof__(sl__t1) sl__t1;
                };
#line 30
                struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 30
                __builtin_memcpy((void *)&k, (void *)&sl__f->k, sizeof(__typeof__(int)));
#line 30
                __builtin_memcpy((void *)&sl__t1, (void *)&sl__f->sl__t1, sizeof(sl__t1));
#line 30
                sl__held = sizeof(struct sl__f0);
            }
#line 30
            __builtin_memcpy((void *)&sl__t2, sl_result_at(sizeof(sl__t2)), sizeof(sl__t2));
        }
#line 30 "preprocessed_form.c"
        sl__t1 = (sl__t2);
#line 30 "preprocessed_form.c"
    }
#line 30 "preprocessed_form.c"
    else
#line 30 "preprocessed_form.c"
    {
#line 32 "preprocessed_form.c"
        __typeof__(step(k + 1)) sl__t3 = step(k + 1);
        /* point 1: after step() */
#line 32
        if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__ifdef_in_expression_points[1]; goto sl__save0; }
        if (0) {
        sl__r1: ;
            {
                struct sl__f1 {
                    sl_frame sl__h;
                    __typeof__(k) k;
                    __typeof__(sl__t1) sl__t1;
                };
#line 32
                struct sl__f1 *sl__f = (struct sl__f1 *)(void *)sl__fr;
#line 32
                __builtin_memcpy((void *)&k, (void *)&sl__f->k, sizeof(__typeof__(int)));
#line 32
                __builtin_memcpy((void *)&sl__t1, (void *)&sl__f->sl__t1, sizeof(sl__t1));
#line 32
                sl__held = sizeof(struct sl__f1);
            }
#line 32
            __builtin_memcpy((void *)&sl__t3, sl_result_at(sizeof(sl__t3)), sizeof(sl__t3));
        }
#line 30 "preprocessed_form.c"
        sl__t1 = (sl__t3);
#line 30 "preprocessed_form.c"
    }
#line 28 "preprocessed_form.c"
    int v =

         sl__t1;
#line 33 "preprocessed_form.c"
    { __typeof__(int) sl__r = (v + 7); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    if (0) {
    sl__save0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(k) k;
                __typeof__(sl__t1) sl__t1;
            };
#line 30
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), sl__pt);
#line 30
            __builtin_memcpy((void *)&sl__f->k, (void *)&k, sizeof(__typeof__(int)));
#line 30
            __builtin_memcpy((void *)&sl__f->sl__t1, (void *)&sl__t1, sizeof(sl__t1));
#line 30
            return;
        }
    }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 34 "preprocessed_form.c"
  
#pragma GCC diagnostic pop
#ifdef WITH_B
#endif
#line 34 "preprocessed_form.c"



SL_GENERATED_BEGIN
static void sl__macro_initializer_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__macro_initializer_points[1] = {
    {sl__macro_initializer_resume, 0, 38, "preprocessed_form.c"},
};
#line 36 "preprocessed_form.c"
int macro_initializer(void) {
    int *q = head;
    return step(*q);
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "macro_initializer"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "macro_initializer"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "macro_initializer"
static void sl__macro_initializer_resume(sl_frame *sl__fr) {
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) {  default: __builtin_unreachable(); }
#line 37 "preprocessed_form.c"
    int *q = head;
    { __typeof__(int) sl__r = step(*q); if (!sl_tls.unwinding) sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 39 "preprocessed_form.c"
 

#define DEFINE_GETTER(name) int get_##name(int x) { return step(x) * 2; }
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#line 42 "preprocessed_form.c"
 
SL_GENERATED_BEGIN
static void sl__get_one_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__get_one_points[1] = {
    {sl__get_one_resume, 0, 42, "preprocessed_form.c"},
};
#line 42 "preprocessed_form.c"
int get_one(int x) {
#line 42 "preprocessed_form.c"
    __typeof__(step(x)) sl__t1 = step(x);
    /* point 0: after step() */
#line 42
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 42
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__get_one_points[0]);
#line 42
        (void)sl__f;
#line 42
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 42 "preprocessed_form.c"
    return sl__t1 * 2;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "get_one"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "get_one"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "get_one"
static void sl__get_one_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) x;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 42 "preprocessed_form.c"
    __typeof__(step(x)) sl__t1 = step(x);
    /* point 0: after step() */
#line 42
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 42
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__get_one_points[0]);
#line 42
        (void)sl__f;
#line 42
        return;
    }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
            };
#line 42
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 42
            (void)sl__f;
#line 42
            sl__held = sizeof(struct sl__f0);
        }
#line 42
        __builtin_memcpy((void *)&sl__t1, sl_result_at(sizeof(sl__t1)), sizeof(sl__t1));
    }
#line 42 "preprocessed_form.c"
    { __typeof__(int) sl__r = (sl__t1 * 2); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 42 "preprocessed_form.c"
                                            
#pragma GCC diagnostic pop
#line 42 "preprocessed_form.c"



SL_GENERATED_BEGIN
static void sl__untouched_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__untouched_points[1] = {
    {sl__untouched_resume, 0, 44, "preprocessed_form.c"},
};
#line 44 "preprocessed_form.c"
int untouched(int x) {
#line 44 "preprocessed_form.c"
    __typeof__(step(x)) sl__t1 = step(x);
    /* point 0: after step() */
#line 44
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 44
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__untouched_points[0]);
#line 44
        (void)sl__f;
#line 44
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 44 "preprocessed_form.c"
    return sl__t1 + LATER;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "untouched"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "untouched"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "untouched"
static void sl__untouched_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) x;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 44 "preprocessed_form.c"
    __typeof__(step(x)) sl__t1 = step(x);
    /* point 0: after step() */
#line 44
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 44
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__untouched_points[0]);
#line 44
        (void)sl__f;
#line 44
        return;
    }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
            };
#line 44
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 44
            (void)sl__f;
#line 44
            sl__held = sizeof(struct sl__f0);
        }
#line 44
        __builtin_memcpy((void *)&sl__t1, sl_result_at(sizeof(sl__t1)), sizeof(sl__t1));
    }
#line 44 "preprocessed_form.c"
    { __typeof__(int) sl__r = (sl__t1 + LATER); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 44 "preprocessed_form.c"
                                                 /* kept as written: the rewrite does not reach into LATER */

/* stackless: what this file defines and assumes, for `stackless check` at link time */
SL_SUMMARY static const char sl__summary[] =
    "stackless-summary 1\n"
    "unit\tpreprocessed_form.c\n"
    "options\tsuspend-all\n"
    "assume\tcall\tstep\tsuspends\tannotated\tpreprocessed_form.c\t18\t12\theader_by_if\t\n"
    "define\tdefine_inside\textern\tint (int)\tint\tsuspends\tdefine_inside -> step\t-\t0\n"
    "define\tget_one\textern\tint (int)\tint\tsuspends\tget_one -> step\t-\t0\n"
    "define\theader_by_if\textern\tint (int)\tint\tsuspends\theader_by_if -> step\t-\t0\n"
    "define\tifdef_in_expression\textern\tint (int)\tint\tsuspends\tifdef_in_expression -> step\t-\t0\n"
    "define\tmacro_initializer\textern\tint (void)\tint\tsuspends\tmacro_initializer -> step\t-\t0\n"
    "define\tuntouched\textern\tint (int)\tint\tsuspends\tuntouched -> step\t-\t0\n"
    ;
