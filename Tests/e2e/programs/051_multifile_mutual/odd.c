/* is_odd and the odd half of a collatz walk; mutually recursive with even.c */
#include "parity.h"

int is_odd(unsigned n) {
    parity_calls++;
    return n == 0 ? 0 : is_even(n - 1);
}

int collatz_odd_steps(unsigned n) {
    if (n == 1) return 0;
    n = 3 * n + 1;
    return 1 + (is_odd(n % 4) ? collatz_odd_steps(n) : collatz_even_steps(n));
}
