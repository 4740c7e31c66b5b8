/* register, volatile and const locals and parameters living across calls. */
#include <stdio.h>

static int twice(int x) { return x * 2; }
static int add(int a, int b) { return a + b; }
static int read_through(const volatile int *p) { return *p; }

static int reg_loop(register int n) {
    register int acc = 0;
    register int i;
    for (i = 0; i < n; i++) acc = add(acc, twice(i));
    return acc;
}

static int const_params(const int a, const int *const b) {
    const int local = twice(a);
    return add(local, *b);
}

int main(void) {
    volatile int v = 5;
    volatile int counter = 0;
    const int c = twice(21);
    const double cd = 2.5;
    register int r = add(c, 1);
    for (int i = 0; i < 10; i++) {
        counter = counter + 1;
        v = add(v, twice(i));
    }
    printf("v=%d counter=%d c=%d r=%d cd=%.1f\n", v, counter, c, r, cd);
    printf("read_through=%d\n", read_through(&v));
    for (int n = 0; n < 8; n++) printf("reg_loop(%d) = %d\n", n, reg_loop(n));
    const int arr[] = {3, 1, 4, 1, 5, 9, 2, 6};
    int total = 0;
    for (int i = 0; i < 8; i++) total = add(total, const_params(arr[i], &arr[7 - i]));
    printf("const total=%d\n", total);
    volatile unsigned char flags = 0;
    for (int bit = 0; bit < 8; bit += 3) flags |= (unsigned char)(1u << bit);
    const volatile int cv = twice(4);
    printf("flags=%02x cv=%d\n", flags, cv);
    register unsigned hash = 2166136261u;
    for (const char *s = "register"; *s; s++) hash = (hash ^ (unsigned char)*s) * 16777619u + (unsigned)twice(1);
    printf("hash=%08x\n", hash);
    return (v + counter + r) % 32;
}
