/*
 * A realistic program that never switches: an expression interpreter. It generates random
 * programs of assignments (a PRNG, so every run is the same), tokenizes and parses them by
 * recursive descent into an arena-allocated tree, keeps variables in an open-addressing hash
 * table, and evaluates the statements many times. Usage: calc [ROUNDS]; prints
 * `R time calc <seconds>` and a checksum.
 */
#include "bench.h"
#include <stdint.h>

/* ---- random numbers ---- */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint32_t rng(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 11);
}

/* ---- source generation ---- */
typedef struct { char *text; size_t len, cap; } buffer;

static void put(buffer *b, const char *s) {
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->text = realloc(b->text, b->cap);
    }
    memcpy(b->text + b->len, s, n + 1);
    b->len += n;
}

static void put_variable(buffer *b, unsigned v) {
    char name[16];
    snprintf(name, sizeof name, "v%u", v);
    put(b, name);
}

static void gen_expr(buffer *b, int depth, unsigned variables) {
    unsigned pick = rng() % (depth > 0 ? 10 : 3);
    char num[24];
    switch (pick) {
    case 0:
        snprintf(num, sizeof num, "%u", rng() % 1000);
        put(b, num);
        break;
    case 1: case 2:
        put_variable(b, rng() % variables);
        break;
    case 3:
        put(b, "-");
        gen_expr(b, depth - 1, variables);
        break;
    case 4:
        put(b, "(");
        gen_expr(b, depth - 1, variables);
        put(b, ")");
        break;
    case 5:
        put(b, rng() % 2 ? "min(" : "max(");
        gen_expr(b, depth - 1, variables);
        put(b, ", ");
        gen_expr(b, depth - 1, variables);
        put(b, ")");
        break;
    default: {
        static const char *ops[] = {" + ", " - ", " * ", " / ", " % ", " < ", " == "};
        gen_expr(b, depth - 1, variables);
        put(b, ops[rng() % 7]);
        gen_expr(b, depth - 1, variables);
        break;
    }
    }
}

static char *generate(int statements, unsigned variables) {
    buffer b = {0};
    put(&b, "");
    for (int i = 0; i < statements; i++) {
        put_variable(&b, rng() % variables);
        put(&b, " = ");
        gen_expr(&b, 6, variables);
        put(&b, ";\n");
    }
    return b.text;
}

/* ---- tokens ---- */
enum token { T_END, T_NUM, T_NAME, T_OP, T_LPAREN, T_RPAREN, T_COMMA, T_SEMI, T_ASSIGN };

typedef struct {
    const char *p;
    enum token kind;
    long number;
    const char *name;
    int name_len;
    char op;
} lexer;

static int is_space(char c) { return c == ' ' || c == '\n' || c == '\t'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }

static void next(lexer *lx) {
    while (is_space(*lx->p))
        lx->p++;
    char c = *lx->p;
    if (!c) {
        lx->kind = T_END;
    } else if (is_digit(c)) {
        long v = 0;
        while (is_digit(*lx->p))
            v = v * 10 + (*lx->p++ - '0');
        lx->kind = T_NUM;
        lx->number = v;
    } else if (is_alpha(c)) {
        lx->name = lx->p;
        while (is_alpha(*lx->p) || is_digit(*lx->p))
            lx->p++;
        lx->name_len = (int)(lx->p - lx->name);
        lx->kind = T_NAME;
    } else if (c == '=' && lx->p[1] == '=') {
        lx->p += 2;
        lx->kind = T_OP;
        lx->op = 'e';
    } else {
        lx->p++;
        switch (c) {
        case '(': lx->kind = T_LPAREN; break;
        case ')': lx->kind = T_RPAREN; break;
        case ',': lx->kind = T_COMMA; break;
        case ';': lx->kind = T_SEMI; break;
        case '=': lx->kind = T_ASSIGN; break;
        default: lx->kind = T_OP; lx->op = c; break;
        }
    }
}

/* ---- variables: open addressing, FNV-1a ---- */
#define TABLE_SIZE 1024
typedef struct { char name[16]; long value; int used; } slot;
static slot table[TABLE_SIZE];

static unsigned hash(const char *s, int n) {
    unsigned h = 2166136261u;
    for (int i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static slot *lookup(const char *s, int n) {
    unsigned i = hash(s, n) & (TABLE_SIZE - 1);
    for (;;) {
        slot *e = &table[i];
        if (!e->used) {
            e->used = 1;
            memcpy(e->name, s, (size_t)n);
            e->name[n] = 0;
            return e;
        }
        if ((int)strlen(e->name) == n && memcmp(e->name, s, (size_t)n) == 0)
            return e;
        i = (i + 1) & (TABLE_SIZE - 1);
    }
}

/* ---- syntax tree ---- */
enum kind { N_NUM, N_VAR, N_NEG, N_BIN, N_MIN, N_MAX };
typedef struct node {
    enum kind kind;
    char op;
    long number;
    slot *var;
    struct node *left, *right;
} node;

typedef struct { node *nodes; size_t used, cap; } arena;
static arena tree;

static node *new_node(enum kind kind) {
    if (tree.used == tree.cap) {
        fprintf(stderr, "calc: arena full\n");
        exit(1);
    }
    node *n = &tree.nodes[tree.used++];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    return n;
}

static node *parse_expr(lexer *lx);

static node *parse_primary(lexer *lx) {
    node *n;
    if (lx->kind == T_NUM) {
        n = new_node(N_NUM);
        n->number = lx->number;
        next(lx);
    } else if (lx->kind == T_NAME && lx->p[0] == '(') {
        n = new_node(lx->name[1] == 'i' ? N_MIN : N_MAX);
        next(lx);
        next(lx);
        n->left = parse_expr(lx);
        next(lx);  /* , */
        n->right = parse_expr(lx);
        next(lx);  /* ) */
    } else if (lx->kind == T_NAME) {
        n = new_node(N_VAR);
        n->var = lookup(lx->name, lx->name_len);
        next(lx);
    } else if (lx->kind == T_LPAREN) {
        next(lx);
        n = parse_expr(lx);
        next(lx);  /* ) */
    } else {       /* unary minus */
        next(lx);
        n = new_node(N_NEG);
        n->left = parse_primary(lx);
    }
    return n;
}

static int precedence(char op) {
    switch (op) {
    case '*': case '/': case '%': return 3;
    case '+': case '-': return 2;
    default: return 1;  /* < and == */
    }
}

/* Precedence climbing. */
static node *parse_binary(lexer *lx, int min_prec) {
    node *left = parse_primary(lx);
    while (lx->kind == T_OP && precedence(lx->op) >= min_prec) {
        char op = lx->op;
        next(lx);
        node *right = parse_binary(lx, precedence(op) + 1);
        node *n = new_node(N_BIN);
        n->op = op;
        n->left = left;
        n->right = right;
        left = n;
    }
    return left;
}

static node *parse_expr(lexer *lx) { return parse_binary(lx, 1); }

typedef struct { slot *target; node *value; } statement;

static int parse_program(const char *text, statement *out, int max) {
    lexer lx = {.p = text};
    int n = 0;
    next(&lx);
    while (lx.kind == T_NAME && n < max) {
        out[n].target = lookup(lx.name, lx.name_len);
        next(&lx);
        next(&lx);  /* = */
        out[n].value = parse_expr(&lx);
        next(&lx);  /* ; */
        n++;
    }
    return n;
}

/* ---- evaluation ---- */
static long eval(const node *n) {
    switch (n->kind) {
    case N_NUM: return n->number;
    case N_VAR: return n->var->value;
    case N_NEG: return -eval(n->left);
    case N_MIN: { long a = eval(n->left), b = eval(n->right); return a < b ? a : b; }
    case N_MAX: { long a = eval(n->left), b = eval(n->right); return a > b ? a : b; }
    case N_BIN: break;
    }
    long a = eval(n->left), b = eval(n->right);
    switch (n->op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return (a * b) % 1000003;
    case '/': return b ? a / b : 0;
    case '%': return b ? a % b : 0;
    case '<': return a < b;
    default: return a == b;
    }
}

static long run(statement *program, int count) {
    long checksum = 0;
    for (int i = 0; i < count; i++) {
        long v = eval(program[i].value);
        program[i].target->value = v % 100000;
        checksum = checksum * 31 + v;
    }
    return checksum;
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 400;
    enum { STATEMENTS = 2000, VARIABLES = 200 };
    tree.cap = 1 << 20;
    tree.nodes = malloc(tree.cap * sizeof(node));
    statement *program = malloc(STATEMENTS * sizeof *program);
    long checksum = 0;
    double t0 = bench_now();
    for (int r = 0; r < rounds; r++) {
        if (r % 50 == 0) {  /* a fresh program now and then: the front end counts too */
            char *text = generate(STATEMENTS, VARIABLES);
            tree.used = 0;
            memset(table, 0, sizeof table);
            int n = parse_program(text, program, STATEMENTS);
            free(text);
            if (n != STATEMENTS) {
                fprintf(stderr, "calc: parsed %d statements\n", n);
                return 1;
            }
        }
        checksum ^= run(program, STATEMENTS);
    }
    double t = bench_now() - t0;
    bench_result("time", "calc", t);
    printf("checksum %ld (%d rounds)\n", checksum, rounds);
    return 0;
}
