#include <stackless_gen.h>
#line 1 "simple_chain.c"
/* stackless: */
/* A straight chain: parse_line -> next_token -> greenlet_switch; helpers that do not suspend stay as written. */
#include <greenlet.h>

static greenlet *producer;

static int   square(int  x)   {   return x *   x; /* kept byte for byte */ }


SL_GENERATED_BEGIN
static void sl__next_token_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__next_token_points[1] = {
    {sl__next_token_resume, 0, 10, "simple_chain.c"},
};
#line 9 "simple_chain.c"
static int next_token(int bias) {
    __typeof__(greenlet_switch(producer, 0)) sl__t1 = sl_switch(producer, 0);
    /* point 0: after greenlet_switch() */
#line 10
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
            __typeof__(bias) bias;
        };
#line 10
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__next_token_points[0]);
#line 10
        __builtin_memcpy((void *)&sl__f->bias, (void *)&bias, sizeof(__typeof__(int)));
#line 10
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 10 "simple_chain.c"
    int raw =  (int)(long)sl__t1;
    return raw + bias;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "next_token"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "next_token"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "next_token"
static void sl__next_token_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) bias;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 10 "simple_chain.c"
    __typeof__(greenlet_switch(producer, 0)) sl__t1 = sl_switch(producer, 0);
    /* point 0: after greenlet_switch() */
#line 10
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
            __typeof__(bias) bias;
        };
#line 10
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__next_token_points[0]);
#line 10
        __builtin_memcpy((void *)&sl__f->bias, (void *)&bias, sizeof(__typeof__(int)));
#line 10
        return;
    }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(bias) bias;
            };
#line 10
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 10
            __builtin_memcpy((void *)&bias, (void *)&sl__f->bias, sizeof(__typeof__(int)));
#line 10
            sl__held = sizeof(struct sl__f0);
        }
#line 10
        __builtin_memcpy((void *)&sl__t1, sl_result_at(sizeof(sl__t1)), sizeof(sl__t1));
    }
#line 10 "simple_chain.c"
    int raw =  (int)(long)sl__t1;
    { __typeof__(int) sl__r = (raw + bias); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 12 "simple_chain.c"
 


SL_GENERATED_BEGIN
static void sl__parse_line_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__parse_line_points[2] = {
    {sl__parse_line_resume, 0, 18, "simple_chain.c"},
    {sl__parse_line_resume, 1, 19, "simple_chain.c"},
};
#line 14 "simple_chain.c"
int parse_line(int count) {
    const sl_point *sl__pt;
#line 15 "simple_chain.c"
    int sum = 0;
    int unused_after = square(count);
    sum += unused_after;
    int first =  next_token(1);
    /* point 0: after next_token() */
#line 18
    if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__parse_line_points[0]; goto sl__save0; }
    int second =  next_token(first);
    /* point 1: after next_token() */
#line 19
    if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__parse_line_points[1]; goto sl__save0; }
    return sum + square(second);
    if (0) {
    sl__save0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(sum) sum;
            };
#line 18
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), sl__pt);
#line 18
            __builtin_memcpy((void *)&sl__f->sum, (void *)&sum, sizeof(sum));
#line 18
            { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
        }
    }
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "parse_line"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "parse_line"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "parse_line"
static void sl__parse_line_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) count;
    unsigned long __attribute__((unused)) sl__held = 0;
    const sl_point *sl__pt;
    switch (sl__fr->point->index) { case 0: goto sl__r0; case 1: goto sl__r1; default: __builtin_unreachable(); }
#line 15 "simple_chain.c"
    int sum = 0;
    int unused_after = square(count);
    sum += unused_after;
    int first =  next_token(1);
    /* point 0: after next_token() */
#line 18
    if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__parse_line_points[0]; goto sl__save0; }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(sum) sum;
            };
#line 18
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 18
            __builtin_memcpy((void *)&sum, (void *)&sl__f->sum, sizeof(sum));
#line 18
            sl__held = sizeof(struct sl__f0);
        }
#line 18
        __builtin_memcpy((void *)&first, sl_result_at(sizeof(first)), sizeof(first));
    }
#line 19 "simple_chain.c"
    int second =  next_token(first);
    /* point 1: after next_token() */
#line 19
    if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__parse_line_points[1]; goto sl__save0; }
    if (0) {
    sl__r1: ;
        {
            struct sl__f1 {
                sl_frame sl__h;
                __typeof__(sum) sum;
            };
#line 19
            struct sl__f1 *sl__f = (struct sl__f1 *)(void *)sl__fr;
#line 19
            __builtin_memcpy((void *)&sum, (void *)&sl__f->sum, sizeof(sum));
#line 19
            sl__held = sizeof(struct sl__f1);
        }
#line 19
        __builtin_memcpy((void *)&second, sl_result_at(sizeof(second)), sizeof(second));
    }
#line 20 "simple_chain.c"
    { __typeof__(int) sl__r = (sum + square(second)); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    if (0) {
    sl__save0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(sum) sum;
            };
#line 18
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), sl__pt);
#line 18
            __builtin_memcpy((void *)&sl__f->sum, (void *)&sum, sizeof(sum));
#line 18
            return;
        }
    }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 21 "simple_chain.c"
 

/* stackless: what this file defines and assumes, for `stackless check` at link time */
SL_SUMMARY static const char sl__summary[] =
    "stackless-summary 1\n"
    "unit\tsimple_chain.c\n"
    "options\n"
    "assume\tcall\tgreenlet_switch\tsuspends\tannotated\tsimple_chain.c\t10\t26\tnext_token\t\n"
    "define\tparse_line\textern\tint (int)\tint\tsuspends\tparse_line -> next_token -> greenlet_switch\t-\t0\n"
    ;
