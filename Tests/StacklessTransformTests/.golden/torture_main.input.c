/* stackless: --suspend-all --torture */
/* A whole program under --torture: main runs as a greenlet and every call site suspends. */
#include <stdio.h>

static int add(int a, int b) { return a + b; }

static int fib(int n) { return n < 2 ? n : add(fib(n - 1), fib(n - 2)); }

int main(int argc, char **argv) {
    (void)argv;
    int r = fib(6) + argc;
    printf("%d\n", r);
    return r == 9 ? 0 : 1;
}
