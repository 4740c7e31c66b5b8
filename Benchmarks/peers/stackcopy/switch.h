/*
 * The register switch of the stack-copying baseline: the only platform-specific code, one file
 * per platform, chosen here. Each file defines, in assembly,
 *   void *sc_switch(void **save_sp, void *to_sp, void *value);
 *     saves the callee-saved registers on the current stack, stores the stack pointer in
 *     *save_sp, loads to_sp, restores the registers saved there and returns `value` there;
 * and, in C,
 *   void *sc_initial_frame(char *top, void *coro, void (*entry)(void *coro, void *value));
 *     lays out below `top` a register frame that sc_switch can switch to: the first switch in
 *     calls entry(coro, value), on that stack. entry never returns.
 */
#ifndef SC_SWITCH_H
#define SC_SWITCH_H

#if defined(__x86_64__) && !defined(_WIN32)
#include "switch_x86_64.h"
#elif defined(__aarch64__) && !defined(_WIN32)
#include "switch_aarch64.h"
#else
#error "stack-copy baseline: no register switch for this platform (add switch_<arch>.h)"
#endif

#endif
