#include <stackless_gen.h>
#line 1 "shadow_stack.c"
/* stackless: */
/* Address-taken locals and local arrays live on the shadow stack: their address survives a switch. */
#include <greenlet.h>

static greenlet *hub;


SL_GENERATED_BEGIN
static void sl__wait_for_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__wait_for_points[1] = {
    {sl__wait_for_resume, 0, 7, "shadow_stack.c"},
};
#line 7 "shadow_stack.c"
static void wait_for(int *slot) {
#line 7 "shadow_stack.c"
    __typeof__(greenlet_switch(hub, slot)) sl__t1 = sl_switch(hub, slot);
    /* point 0: after greenlet_switch() */
#line 7
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
            __typeof__(slot) slot;
        };
#line 7
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__wait_for_points[0]);
#line 7
        __builtin_memcpy((void *)&sl__f->slot, (void *)&slot, sizeof(__typeof__(int *)));
#line 7
        return;
    }
#line 7 "shadow_stack.c"
    *slot = (int)(long)sl__t1;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "wait_for"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "wait_for"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "wait_for"
static void sl__wait_for_resume(sl_frame *sl__fr) {
    __typeof__(int *) __attribute__((unused)) slot;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 7 "shadow_stack.c"
    __typeof__(greenlet_switch(hub, slot)) sl__t1 = sl_switch(hub, slot);
    /* point 0: after greenlet_switch() */
#line 7
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
            __typeof__(slot) slot;
        };
#line 7
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__wait_for_points[0]);
#line 7
        __builtin_memcpy((void *)&sl__f->slot, (void *)&slot, sizeof(__typeof__(int *)));
#line 7
        return;
    }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(slot) slot;
            };
#line 7
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 7
            __builtin_memcpy((void *)&slot, (void *)&sl__f->slot, sizeof(__typeof__(int *)));
#line 7
            sl__held = sizeof(struct sl__f0);
        }
#line 7
        __builtin_memcpy((void *)&sl__t1, sl_result_at(sizeof(sl__t1)), sizeof(sl__t1));
    }
#line 7 "shadow_stack.c"
    *slot = (int)(long)sl__t1;
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 7 "shadow_stack.c"
                                                                                  


SL_GENERATED_BEGIN
static void sl__gather_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__gather_points[2] = {
    {sl__gather_resume, 0, 13, "shadow_stack.c"},
    {sl__gather_resume, 1, 14, "shadow_stack.c"},
};
#line 9 "shadow_stack.c"
int gather(int n) {
    void * sl__mark = sl_shadow_mark();
    void * sl__value_s1 = 0;
    void * sl__buffer_s2 = 0;
    const sl_point *sl__pt;
#line 10 "shadow_stack.c"
    int sl__value_c1 =  n;
#line 10 "shadow_stack.c"
    __builtin_memcpy(sl_shadow_slot(&sl__value_s1, sizeof(sl__value_c1), __alignof__(sl__value_c1)), (void *)&sl__value_c1, sizeof(sl__value_c1));
    int sl__buffer_c2[4] =  {1, 2, 3, 4};
#line 11 "shadow_stack.c"
    __builtin_memcpy(sl_shadow_slot(&sl__buffer_s2, sizeof(sl__buffer_c2), __alignof__(sl__buffer_c2)), (void *)&sl__buffer_c2, sizeof(sl__buffer_c2));
    int *cursor =  &(*(__typeof__(sl__buffer_c2) *)sl__buffer_s2)[1];
    wait_for(&(*(__typeof__(sl__value_c1) *)sl__value_s1));
    /* point 0: after wait_for() */
#line 13
    if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__gather_points[0]; goto sl__save0; }
    wait_for(cursor);
    /* point 1: after wait_for() */
#line 14
    if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__gather_points[1]; goto sl__save0; }
    { __typeof__(int) sl__r = ((*(__typeof__(sl__value_c1) *)sl__value_s1) + (*(__typeof__(sl__buffer_c2) *)sl__buffer_s2)[0] + *cursor); sl_shadow_release(sl__mark); return sl__r; }
    if (0) {
    sl__save0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(sl__mark) sl__mark;
                __typeof__(sl__value_s1) sl__value_s1;
                __typeof__(sl__buffer_s2) sl__buffer_s2;
                __typeof__(cursor) cursor;
            };
#line 13
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), sl__pt);
#line 13
            __builtin_memcpy((void *)&sl__f->sl__mark, (void *)&sl__mark, sizeof(sl__mark));
#line 13
            __builtin_memcpy((void *)&sl__f->sl__value_s1, (void *)&sl__value_s1, sizeof(sl__value_s1));
#line 13
            __builtin_memcpy((void *)&sl__f->sl__buffer_s2, (void *)&sl__buffer_s2, sizeof(sl__buffer_s2));
#line 13
            __builtin_memcpy((void *)&sl__f->cursor, (void *)&cursor, sizeof(cursor));
#line 13
            { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
        }
    }
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "gather"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "gather"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "gather"
static void sl__gather_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) n;
    void * __attribute__((unused)) sl__mark = 0;
    void * __attribute__((unused)) sl__value_s1 = 0;
    void * __attribute__((unused)) sl__buffer_s2 = 0;
    unsigned long __attribute__((unused)) sl__held = 0;
    const sl_point *sl__pt;
    switch (sl__fr->point->index) { case 0: goto sl__r0; case 1: goto sl__r1; default: __builtin_unreachable(); }
#line 10 "shadow_stack.c"
    int sl__value_c1 =  n;
#line 10 "shadow_stack.c"
    __builtin_memcpy(sl_shadow_slot(&sl__value_s1, sizeof(sl__value_c1), __alignof__(sl__value_c1)), (void *)&sl__value_c1, sizeof(sl__value_c1));
    int sl__buffer_c2[4] =  {1, 2, 3, 4};
#line 11 "shadow_stack.c"
    __builtin_memcpy(sl_shadow_slot(&sl__buffer_s2, sizeof(sl__buffer_c2), __alignof__(sl__buffer_c2)), (void *)&sl__buffer_c2, sizeof(sl__buffer_c2));
    int *cursor =  &(*(__typeof__(sl__buffer_c2) *)sl__buffer_s2)[1];
    wait_for(&(*(__typeof__(sl__value_c1) *)sl__value_s1));
    /* point 0: after wait_for() */
#line 13
    if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__gather_points[0]; goto sl__save0; }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(sl__mark) sl__mark;
                __typeof__(sl__value_s1) sl__value_s1;
                __typeof__(sl__buffer_s2) sl__buffer_s2;
                __typeof__(cursor) cursor;
            };
#line 13
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 13
            __builtin_memcpy((void *)&sl__mark, (void *)&sl__f->sl__mark, sizeof(sl__mark));
#line 13
            __builtin_memcpy((void *)&sl__value_s1, (void *)&sl__f->sl__value_s1, sizeof(sl__value_s1));
#line 13
            __builtin_memcpy((void *)&sl__buffer_s2, (void *)&sl__f->sl__buffer_s2, sizeof(sl__buffer_s2));
#line 13
            __builtin_memcpy((void *)&cursor, (void *)&sl__f->cursor, sizeof(cursor));
#line 13
            sl__held = sizeof(struct sl__f0);
        }
    }
#line 14 "shadow_stack.c"
    wait_for(cursor);
    /* point 1: after wait_for() */
#line 14
    if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__gather_points[1]; goto sl__save0; }
    if (0) {
    sl__r1: ;
        {
            struct sl__f1 {
                sl_frame sl__h;
                __typeof__(sl__mark) sl__mark;
                __typeof__(sl__value_s1) sl__value_s1;
                __typeof__(sl__buffer_s2) sl__buffer_s2;
                __typeof__(cursor) cursor;
            };
#line 14
            struct sl__f1 *sl__f = (struct sl__f1 *)(void *)sl__fr;
#line 14
            __builtin_memcpy((void *)&sl__mark, (void *)&sl__f->sl__mark, sizeof(sl__mark));
#line 14
            __builtin_memcpy((void *)&sl__value_s1, (void *)&sl__f->sl__value_s1, sizeof(sl__value_s1));
#line 14
            __builtin_memcpy((void *)&sl__buffer_s2, (void *)&sl__f->sl__buffer_s2, sizeof(sl__buffer_s2));
#line 14
            __builtin_memcpy((void *)&cursor, (void *)&sl__f->cursor, sizeof(cursor));
#line 14
            sl__held = sizeof(struct sl__f1);
        }
    }
#line 15 "shadow_stack.c"
    { __typeof__(int) sl__r = ((*(__typeof__(sl__value_c1) *)sl__value_s1) + (*(__typeof__(sl__buffer_c2) *)sl__buffer_s2)[0] + *cursor); sl_shadow_release(sl__mark); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    if (0) {
    sl__save0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(sl__mark) sl__mark;
                __typeof__(sl__value_s1) sl__value_s1;
                __typeof__(sl__buffer_s2) sl__buffer_s2;
                __typeof__(cursor) cursor;
            };
#line 13
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), sl__pt);
#line 13
            __builtin_memcpy((void *)&sl__f->sl__mark, (void *)&sl__mark, sizeof(sl__mark));
#line 13
            __builtin_memcpy((void *)&sl__f->sl__value_s1, (void *)&sl__value_s1, sizeof(sl__value_s1));
#line 13
            __builtin_memcpy((void *)&sl__f->sl__buffer_s2, (void *)&sl__buffer_s2, sizeof(sl__buffer_s2));
#line 13
            __builtin_memcpy((void *)&sl__f->cursor, (void *)&cursor, sizeof(cursor));
#line 13
            return;
        }
    }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 16 "shadow_stack.c"
 

/* stackless: what this file defines and assumes, for `stackless check` at link time */
SL_SUMMARY static const char sl__summary[] =
    "stackless-summary 1\n"
    "unit\tshadow_stack.c\n"
    "options\n"
    "assume\tcall\tgreenlet_switch\tsuspends\tannotated\tshadow_stack.c\t7\t54\twait_for\t\n"
    "define\tgather\textern\tint (int)\tint\tsuspends\tgather -> wait_for -> greenlet_switch\t-\t0\n"
    ;
