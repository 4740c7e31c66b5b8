/* locals whose address is taken and held across later calls; writes through pointers after calls. */
#include <stdio.h>

static int *saved;
static int remember(int *p) { saved = p; return *p; }
static void poke(int v) { *saved = v; }
static int peek(void) { return *saved; }
static void add_to(int *p, int v) { *p += v; }
static int churn(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; }
static int deep(int n) { return n == 0 ? 0 : 1 + deep(n - 1); }

struct pair { int a; long b; };
static void fill_pair(struct pair *p, int k) { p->a = k; p->b = (long)k * k; }

int main(void) {
    int x = 1;
    int *p = &x;
    churn(10);
    *p = 5;
    printf("x=%d\n", x);
    int y = 10;
    remember(&y);
    deep(50);
    poke(42);
    printf("y=%d peek=%d\n", y, peek());
    int z = 0;
    int *pz = &z;
    for (int i = 0; i < 5; i++) {
        add_to(pz, deep(i));
        churn(i);
        *pz += 1;
    }
    printf("z=%d\n", z);
    int w = 3;
    int *pw = &w, **ppw = &pw;
    deep(20);
    **ppw *= churn(5);
    printf("w=%d\n", w);
    struct pair pr;
    struct pair *ppr = &pr;
    fill_pair(ppr, 7);
    deep(30);
    ppr->a += deep(3);
    printf("pair a=%d b=%ld\n", pr.a, pr.b);
    long total = x + y + z + w + pr.a + pr.b;
    long *pt = &total;
    remember(&x);
    poke((int)*pt);
    printf("x after poke=%d total=%ld\n", x, total);
    {
        int inner = 9;
        remember(&inner);
        deep(10);
        poke(peek() * 3);
        printf("inner=%d\n", inner);
    }
    return (int)(total % 64);
}
