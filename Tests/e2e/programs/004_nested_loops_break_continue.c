/* nested for/while loops with break and continue decided by calls. */
#include <stdio.h>

static int is_prime(int n) {
    if (n < 2) return 0;
    for (int d = 2; d * d <= n; d++)
        if (n % d == 0) return 0;
    return 1;
}

static int skip(int i, int j) { return (i + j) % 4 == 0; }
static int stop(int i, int j) { return i * j > 30; }

static int triangle(int rows) {
    int total = 0;
    for (int i = 1; i <= rows; i++) {
        for (int j = 1; j <= i; j++) {
            if (skip(i, j)) continue;
            if (stop(i, j)) break;
            total += i * j;
            printf("%3d", i * j);
        }
        printf("\n");
    }
    return total;
}

static int first_prime_pair(int start, int *a, int *b) {
    for (int i = start;; i++) {
        if (!is_prime(i)) continue;
        for (int j = i + 1; j < i + 20; j++) {
            if (!is_prime(j)) continue;
            if (j - i == 2) { *a = i; *b = j; return 1; }
            break;
        }
        if (i > 1000) break;
    }
    return 0;
}

int main(void) {
    int t = triangle(9);
    printf("triangle total %d\n", t);
    int found = 0;
    for (int s = 90; s < 400; s += 37) {
        int a = 0, b = 0;
        if (first_prime_pair(s, &a, &b)) {
            found++;
            printf("twin primes from %d: %d %d\n", s, a, b);
        }
    }
    int i = 0, outer_iters = 0;
    while (i < 50) {
        outer_iters++;
        int j = 0;
        while (1) {
            j++;
            if (is_prime(i + j)) break;
        }
        i += j;
        if (i % 3 == 0) continue;
        printf("i=%d after jump %d\n", i, j);
    }
    printf("found=%d outer=%d\n", found, outer_iters);
    return 0;
}
