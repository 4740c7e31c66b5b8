/* multi-file program: mutual recursion that crosses translation units. */
#include <stdio.h>
#include "parity.h"

static int steps(unsigned n) {
    if (n == 1) return 0;
    return is_even(n % 4) ? collatz_even_steps(n) : collatz_odd_steps(n);
}

int main(void) {
    int total = 0;
    for (unsigned n = 0; n < 10; n++) printf("%u even=%d odd=%d\n", n, is_even(n), is_odd(n));
    printf("calls so far %d\n", parity_calls);
    for (unsigned n = 1; n <= 27; n += 2) {
        int s = steps(n);
        total += s;
        printf("steps(%u) = %d\n", n, s);
    }
    int e300 = is_even(300);
    printf("is_even(300) = %d, total = %d, calls = %d\n", e300, total, parity_calls);
    return total % 50;
}
