/* while and do-while loops whose conditions and bodies call functions. */
#include <stdio.h>

static int collatz_next(int n) { return n % 2 == 0 ? n / 2 : 3 * n + 1; }
static int not_one(int n) { return n != 1; }
static int digit_sum(int n) { int s = 0; do { s += n % 10; n /= 10; } while (n > 0); return s; }
static int more_digits(int n) { return n >= 10; }

static int collatz_len(int n) {
    int steps = 0;
    while (not_one(n)) {
        n = collatz_next(n);
        steps++;
    }
    return steps;
}

static int digital_root(int n) {
    do {
        n = digit_sum(n);
    } while (more_digits(n));
    return n;
}

static int gcd(int a, int b) {
    while (b != 0) {
        int t = a % b;
        a = b;
        b = t;
    }
    return a;
}

static int count_down(int from) {
    int ticks = 0;
    do {
        ticks++;
        from = from - gcd(from, 6);
    } while (from > 0);
    return ticks;
}

int main(void) {
    int longest = 0, arg = 0;
    int i = 1;
    while (i <= 30) {
        int len = collatz_len(i);
        if (len > longest) { longest = len; arg = i; }
        printf("collatz(%d) = %d\n", i, len);
        i++;
    }
    printf("longest %d at %d\n", longest, arg);
    int n = 987654321;
    do {
        printf("digital_root(%d) = %d, digit_sum = %d\n", n, digital_root(n), digit_sum(n));
        n /= 7;
    } while (n > 0);
    for (int k = 1; k < 40; k += 7)
        printf("count_down(%d) = %d\n", k, count_down(k));
    int zero_iter = 0;
    do zero_iter++; while (0);
    while (0) zero_iter += 100;
    printf("zero_iter=%d\n", zero_iter);
    return longest == 111 ? 0 : 1;
}
