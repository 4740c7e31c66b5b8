#define SL_TORTURE 1
#include <stackless_gen.h>
__attribute__((constructor)) static void sl__track_unwind(void) { sl_track_unwind(); }
#line 1 "torture_main.c"
/* stackless: --suspend-all --torture */
/* A whole program under --torture: main runs as a greenlet and every call site suspends. */
#include <stdio.h>

static int add(int a, int b) { return a + b; }


SL_GENERATED_BEGIN
static void sl__fib_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__fib_points[6] = {
    {sl__fib_resume, 0, 7, "torture_main.c"},
    {sl__fib_resume, 1, 7, "torture_main.c"},
    {sl__fib_resume, 2, 7, "torture_main.c"},
    {sl__fib_resume, 3, 7, "torture_main.c"},
    {sl__fib_resume, 4, 7, "torture_main.c"},
    {sl__fib_resume, 5, 7, "torture_main.c"},
};
#line 7 "torture_main.c"
static int fib(int n) {
    int sl__ok = sl_tls.unwind_ok;
    const sl_point *sl__pt;
#line 7 "torture_main.c"
    sl_tls.unwind_ok = 0;
#line 7 "torture_main.c"
    __typeof__(n < 2 ? n : add(fib(n - 1), fib(n - 2))) sl__t1 = {0};
#line 7 "torture_main.c"
    if ((n < 2) != 0)
#line 7 "torture_main.c"
    {
#line 7 "torture_main.c"
        sl__t1 = (n);
#line 7 "torture_main.c"
    }
#line 7 "torture_main.c"
    else
#line 7 "torture_main.c"
    {
#line 7 "torture_main.c"
        sl_tls.unwind_ok = sl__ok;
#line 7 "torture_main.c"
        __typeof__(fib(n - 1)) sl__t2 = fib(n - 1);
#line 7 "torture_main.c"
        sl_tls.unwind_ok = 0;
        /* point 0: after fib() */
#line 7
        if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__fib_points[0]; goto sl__save0; }
#line 7 "torture_main.c"
        sl_tls.unwind_ok = sl__ok;
#line 7 "torture_main.c"
        sl_torture_yield();
#line 7 "torture_main.c"
        sl_tls.unwind_ok = 0;
        /* point 1: after sl_torture_yield() */
#line 7
        if (__builtin_expect(sl_tls.unwinding, 0)) {
            struct sl__f1 {
                sl_frame sl__h;
                __typeof__(n) n;
                __typeof__(sl__ok) sl__ok;
                __typeof__(sl__t1) sl__t1;
                __typeof__(sl__t2) sl__t2;
            };
#line 7
            struct sl__f1 *sl__f = (struct sl__f1 *)sl_frame_push(sizeof(struct sl__f1), &sl__fib_points[1]);
#line 7
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(__typeof__(int)));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__ok, (void *)&sl__ok, sizeof(sl__ok));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t1, (void *)&sl__t1, sizeof(sl__t1));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t2, (void *)&sl__t2, sizeof(sl__t2));
#line 7
            { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
        }
#line 7 "torture_main.c"
        sl_tls.unwind_ok = sl__ok;
#line 7 "torture_main.c"
        __typeof__(fib(n - 2)) sl__t3 = fib(n - 2);
#line 7 "torture_main.c"
        sl_tls.unwind_ok = 0;
        /* point 2: after fib() */
#line 7
        if (__builtin_expect(sl_tls.unwinding, 0)) {
            struct sl__f2 {
                sl_frame sl__h;
                __typeof__(n) n;
                __typeof__(sl__ok) sl__ok;
                __typeof__(sl__t1) sl__t1;
                __typeof__(sl__t2) sl__t2;
            };
#line 7
            struct sl__f2 *sl__f = (struct sl__f2 *)sl_frame_push(sizeof(struct sl__f2), &sl__fib_points[2]);
#line 7
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(__typeof__(int)));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__ok, (void *)&sl__ok, sizeof(sl__ok));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t1, (void *)&sl__t1, sizeof(sl__t1));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t2, (void *)&sl__t2, sizeof(sl__t2));
#line 7
            { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
        }
#line 7 "torture_main.c"
        sl_tls.unwind_ok = sl__ok;
#line 7 "torture_main.c"
        sl_torture_yield();
#line 7 "torture_main.c"
        sl_tls.unwind_ok = 0;
        /* point 3: after sl_torture_yield() */
#line 7
        if (__builtin_expect(sl_tls.unwinding, 0)) {
            struct sl__f3 {
                sl_frame sl__h;
                __typeof__(n) n;
                __typeof__(sl__ok) sl__ok;
                __typeof__(sl__t1) sl__t1;
                __typeof__(sl__t2) sl__t2;
                __typeof__(sl__t3) sl__t3;
            };
#line 7
            struct sl__f3 *sl__f = (struct sl__f3 *)sl_frame_push(sizeof(struct sl__f3), &sl__fib_points[3]);
#line 7
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(__typeof__(int)));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__ok, (void *)&sl__ok, sizeof(sl__ok));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t1, (void *)&sl__t1, sizeof(sl__t1));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t2, (void *)&sl__t2, sizeof(sl__t2));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t3, (void *)&sl__t3, sizeof(sl__t3));
#line 7
            { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
        }
#line 7 "torture_main.c"
        sl_tls.unwind_ok = sl__ok;
#line 7 "torture_main.c"
        __typeof__(add(sl__t2, sl__t3)) sl__t4 = add(sl__t2, sl__t3);
#line 7 "torture_main.c"
        sl_tls.unwind_ok = 0;
        /* point 4: after add() */
#line 7
        if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__fib_points[4]; goto sl__save0; }
#line 7 "torture_main.c"
        sl_tls.unwind_ok = sl__ok;
#line 7 "torture_main.c"
        sl_torture_yield();
#line 7 "torture_main.c"
        sl_tls.unwind_ok = 0;
        /* point 5: after sl_torture_yield() */
#line 7
        if (__builtin_expect(sl_tls.unwinding, 0)) {
            struct sl__f5 {
                sl_frame sl__h;
                __typeof__(n) n;
                __typeof__(sl__ok) sl__ok;
                __typeof__(sl__t1) sl__t1;
                __typeof__(sl__t4) sl__t4;
            };
#line 7
            struct sl__f5 *sl__f = (struct sl__f5 *)sl_frame_push(sizeof(struct sl__f5), &sl__fib_points[5]);
#line 7
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(__typeof__(int)));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__ok, (void *)&sl__ok, sizeof(sl__ok));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t1, (void *)&sl__t1, sizeof(sl__t1));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t4, (void *)&sl__t4, sizeof(sl__t4));
#line 7
            { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
        }
#line 7 "torture_main.c"
        sl__t1 = (sl__t4);
#line 7 "torture_main.c"
    }
#line 7 "torture_main.c"
    return sl__t1;
    if (0) {
    sl__save0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(n) n;
                __typeof__(sl__ok) sl__ok;
                __typeof__(sl__t1) sl__t1;
            };
#line 7
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), sl__pt);
#line 7
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(__typeof__(int)));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__ok, (void *)&sl__ok, sizeof(sl__ok));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t1, (void *)&sl__t1, sizeof(sl__t1));
#line 7
            { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
        }
    }
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "fib"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "fib"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "fib"
static void sl__fib_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) n;
    int __attribute__((unused)) sl__ok = 0;
    unsigned long __attribute__((unused)) sl__held = 0;
    const sl_point *sl__pt;
    switch (sl__fr->point->index) { case 0: goto sl__r0; case 1: goto sl__r1; case 2: goto sl__r2; case 3: goto sl__r3; case 4: goto sl__r4; case 5: goto sl__r5; default: __builtin_unreachable(); }
#line 7 "torture_main.c"
    sl_tls.unwind_ok = 0;
#line 7 "torture_main.c"
    __typeof__(n < 2 ? n : add(fib(n - 1), fib(n - 2))) sl__t1 = {0};
#line 7 "torture_main.c"
    if ((n < 2) != 0)
#line 7 "torture_main.c"
    {
#line 7 "torture_main.c"
        sl__t1 = (n);
#line 7 "torture_main.c"
    }
#line 7 "torture_main.c"
    else
#line 7 "torture_main.c"
    {
#line 7 "torture_main.c"
        sl_tls.unwind_ok = sl__ok;
#line 7 "torture_main.c"
        __typeof__(fib(n - 1)) sl__t2 = fib(n - 1);
#line 7 "torture_main.c"
        sl_tls.unwind_ok = 0;
        /* point 0: after fib() */
#line 7
        if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__fib_points[0]; goto sl__save0; }
        if (0) {
        sl__r0: ;
            {
                struct sl__f0 {
                    sl_frame sl__h;
                    __typeof__(n) n;
                    __typeof__(sl__ok) sl__ok;
                    __typeof__(sl__t1) sl__t1;
                };
#line 7
                struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 7
                __builtin_memcpy((void *)&n, (void *)&sl__f->n, sizeof(__typeof__(int)));
#line 7
                __builtin_memcpy((void *)&sl__ok, (void *)&sl__f->sl__ok, sizeof(sl__ok));
#line 7
                __builtin_memcpy((void *)&sl__t1, (void *)&sl__f->sl__t1, sizeof(sl__t1));
#line 7
                sl__held = sizeof(struct sl__f0);
            }
#line 7
            __builtin_memcpy((void *)&sl__t2, sl_result_at(sizeof(sl__t2)), sizeof(sl__t2));
        }
#line 7 "torture_main.c"
        sl_tls.unwind_ok = sl__ok;
#line 7 "torture_main.c"
        sl_torture_yield();
#line 7 "torture_main.c"
        sl_tls.unwind_ok = 0;
        /* point 1: after sl_torture_yield() */
#line 7
        if (__builtin_expect(sl_tls.unwinding, 0)) {
            struct sl__f1 {
                sl_frame sl__h;
                __typeof__(n) n;
                __typeof__(sl__ok) sl__ok;
                __typeof__(sl__t1) sl__t1;
                __typeof__(sl__t2) sl__t2;
            };
#line 7
            struct sl__f1 *sl__f = (struct sl__f1 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f1), &sl__fib_points[1]);
#line 7
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(__typeof__(int)));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__ok, (void *)&sl__ok, sizeof(sl__ok));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t1, (void *)&sl__t1, sizeof(sl__t1));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t2, (void *)&sl__t2, sizeof(sl__t2));
#line 7
            return;
        }
        if (0) {
        sl__r1: ;
            {
                struct sl__f1 {
                    sl_frame sl__h;
                    __typeof__(n) n;
                    __typeof__(sl__ok) sl__ok;
                    __typeof__(sl__t1) sl__t1;
                    __typeof__(sl__t2) sl__t2;
                };
#line 7
                struct sl__f1 *sl__f = (struct sl__f1 *)(void *)sl__fr;
#line 7
                __builtin_memcpy((void *)&n, (void *)&sl__f->n, sizeof(__typeof__(int)));
#line 7
                __builtin_memcpy((void *)&sl__ok, (void *)&sl__f->sl__ok, sizeof(sl__ok));
#line 7
                __builtin_memcpy((void *)&sl__t1, (void *)&sl__f->sl__t1, sizeof(sl__t1));
#line 7
                __builtin_memcpy((void *)&sl__t2, (void *)&sl__f->sl__t2, sizeof(sl__t2));
#line 7
                sl__held = sizeof(struct sl__f1);
            }
        }
#line 7 "torture_main.c"
        sl_tls.unwind_ok = sl__ok;
#line 7 "torture_main.c"
        __typeof__(fib(n - 2)) sl__t3 = fib(n - 2);
#line 7 "torture_main.c"
        sl_tls.unwind_ok = 0;
        /* point 2: after fib() */
#line 7
        if (__builtin_expect(sl_tls.unwinding, 0)) {
            struct sl__f2 {
                sl_frame sl__h;
                __typeof__(n) n;
                __typeof__(sl__ok) sl__ok;
                __typeof__(sl__t1) sl__t1;
                __typeof__(sl__t2) sl__t2;
            };
#line 7
            struct sl__f2 *sl__f = (struct sl__f2 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f2), &sl__fib_points[2]);
#line 7
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(__typeof__(int)));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__ok, (void *)&sl__ok, sizeof(sl__ok));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t1, (void *)&sl__t1, sizeof(sl__t1));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t2, (void *)&sl__t2, sizeof(sl__t2));
#line 7
            return;
        }
        if (0) {
        sl__r2: ;
            {
                struct sl__f2 {
                    sl_frame sl__h;
                    __typeof__(n) n;
                    __typeof__(sl__ok) sl__ok;
                    __typeof__(sl__t1) sl__t1;
                    __typeof__(sl__t2) sl__t2;
                };
#line 7
                struct sl__f2 *sl__f = (struct sl__f2 *)(void *)sl__fr;
#line 7
                __builtin_memcpy((void *)&n, (void *)&sl__f->n, sizeof(__typeof__(int)));
#line 7
                __builtin_memcpy((void *)&sl__ok, (void *)&sl__f->sl__ok, sizeof(sl__ok));
#line 7
                __builtin_memcpy((void *)&sl__t1, (void *)&sl__f->sl__t1, sizeof(sl__t1));
#line 7
                __builtin_memcpy((void *)&sl__t2, (void *)&sl__f->sl__t2, sizeof(sl__t2));
#line 7
                sl__held = sizeof(struct sl__f2);
            }
#line 7
            __builtin_memcpy((void *)&sl__t3, sl_result_at(sizeof(sl__t3)), sizeof(sl__t3));
        }
#line 7 "torture_main.c"
        sl_tls.unwind_ok = sl__ok;
#line 7 "torture_main.c"
        sl_torture_yield();
#line 7 "torture_main.c"
        sl_tls.unwind_ok = 0;
        /* point 3: after sl_torture_yield() */
#line 7
        if (__builtin_expect(sl_tls.unwinding, 0)) {
            struct sl__f3 {
                sl_frame sl__h;
                __typeof__(n) n;
                __typeof__(sl__ok) sl__ok;
                __typeof__(sl__t1) sl__t1;
                __typeof__(sl__t2) sl__t2;
                __typeof__(sl__t3) sl__t3;
            };
#line 7
            struct sl__f3 *sl__f = (struct sl__f3 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f3), &sl__fib_points[3]);
#line 7
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(__typeof__(int)));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__ok, (void *)&sl__ok, sizeof(sl__ok));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t1, (void *)&sl__t1, sizeof(sl__t1));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t2, (void *)&sl__t2, sizeof(sl__t2));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t3, (void *)&sl__t3, sizeof(sl__t3));
#line 7
            return;
        }
        if (0) {
        sl__r3: ;
            {
                struct sl__f3 {
                    sl_frame sl__h;
                    __typeof__(n) n;
                    __typeof__(sl__ok) sl__ok;
                    __typeof__(sl__t1) sl__t1;
                    __typeof__(sl__t2) sl__t2;
                    __typeof__(sl__t3) sl__t3;
                };
#line 7
                struct sl__f3 *sl__f = (struct sl__f3 *)(void *)sl__fr;
#line 7
                __builtin_memcpy((void *)&n, (void *)&sl__f->n, sizeof(__typeof__(int)));
#line 7
                __builtin_memcpy((void *)&sl__ok, (void *)&sl__f->sl__ok, sizeof(sl__ok));
#line 7
                __builtin_memcpy((void *)&sl__t1, (void *)&sl__f->sl__t1, sizeof(sl__t1));
#line 7
                __builtin_memcpy((void *)&sl__t2, (void *)&sl__f->sl__t2, sizeof(sl__t2));
#line 7
                __builtin_memcpy((void *)&sl__t3, (void *)&sl__f->sl__t3, sizeof(sl__t3));
#line 7
                sl__held = sizeof(struct sl__f3);
            }
        }
#line 7 "torture_main.c"
        sl_tls.unwind_ok = sl__ok;
#line 7 "torture_main.c"
        __typeof__(add(sl__t2, sl__t3)) sl__t4 = add(sl__t2, sl__t3);
#line 7 "torture_main.c"
        sl_tls.unwind_ok = 0;
        /* point 4: after add() */
#line 7
        if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__fib_points[4]; goto sl__save0; }
        if (0) {
        sl__r4: ;
            {
                struct sl__f4 {
                    sl_frame sl__h;
                    __typeof__(n) n;
                    __typeof__(sl__ok) sl__ok;
                    __typeof__(sl__t1) sl__t1;
                };
#line 7
                struct sl__f4 *sl__f = (struct sl__f4 *)(void *)sl__fr;
#line 7
                __builtin_memcpy((void *)&n, (void *)&sl__f->n, sizeof(__typeof__(int)));
#line 7
                __builtin_memcpy((void *)&sl__ok, (void *)&sl__f->sl__ok, sizeof(sl__ok));
#line 7
                __builtin_memcpy((void *)&sl__t1, (void *)&sl__f->sl__t1, sizeof(sl__t1));
#line 7
                sl__held = sizeof(struct sl__f4);
            }
#line 7
            __builtin_memcpy((void *)&sl__t4, sl_result_at(sizeof(sl__t4)), sizeof(sl__t4));
        }
#line 7 "torture_main.c"
        sl_tls.unwind_ok = sl__ok;
#line 7 "torture_main.c"
        sl_torture_yield();
#line 7 "torture_main.c"
        sl_tls.unwind_ok = 0;
        /* point 5: after sl_torture_yield() */
#line 7
        if (__builtin_expect(sl_tls.unwinding, 0)) {
            struct sl__f5 {
                sl_frame sl__h;
                __typeof__(n) n;
                __typeof__(sl__ok) sl__ok;
                __typeof__(sl__t1) sl__t1;
                __typeof__(sl__t4) sl__t4;
            };
#line 7
            struct sl__f5 *sl__f = (struct sl__f5 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f5), &sl__fib_points[5]);
#line 7
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(__typeof__(int)));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__ok, (void *)&sl__ok, sizeof(sl__ok));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t1, (void *)&sl__t1, sizeof(sl__t1));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t4, (void *)&sl__t4, sizeof(sl__t4));
#line 7
            return;
        }
        if (0) {
        sl__r5: ;
            {
                struct sl__f5 {
                    sl_frame sl__h;
                    __typeof__(n) n;
                    __typeof__(sl__ok) sl__ok;
                    __typeof__(sl__t1) sl__t1;
                    __typeof__(sl__t4) sl__t4;
                };
#line 7
                struct sl__f5 *sl__f = (struct sl__f5 *)(void *)sl__fr;
#line 7
                __builtin_memcpy((void *)&n, (void *)&sl__f->n, sizeof(__typeof__(int)));
#line 7
                __builtin_memcpy((void *)&sl__ok, (void *)&sl__f->sl__ok, sizeof(sl__ok));
#line 7
                __builtin_memcpy((void *)&sl__t1, (void *)&sl__f->sl__t1, sizeof(sl__t1));
#line 7
                __builtin_memcpy((void *)&sl__t4, (void *)&sl__f->sl__t4, sizeof(sl__t4));
#line 7
                sl__held = sizeof(struct sl__f5);
            }
        }
#line 7 "torture_main.c"
        sl__t1 = (sl__t4);
#line 7 "torture_main.c"
    }
#line 7 "torture_main.c"
    { __typeof__(int) sl__r = (sl__t1); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    if (0) {
    sl__save0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(n) n;
                __typeof__(sl__ok) sl__ok;
                __typeof__(sl__t1) sl__t1;
            };
#line 7
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), sl__pt);
#line 7
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(__typeof__(int)));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__ok, (void *)&sl__ok, sizeof(sl__ok));
#line 7
            __builtin_memcpy((void *)&sl__f->sl__t1, (void *)&sl__t1, sizeof(sl__t1));
#line 7
            return;
        }
    }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 7 "torture_main.c"
                                                                         


SL_GENERATED_BEGIN
static void sl__user_main_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__user_main_points[2] = {
    {sl__user_main_resume, 0, 11, "torture_main.c"},
    {sl__user_main_resume, 1, 11, "torture_main.c"},
};
#line 9 "torture_main.c"
int sl__user_main(int argc, char **argv) {
    int sl__ok = sl_tls.unwind_ok;
#line 9 "torture_main.c"
    sl_tls.unwind_ok = 0;
    (void)argv;
    sl_tls.unwind_ok = sl__ok;
#line 11 "torture_main.c"
    __typeof__(fib(6)) sl__t1 = fib(6);
#line 11 "torture_main.c"
    sl_tls.unwind_ok = 0;
    /* point 0: after fib() */
#line 11
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
            __typeof__(argc) argc;
            __typeof__(sl__ok) sl__ok;
        };
#line 11
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__user_main_points[0]);
#line 11
        __builtin_memcpy((void *)&sl__f->argc, (void *)&argc, sizeof(__typeof__(int)));
#line 11
        __builtin_memcpy((void *)&sl__f->sl__ok, (void *)&sl__ok, sizeof(sl__ok));
#line 11
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 11 "torture_main.c"
    sl_tls.unwind_ok = sl__ok;
#line 11 "torture_main.c"
    sl_torture_yield();
#line 11 "torture_main.c"
    sl_tls.unwind_ok = 0;
    /* point 1: after sl_torture_yield() */
#line 11
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f1 {
            sl_frame sl__h;
            __typeof__(argc) argc;
            __typeof__(sl__ok) sl__ok;
            __typeof__(sl__t1) sl__t1;
        };
#line 11
        struct sl__f1 *sl__f = (struct sl__f1 *)sl_frame_push(sizeof(struct sl__f1), &sl__user_main_points[1]);
#line 11
        __builtin_memcpy((void *)&sl__f->argc, (void *)&argc, sizeof(__typeof__(int)));
#line 11
        __builtin_memcpy((void *)&sl__f->sl__ok, (void *)&sl__ok, sizeof(sl__ok));
#line 11
        __builtin_memcpy((void *)&sl__f->sl__t1, (void *)&sl__t1, sizeof(sl__t1));
#line 11
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 11 "torture_main.c"
    int r =  sl__t1 + argc;
    printf("%d\n", r);
    return r == 9 ? 0 : 1;
#line 9 "torture_main.c"
    return 0;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "main"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "main"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "main"
static void sl__user_main_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) argc;
    __typeof__(char **) __attribute__((unused)) argv;
    int __attribute__((unused)) sl__ok = 0;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; case 1: goto sl__r1; default: __builtin_unreachable(); }
#line 9 "torture_main.c"
    sl_tls.unwind_ok = 0;
    (void)argv;
    sl_tls.unwind_ok = sl__ok;
#line 11 "torture_main.c"
    __typeof__(fib(6)) sl__t1 = fib(6);
#line 11 "torture_main.c"
    sl_tls.unwind_ok = 0;
    /* point 0: after fib() */
#line 11
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
            __typeof__(argc) argc;
            __typeof__(sl__ok) sl__ok;
        };
#line 11
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__user_main_points[0]);
#line 11
        __builtin_memcpy((void *)&sl__f->argc, (void *)&argc, sizeof(__typeof__(int)));
#line 11
        __builtin_memcpy((void *)&sl__f->sl__ok, (void *)&sl__ok, sizeof(sl__ok));
#line 11
        return;
    }
    if (0) {
    sl__r0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(argc) argc;
                __typeof__(sl__ok) sl__ok;
            };
#line 11
            struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 11
            __builtin_memcpy((void *)&argc, (void *)&sl__f->argc, sizeof(__typeof__(int)));
#line 11
            __builtin_memcpy((void *)&sl__ok, (void *)&sl__f->sl__ok, sizeof(sl__ok));
#line 11
            sl__held = sizeof(struct sl__f0);
        }
#line 11
        __builtin_memcpy((void *)&sl__t1, sl_result_at(sizeof(sl__t1)), sizeof(sl__t1));
    }
#line 11 "torture_main.c"
    sl_tls.unwind_ok = sl__ok;
#line 11 "torture_main.c"
    sl_torture_yield();
#line 11 "torture_main.c"
    sl_tls.unwind_ok = 0;
    /* point 1: after sl_torture_yield() */
#line 11
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f1 {
            sl_frame sl__h;
            __typeof__(argc) argc;
            __typeof__(sl__ok) sl__ok;
            __typeof__(sl__t1) sl__t1;
        };
#line 11
        struct sl__f1 *sl__f = (struct sl__f1 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f1), &sl__user_main_points[1]);
#line 11
        __builtin_memcpy((void *)&sl__f->argc, (void *)&argc, sizeof(__typeof__(int)));
#line 11
        __builtin_memcpy((void *)&sl__f->sl__ok, (void *)&sl__ok, sizeof(sl__ok));
#line 11
        __builtin_memcpy((void *)&sl__f->sl__t1, (void *)&sl__t1, sizeof(sl__t1));
#line 11
        return;
    }
    if (0) {
    sl__r1: ;
        {
            struct sl__f1 {
                sl_frame sl__h;
                __typeof__(argc) argc;
                __typeof__(sl__ok) sl__ok;
                __typeof__(sl__t1) sl__t1;
            };
#line 11
            struct sl__f1 *sl__f = (struct sl__f1 *)(void *)sl__fr;
#line 11
            __builtin_memcpy((void *)&argc, (void *)&sl__f->argc, sizeof(__typeof__(int)));
#line 11
            __builtin_memcpy((void *)&sl__ok, (void *)&sl__f->sl__ok, sizeof(sl__ok));
#line 11
            __builtin_memcpy((void *)&sl__t1, (void *)&sl__f->sl__t1, sizeof(sl__t1));
#line 11
            sl__held = sizeof(struct sl__f1);
        }
    }
#line 11 "torture_main.c"
    int r =  sl__t1 + argc;
    printf("%d\n", r);
    { __typeof__(int) sl__r = (r == 9 ? 0 : 1); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
#line 9 "torture_main.c"
    { __typeof__(int) sl__r = (0); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

static int sl__main_thunk(int sl__argc, char **sl__argv, char **sl__envp) {
    (void)sl__argc; (void)sl__argv; (void)sl__envp;
    return sl__user_main(sl__argc, sl__argv);
}
int main(int argc, char **argv) { return sl_torture_main(sl__main_thunk, argc, argv, 0); }
#line 14 "torture_main.c"
 

/* stackless: what this file defines and assumes, for `stackless check` at link time */
SL_SUMMARY static const char sl__summary[] =
    "stackless-summary 1\n"
    "unit\ttorture_main.c\n"
    "options\tsuspend-all\ttorture\n"
    "assume\tcall\tprintf\tnot\tunannotated\ttorture_main.c\t12\t5\tmain\t\n"
    "define\tmain\textern\tint (int, char **)\tint\ttransformed\t\t-\t0\n"
    ;
