/* An #include inside a function body (an opcode table or a generated switch, as interpreters
   do), an X-macro expanded inside a function, and macros defined by the included file. */
#include <stdio.h>

static int trace_count;
static int traced(int v) { trace_count++; return v; }

static int run(const int *code, int n) {
    int acc = 0;
    for (int pc = 0; pc < n; pc++) {
        switch (code[pc]) {
#include "ops.inc"
        default:
            return -1;
        }
    }
    return acc;
}

#define COLORS(X) X(red, 1) X(green, 2) X(blue, 4)
static int weight(const char *name) {
#define AS_CASE(n, w) if (name[0] == #n[0]) return traced(w);
    COLORS(AS_CASE)
#undef AS_CASE
    return traced(0);
}

int main(void) {
    int program[] = {OP_PUSH1, OP_PUSH1, OP_ADD, OP_DOUBLE, OP_DOUBLE};
    printf("%d\n", run(program, 5));
    printf("%d %d %d %d\n", weight("red"), weight("green"), weight("blue"), weight("x"));
    printf("traced %d, last op %d\n", trace_count, OP_LAST);
    return 0;
}
