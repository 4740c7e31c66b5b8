/* A threaded-code interpreter (GCC's labels as values): a dispatch table of label addresses in a
 * static local, opcodes that call functions (each a suspension point under --torture) in the
 * middle of an instruction, a CALL opcode that re-enters the interpreter recursively, and a
 * second loop over "direct-threaded" code whose label addresses were stored in a local array
 * and in locals before the calls. */
#include <stdio.h>

enum { OP_PUSH, OP_ADD, OP_MUL, OP_DUP, OP_DEC, OP_JNZ, OP_PRINT, OP_CALL, OP_SWAP, OP_DROP, OP_HALT };

struct insn { int op, arg; };

static unsigned long trace_sum;

static long note(const char *what, long v) {
    trace_sum = trace_sum * 31 + (unsigned long)v + (unsigned char)what[0];
    return v;
}

static long add(long a, long b) { return note("add", a + b); }

static void show(long v) { printf("  print %ld\n", v); }

static const struct insn square[] = { {OP_DUP, 0}, {OP_MUL, 0}, {OP_HALT, 0} };
static const struct insn *const functions[] = { square };

/* Runs `code` on the stack `sp` points into; returns the new stack pointer. */
static long *run(const struct insn *code, long *sp, int depth) {
    static const void *const dispatch[] = {
        &&do_push, &&do_add, &&do_mul, &&do_dup, &&do_dec, &&do_jnz, &&do_print, &&do_call,
        &&do_swap, &&do_drop, &&do_halt,
    };
    const struct insn *pc = code;
    long steps = 0;
#define NEXT goto *dispatch[(pc++)->op]
    NEXT;
do_push:
    *sp++ = note("push", pc[-1].arg);
    steps++;
    NEXT;
do_add:
    sp--;
    sp[-1] = add(sp[-1], sp[0]);
    steps++;
    NEXT;
do_mul:
    sp--;
    sp[-1] = note("mul", sp[-1] * sp[0]);
    steps++;
    NEXT;
do_dup:
    sp[0] = sp[-1];
    sp++;
    NEXT;
do_dec:
    sp[-1] = add(sp[-1], -1);
    NEXT;
do_jnz:
    if (note("jnz", sp[-1]) != 0) pc = code + pc[-1].arg;
    steps++;
    NEXT;
do_print:
    show(sp[-1]);
    NEXT;
do_call:
    sp = run(functions[pc[-1].arg], sp, depth + 1);
    note("ret", depth);
    NEXT;
do_swap: {
    long t = sp[-1];
    sp[-1] = note("swap", sp[-2]);
    sp[-2] = t;
    NEXT;
}
do_drop:
    sp--;
    NEXT;
do_halt:
    note("halt", steps);
#undef NEXT
    return sp;
}

/* Direct threading: the program is translated once into label addresses (held in a local
 * array), then run; `next` holds the address of the instruction after the current one. */
static long run_threaded(const int *ops, int n) {
    static const void *const labels[] = { &&t_inc, &&t_double, &&t_square, &&t_print, &&t_end };
    const void *threaded[32];
    for (int i = 0; i < n && i < 32; i++) threaded[i] = labels[ops[i]];
    const void *const *ip = threaded;
    const void *next = *ip++;
    long acc = 1;
    goto *next;
t_inc:
    next = *ip++;
    acc = add(acc, 1);
    goto *next;
t_double:
    next = *ip++;
    acc = add(acc, acc);
    goto *next;
t_square:
    next = *ip++;
    acc = note("sq", acc * acc);
    goto *next;
t_print:
    next = *ip++;
    show(acc);
    goto *next;
t_end:
    return acc;
}

int main(void) {
    /* n = 4 down to 1: print n, n squared by a call, n*n + 3; then 2 * 3. */
    static const struct insn countdown[] = {
        {OP_PUSH, 4},
        {OP_PRINT, 0}, {OP_DUP, 0}, {OP_CALL, 0}, {OP_PRINT, 0}, {OP_PUSH, 3}, {OP_ADD, 0},
        {OP_PRINT, 0}, {OP_DROP, 0}, {OP_DEC, 0}, {OP_JNZ, 1},
        {OP_DROP, 0}, {OP_PUSH, 2}, {OP_PUSH, 3}, {OP_SWAP, 0}, {OP_MUL, 0}, {OP_PRINT, 0},
        {OP_HALT, 0},
    };
    long stack[64];
    long *sp = run(countdown, stack, 0);
    printf("stack depth %ld, top %ld\n", (long)(sp - stack), sp > stack ? sp[-1] : -1L);
    static const int prog[] = { 0, 1, 2, 3, 0, 1, 3, 2, 3, 4 };
    long r = run_threaded(prog, (int)(sizeof prog / sizeof prog[0]));
    printf("threaded %ld\n", r);
    printf("trace %lu\n", trace_sum);
    return 0;
}
