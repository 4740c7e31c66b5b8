/* is_even and the even half of a collatz walk; mutually recursive with odd.c */
#include "parity.h"

int parity_calls;

int is_even(unsigned n) {
    parity_calls++;
    return n == 0 ? 1 : is_odd(n - 1);
}

int collatz_even_steps(unsigned n) {
    if (n == 1) return 0;
    n /= 2;
    return 1 + (is_even(n % 4) ? collatz_even_steps(n) : collatz_odd_steps(n));
}
