/* functions returning function pointers, called immediately and stored. */
#include <stdio.h>

typedef int (*binop)(int, int);
typedef binop (*selector)(char);

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
static int quo(int a, int b) { return b ? a / b : 0; }
static int first(int a, int b) { (void)b; return a; }

static binop lookup(char op) {
    switch (op) {
    case '+': return add;
    case '-': return sub;
    case '*': return mul;
    case '/': return quo;
    }
    return first;
}

static int (*raw_lookup(int idx))(int, int) {
    static int (*const table[])(int, int) = {add, sub, mul, quo};
    return table[idx % 4];
}

static selector get_selector(void) { return lookup; }

static int fold(const char *ops, const int *vals, int n) {
    int acc = vals[0];
    for (int i = 1; i < n; i++) acc = lookup(ops[i - 1])(acc, vals[i]);
    return acc;
}

int main(void) {
    int vals[] = {7, 3, 5, 2, 9, 4, 6};
    const char *programs[] = {"+-*/+-", "****++", "//--++", "?+?*?-", "-+-+-+"};
    int total = 0;
    for (int p = 0; p < 5; p++) {
        int r = fold(programs[p], vals, 7);
        total += r;
        printf("fold(%s) = %d\n", programs[p], r);
    }
    for (int i = 0; i < 8; i++)
        printf("raw_lookup(%d)(20, 6) = %d\n", i, raw_lookup(i)(20, 6));
    binop f = get_selector()('*');
    printf("selector * : %d\n", f(6, 7));
    printf("chained: %d\n", get_selector()('-')(get_selector()('+')(10, 5), raw_lookup(2)(2, 3)));
    printf("same pointer: %d\n", lookup('+') == add && raw_lookup(4) == add);
    return total % 40;
}
