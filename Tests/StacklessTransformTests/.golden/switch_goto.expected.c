#include <stackless_gen.h>
#line 1 "switch_goto.c"
/* stackless: */
/* Points inside switch cases, and a backward goto: every variable in scope stays live. */
#include <greenlet.h>

static greenlet *scheduler;


SL_GENERATED_BEGIN
static void sl__poll_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__poll_points[1] = {
    {sl__poll_resume, 0, 7, "switch_goto.c"},
};
#line 7 "switch_goto.c"
static int poll(int state) {
#line 7 "switch_goto.c"
    __typeof__(greenlet_switch(scheduler, (void *)(long)state)) sl__t1 = sl_switch(scheduler, (void *)(long)state);
    /* point 0: after greenlet_switch() */
#line 7
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 7
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__poll_points[0]);
#line 7
        (void)sl__f;
#line 7
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 7 "switch_goto.c"
    return (int)(long)sl__t1;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "poll"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "poll"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "poll"
static void sl__poll_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) state;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 7 "switch_goto.c"
    __typeof__(greenlet_switch(scheduler, (void *)(long)state)) sl__t1 = sl_switch(scheduler, (void *)(long)state);
    /* point 0: after greenlet_switch() */
#line 7
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 7
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__poll_points[0]);
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
#line 7 "switch_goto.c"
    { __typeof__(int) sl__r = ((int)(long)sl__t1); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 7 "switch_goto.c"
                                                                                                 


SL_GENERATED_BEGIN
static void sl__machine_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__machine_points[2] = {
    {sl__machine_resume, 0, 16, "switch_goto.c"},
    {sl__machine_resume, 1, 20, "switch_goto.c"},
};
#line 9 "switch_goto.c"
int machine(int start) {
    const sl_point *sl__pt;
#line 10 "switch_goto.c"
    int state = start;
    int steps = 0;
    int scratch = 7;
    again: ;
    switch (state)
#line 14 "switch_goto.c"
    {
#line 14 "switch_goto.c"
        {
            case 0: ;
            state = poll(state);
            /* point 0: after poll() */
#line 16
            if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__machine_points[0]; goto sl__save0; }
            break;
            case 1: ;
            case 2: ;
            __typeof__(poll(state)) sl__t1 = poll(state);
            /* point 1: after poll() */
#line 20
            if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__machine_points[1]; goto sl__save0; }
#line 20 "switch_goto.c"
            steps += sl__t1 + scratch;
            __attribute__((fallthrough));
            default: ;
            state = 0;
#line 14 "switch_goto.c"
        }
#line 14 "switch_goto.c"
    }
#line 25 "switch_goto.c"
    if (++steps < 5)
    {
#line 26 "switch_goto.c"
        goto again;
#line 26 "switch_goto.c"
    }
    return steps;
    if (0) {
    sl__save0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(start) start;
                __typeof__(state) state;
                __typeof__(steps) steps;
                __typeof__(scratch) scratch;
            };
#line 16
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), sl__pt);
#line 16
            __builtin_memcpy((void *)&sl__f->start, (void *)&start, sizeof(__typeof__(int)));
#line 16
            __builtin_memcpy((void *)&sl__f->state, (void *)&state, sizeof(state));
#line 16
            __builtin_memcpy((void *)&sl__f->steps, (void *)&steps, sizeof(steps));
#line 16
            __builtin_memcpy((void *)&sl__f->scratch, (void *)&scratch, sizeof(scratch));
#line 16
            { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
        }
    }
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "machine"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "machine"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "machine"
static void sl__machine_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) start;
    unsigned long __attribute__((unused)) sl__held = 0;
    const sl_point *sl__pt;
    switch (sl__fr->point->index) { case 0: goto sl__r0; case 1: goto sl__r1; default: __builtin_unreachable(); }
#line 10 "switch_goto.c"
    int state = start;
    int steps = 0;
    int scratch = 7;
    again: ;
    switch (state)
#line 14 "switch_goto.c"
    {
#line 14 "switch_goto.c"
        {
            case 0: ;
            state = poll(state);
            /* point 0: after poll() */
#line 16
            if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__machine_points[0]; goto sl__save0; }
            if (0) {
            sl__r0: ;
                {
                    struct sl__f0 {
                        sl_frame sl__h;
                        __typeof__(start) start;
                        __typeof__(state) state;
                        __typeof__(steps) steps;
                        __typeof__(scratch) scratch;
                    };
#line 16
                    struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 16
                    __builtin_memcpy((void *)&start, (void *)&sl__f->start, sizeof(__typeof__(int)));
#line 16
                    __builtin_memcpy((void *)&state, (void *)&sl__f->state, sizeof(state));
#line 16
                    __builtin_memcpy((void *)&steps, (void *)&sl__f->steps, sizeof(steps));
#line 16
                    __builtin_memcpy((void *)&scratch, (void *)&sl__f->scratch, sizeof(scratch));
#line 16
                    sl__held = sizeof(struct sl__f0);
                }
#line 16
                __builtin_memcpy((void *)&state, sl_result_at(sizeof(state)), sizeof(state));
            }
#line 17 "switch_goto.c"
            break;
            case 1: ;
            case 2: ;
            __typeof__(poll(state)) sl__t1 = poll(state);
            /* point 1: after poll() */
#line 20
            if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__machine_points[1]; goto sl__save0; }
            if (0) {
            sl__r1: ;
                {
                    struct sl__f1 {
                        sl_frame sl__h;
                        __typeof__(start) start;
                        __typeof__(state) state;
                        __typeof__(steps) steps;
                        __typeof__(scratch) scratch;
                    };
#line 20
                    struct sl__f1 *sl__f = (struct sl__f1 *)(void *)sl__fr;
#line 20
                    __builtin_memcpy((void *)&start, (void *)&sl__f->start, sizeof(__typeof__(int)));
#line 20
                    __builtin_memcpy((void *)&state, (void *)&sl__f->state, sizeof(state));
#line 20
                    __builtin_memcpy((void *)&steps, (void *)&sl__f->steps, sizeof(steps));
#line 20
                    __builtin_memcpy((void *)&scratch, (void *)&sl__f->scratch, sizeof(scratch));
#line 20
                    sl__held = sizeof(struct sl__f1);
                }
#line 20
                __builtin_memcpy((void *)&sl__t1, sl_result_at(sizeof(sl__t1)), sizeof(sl__t1));
            }
#line 20 "switch_goto.c"
            steps += sl__t1 + scratch;
            __attribute__((fallthrough));
            default: ;
            state = 0;
#line 14 "switch_goto.c"
        }
#line 14 "switch_goto.c"
    }
#line 25 "switch_goto.c"
    if (++steps < 5)
    {
#line 26 "switch_goto.c"
        goto again;
#line 26 "switch_goto.c"
    }
    { __typeof__(int) sl__r = (steps); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    if (0) {
    sl__save0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(start) start;
                __typeof__(state) state;
                __typeof__(steps) steps;
                __typeof__(scratch) scratch;
            };
#line 16
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), sl__pt);
#line 16
            __builtin_memcpy((void *)&sl__f->start, (void *)&start, sizeof(__typeof__(int)));
#line 16
            __builtin_memcpy((void *)&sl__f->state, (void *)&state, sizeof(state));
#line 16
            __builtin_memcpy((void *)&sl__f->steps, (void *)&steps, sizeof(steps));
#line 16
            __builtin_memcpy((void *)&sl__f->scratch, (void *)&scratch, sizeof(scratch));
#line 16
            return;
        }
    }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 28 "switch_goto.c"
 

/* stackless: what this file defines and assumes, for `stackless check` at link time */
SL_SUMMARY static const char sl__summary[] =
    "stackless-summary 1\n"
    "unit\tswitch_goto.c\n"
    "options\n"
    "assume\tcall\tgreenlet_switch\tsuspends\tannotated\tswitch_goto.c\t7\t48\tpoll\t\n"
    "define\tmachine\textern\tint (int)\tint\tsuspends\tmachine -> poll -> greenlet_switch\t-\t0\n"
    ;
