#include <stackless_gen.h>
#line 1 "annotated.c"
/* stackless: */
/* A primitive declared with SL_SUSPENDS makes its callers suspend; nothing else is needed. */
#include <stackless_gen.h>

int wait_event(int id) SL_SUSPENDS;
int log_event(int id);


SL_GENERATED_BEGIN
static void sl__handle_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__handle_points[1] = {
    {sl__handle_resume, 0, 9, "annotated.c"},
};
#line 8 "annotated.c"
static int handle(int id) {
    int seen =  wait_event(id);
    /* point 0: after wait_event() */
#line 9
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 9
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__handle_points[0]);
#line 9
        (void)sl__f;
#line 9
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 10 "annotated.c"
    log_event(seen);
    return seen;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "handle"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "handle"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "handle"
static void sl__handle_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) id;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 9 "annotated.c"
    int seen =  wait_event(id);
    /* point 0: after wait_event() */
#line 9
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 9
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__handle_points[0]);
#line 9
        (void)sl__f;
#line 9
        return;
    }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
            };
#line 9
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 9
            (void)sl__f;
#line 9
            sl__held = sizeof(struct sl__f0);
        }
#line 9
        __builtin_memcpy((void *)&seen, sl_result_at(sizeof(seen)), sizeof(seen));
    }
#line 10 "annotated.c"
    log_event(seen);
    { __typeof__(int) sl__r = (seen); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 12 "annotated.c"
 


SL_GENERATED_BEGIN
static void sl__dispatch_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__dispatch_points[1] = {
    {sl__dispatch_resume, 0, 17, "annotated.c"},
};
#line 14 "annotated.c"
int dispatch(int n) {
    int total = 0;
    while (n-- > 0)
    {
#line 17 "annotated.c"
        __typeof__(handle(n)) sl__t1 = handle(n);
        /* point 0: after handle() */
#line 17
        if (__builtin_expect(sl_tls.unwinding, 0)) {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(n) n;
                __typeof__(total) total;
            };
#line 17
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__dispatch_points[0]);
#line 17
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(__typeof__(int)));
#line 17
            __builtin_memcpy((void *)&sl__f->total, (void *)&total, sizeof(total));
#line 17
            { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
        }
#line 17 "annotated.c"
        total += sl__t1;
#line 17 "annotated.c"
    }
    return total;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "dispatch"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "dispatch"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "dispatch"
static void sl__dispatch_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) n;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 15 "annotated.c"
    int total = 0;
    while (n-- > 0)
    {
#line 17 "annotated.c"
        __typeof__(handle(n)) sl__t1 = handle(n);
        /* point 0: after handle() */
#line 17
        if (__builtin_expect(sl_tls.unwinding, 0)) {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(n) n;
                __typeof__(total) total;
            };
#line 17
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__dispatch_points[0]);
#line 17
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(__typeof__(int)));
#line 17
            __builtin_memcpy((void *)&sl__f->total, (void *)&total, sizeof(total));
#line 17
            return;
        }
        if (0) {
        sl__r0: ;
            {
                struct sl__f0 {
                    sl_frame sl__h;
                    __typeof__(n) n;
                    __typeof__(total) total;
                };
#line 17
                struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 17
                __builtin_memcpy((void *)&n, (void *)&sl__f->n, sizeof(__typeof__(int)));
#line 17
                __builtin_memcpy((void *)&total, (void *)&sl__f->total, sizeof(total));
#line 17
                sl__held = sizeof(struct sl__f0);
            }
#line 17
            __builtin_memcpy((void *)&sl__t1, sl_result_at(sizeof(sl__t1)), sizeof(sl__t1));
        }
#line 17 "annotated.c"
        total += sl__t1;
#line 17 "annotated.c"
    }
    { __typeof__(int) sl__r = (total); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 19 "annotated.c"
 

/* stackless: what this file defines and assumes, for `stackless check` at link time */
SL_SUMMARY static const char sl__summary[] =
    "stackless-summary 1\n"
    "unit\tannotated.c\n"
    "options\n"
    "assume\tcall\twait_event\tsuspends\tannotated\tannotated.c\t9\t16\thandle\t\n"
    "assume\tcall\tlog_event\tnot\tunannotated\tannotated.c\t10\t5\thandle\t\n"
    "define\tdispatch\textern\tint (int)\tint\tsuspends\tdispatch -> handle -> wait_event\t-\t0,1\n"
    ;
