/* Recursive fib: nothing but calls, the worst case for the test after each call that transformed
 * code carries. Usage: fib [N]; prints `R time fib <seconds>` and the result. */
#include "bench.h"

static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 36;
    double t0 = bench_now();
    long r = fib(n);
    double t = bench_now() - t0;
    bench_result("time", "fib", t);
    printf("fib(%d) = %ld\n", n, r);
    return 0;
}
