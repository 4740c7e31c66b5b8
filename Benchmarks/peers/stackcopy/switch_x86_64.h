/* x86-64 System V: callee-saved rbx, rbp, r12-r15 (MXCSR and the x87 control word are not
 * switched: the benchmark never changes them). */
void *sc_switch(void **save_sp, void *to_sp, void *value);
void sc_boot(void);

__asm__(
    ".text\n"
    ".p2align 4\n"
    ".globl sc_switch\n"
    ".hidden sc_switch\n"
    ".type sc_switch, @function\n"
    "sc_switch:\n"
    "    pushq %rbp\n"
    "    pushq %rbx\n"
    "    pushq %r12\n"
    "    pushq %r13\n"
    "    pushq %r14\n"
    "    pushq %r15\n"
    "    movq %rsp, (%rdi)\n"
    "    movq %rsi, %rsp\n"
    "    popq %r15\n"
    "    popq %r14\n"
    "    popq %r13\n"
    "    popq %r12\n"
    "    popq %rbx\n"
    "    popq %rbp\n"
    "    movq %rdx, %rax\n"
    "    ret\n"
    ".size sc_switch, .-sc_switch\n"
    /* First switch into a coroutine: r12 = coro, r13 = entry, rax = value. */
    ".p2align 4\n"
    ".globl sc_boot\n"
    ".hidden sc_boot\n"
    ".type sc_boot, @function\n"
    "sc_boot:\n"
    "    movq %r12, %rdi\n"
    "    movq %rax, %rsi\n"
    "    callq *%r13\n"
    "    ud2\n"
    ".size sc_boot, .-sc_boot\n");

static inline void *sc_initial_frame(char *top, void *coro, void (*entry)(void *, void *)) {
    /* After sc_switch's 6 pops and ret, sc_boot's call must leave rsp + 8 16-byte aligned:
     * the frame starts at 8 mod 16. */
    unsigned long base = (unsigned long)top & ~15UL;
    void **sp = (void **)(base - 72);
    sp[0] = 0;                    /* r15 */
    sp[1] = 0;                    /* r14 */
    sp[2] = (void *)entry;        /* r13 */
    sp[3] = coro;                 /* r12 */
    sp[4] = 0;                    /* rbx */
    sp[5] = 0;                    /* rbp */
    sp[6] = (void *)sc_boot;      /* return address */
    return sp;
}
