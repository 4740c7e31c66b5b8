/* recursive functions returning structs by value (min/max/sum folds, divide and conquer). */
#include <stdio.h>

struct stats { long sum; int min, max, count; };
struct big_acc { long vals[12]; int depth; };

static struct stats leaf(int v) { struct stats s = {v, v, v, 1}; return s; }
static struct stats merge(struct stats a, struct stats b) {
    struct stats r = {a.sum + b.sum, a.min < b.min ? a.min : b.min, a.max > b.max ? a.max : b.max, a.count + b.count};
    return r;
}
static struct stats fold(const int *a, int lo, int hi) {
    if (hi - lo == 1) return leaf(a[lo]);
    int mid = lo + (hi - lo) / 2;
    return merge(fold(a, lo, mid), fold(a, mid, hi));
}
static struct big_acc accumulate(int n) {
    if (n == 0) { struct big_acc z = {{0}, 0}; return z; }
    struct big_acc r = accumulate(n - 1);
    for (int i = 0; i < 12; i++) r.vals[i] += (long)n * (i + 1) % 97;
    r.depth++;
    return r;
}
struct pair { long a, b; };
static struct pair fib_pair(int n) {
    if (n == 0) return (struct pair){0, 1};
    struct pair p = fib_pair(n / 2);
    long c = p.a * (2 * p.b - p.a), d = p.a * p.a + p.b * p.b;
    return n % 2 ? (struct pair){d, c + d} : (struct pair){c, d};
}

int main(void) {
    int data[37];
    for (int i = 0; i < 37; i++) data[i] = (i * 29 + 5) % 53 - 20;
    for (int n = 1; n <= 37; n += 9) {
        struct stats s = fold(data, 0, n);
        printf("n=%2d sum=%4ld min=%3d max=%3d count=%2d\n", n, s.sum, s.min, s.max, s.count);
    }
    struct big_acc acc = accumulate(40);
    printf("depth=%d vals:", acc.depth);
    for (int i = 0; i < 12; i++) printf(" %ld", acc.vals[i]);
    printf("\n");
    for (int n = 10; n <= 90; n += 20) printf("fib(%d) = %ld\n", n, fib_pair(n).a);
    return (int)(fold(data, 0, 37).sum % 64 + 64) % 64;
}
