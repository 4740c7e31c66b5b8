/* classic recursion: fib, ackermann (small), factorial, gcd, power, hanoi, binomial. */
#include <stdio.h>

static unsigned long fib(int n) { return n < 2 ? (unsigned long)n : fib(n - 1) + fib(n - 2); }
static int ack(int m, int n) {
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}
static unsigned long long fact(int n) { return n <= 1 ? 1ull : (unsigned long long)n * fact(n - 1); }
static int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }
static long power(long b, int e) {
    if (e == 0) return 1;
    long h = power(b, e / 2);
    return e % 2 ? h * h * b : h * h;
}
static int hanoi_moves;
static void hanoi(int n, char from, char to, char via) {
    if (n == 0) return;
    hanoi(n - 1, from, via, to);
    hanoi_moves++;
    if (n >= 4) printf("move disk %d %c -> %c\n", n, from, to);
    hanoi(n - 1, via, to, from);
}
static long binom(int n, int k) { return k == 0 || k == n ? 1 : binom(n - 1, k - 1) + binom(n - 1, k); }
static int sum_digits(int n) { return n < 10 ? n : n % 10 + sum_digits(n / 10); }

int main(void) {
    for (int n = 0; n <= 18; n += 3) printf("fib(%d) = %lu\n", n, fib(n));
    for (int m = 0; m <= 2; m++)
        for (int n = 0; n <= 3; n++) printf("ack(%d,%d) = %d\n", m, n, ack(m, n));
    printf("ack(3,2) = %d\n", ack(3, 2));
    for (int n = 0; n <= 20; n += 5) printf("%d! = %llu\n", n, fact(n));
    printf("gcd(1071, 462) = %d, gcd(2^10, 3^5) = %d\n", gcd(1071, 462), gcd(1024, 243));
    for (int e = 0; e <= 30; e += 6) printf("3^%d = %ld\n", e, power(3, e));
    hanoi(6, 'A', 'C', 'B');
    printf("hanoi moves = %d\n", hanoi_moves);
    for (int k = 0; k <= 10; k++) printf("%ld ", binom(10, k));
    printf("\nsum_digits = %d\n", sum_digits(987654321));
    return hanoi_moves % 50;
}
