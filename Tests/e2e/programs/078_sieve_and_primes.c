/* sieve of Eratosthenes plus prime utilities: factorisation, totient, goldbach pairs. */
#include <stdio.h>
#include <string.h>

#define LIMIT 3000
static unsigned char composite[LIMIT + 1];

static void mark_multiples(int p) { for (int m = p * p; m <= LIMIT; m += p) composite[m] = 1; }
static void sieve(void) { memset(composite, 0, sizeof composite); composite[0] = composite[1] = 1; for (int p = 2; p * p <= LIMIT; p++) if (!composite[p]) mark_multiples(p); }
static int is_prime(int n) { return n >= 0 && n <= LIMIT && !composite[n]; }
static int count_primes(int upto) { int c = 0; for (int i = 2; i <= upto; i++) c += is_prime(i); return c; }
static int smallest_factor(int n) { for (int p = 2; p * p <= n; p++) if (n % p == 0) return p; return n; }
static void factorise(int n) {
    printf("%d =", n);
    const char *sep = " ";
    while (n > 1) { int p = smallest_factor(n); int e = 0; while (n % p == 0) { n /= p; e++; } printf("%s%d^%d", sep, p, e); sep = " * "; }
    printf("\n");
}
static int totient(int n) { int r = n; for (int p = 2; p <= n; p++) if (is_prime(p) && n % p == 0) r = r / p * (p - 1); return r; }
static int goldbach(int n, int *a) { for (int p = 2; p <= n / 2; p++) if (is_prime(p) && is_prime(n - p)) { *a = p; return 1; } return 0; }

int main(void) {
    sieve();
    for (int u = 10; u <= LIMIT; u *= 3) printf("pi(%d) = %d\n", u, count_primes(u));
    int nums[] = {360, 1001, 2047, 2310, 2999, 1024};
    for (int i = 0; i < 6; i++) factorise(nums[i]);
    for (int n = 10; n <= 100; n += 30) printf("phi(%d) = %d\n", n, totient(n));
    int worst = 0, worst_n = 0;
    for (int n = 4; n <= 1000; n += 2) {
        int a = 0;
        if (!goldbach(n, &a)) { printf("goldbach fails for %d\n", n); return 1; }
        if (a > worst) { worst = a; worst_n = n; }
    }
    printf("largest minimal goldbach prime up to 1000: %d for %d\n", worst, worst_n);
    return count_primes(LIMIT) % 64;
}
