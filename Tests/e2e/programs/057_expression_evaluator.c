/* tokenizer + recursive-descent evaluator for integer expressions with variables and errors. */
#include <stdio.h>
#include <ctype.h>
#include <string.h>

enum tok { NUM, IDENT, OP, LP, RP, END, BAD };
struct lexer { const char *src; size_t pos; enum tok kind; long value; char op; char name[16]; int error; };

static void next_token(struct lexer *lx) {
    while (isspace((unsigned char)lx->src[lx->pos])) lx->pos++;
    char c = lx->src[lx->pos];
    if (c == '\0') { lx->kind = END; return; }
    if (isdigit((unsigned char)c)) {
        long v = 0;
        while (isdigit((unsigned char)lx->src[lx->pos])) v = v * 10 + (lx->src[lx->pos++] - '0');
        lx->kind = NUM; lx->value = v; return;
    }
    if (isalpha((unsigned char)c)) {
        size_t n = 0;
        while (isalnum((unsigned char)lx->src[lx->pos])) { if (n < 15) lx->name[n++] = lx->src[lx->pos]; lx->pos++; }
        lx->name[n] = '\0'; lx->kind = IDENT; return;
    }
    lx->pos++;
    if (c == '(') lx->kind = LP;
    else if (c == ')') lx->kind = RP;
    else if (strchr("+-*/%^", c)) { lx->kind = OP; lx->op = c; }
    else lx->kind = BAD;
}

static long lookup(const char *name, int *ok) {
    static const struct { const char *n; long v; } vars[] = {{"x", 7}, {"y", -3}, {"zero", 0}, {"big", 1000}};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) if (strcmp(vars[i].n, name) == 0) return vars[i].v;
    *ok = 0;
    return 0;
}

static long parse_expr(struct lexer *lx);

static long parse_primary(struct lexer *lx) {
    if (lx->kind == NUM) { long v = lx->value; next_token(lx); return v; }
    if (lx->kind == IDENT) { int ok = 1; long v = lookup(lx->name, &ok); if (!ok) lx->error = 2; next_token(lx); return v; }
    if (lx->kind == LP) {
        next_token(lx);
        long v = parse_expr(lx);
        if (lx->kind != RP) lx->error = 3; else next_token(lx);
        return v;
    }
    if (lx->kind == OP && lx->op == '-') { next_token(lx); return -parse_primary(lx); }
    lx->error = 1;
    return 0;
}
static long ipow(long b, long e) { long r = 1; while (e-- > 0) r *= b; return r; }
static long parse_power(struct lexer *lx) {
    long base = parse_primary(lx);
    if (lx->kind == OP && lx->op == '^') { next_token(lx); long e = parse_power(lx); return e < 0 || e > 20 ? 0 : ipow(base, e); }
    return base;
}
static long parse_term(struct lexer *lx) {
    long v = parse_power(lx);
    while (lx->kind == OP && (lx->op == '*' || lx->op == '/' || lx->op == '%')) {
        char op = lx->op;
        next_token(lx);
        long r = parse_power(lx);
        if (op == '*') v *= r;
        else if (r == 0) { lx->error = 4; v = 0; }
        else v = op == '/' ? v / r : v % r;
    }
    return v;
}
static long parse_expr(struct lexer *lx) {
    long v = parse_term(lx);
    while (lx->kind == OP && (lx->op == '+' || lx->op == '-')) {
        char op = lx->op;
        next_token(lx);
        long r = parse_term(lx);
        v = op == '+' ? v + r : v - r;
    }
    return v;
}
static int evaluate(const char *src, long *out) {
    struct lexer lx = {src, 0, END, 0, 0, "", 0};
    next_token(&lx);
    *out = parse_expr(&lx);
    if (!lx.error && lx.kind != END) lx.error = 5;
    return lx.error;
}

int main(void) {
    const char *tests[] = {"1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "x * y - big / 10", "-(x + 4) % 5",
                           "((((42))))", "10 / zero", "3 + * 4", "unknown + 1", "(1 + 2", "7 7", "2^10 - 24*(x+y)",
                           "100 - 99 - 1", "17 % 5 * 3 + -2"};
    int errors = 0;
    long sum = 0;
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        long v;
        int err = evaluate(tests[i], &v);
        if (err) { errors++; printf("%-20s => error %d\n", tests[i], err); }
        else { sum += v; printf("%-20s => %ld\n", tests[i], v); }
    }
    printf("errors=%d sum=%ld\n", errors, sum);
    return errors;
}
