#ifndef PARITY_H
#define PARITY_H
int is_even(unsigned n);
int is_odd(unsigned n);
int collatz_even_steps(unsigned n);
int collatz_odd_steps(unsigned n);
extern int parity_calls;
#endif
