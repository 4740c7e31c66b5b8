/* The stack-copying baseline (see stackcopy.h); the register switch is in switch_<arch>.h. */
#include "stackcopy.h"
#include "switch.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

enum { SC_NEW, SC_SUSPENDED, SC_RUNNING, SC_DEAD };

struct sc_coro {
    void *sp;                 /* saved stack pointer while suspended */
    void *(*fn)(void *);
    char *saved;              /* the used slice of the shared stack, while another owns it */
    size_t saved_len, saved_cap;
    int state;
};

#define SHARED_STACK_SIZE (8UL << 20)  /* reserved; only the used part becomes resident */

static char *stack_lo, *stack_hi;
static sc_coro *owner;    /* the coroutine whose slice is on the shared stack */
static sc_coro *current;  /* NULL: the root */
static void *root_sp;

sc_coro *sc_new(void *(*fn)(void *)) {
    if (!stack_lo) {
        stack_lo = mmap(NULL, SHARED_STACK_SIZE, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (stack_lo == MAP_FAILED) {
            perror("stackcopy: mmap");
            exit(1);
        }
        stack_hi = stack_lo + SHARED_STACK_SIZE;
    }
    sc_coro *c = calloc(1, sizeof *c);
    c->fn = fn;
    c->state = SC_NEW;
    return c;
}

static void entry(void *coro, void *value) {
    sc_coro *c = coro;
    void *result = c->fn(value);
    c->state = SC_DEAD;
    current = NULL;
    void *dead_sp;
    sc_switch(&dead_sp, root_sp, result);
    abort();  /* never resumed */
}

/* Copies the owner's slice off the shared stack. */
static void save_owner(void) {
    sc_coro *o = owner;
    size_t len = (size_t)(stack_hi - (char *)o->sp);
    if (len > o->saved_cap) {
        free(o->saved);
        o->saved_cap = len;
        o->saved = malloc(len);
    }
    memcpy(o->saved, o->sp, len);
    o->saved_len = len;
}

void *sc_resume(sc_coro *c, void *value) {
    if (c->state == SC_DEAD || current)
        return NULL;
    if (owner != c) {
        if (owner && owner->state == SC_SUSPENDED)
            save_owner();
        if (c->state == SC_NEW)
            c->sp = sc_initial_frame(stack_hi, c, entry);
        else
            memcpy(c->sp, c->saved, c->saved_len);
        owner = c;
    }
    c->state = SC_RUNNING;
    current = c;
    return sc_switch(&root_sp, c->sp, value);
}

void *sc_yield(void *value) {
    sc_coro *c = current;
    c->state = SC_SUSPENDED;
    current = NULL;
    return sc_switch(&c->sp, root_sp, value);
}

int sc_dead(sc_coro *c) { return c->state == SC_DEAD; }

void sc_free(sc_coro *c) {
    if (owner == c)
        owner = NULL;
    free(c->saved);
    free(c);
}
