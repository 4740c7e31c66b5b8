/* an RPN calculator over strings, with its own operand stack and error reporting via return codes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

struct stack { long v[32]; int n; };
enum err { OK, UNDERFLOW, OVERFLOW, DIV_ZERO, BAD_TOKEN, LEFTOVER };
static const char *const err_names[] = {"ok", "underflow", "overflow", "division by zero", "bad token", "leftover operands"};

static enum err push(struct stack *s, long v) { if (s->n == 32) return OVERFLOW; s->v[s->n++] = v; return OK; }
static enum err pop2(struct stack *s, long *a, long *b) { if (s->n < 2) return UNDERFLOW; *b = s->v[--s->n]; *a = s->v[--s->n]; return OK; }
static int is_number(const char *t) { if (*t == '-' && t[1]) t++; for (; *t; t++) if (!isdigit((unsigned char)*t)) return 0; return 1; }
static enum err apply(struct stack *s, char op) {
    long a, b;
    enum err e = pop2(s, &a, &b);
    if (e != OK) return e;
    switch (op) {
    case '+': return push(s, a + b);
    case '-': return push(s, a - b);
    case '*': return push(s, a * b);
    case '/': return b == 0 ? DIV_ZERO : push(s, a / b);
    case '%': return b == 0 ? DIV_ZERO : push(s, a % b);
    }
    return BAD_TOKEN;
}
static char *next_token(char **cursor) { /* like strtok_r(s, " ", &save), in plain C11 */
    char *s = *cursor;
    while (*s == ' ') s++;
    if (!*s) { *cursor = s; return NULL; }
    char *start = s;
    while (*s && *s != ' ') s++;
    if (*s) *s++ = '\0';
    *cursor = s;
    return start;
}
static enum err dup_top(struct stack *s) { if (s->n < 1) return UNDERFLOW; return push(s, s->v[s->n - 1]); }
static enum err eval(const char *expr, long *out) {
    struct stack s = {{0}, 0};
    char buf[128];
    snprintf(buf, sizeof buf, "%s", expr);
    enum err e = OK;
    char *cursor = buf;
    for (char *tok = next_token(&cursor); tok && e == OK; tok = next_token(&cursor)) {
        if (is_number(tok)) e = push(&s, strtol(tok, NULL, 10));
        else if (strcmp(tok, "dup") == 0) e = dup_top(&s);
        else if (strlen(tok) == 1) e = apply(&s, tok[0]);
        else e = BAD_TOKEN;
    }
    if (e == OK && s.n != 1) e = s.n == 0 ? UNDERFLOW : LEFTOVER;
    if (e == OK) *out = s.v[0];
    return e;
}

int main(void) {
    const char *exprs[] = {"3 4 + 2 *", "5 1 2 + 4 * + 3 -", "2 dup * dup * dup *", "1 0 /", "1 +", "1 2 3", "7 -3 %",
                           "10 2 8 * + 3 -", "4 x +", "100 7 / 7 *", "-5 -5 *", "1 1 + 1 + 1 + 1 + 1 + 1 + 1 +"};
    int errors = 0;
    long sum = 0;
    for (size_t i = 0; i < sizeof exprs / sizeof exprs[0]; i++) {
        long v = 0;
        enum err e = eval(exprs[i], &v);
        if (e == OK) { sum += v; printf("%-32s = %ld\n", exprs[i], v); }
        else { errors++; printf("%-32s : %s\n", exprs[i], err_names[e]); }
    }
    printf("sum=%ld errors=%d\n", sum, errors);
    return errors * 8 + (int)(sum % 8);
}
