/* calls on the right of assignments and compound assignments, into arrays and struct members. */
#include <stdio.h>

struct acc { int sum; long prod; unsigned bits; double avg; int hist[4]; };

static int f(int x) { return x * 3 + 1; }
static int idx(int x) { return x % 4; }
static unsigned mask(int k) { return 1u << (k % 32); }
static double half(int x) { return x / 2.0; }

static void run(struct acc *a, int n) {
    for (int i = 1; i <= n; i++) {
        a->sum += f(i);
        a->prod *= f(i) % 5 + 1;
        a->bits |= mask(f(i));
        a->bits ^= mask(i);
        a->avg += half(f(i));
        a->hist[idx(i)] += f(idx(i));
    }
}

int main(void) {
    int a[8] = {0};
    for (int i = 0; i < 8; i++) {
        a[i] += f(i);
        a[i] -= f(i / 2);
        a[i] *= f(1);
        a[i] /= f(0) + 1;
        a[i] %= f(5);
        a[i] <<= idx(i);
        a[i] >>= idx(i + 1) / 2;
        a[i] &= 0x7ff;
        a[i] |= f(0);
        printf("a[%d] = %d\n", i, a[i]);
    }
    struct acc s = {0, 1, 0, 0.0, {0, 0, 0, 0}};
    run(&s, 12);
    printf("sum=%d prod=%ld bits=%08x avg=%.2f hist=%d,%d,%d,%d\n", s.sum, s.prod, s.bits, s.avg,
           s.hist[0], s.hist[1], s.hist[2], s.hist[3]);
    int x = 0, y = 0, z;
    x = y = z = f(4);
    x += y -= z *= f(1);
    printf("chain x=%d y=%d z=%d\n", x, y, z);
    long total = 0;
    for (int i = 0; i < 8; i++) total += (long)a[i] * f(i);
    unsigned char small = 250;
    small += (unsigned char)f(2);
    printf("total=%ld small=%u\n", total, small);
    return (int)(total % 100);
}
