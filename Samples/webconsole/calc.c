/*
 * calc.c: the calculator of calc.h. A line is parsed into a small tree, then evaluated. Errors
 * travel as a flag in the interpreter (checked after each step) rather than with longjmp, which
 * would not cross resumable frames; the evaluator counts steps so that a runaway line can yield
 * to others (io->yield) and be stopped (step budget), and user calls are depth-limited.
 */
#define _POSIX_C_SOURCE 200809L   /* strdup */
#include "calc.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NAME 31
#define MAX_PARAMS 8
#define MAX_VARS 100
#define MAX_FUNCS 50
#define MAX_NESTING 64          /* parentheses and operators nested in one line */

typedef enum { N_NUM, N_VAR, N_PARAM, N_NEG, N_BIN, N_CALL, N_BUILTIN } node_kind;

typedef struct node {
    node_kind kind;
    int op;                     /* N_BIN: the operator token; N_BUILTIN: the built-in's index */
    int nargs;
    double num;
    char *name;                 /* N_VAR, N_CALL */
    int param;                  /* N_PARAM: index in the enclosing function's parameters */
    struct node *args[MAX_PARAMS];   /* N_NEG, N_BIN: args[0..1]; calls: the arguments */
} node;

typedef struct var {
    char name[MAX_NAME + 1];
    double value;
} var;

typedef struct func {
    char name[MAX_NAME + 1];
    int nparams;
    char params[MAX_PARAMS][MAX_NAME + 1];
    node *body;
} func;

enum { OK, ERR_USER, ERR_STOP };

typedef struct calc {
    const calc_io *io;
    var *vars;
    int nvars, cap_vars;
    func *funcs;
    int nfuncs, cap_funcs;
    /* Arguments of the user calls in progress; sized for max_depth on the first call. */
    double *stack;
    size_t sp, stack_cap;
    long steps, budget, yield_every;
    int depth, max_depth;
    int err;
    /* Parser state for the current line. */
    const char *src, *p;
    int tok;                    /* the current token: one of T_* or an operator character */
    double tok_num;
    char tok_name[MAX_NAME + 1];
    const char *tok_start;
    int nesting;
    const func *defining;       /* the function whose body is parsed (its names are params) */
    /* The variable a line assigns. A local array in run_line, which may suspend, would live on
     * the tasklet's shadow stack, whose first chunk (4 KiB) would then stay with every idle
     * console. */
    char assign_name[MAX_NAME + 1];
} calc;

enum { T_END = 256, T_NUM, T_NAME, T_EQ, T_NE, T_LE, T_GE, T_BAD };

/* ---- output ---- */

static void out(calc *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out(calc *c, const char *fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    c->io->print(c->io->ctx, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* Records the first error of the line and prints it. */
static void fail(calc *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(calc *c, const char *fmt, ...) {
    if (c->err)
        return;
    c->err = ERR_USER;
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    out(c, "error: %s\n", buf);
}

static void format_number(double v, char *buf, size_t cap) {
    if (isnan(v))
        snprintf(buf, cap, "nan");
    else if (isinf(v))
        snprintf(buf, cap, v > 0 ? "inf" : "-inf");
    else
        snprintf(buf, cap, "%.15g", v == 0 ? 0.0 : v);   /* no "-0" */
}

/* ---- names ---- */

static const struct builtin {
    const char *name;
    int arity;
    double (*fn1)(double);
    double (*fn2)(double, double);
} builtins[] = {
    {"if", 3, NULL, NULL},      /* evaluated lazily by eval */
    {"sqrt", 1, sqrt, NULL},   {"abs", 1, fabs, NULL},   {"floor", 1, floor, NULL},
    {"ceil", 1, ceil, NULL},   {"round", 1, round, NULL}, {"exp", 1, exp, NULL},
    {"ln", 1, log, NULL},      {"sin", 1, sin, NULL},    {"cos", 1, cos, NULL},
    {"tan", 1, tan, NULL},     {"min", 2, NULL, fmin},   {"max", 2, NULL, fmax},
};
#define NBUILTINS ((int)(sizeof builtins / sizeof builtins[0]))

static int find_builtin(const char *name) {
    for (int i = 0; i < NBUILTINS; i++)
        if (strcmp(builtins[i].name, name) == 0)
            return i;
    return -1;
}

static var *find_var(calc *c, const char *name) {
    for (int i = 0; i < c->nvars; i++)
        if (strcmp(c->vars[i].name, name) == 0)
            return &c->vars[i];
    return NULL;
}

static func *find_func(calc *c, const char *name) {
    for (int i = 0; i < c->nfuncs; i++)
        if (strcmp(c->funcs[i].name, name) == 0)
            return &c->funcs[i];
    return NULL;
}

static int set_var(calc *c, const char *name, double value) {
    var *v = find_var(c, name);
    if (!v) {
        if (c->nvars == MAX_VARS) {
            fail(c, "too many variables (at most %d)", MAX_VARS);
            return -1;
        }
        if (c->nvars == c->cap_vars) {
            int cap = c->cap_vars ? c->cap_vars * 2 : 4;
            var *vars = realloc(c->vars, (size_t)cap * sizeof *vars);
            if (!vars) {
                fail(c, "out of memory");
                return -1;
            }
            c->vars = vars;
            c->cap_vars = cap;
        }
        v = &c->vars[c->nvars++];
        snprintf(v->name, sizeof v->name, "%s", name);
    }
    v->value = value;
    return 0;
}

/* ---- trees ---- */

static void free_node(node *n) {
    if (!n)
        return;
    for (int i = 0; i < MAX_PARAMS; i++)
        free_node(n->args[i]);
    free(n->name);
    free(n);
}

static node *new_node(calc *c, node_kind kind) {
    node *n = calloc(1, sizeof *n);
    if (!n)
        fail(c, "out of memory");
    else
        n->kind = kind;
    return n;
}

/* ---- lexer ---- */

static void next(calc *c) {
    while (*c->p == ' ' || *c->p == '\t')
        c->p++;
    c->tok_start = c->p;
    char ch = *c->p;
    if (ch == '\0') {
        c->tok = T_END;
    } else if (isdigit((unsigned char)ch) || (ch == '.' && isdigit((unsigned char)c->p[1]))) {
        char *end;
        c->tok_num = strtod(c->p, &end);
        c->p = end;
        c->tok = T_NUM;
    } else if (isalpha((unsigned char)ch) || ch == '_') {
        size_t n = 0;
        while (isalnum((unsigned char)c->p[n]) || c->p[n] == '_')
            n++;
        if (n > MAX_NAME) {
            fail(c, "name too long (at most %d characters) at column %d", MAX_NAME,
                 (int)(c->p - c->src) + 1);
            c->tok = T_BAD;
            return;
        }
        memcpy(c->tok_name, c->p, n);
        c->tok_name[n] = '\0';
        c->p += n;
        c->tok = T_NAME;
    } else {
        static const struct { char a, b; int tok; } two[] = {
            {'=', '=', T_EQ}, {'!', '=', T_NE}, {'<', '=', T_LE}, {'>', '=', T_GE}};
        for (size_t i = 0; i < sizeof two / sizeof two[0]; i++)
            if (ch == two[i].a && c->p[1] == two[i].b) {
                c->p += 2;
                c->tok = two[i].tok;
                return;
            }
        if (strchr("+-*/%^()<>=,", ch)) {
            c->p++;
            c->tok = ch;
        } else {
            c->tok = T_BAD;
        }
    }
}

static void syntax_error(calc *c, const char *what) {
    int col = (int)(c->tok_start - c->src) + 1;
    if (c->tok == T_END)
        fail(c, "syntax: %s at end of line", what);
    else if (c->tok == T_BAD && (unsigned char)*c->tok_start >= 0x20 &&
             (unsigned char)*c->tok_start < 0x7f)
        fail(c, "syntax: unexpected '%c' at column %d", *c->tok_start, col);
    else
        fail(c, "syntax: %s at column %d", what, col);
}

static int expect(calc *c, int tok, const char *what) {
    if (c->tok != tok) {
        syntax_error(c, what);
        return -1;
    }
    next(c);
    return 0;
}

/* ---- parser: comparison < additive < multiplicative < unary minus < power < primary ---- */

static node *parse_expr(calc *c);

static node *parse_call(calc *c, const char *name) {
    node *args[MAX_PARAMS] = {0};
    int nargs = 0;
    next(c);   /* '(' */
    if (c->tok != ')') {
        for (;;) {
            if (nargs == MAX_PARAMS) {
                fail(c, "too many arguments (at most %d)", MAX_PARAMS);
                goto bad;
            }
            args[nargs] = parse_expr(c);
            if (!args[nargs++])
                goto bad;
            if (c->tok != ',')
                break;
            next(c);
        }
    }
    if (expect(c, ')', "expected ')' or ','") != 0)
        goto bad;
    int b = find_builtin(name);
    if (b >= 0 && builtins[b].arity != nargs) {
        fail(c, "%s takes %d argument%s, not %d", name, builtins[b].arity,
             builtins[b].arity == 1 ? "" : "s", nargs);
        goto bad;
    }
    node *n = new_node(c, b >= 0 ? N_BUILTIN : N_CALL);
    if (!n)
        goto bad;
    n->op = b;
    n->nargs = nargs;
    memcpy(n->args, args, sizeof args);
    if (b < 0 && !(n->name = strdup(name))) {
        free_node(n);
        fail(c, "out of memory");
        return NULL;
    }
    return n;
bad:
    for (int i = 0; i < nargs; i++)
        free_node(args[i]);
    return NULL;
}

static node *parse_unary(calc *c);

static node *parse_primary(calc *c) {
    if (++c->nesting > MAX_NESTING) {
        fail(c, "expression nested too deeply (at most %d levels)", MAX_NESTING);
        return NULL;
    }
    node *n = NULL;
    if (c->tok == T_NUM) {
        if ((n = new_node(c, N_NUM)))
            n->num = c->tok_num;
        next(c);
    } else if (c->tok == T_NAME) {
        char name[MAX_NAME + 1];
        memcpy(name, c->tok_name, sizeof name);
        next(c);
        if (c->tok == '(') {
            n = parse_call(c, name);
        } else {
            int param = -1;
            for (int i = 0; c->defining && i < c->defining->nparams; i++)
                if (strcmp(c->defining->params[i], name) == 0)
                    param = i;
            if (param >= 0) {
                if ((n = new_node(c, N_PARAM)))
                    n->param = param;
            } else if ((n = new_node(c, N_VAR)) && !(n->name = strdup(name))) {
                fail(c, "out of memory");
                free_node(n);
                n = NULL;
            }
        }
    } else if (c->tok == '(') {
        next(c);
        n = parse_expr(c);
        if (n && expect(c, ')', "expected ')'") != 0) {
            free_node(n);
            n = NULL;
        }
    } else {
        syntax_error(c, "expected a number, a name or '('");
    }
    c->nesting--;
    return n;
}

static node *binary(calc *c, int op, node *a, node *b) {
    if (!a || !b) {
        free_node(a);
        free_node(b);
        return NULL;
    }
    node *n = new_node(c, N_BIN);
    if (!n) {
        free_node(a);
        free_node(b);
        return NULL;
    }
    n->op = op;
    n->args[0] = a;
    n->args[1] = b;
    return n;
}

static node *parse_power(calc *c) {
    node *base = parse_primary(c);
    if (!base || c->tok != '^')
        return base;
    next(c);
    return binary(c, '^', base, parse_unary(c));   /* right-associative: 2^3^2 = 2^9 */
}

static node *parse_unary(calc *c) {
    if (c->tok == '-' || c->tok == '+') {
        int neg = c->tok == '-';
        next(c);
        if (++c->nesting > MAX_NESTING) {
            fail(c, "expression nested too deeply (at most %d levels)", MAX_NESTING);
            return NULL;
        }
        node *a = parse_unary(c);
        c->nesting--;
        if (!a || !neg)
            return a;
        node *n = new_node(c, N_NEG);
        if (!n) {
            free_node(a);
            return NULL;
        }
        n->args[0] = a;
        return n;
    }
    return parse_power(c);   /* -2^2 = -(2^2) */
}

static node *parse_term(calc *c) {
    node *n = parse_unary(c);
    while (n && (c->tok == '*' || c->tok == '/' || c->tok == '%')) {
        int op = c->tok;
        next(c);
        n = binary(c, op, n, parse_unary(c));
    }
    return n;
}

static node *parse_sum(calc *c) {
    node *n = parse_term(c);
    while (n && (c->tok == '+' || c->tok == '-')) {
        int op = c->tok;
        next(c);
        n = binary(c, op, n, parse_term(c));
    }
    return n;
}

static node *parse_expr(calc *c) {
    node *n = parse_sum(c);
    while (n && (c->tok == T_EQ || c->tok == T_NE || c->tok == '<' || c->tok == T_LE ||
                 c->tok == '>' || c->tok == T_GE)) {
        int op = c->tok;
        next(c);
        n = binary(c, op, n, parse_sum(c));
    }
    return n;
}

/* ---- evaluation ---- */

static double eval(calc *c, const node *n, size_t frame) {
    if (c->err)
        return 0;
    if (++c->steps > c->budget) {
        fail(c, "stopped: the line took more than %ld evaluation steps", c->budget);
        return 0;
    }
    /* A long computation lets the other consoles run now and then. */
    if (c->io->yield && c->steps % c->yield_every == 0 && c->io->yield(c->io->ctx) != 0) {
        c->err = ERR_STOP;
        return 0;
    }
    switch (n->kind) {
    case N_NUM:
        return n->num;
    case N_PARAM:
        return c->stack[frame + (size_t)n->param];
    case N_VAR: {
        var *v = find_var(c, n->name);
        if (!v) {
            fail(c, "unknown name '%s'", n->name);
            return 0;
        }
        return v->value;
    }
    case N_NEG:
        return -eval(c, n->args[0], frame);
    case N_BIN: {
        double a = eval(c, n->args[0], frame);
        double b = eval(c, n->args[1], frame);
        if (c->err)
            return 0;
        switch (n->op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/':
            if (b == 0) {
                fail(c, "division by zero");
                return 0;
            }
            return a / b;
        case '%':
            if (b == 0) {
                fail(c, "division by zero");
                return 0;
            }
            return fmod(a, b);
        case '^': return pow(a, b);
        case T_EQ: return a == b;
        case T_NE: return a != b;
        case '<': return a < b;
        case T_LE: return a <= b;
        case '>': return a > b;
        case T_GE: return a >= b;
        }
        return 0;
    }
    case N_BUILTIN: {
        const struct builtin *b = &builtins[n->op];
        if (!b->fn1 && !b->fn2) {   /* if(c, a, b): only the branch taken is evaluated */
            double cond = eval(c, n->args[0], frame);
            if (c->err)
                return 0;
            return eval(c, n->args[cond != 0 ? 1 : 2], frame);
        }
        double x = eval(c, n->args[0], frame);
        if (b->fn1)
            return c->err ? 0 : b->fn1(x);
        double y = eval(c, n->args[1], frame);
        return c->err ? 0 : b->fn2(x, y);
    }
    case N_CALL: {
        func *f = find_func(c, n->name);
        if (!f) {
            fail(c, "unknown function '%s'", n->name);
            return 0;
        }
        if (f->nparams != n->nargs) {
            fail(c, "%s takes %d argument%s, not %d", f->name, f->nparams,
                 f->nparams == 1 ? "" : "s", n->nargs);
            return 0;
        }
        /* Calls pending in arguments hold slots too, so the stack is bounded as well. */
        if (c->depth >= c->max_depth ||
            c->sp + (size_t)f->nparams > (size_t)(c->max_depth + 1) * MAX_PARAMS) {
            fail(c, "recursion too deep (more than %d nested calls)", c->max_depth);
            return 0;
        }
        if (c->sp + (size_t)f->nparams > c->stack_cap) {
            /* Grown on demand and freed after each line, so an idle console holds none. */
            size_t cap = c->stack_cap ? c->stack_cap * 2 : 64;
            double *stack = realloc(c->stack, cap * sizeof *stack);
            if (!stack) {
                fail(c, "out of memory");
                return 0;
            }
            c->stack = stack;
            c->stack_cap = cap;
        }
        /* The slots are reserved before the arguments are evaluated, so nested calls in them
         * go above; indices, not pointers, are kept across evaluation (realloc moves it). */
        size_t base = c->sp;
        c->sp += (size_t)f->nparams;
        for (int i = 0; i < n->nargs; i++) {
            double v = eval(c, n->args[i], frame);
            c->stack[base + (size_t)i] = v;
        }
        double r = 0;
        if (!c->err) {
            c->depth++;
            r = eval(c, f->body, base);
            c->depth--;
        }
        c->sp = base;
        return r;
    }
    }
    return 0;
}

/* ---- statements ---- */

static void print_value(calc *c, double v) {
    char buf[64];
    format_number(v, buf, sizeof buf);
    out(c, "%s\n", buf);
}

static void define(calc *c) {
    next(c);   /* "def" */
    if (c->tok != T_NAME) {
        syntax_error(c, "expected a function name after 'def'");
        return;
    }
    func f;
    memset(&f, 0, sizeof f);
    memcpy(f.name, c->tok_name, sizeof f.name);
    if (find_builtin(f.name) >= 0) {
        fail(c, "'%s' is a built-in function", f.name);
        return;
    }
    next(c);
    if (expect(c, '(', "expected '(' after the function name") != 0)
        return;
    if (c->tok != ')') {
        for (;;) {
            if (c->tok != T_NAME) {
                syntax_error(c, "expected a parameter name");
                return;
            }
            if (f.nparams == MAX_PARAMS) {
                fail(c, "too many parameters (at most %d)", MAX_PARAMS);
                return;
            }
            for (int i = 0; i < f.nparams; i++)
                if (strcmp(f.params[i], c->tok_name) == 0) {
                    fail(c, "parameter '%s' appears twice", c->tok_name);
                    return;
                }
            memcpy(f.params[f.nparams++], c->tok_name, MAX_NAME + 1);
            next(c);
            if (c->tok != ',')
                break;
            next(c);
        }
    }
    if (expect(c, ')', "expected ')' or ','") != 0 || expect(c, '=', "expected '='") != 0)
        return;
    c->defining = &f;
    node *body = parse_expr(c);
    c->defining = NULL;
    if (body && c->tok != T_END)
        syntax_error(c, "unexpected text after the expression");
    if (c->err) {
        free_node(body);
        return;
    }
    func *old = find_func(c, f.name);
    if (!old) {
        if (c->nfuncs == MAX_FUNCS) {
            free_node(body);
            fail(c, "too many functions (at most %d)", MAX_FUNCS);
            return;
        }
        if (c->nfuncs == c->cap_funcs) {
            int cap = c->cap_funcs ? c->cap_funcs * 2 : 1;   /* a func is 300 bytes */
            func *funcs = realloc(c->funcs, (size_t)cap * sizeof *funcs);
            if (!funcs) {
                free_node(body);
                fail(c, "out of memory");
                return;
            }
            c->funcs = funcs;
            c->cap_funcs = cap;
        }
        old = &c->funcs[c->nfuncs++];
    } else {
        free_node(old->body);
    }
    f.body = body;
    *old = f;
    char sig[MAX_PARAMS * (MAX_NAME + 2) + 1] = "";
    for (int i = 0; i < f.nparams; i++) {
        if (i)
            strcat(sig, ", ");
        strcat(sig, f.params[i]);
    }
    out(c, "defined %s(%s)\n", f.name, sig);
}

static const char help_text[] =
    "  x = 3                  assign a variable\n"
    "  def f(a, b) = a*b + 1  define a function (recursion allowed)\n"
    "  f(x, 2)                evaluate: + - * / % ^ ( ), == != < <= > >=, unary minus\n"
    "  if(c, a, b)            a when c is not 0, else b (only one is evaluated)\n"
    "  sqrt abs floor ceil round exp ln sin cos tan min max; pi, e; _ is the last result\n"
    "  vars, funcs, help, quit\n";

/* Runs one line; returns 1 when the session should end. */
static int run_line(calc *c, const char *line) {
    c->src = c->p = line;
    c->err = OK;
    c->steps = 0;
    c->nesting = 0;
    c->sp = 0;
    c->depth = 0;
    next(c);
    if (c->tok == T_END)
        return 0;
    if (c->tok == T_NAME) {
        /* Commands and statements are recognised by their first one or two tokens. */
        const char *after = c->p;
        while (*after == ' ' || *after == '\t')
            after++;
        int alone = *after == '\0';
        if (alone && strcmp(c->tok_name, "quit") == 0) {
            out(c, "bye\n");
            return 1;
        }
        if (alone && strcmp(c->tok_name, "help") == 0) {
            c->io->print(c->io->ctx, help_text, sizeof help_text - 1);
            return 0;
        }
        if (alone && strcmp(c->tok_name, "vars") == 0) {
            char buf[64];
            for (int i = 0; i < c->nvars; i++) {
                format_number(c->vars[i].value, buf, sizeof buf);
                out(c, "%s = %s\n", c->vars[i].name, buf);
            }
            return 0;
        }
        if (alone && strcmp(c->tok_name, "funcs") == 0) {
            for (int i = 0; i < c->nfuncs; i++) {
                out(c, "%s(", c->funcs[i].name);
                for (int j = 0; j < c->funcs[i].nparams; j++)
                    out(c, "%s%s", j ? ", " : "", c->funcs[i].params[j]);
                out(c, ")\n");
            }
            return 0;
        }
        if (strcmp(c->tok_name, "def") == 0 && *after != '=' && *after != '(') {
            define(c);
            return c->err == ERR_STOP;
        }
        if (*after == '=' && after[1] != '=') {   /* name = expr */
            char *name = c->assign_name;   /* not a local array: see calc struct */
            memcpy(name, c->tok_name, sizeof c->assign_name);
            next(c);
            next(c);
            node *e = parse_expr(c);
            if (e && c->tok != T_END)
                syntax_error(c, "unexpected text after the expression");
            double v = e && !c->err ? eval(c, e, 0) : 0;
            free_node(e);
            if (!c->err)
                set_var(c, name, v);
            return c->err == ERR_STOP;
        }
    }
    node *e = parse_expr(c);
    if (e && c->tok != T_END)
        syntax_error(c, "unexpected text after the expression");
    double v = e && !c->err ? eval(c, e, 0) : 0;
    free_node(e);
    if (!c->err) {
        print_value(c, v);
        set_var(c, "_", v);
    }
    return c->err == ERR_STOP;
}

void calc_run(const calc_io *io) {
    calc *c = calloc(1, sizeof *c);
    if (!c) {
        io->print(io->ctx, "error: out of memory\n", 21);
        return;
    }
    c->io = io;
    c->budget = io->step_budget > 0 ? io->step_budget : 2000000;
    c->yield_every = io->yield_every > 0 ? io->yield_every : 1000;
    c->max_depth = io->max_depth > 0 ? io->max_depth : 200;
    set_var(c, "pi", 3.14159265358979323846);
    set_var(c, "e", 2.71828182845904523536);
    out(c, "calc: numbers, variables and functions; type help\n");
    for (;;) {
        const char *line = io->read_line(io->ctx);
        if (!line)
            break;
        if (strlen(line) > CALC_MAX_LINE) {
            out(c, "error: line too long (at most %d bytes)\n", CALC_MAX_LINE);
            continue;
        }
        int stop = run_line(c, line);
        free(c->stack);
        c->stack = NULL;
        c->stack_cap = 0;
        if (stop)
            break;
    }
    for (int i = 0; i < c->nfuncs; i++)
        free_node(c->funcs[i].body);
    free(c->funcs);
    free(c->vars);
    free(c->stack);
    free(c);
}
