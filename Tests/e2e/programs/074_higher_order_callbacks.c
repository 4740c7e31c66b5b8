/* map/filter/reduce/for_each with callbacks and void* context; callbacks calling back into helpers. */
#include <stdio.h>

typedef int (*map_fn)(int, void *);
typedef int (*pred_fn)(int, void *);
typedef long (*reduce_fn)(long, int, void *);

static int map(int *dst, const int *src, int n, map_fn f, void *ctx) { for (int i = 0; i < n; i++) dst[i] = f(src[i], ctx); return n; }
static int filter(int *dst, const int *src, int n, pred_fn p, void *ctx) { int k = 0; for (int i = 0; i < n; i++) if (p(src[i], ctx)) dst[k++] = src[i]; return k; }
static long reduce(const int *a, int n, long init, reduce_fn f, void *ctx) { for (int i = 0; i < n; i++) init = f(init, a[i], ctx); return init; }
static void for_each(const int *a, int n, void (*f)(int, int, void *), void *ctx) { for (int i = 0; i < n; i++) f(i, a[i], ctx); }

struct affine { int mul, add; };
static int apply_affine(int x, void *ctx) { const struct affine *a = ctx; return x * a->mul + a->add; }
static int divisible(int x, void *ctx) { return x % *(int *)ctx == 0; }
static int not_pred(int x, void *ctx) { const struct { pred_fn p; void *c; } *w = ctx; return !w->p(x, w->c); }
static long add_up(long acc, int x, void *ctx) { (void)ctx; return acc + x; }
static long weighted(long acc, int x, void *ctx) { int *w = ctx; return acc + (long)x * (*w)++; }
static long max_of(long acc, int x, void *ctx) { (void)ctx; return x > acc ? x : acc; }
static void show(int i, int v, void *ctx) { printf("%s[%d]=%d\n", (const char *)ctx, i, v); }
static int compose(int x, void *ctx) { map_fn *fs = ctx; return fs[1](fs[0](x, NULL), NULL); }
static int twice(int x, void *ctx) { (void)ctx; return 2 * x; }
static int plus3(int x, void *ctx) { (void)ctx; return x + 3; }

int main(void) {
    int src[12], tmp[12], out[12];
    for (int i = 0; i < 12; i++) src[i] = i * 5 - 17;
    struct affine aff = {3, 1};
    map(tmp, src, 12, apply_affine, &aff);
    for_each(tmp, 12, show, "affine");
    int k = 2;
    int n = filter(out, tmp, 12, divisible, &k);
    for_each(out, n, show, "even");
    struct { pred_fn p; void *c; } neg = {divisible, &k};
    n = filter(out, tmp, 12, not_pred, &neg);
    for_each(out, n, show, "odd");
    int w = 1;
    printf("sum=%ld weighted=%ld max=%ld\n", reduce(tmp, 12, 0, add_up, NULL), reduce(tmp, 12, 0, weighted, &w),
           reduce(tmp, 12, -1000, max_of, NULL));
    map_fn chain[2] = {twice, plus3};
    map(out, src, 12, compose, chain);
    long total = reduce(out, 12, 0, add_up, NULL);
    printf("composed total=%ld w=%d\n", total, w);
    return (int)(total < 0 ? -total : total) % 64;
}
