/* enums as parameters, returns, switch subjects, array indices and loop variables. */
#include <stdio.h>

enum token { T_NUM, T_PLUS, T_MINUS, T_STAR, T_LPAREN, T_RPAREN, T_END, T_COUNT };
enum state { S_START = 10, S_NUMBER = 20, S_OP = 30, S_DONE = 40, S_ERROR = -1 };
enum flags { F_NONE = 0, F_A = 1 << 0, F_B = 1 << 1, F_C = 1 << 2, F_ALL = F_A | F_B | F_C };

static enum token classify(char c) {
    switch (c) {
    case '+': return T_PLUS;
    case '-': return T_MINUS;
    case '*': return T_STAR;
    case '(': return T_LPAREN;
    case ')': return T_RPAREN;
    case '\0': return T_END;
    default: return T_NUM;
    }
}

static enum state transition(enum state s, enum token t) {
    if (s == S_ERROR || s == S_DONE) return s;
    if (t == T_END) return s == S_NUMBER ? S_DONE : S_ERROR;
    if (t == T_NUM) return S_NUMBER;
    if (t == T_LPAREN || t == T_RPAREN) return s;
    return s == S_NUMBER ? S_OP : S_ERROR;
}

static const char *state_name(enum state s) {
    switch (s) {
    case S_START: return "start";
    case S_NUMBER: return "number";
    case S_OP: return "op";
    case S_DONE: return "done";
    case S_ERROR: return "error";
    }
    return "?";
}

static enum flags set_flag(enum flags f, enum flags bit) { return (enum flags)(f | bit); }
static int has(enum flags f, enum flags bit) { return (f & bit) != 0; }

static enum state run(const char *s) {
    enum state st = S_START;
    for (;; s++) {
        st = transition(st, classify(*s));
        if (!*s) break;
    }
    return st;
}

int main(void) {
    int hist[T_COUNT] = {0};
    const char *inputs[] = {"1+2", "3*(4-5)", "+1", "12", "1+", "(7)", ""};
    for (int i = 0; i < 7; i++) {
        for (const char *p = inputs[i]; *p; p++) hist[classify(*p)]++;
        printf("%-8s -> %s\n", inputs[i], state_name(run(inputs[i])));
    }
    for (enum token t = T_NUM; t < T_COUNT; t++) printf("hist[%d]=%d\n", (int)t, hist[t]);
    enum flags f = F_NONE;
    f = set_flag(f, F_A);
    f = set_flag(f, F_C);
    printf("flags=%d hasA=%d hasB=%d hasC=%d all=%d\n", (int)f, has(f, F_A), has(f, F_B), has(f, F_C),
           set_flag(f, F_B) == F_ALL);
    printf("state values %d %d %d\n", (int)S_START, (int)S_ERROR, (int)transition(S_OP, T_STAR));
    return (int)run("1+2*3") / 10;
}
