#include "containers.h"

unsigned stack_ops;
static int checks;

static int check(const struct stack *s) { checks++; return s->n <= 64; }

void stack_init(struct stack *s) { s->n = 0; check(s); }

int stack_push(struct stack *s, int v) {
    stack_ops++;
    if (!check(s) || s->n == 64) return 0;
    s->items[s->n++] = v;
    return 1;
}

int stack_pop(struct stack *s, int *out) {
    stack_ops++;
    if (!check(s) || s->n == 0) return 0;
    *out = s->items[--s->n];
    return 1;
}

size_t stack_size(const struct stack *s) { return check(s) ? s->n : 0; }
int stack_checks(void) { return checks; }
