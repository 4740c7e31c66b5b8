/* For Tests/gdb/run.sh: a greenlet suspended in a function that takes label addresses (emitted
 * as one body, sl__run_body), with a parameter on the shadow stack. */
#include <greenlet.h>
#include <stdio.h>

static greenlet *root_greenlet;

static int run(const unsigned char *code, int acc) {
    static void *const table[] = {&&op_inc, &&op_yield, &&op_end};
    int pc = 0;
    goto *table[code[pc]];
op_inc:
    acc++;
    pc++;
    goto *table[code[pc]];
op_yield:
    greenlet_switch(root_greenlet, &acc);
    pc++;
    goto *table[code[pc]];
op_end:
    return acc;
}

static void *machine(void *arg) {
    static const unsigned char program[] = {0, 0, 1, 0, 2};
    long result = run(program, *(int *)arg);
    printf("%ld\n", result);
    return NULL;
}

greenlet *vm;

__attribute__((noinline)) void stop_here(void) {
    printf("stop\n");
}

int main(void) {
    int start = 40;
    root_greenlet = greenlet_current();
    vm = greenlet_new(machine, NULL);
    greenlet_switch(vm, &start);
    stop_here();
    greenlet_switch(vm, NULL);
    return 0;
}
