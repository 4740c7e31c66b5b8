/* a tiny stack-based bytecode VM with an assembler (labels), jumps, subroutine calls and a step limit. */
#include <stdio.h>

enum op { PUSH, ADD, SUB, MUL, LT, DUP, SWAP, DROP, JZ, JMP, CALL, RET, LOAD, STORE, PRINT, HALT };
struct prog { int code[128]; int n; int label_at[8]; int fix_at[16]; int fix_label[16]; int nfix; };
struct vm { const struct prog *p; int stack[64]; int sp; int rstack[16]; int rsp; int vars[4]; int steps; int out; };

static void emit(struct prog *p, int v) { p->code[p->n++] = v; }
static void emit2(struct prog *p, int op, int arg) { emit(p, op); emit(p, arg); }
static void label(struct prog *p, int l) { p->label_at[l] = p->n; }
static void jump(struct prog *p, int op, int l) { emit(p, op); p->fix_at[p->nfix] = p->n; p->fix_label[p->nfix++] = l; emit(p, -1); }
static void resolve(struct prog *p) { for (int i = 0; i < p->nfix; i++) p->code[p->fix_at[i]] = p->label_at[p->fix_label[i]]; }

static void push(struct vm *m, int v) { m->stack[m->sp++] = v; }
static int pop(struct vm *m) { return m->stack[--m->sp]; }
static int top(const struct vm *m) { return m->stack[m->sp - 1]; }
static int fetch(struct vm *m, int *pc) { return m->p->code[(*pc)++]; }
static int binary(int op, int a, int b) { return op == ADD ? a + b : op == SUB ? a - b : op == MUL ? a * b : a < b; }

static int step(struct vm *m, int *pc) {
    int op = fetch(m, pc);
    m->steps++;
    switch (op) {
    case PUSH: push(m, fetch(m, pc)); break;
    case ADD: case SUB: case MUL: case LT: { int b = pop(m), a = pop(m); push(m, binary(op, a, b)); break; }
    case DUP: push(m, top(m)); break;
    case SWAP: { int b = pop(m), a = pop(m); push(m, b); push(m, a); break; }
    case DROP: pop(m); break;
    case JZ: { int t = fetch(m, pc); if (pop(m) == 0) *pc = t; break; }
    case JMP: *pc = fetch(m, pc); break;
    case CALL: { int t = fetch(m, pc); m->rstack[m->rsp++] = *pc; *pc = t; break; }
    case RET: *pc = m->rstack[--m->rsp]; break;
    case LOAD: push(m, m->vars[fetch(m, pc)]); break;
    case STORE: m->vars[fetch(m, pc)] = pop(m); break;
    case PRINT: printf("  out: %d\n", top(m)); m->out++; break;
    case HALT: return 0;
    }
    return *pc < m->p->n && m->steps < 3000;
}

static int run(const char *name, const struct prog *p) {
    struct vm m = {p, {0}, 0, {0}, 0, {0}, 0, 0};
    int pc = 0;
    printf("program %s (%d words)\n", name, p->n);
    while (step(&m, &pc)) {}
    int result = m.sp > 0 ? top(&m) : -1;
    printf("  steps=%d sp=%d top=%d outputs=%d\n", m.steps, m.sp, result, m.out);
    return result;
}

/* var0 = 0; for var1 = 1..limit: var0 += f(var1); where f is a subroutine (square or identity) */
static void build_loop(struct prog *p, int limit, int square) {
    p->n = p->nfix = 0;
    emit2(p, PUSH, 0); emit2(p, STORE, 0);
    emit2(p, PUSH, 1); emit2(p, STORE, 1);
    label(p, 0);
    emit2(p, LOAD, 1); emit2(p, PUSH, limit + 1); emit(p, LT); jump(p, JZ, 1);
    emit2(p, LOAD, 1); jump(p, CALL, 2);
    emit2(p, LOAD, 0); emit(p, ADD); emit2(p, STORE, 0);
    emit2(p, LOAD, 1); emit2(p, PUSH, 1); emit(p, ADD); emit2(p, STORE, 1);
    jump(p, JMP, 0);
    label(p, 1);
    emit2(p, LOAD, 0); emit(p, PRINT); emit(p, HALT);
    label(p, 2);
    if (square) { emit(p, DUP); emit(p, MUL); }
    emit(p, RET);
    resolve(p);
}

/* iterative factorial of n, printing each partial product */
static void build_fact(struct prog *p, int n) {
    p->n = p->nfix = 0;
    emit2(p, PUSH, 1); emit2(p, STORE, 0); emit2(p, PUSH, n); emit2(p, STORE, 1);
    label(p, 0);
    emit2(p, LOAD, 1); jump(p, JZ, 1);
    emit2(p, LOAD, 0); emit2(p, LOAD, 1); emit(p, MUL); emit(p, PRINT); emit2(p, STORE, 0);
    emit2(p, LOAD, 1); emit2(p, PUSH, 1); emit(p, SUB); emit2(p, STORE, 1);
    jump(p, JMP, 0);
    label(p, 1);
    emit2(p, LOAD, 0); emit(p, HALT);
    resolve(p);
}

int main(void) {
    struct prog p;
    int results[5];
    build_loop(&p, 10, 0);
    results[0] = run("sum 1..10", &p);
    build_loop(&p, 6, 1);
    results[1] = run("sum of squares 1..6", &p);
    build_fact(&p, 7);
    results[2] = run("fact 7", &p);
    p.n = p.nfix = 0;
    emit2(&p, PUSH, 6); emit2(&p, PUSH, 7); emit(&p, MUL); emit2(&p, PUSH, 2); emit(&p, SWAP); emit(&p, SUB);
    emit(&p, PRINT); emit(&p, DUP); emit(&p, ADD); emit(&p, PRINT); emit(&p, HALT);
    results[3] = run("arith", &p);
    p.n = p.nfix = 0;
    label(&p, 0); emit2(&p, PUSH, 1); emit(&p, DROP); jump(&p, JMP, 0); /* infinite loop: stopped by the step limit */
    resolve(&p);
    results[4] = run("runaway", &p);
    int sum = 0;
    for (int i = 0; i < 5; i++) sum += results[i];
    printf("results %d %d %d %d %d\n", results[0], results[1], results[2], results[3], results[4]);
    return sum % 64;
}
