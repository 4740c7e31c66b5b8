/* AArch64 (AAPCS64): callee-saved x19-x28, the frame pointer x29, the link register x30 and
 * d8-d15. */
void *sc_switch(void **save_sp, void *to_sp, void *value);
void sc_boot(void);

__asm__(
    ".text\n"
    ".p2align 4\n"
    ".globl sc_switch\n"
    ".hidden sc_switch\n"
    ".type sc_switch, %function\n"
    "sc_switch:\n"
    "    sub sp, sp, #160\n"
    "    stp x19, x20, [sp, #0]\n"
    "    stp x21, x22, [sp, #16]\n"
    "    stp x23, x24, [sp, #32]\n"
    "    stp x25, x26, [sp, #48]\n"
    "    stp x27, x28, [sp, #64]\n"
    "    stp x29, x30, [sp, #80]\n"
    "    stp d8, d9, [sp, #96]\n"
    "    stp d10, d11, [sp, #112]\n"
    "    stp d12, d13, [sp, #128]\n"
    "    stp d14, d15, [sp, #144]\n"
    "    mov x9, sp\n"
    "    str x9, [x0]\n"
    "    mov sp, x1\n"
    "    ldp x19, x20, [sp, #0]\n"
    "    ldp x21, x22, [sp, #16]\n"
    "    ldp x23, x24, [sp, #32]\n"
    "    ldp x25, x26, [sp, #48]\n"
    "    ldp x27, x28, [sp, #64]\n"
    "    ldp x29, x30, [sp, #80]\n"
    "    ldp d8, d9, [sp, #96]\n"
    "    ldp d10, d11, [sp, #112]\n"
    "    ldp d12, d13, [sp, #128]\n"
    "    ldp d14, d15, [sp, #144]\n"
    "    add sp, sp, #160\n"
    "    mov x0, x2\n"
    "    ret\n"
    ".size sc_switch, .-sc_switch\n"
    /* First switch into a coroutine: x19 = coro, x20 = entry, x0 = value. */
    ".p2align 4\n"
    ".globl sc_boot\n"
    ".hidden sc_boot\n"
    ".type sc_boot, %function\n"
    "sc_boot:\n"
    "    mov x1, x0\n"
    "    mov x0, x19\n"
    "    blr x20\n"
    "    brk #0\n"
    ".size sc_boot, .-sc_boot\n");

static inline void *sc_initial_frame(char *top, void *coro, void (*entry)(void *, void *)) {
    unsigned long base = (unsigned long)top & ~15UL;
    void **sp = (void **)(base - 160);
    for (int i = 0; i < 20; i++)
        sp[i] = 0;
    sp[0] = coro;                 /* x19 */
    sp[1] = (void *)entry;        /* x20 */
    sp[11] = (void *)sc_boot;     /* x30: where sc_switch's ret goes */
    return sp;
}
