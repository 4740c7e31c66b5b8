#include <stackless_gen.h>
#line 1 "short_circuit.c"
/* stackless: */
/* && || ?: and the comma operator with calls that may suspend on their right-hand sides. */
#include <greenlet.h>

static greenlet *peer;


SL_GENERATED_BEGIN
static void sl__ask_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__ask_points[1] = {
    {sl__ask_resume, 0, 7, "short_circuit.c"},
};
#line 7 "short_circuit.c"
static int ask(int q) {
#line 7 "short_circuit.c"
    __typeof__(greenlet_switch(peer, (void *)(long)q)) sl__t1 = sl_switch(peer, (void *)(long)q);
    /* point 0: after greenlet_switch() */
#line 7
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 7
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), &sl__ask_points[0]);
#line 7
        (void)sl__f;
#line 7
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 7 "short_circuit.c"
    return (int)(long)sl__t1;
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "ask"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "ask"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "ask"
static void sl__ask_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) q;
    unsigned long __attribute__((unused)) sl__held = 0;
    switch (sl__fr->point->index) { case 0: goto sl__r0; default: __builtin_unreachable(); }
#line 7 "short_circuit.c"
    __typeof__(greenlet_switch(peer, (void *)(long)q)) sl__t1 = sl_switch(peer, (void *)(long)q);
    /* point 0: after greenlet_switch() */
#line 7
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f0 {
            sl_frame sl__h;
        };
#line 7
        struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), &sl__ask_points[0]);
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
#line 7 "short_circuit.c"
    { __typeof__(int) sl__r = ((int)(long)sl__t1); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    sl_frame_drop(sl__fr, sl__held);
}
#pragma pop_macro("__func__")
#pragma pop_macro("__FUNCTION__")
#pragma pop_macro("__PRETTY_FUNCTION__")
SL_GENERATED_END

#line 7 "short_circuit.c"
                                                                                   
static int ready(int q) { return q > 0; }


SL_GENERATED_BEGIN
static void sl__decide_resume(sl_frame *sl__fr);
static const sl_point __attribute__((unused)) sl__decide_points[5] = {
    {sl__decide_resume, 0, 12, "short_circuit.c"},
    {sl__decide_resume, 1, 13, "short_circuit.c"},
    {sl__decide_resume, 2, 14, "short_circuit.c"},
    {sl__decide_resume, 3, 15, "short_circuit.c"},
    {sl__decide_resume, 4, 16, "short_circuit.c"},
};
#line 10 "short_circuit.c"
int decide(int q, int limit) {
    const sl_point *sl__pt;
#line 11 "short_circuit.c"
    int n = 0;
    int sl__t1 = 0;
#line 12 "short_circuit.c"
    if ((ready(q)) != 0)
#line 12 "short_circuit.c"
    {
#line 12 "short_circuit.c"
        __typeof__(ask(q)) sl__t2 = ask(q);
        /* point 0: after ask() */
#line 12
        if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__decide_points[0]; goto sl__save0; }
#line 12 "short_circuit.c"
        sl__t1 = (sl__t2 > limit) != 0;
#line 12 "short_circuit.c"
    }
#line 12 "short_circuit.c"
    else
#line 12 "short_circuit.c"
        sl__t1 = 0;
#line 12 "short_circuit.c"
    if (sl__t1)
    {
#line 13 "short_circuit.c"
        __typeof__(ask(q + 1)) sl__t3 = ask(q + 1);
        /* point 1: after ask() */
#line 13
        if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__decide_points[1]; goto sl__save0; }
#line 13 "short_circuit.c"
        n += sl__t3;
#line 13 "short_circuit.c"
    }
    int sl__t4 = 0;
#line 14 "short_circuit.c"
    if ((ready(q)) != 0)
#line 14 "short_circuit.c"
        sl__t4 = 1;
#line 14 "short_circuit.c"
    else
#line 14 "short_circuit.c"
    {
#line 14 "short_circuit.c"
        __typeof__(ask(-q)) sl__t5 = ask(-q);
        /* point 2: after ask() */
#line 14
        if (__builtin_expect(sl_tls.unwinding, 0)) {
            struct sl__f2 {
                sl_frame sl__h;
                __typeof__(q) q;
                __typeof__(limit) limit;
                __typeof__(n) n;
                __typeof__(sl__t4) sl__t4;
            };
#line 14
            struct sl__f2 *sl__f = (struct sl__f2 *)sl_frame_push(sizeof(struct sl__f2), &sl__decide_points[2]);
#line 14
            __builtin_memcpy((void *)&sl__f->q, (void *)&q, sizeof(__typeof__(int)));
#line 14
            __builtin_memcpy((void *)&sl__f->limit, (void *)&limit, sizeof(__typeof__(int)));
#line 14
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(n));
#line 14
            __builtin_memcpy((void *)&sl__f->sl__t4, (void *)&sl__t4, sizeof(sl__t4));
#line 14
            { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
        }
#line 14 "short_circuit.c"
        sl__t4 = (sl__t5) != 0;
#line 14 "short_circuit.c"
    }
#line 14 "short_circuit.c"
    int either =  sl__t4;
    __typeof__(q > limit ? ask(q) : limit) sl__t6 = {0};
#line 15 "short_circuit.c"
    if ((q > limit) != 0)
#line 15 "short_circuit.c"
    {
#line 15 "short_circuit.c"
        __typeof__(ask(q)) sl__t7 = ask(q);
        /* point 3: after ask() */
#line 15
        if (__builtin_expect(sl_tls.unwinding, 0)) {
            struct sl__f3 {
                sl_frame sl__h;
                __typeof__(q) q;
                __typeof__(limit) limit;
                __typeof__(n) n;
                __typeof__(either) either;
                __typeof__(sl__t6) sl__t6;
            };
#line 15
            struct sl__f3 *sl__f = (struct sl__f3 *)sl_frame_push(sizeof(struct sl__f3), &sl__decide_points[3]);
#line 15
            __builtin_memcpy((void *)&sl__f->q, (void *)&q, sizeof(__typeof__(int)));
#line 15
            __builtin_memcpy((void *)&sl__f->limit, (void *)&limit, sizeof(__typeof__(int)));
#line 15
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(n));
#line 15
            __builtin_memcpy((void *)&sl__f->either, (void *)&either, sizeof(either));
#line 15
            __builtin_memcpy((void *)&sl__f->sl__t6, (void *)&sl__t6, sizeof(sl__t6));
#line 15
            { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
        }
#line 15 "short_circuit.c"
        sl__t6 = (sl__t7);
#line 15 "short_circuit.c"
    }
#line 15 "short_circuit.c"
    else
#line 15 "short_circuit.c"
    {
#line 15 "short_circuit.c"
        sl__t6 = (limit);
#line 15 "short_circuit.c"
    }
#line 15 "short_circuit.c"
    int pick =  sl__t6;
    (void)(n++);
#line 16 "short_circuit.c"
    __typeof__(ask(n)) sl__t8 = ask(n);
    /* point 4: after ask() */
#line 16
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f4 {
            sl_frame sl__h;
            __typeof__(n) n;
            __typeof__(either) either;
            __typeof__(pick) pick;
        };
#line 16
        struct sl__f4 *sl__f = (struct sl__f4 *)sl_frame_push(sizeof(struct sl__f4), &sl__decide_points[4]);
#line 16
        __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(n));
#line 16
        __builtin_memcpy((void *)&sl__f->either, (void *)&either, sizeof(either));
#line 16
        __builtin_memcpy((void *)&sl__f->pick, (void *)&pick, sizeof(pick));
#line 16
        { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
    }
#line 16 "short_circuit.c"
    int last =  (sl__t8);
    return n + either + pick + last;
    if (0) {
    sl__save0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(q) q;
                __typeof__(limit) limit;
                __typeof__(n) n;
                __typeof__(sl__t1) sl__t1;
            };
#line 12
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_push(sizeof(struct sl__f0), sl__pt);
#line 12
            __builtin_memcpy((void *)&sl__f->q, (void *)&q, sizeof(__typeof__(int)));
#line 12
            __builtin_memcpy((void *)&sl__f->limit, (void *)&limit, sizeof(__typeof__(int)));
#line 12
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(n));
#line 12
            __builtin_memcpy((void *)&sl__f->sl__t1, (void *)&sl__t1, sizeof(sl__t1));
#line 12
            { __typeof__(int) sl__d; __builtin_memset((void *)&sl__d, 0, sizeof sl__d); return sl__d; }
        }
    }
}
#pragma push_macro("__func__")
#undef __func__
#define __func__ "decide"
#pragma push_macro("__FUNCTION__")
#undef __FUNCTION__
#define __FUNCTION__ "decide"
#pragma push_macro("__PRETTY_FUNCTION__")
#undef __PRETTY_FUNCTION__
#define __PRETTY_FUNCTION__ "decide"
static void sl__decide_resume(sl_frame *sl__fr) {
    __typeof__(int) __attribute__((unused)) q;
    __typeof__(int) __attribute__((unused)) limit;
    unsigned long __attribute__((unused)) sl__held = 0;
    const sl_point *sl__pt;
    switch (sl__fr->point->index) { case 0: goto sl__r0; case 1: goto sl__r1; case 2: goto sl__r2; case 3: goto sl__r3; case 4: goto sl__r4; default: __builtin_unreachable(); }
#line 11 "short_circuit.c"
    int n = 0;
    int sl__t1 = 0;
#line 12 "short_circuit.c"
    if ((ready(q)) != 0)
#line 12 "short_circuit.c"
    {
#line 12 "short_circuit.c"
        __typeof__(ask(q)) sl__t2 = ask(q);
        /* point 0: after ask() */
#line 12
        if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__decide_points[0]; goto sl__save0; }
        if (0) {
        sl__r0: ;
            {
                struct sl__f0 {
                    sl_frame sl__h;
                    __typeof__(q) q;
                    __typeof__(limit) limit;
                    __typeof__(n) n;
                    __typeof__(sl__t1) sl__t1;
                };
#line 12
                struct sl__f0 *sl__f = (struct sl__f0 *)(void *)sl__fr;
#line 12
                __builtin_memcpy((void *)&q, (void *)&sl__f->q, sizeof(__typeof__(int)));
#line 12
                __builtin_memcpy((void *)&limit, (void *)&sl__f->limit, sizeof(__typeof__(int)));
#line 12
                __builtin_memcpy((void *)&n, (void *)&sl__f->n, sizeof(n));
#line 12
                __builtin_memcpy((void *)&sl__t1, (void *)&sl__f->sl__t1, sizeof(sl__t1));
#line 12
                sl__held = sizeof(struct sl__f0);
            }
#line 12
            __builtin_memcpy((void *)&sl__t2, sl_result_at(sizeof(sl__t2)), sizeof(sl__t2));
        }
#line 12 "short_circuit.c"
        sl__t1 = (sl__t2 > limit) != 0;
#line 12 "short_circuit.c"
    }
#line 12 "short_circuit.c"
    else
#line 12 "short_circuit.c"
        sl__t1 = 0;
#line 12 "short_circuit.c"
    if (sl__t1)
    {
#line 13 "short_circuit.c"
        __typeof__(ask(q + 1)) sl__t3 = ask(q + 1);
        /* point 1: after ask() */
#line 13
        if (__builtin_expect(sl_tls.unwinding, 0)) { sl__pt = &sl__decide_points[1]; goto sl__save0; }
        if (0) {
        sl__r1: ;
            {
                struct sl__f1 {
                    sl_frame sl__h;
                    __typeof__(q) q;
                    __typeof__(limit) limit;
                    __typeof__(n) n;
                    __typeof__(sl__t1) sl__t1;
                };
#line 13
                struct sl__f1 *sl__f = (struct sl__f1 *)(void *)sl__fr;
#line 13
                __builtin_memcpy((void *)&q, (void *)&sl__f->q, sizeof(__typeof__(int)));
#line 13
                __builtin_memcpy((void *)&limit, (void *)&sl__f->limit, sizeof(__typeof__(int)));
#line 13
                __builtin_memcpy((void *)&n, (void *)&sl__f->n, sizeof(n));
#line 13
                __builtin_memcpy((void *)&sl__t1, (void *)&sl__f->sl__t1, sizeof(sl__t1));
#line 13
                sl__held = sizeof(struct sl__f1);
            }
#line 13
            __builtin_memcpy((void *)&sl__t3, sl_result_at(sizeof(sl__t3)), sizeof(sl__t3));
        }
#line 13 "short_circuit.c"
        n += sl__t3;
#line 13 "short_circuit.c"
    }
    int sl__t4 = 0;
#line 14 "short_circuit.c"
    if ((ready(q)) != 0)
#line 14 "short_circuit.c"
        sl__t4 = 1;
#line 14 "short_circuit.c"
    else
#line 14 "short_circuit.c"
    {
#line 14 "short_circuit.c"
        __typeof__(ask(-q)) sl__t5 = ask(-q);
        /* point 2: after ask() */
#line 14
        if (__builtin_expect(sl_tls.unwinding, 0)) {
            struct sl__f2 {
                sl_frame sl__h;
                __typeof__(q) q;
                __typeof__(limit) limit;
                __typeof__(n) n;
                __typeof__(sl__t4) sl__t4;
            };
#line 14
            struct sl__f2 *sl__f = (struct sl__f2 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f2), &sl__decide_points[2]);
#line 14
            __builtin_memcpy((void *)&sl__f->q, (void *)&q, sizeof(__typeof__(int)));
#line 14
            __builtin_memcpy((void *)&sl__f->limit, (void *)&limit, sizeof(__typeof__(int)));
#line 14
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(n));
#line 14
            __builtin_memcpy((void *)&sl__f->sl__t4, (void *)&sl__t4, sizeof(sl__t4));
#line 14
            return;
        }
        if (0) {
        sl__r2: ;
            {
                struct sl__f2 {
                    sl_frame sl__h;
                    __typeof__(q) q;
                    __typeof__(limit) limit;
                    __typeof__(n) n;
                    __typeof__(sl__t4) sl__t4;
                };
#line 14
                struct sl__f2 *sl__f = (struct sl__f2 *)(void *)sl__fr;
#line 14
                __builtin_memcpy((void *)&q, (void *)&sl__f->q, sizeof(__typeof__(int)));
#line 14
                __builtin_memcpy((void *)&limit, (void *)&sl__f->limit, sizeof(__typeof__(int)));
#line 14
                __builtin_memcpy((void *)&n, (void *)&sl__f->n, sizeof(n));
#line 14
                __builtin_memcpy((void *)&sl__t4, (void *)&sl__f->sl__t4, sizeof(sl__t4));
#line 14
                sl__held = sizeof(struct sl__f2);
            }
#line 14
            __builtin_memcpy((void *)&sl__t5, sl_result_at(sizeof(sl__t5)), sizeof(sl__t5));
        }
#line 14 "short_circuit.c"
        sl__t4 = (sl__t5) != 0;
#line 14 "short_circuit.c"
    }
#line 14 "short_circuit.c"
    int either =  sl__t4;
    __typeof__(q > limit ? ask(q) : limit) sl__t6 = {0};
#line 15 "short_circuit.c"
    if ((q > limit) != 0)
#line 15 "short_circuit.c"
    {
#line 15 "short_circuit.c"
        __typeof__(ask(q)) sl__t7 = ask(q);
        /* point 3: after ask() */
#line 15
        if (__builtin_expect(sl_tls.unwinding, 0)) {
            struct sl__f3 {
                sl_frame sl__h;
                __typeof__(q) q;
                __typeof__(limit) limit;
                __typeof__(n) n;
                __typeof__(either) either;
                __typeof__(sl__t6) sl__t6;
            };
#line 15
            struct sl__f3 *sl__f = (struct sl__f3 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f3), &sl__decide_points[3]);
#line 15
            __builtin_memcpy((void *)&sl__f->q, (void *)&q, sizeof(__typeof__(int)));
#line 15
            __builtin_memcpy((void *)&sl__f->limit, (void *)&limit, sizeof(__typeof__(int)));
#line 15
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(n));
#line 15
            __builtin_memcpy((void *)&sl__f->either, (void *)&either, sizeof(either));
#line 15
            __builtin_memcpy((void *)&sl__f->sl__t6, (void *)&sl__t6, sizeof(sl__t6));
#line 15
            return;
        }
        if (0) {
        sl__r3: ;
            {
                struct sl__f3 {
                    sl_frame sl__h;
                    __typeof__(q) q;
                    __typeof__(limit) limit;
                    __typeof__(n) n;
                    __typeof__(either) either;
                    __typeof__(sl__t6) sl__t6;
                };
#line 15
                struct sl__f3 *sl__f = (struct sl__f3 *)(void *)sl__fr;
#line 15
                __builtin_memcpy((void *)&q, (void *)&sl__f->q, sizeof(__typeof__(int)));
#line 15
                __builtin_memcpy((void *)&limit, (void *)&sl__f->limit, sizeof(__typeof__(int)));
#line 15
                __builtin_memcpy((void *)&n, (void *)&sl__f->n, sizeof(n));
#line 15
                __builtin_memcpy((void *)&either, (void *)&sl__f->either, sizeof(either));
#line 15
                __builtin_memcpy((void *)&sl__t6, (void *)&sl__f->sl__t6, sizeof(sl__t6));
#line 15
                sl__held = sizeof(struct sl__f3);
            }
#line 15
            __builtin_memcpy((void *)&sl__t7, sl_result_at(sizeof(sl__t7)), sizeof(sl__t7));
        }
#line 15 "short_circuit.c"
        sl__t6 = (sl__t7);
#line 15 "short_circuit.c"
    }
#line 15 "short_circuit.c"
    else
#line 15 "short_circuit.c"
    {
#line 15 "short_circuit.c"
        sl__t6 = (limit);
#line 15 "short_circuit.c"
    }
#line 15 "short_circuit.c"
    int pick =  sl__t6;
    (void)(n++);
#line 16 "short_circuit.c"
    __typeof__(ask(n)) sl__t8 = ask(n);
    /* point 4: after ask() */
#line 16
    if (__builtin_expect(sl_tls.unwinding, 0)) {
        struct sl__f4 {
            sl_frame sl__h;
            __typeof__(n) n;
            __typeof__(either) either;
            __typeof__(pick) pick;
        };
#line 16
        struct sl__f4 *sl__f = (struct sl__f4 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f4), &sl__decide_points[4]);
#line 16
        __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(n));
#line 16
        __builtin_memcpy((void *)&sl__f->either, (void *)&either, sizeof(either));
#line 16
        __builtin_memcpy((void *)&sl__f->pick, (void *)&pick, sizeof(pick));
#line 16
        return;
    }
    if (0) {
    sl__r4: ;
        {
            struct sl__f4 {
                sl_frame sl__h;
                __typeof__(n) n;
                __typeof__(either) either;
                __typeof__(pick) pick;
            };
#line 16
            struct sl__f4 *sl__f = (struct sl__f4 *)(void *)sl__fr;
#line 16
            __builtin_memcpy((void *)&n, (void *)&sl__f->n, sizeof(n));
#line 16
            __builtin_memcpy((void *)&either, (void *)&sl__f->either, sizeof(either));
#line 16
            __builtin_memcpy((void *)&pick, (void *)&sl__f->pick, sizeof(pick));
#line 16
            sl__held = sizeof(struct sl__f4);
        }
#line 16
        __builtin_memcpy((void *)&sl__t8, sl_result_at(sizeof(sl__t8)), sizeof(sl__t8));
    }
#line 16 "short_circuit.c"
    int last =  (sl__t8);
    { __typeof__(int) sl__r = (n + either + pick + last); sl_result_store(&sl__r, sizeof sl__r); sl_frame_drop(sl__fr, sl__held); return; }
    if (0) {
    sl__save0: ;
        {
            struct sl__f0 {
                sl_frame sl__h;
                __typeof__(q) q;
                __typeof__(limit) limit;
                __typeof__(n) n;
                __typeof__(sl__t1) sl__t1;
            };
#line 12
            struct sl__f0 *sl__f = (struct sl__f0 *)sl_frame_repush(sl__fr, sl__held, sizeof(struct sl__f0), sl__pt);
#line 12
            __builtin_memcpy((void *)&sl__f->q, (void *)&q, sizeof(__typeof__(int)));
#line 12
            __builtin_memcpy((void *)&sl__f->limit, (void *)&limit, sizeof(__typeof__(int)));
#line 12
            __builtin_memcpy((void *)&sl__f->n, (void *)&n, sizeof(n));
#line 12
            __builtin_memcpy((void *)&sl__f->sl__t1, (void *)&sl__t1, sizeof(sl__t1));
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

#line 18 "short_circuit.c"
 

/* stackless: what this file defines and assumes, for `stackless check` at link time */
SL_SUMMARY static const char sl__summary[] =
    "stackless-summary 1\n"
    "unit\tshort_circuit.c\n"
    "options\n"
    "assume\tcall\tgreenlet_switch\tsuspends\tannotated\tshort_circuit.c\t7\t43\task\t\n"
    "define\tdecide\textern\tint (int, int)\tint\tsuspends\tdecide -> ask -> greenlet_switch\t-\t0\n"
    ;
