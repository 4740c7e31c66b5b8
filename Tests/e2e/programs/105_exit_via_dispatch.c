/* exit() reached through an indirect call from a dispatch loop nested inside other loops. */
#include <stdio.h>
#include <stdlib.h>

struct machine { int acc; int ticks; int *log; int nlog; };
typedef void (*handler)(struct machine *, int);

static void op_add(struct machine *m, int arg) { m->acc += arg; }
static void op_mul(struct machine *m, int arg) { m->acc *= arg; }
static void op_mod(struct machine *m, int arg) { if (arg) m->acc %= arg; }
static void op_log(struct machine *m, int arg) { (void)arg; if (m->nlog < 16) m->log[m->nlog++] = m->acc; printf("log acc=%d tick=%d\n", m->acc, m->ticks); }
static void op_halt(struct machine *m, int arg) {
    printf("halt requested with acc=%d after %d ticks, %d log entries\n", m->acc, m->ticks, m->nlog);
    free(m->log);
    fflush(stdout);
    exit(arg + m->acc % 10);
}

static const handler handlers[] = {op_add, op_mul, op_mod, op_log, op_halt};

static int decode(int word, int *arg) { *arg = word / 10; return word % 10; }
static void execute(struct machine *m, const int *program, int n) {
    for (int pc = 0; pc < n; pc++) {
        int arg, op = decode(program[pc], &arg);
        m->ticks++;
        switch (op) {
        case 0: case 1: case 2: case 3: case 4:
            handlers[op](m, arg);
            break;
        default:
            printf("bad op %d\n", op);
        }
    }
}

int main(void) {
    struct machine m = {1, 0, malloc(16 * sizeof(int)), 0};
    static const int round_prog[] = {30, 21, 1003, 3, 70, 3};
    static const int final_prog[] = {50, 3, 404, 3};
    for (int outer = 0; outer < 3; outer++) {
        for (int inner = 0; inner < 2; inner++) execute(&m, round_prog, 6);
        printf("after outer %d: acc=%d\n", outer, m.acc);
    }
    execute(&m, final_prog, 4);
    printf("not reached\n");
    free(m.log);
    return 0;
}
