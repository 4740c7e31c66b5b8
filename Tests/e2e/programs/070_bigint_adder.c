/* arbitrary-precision decimal arithmetic: add, multiply by small, compare; fibonacci(300) and 50!. */
#include <stdio.h>
#include <string.h>

#define MAXD 400
struct big { int n; unsigned char d[MAXD]; }; /* little-endian decimal digits */

static struct big from_uint(unsigned long v) { struct big b; memset(&b, 0, sizeof b); do { b.d[b.n++] = (unsigned char)(v % 10); v /= 10; } while (v); return b; }
static struct big add(const struct big *a, const struct big *b) {
    struct big r;
    memset(&r, 0, sizeof r);
    int carry = 0, n = a->n > b->n ? a->n : b->n;
    for (int i = 0; i < n; i++) {
        int s = (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0) + carry;
        r.d[i] = (unsigned char)(s % 10);
        carry = s / 10;
    }
    r.n = n;
    if (carry) r.d[r.n++] = (unsigned char)carry;
    return r;
}
static struct big mul_small(const struct big *a, unsigned m) {
    struct big r;
    memset(&r, 0, sizeof r);
    unsigned carry = 0;
    for (int i = 0; i < a->n; i++) { unsigned v = a->d[i] * m + carry; r.d[i] = (unsigned char)(v % 10); carry = v / 10; }
    r.n = a->n;
    while (carry) { r.d[r.n++] = (unsigned char)(carry % 10); carry /= 10; }
    while (r.n > 1 && r.d[r.n - 1] == 0) r.n--;
    return r;
}
static int compare(const struct big *a, const struct big *b) {
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--) if (a->d[i] != b->d[i]) return a->d[i] < b->d[i] ? -1 : 1;
    return 0;
}
static void print(const char *label, const struct big *b) {
    printf("%s (%d digits) = ", label, b->n);
    for (int i = b->n - 1; i >= 0; i--) putchar('0' + b->d[i]);
    putchar('\n');
}
static int digit_sum(const struct big *b) { int s = 0; for (int i = 0; i < b->n; i++) s += b->d[i]; return s; }

int main(void) {
    struct big a = from_uint(0), b = from_uint(1);
    for (int i = 0; i < 300; i++) { struct big c = add(&a, &b); a = b; b = c; }
    print("fib(300)", &a);
    struct big f = from_uint(1);
    for (unsigned i = 2; i <= 50; i++) f = mul_small(&f, i);
    print("50!", &f);
    struct big x = from_uint(18446744073709551615ul), y = add(&x, &x);
    print("2^65-2", &y);
    struct big z = mul_small(&y, 0);
    print("times zero", &z);
    printf("compare fib vs fact: %d, fact vs fact: %d, zero vs one: %d\n", compare(&a, &f), compare(&f, &f), compare(&z, &b) );
    printf("digit sums: fib=%d fact=%d\n", digit_sum(&a), digit_sum(&f));
    return digit_sum(&f) % 60;
}
