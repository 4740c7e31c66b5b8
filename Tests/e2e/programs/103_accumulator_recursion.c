/* tail-recursive style functions with accumulators (not relying on tail-call optimisation). */
#include <stdio.h>

static long sum_acc(int n, long acc) { return n == 0 ? acc : sum_acc(n - 1, acc + n); }
static unsigned long fact_acc(int n, unsigned long acc) { return n <= 1 ? acc : fact_acc(n - 1, acc * (unsigned long)n); }
static int gcd(int a, int b) { return b ? gcd(b, a % b) : a; }
static int count_digits(unsigned long v, int acc) { return v < 10 ? acc + 1 : count_digits(v / 10, acc + 1); }
static unsigned long rev_digits(unsigned long v, unsigned long acc) { return v == 0 ? acc : rev_digits(v / 10, acc * 10 + v % 10); }
static int find_index(const int *a, int n, int key, int i) { return i == n ? -1 : a[i] == key ? i : find_index(a, n, key, i + 1); }
static long pow_acc(long b, int e, long acc) { return e == 0 ? acc : pow_acc(b * b, e / 2, e % 2 ? acc * b : acc); }
static int loop_until(int x, int steps) { return x == 1 ? steps : loop_until(x % 2 ? 3 * x + 1 : x / 2, steps + 1); }
int extra_checks(void);

int main(void) {
    for (int n = 10; n <= 5000; n *= 5) printf("sum_acc(%d) = %ld\n", n, sum_acc(n, 0));
    for (int n = 5; n <= 20; n += 5) printf("fact_acc(%d) = %lu\n", n, fact_acc(n, 1));
    printf("gcd = %d %d %d\n", gcd(832040, 514229), gcd(1 << 20, 3 << 10), gcd(462, 1071));
    unsigned long v = 9876543210ul;
    printf("digits=%d reversed=%lu\n", count_digits(v, 0), rev_digits(v, 0));
    int arr[50];
    for (int i = 0; i < 50; i++) arr[i] = i * i % 41;
    printf("find 36 -> %d, find 40 -> %d, find 2 -> %d\n", find_index(arr, 50, 36, 0), find_index(arr, 50, 40, 0), find_index(arr, 50, 2, 0));
    printf("pow_acc(3, 25) = %ld\n", pow_acc(3, 25, 1));
    int longest = 0;
    for (int x = 1; x < 300; x++) { int s = loop_until(x, 0); if (s > longest) longest = s; }
    printf("longest collatz below 300: %d\n", longest);
    printf("extra checks: %d\n", extra_checks());
    return longest % 64;
}

/* more accumulator-style helpers, used by a second entry point compiled into the same program */
static int sum_list_acc(const int *a, int n, int acc) { return n == 0 ? acc : sum_list_acc(a + 1, n - 1, acc + *a); }
static int max_acc(const int *a, int n, int best) { return n == 0 ? best : max_acc(a + 1, n - 1, *a > best ? *a : best); }
static int ones_acc(unsigned v, int acc) { return v == 0 ? acc : ones_acc(v >> 1, acc + (int)(v & 1u)); }

int extra_checks(void);
int extra_checks(void) {
    int a[64];
    for (int i = 0; i < 64; i++) a[i] = (i * 37) % 61 - 30;
    return sum_list_acc(a, 64, 0) + max_acc(a, 64, -1000) + ones_acc(0xdeadbeefu, 0);
}
