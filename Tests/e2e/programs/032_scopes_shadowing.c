/* nested scopes with shadowed names whose values must survive calls in inner scopes. */
#include <stdio.h>

static int x = 1000; /* file-scope x, shadowed below */

static int id(int v) { return v; }
static int plus(int a, int b) { return a + b; }
static int global_x(void) { return x; }

static int shadow_params(int x) {
    int r = x;
    {
        int x = id(r * 2);
        r += x;
        {
            int x = plus(r, 1);
            r += x;
            for (int x = 0; x < 3; x++) r += id(x);
        }
        r += x;
    }
    return r + x;
}

int main(void) {
    int x = id(1);
    int total = 0;
    printf("outer x=%d global=%d\n", x, global_x());
    {
        int x = id(2);
        printf("block x=%d\n", x);
        {
            int x = plus(id(3), id(0));
            printf("inner x=%d\n", x);
            for (int x = id(10); x < 13; x = plus(x, 1)) {
                int y = plus(x, 100);
                printf("loop x=%d y=%d\n", x, y);
                total += y;
            }
            printf("after loop x=%d\n", x);
            total += x;
        }
        printf("back in block x=%d\n", x);
        total += x;
    }
    printf("back outer x=%d\n", x);
    for (int i = 0; i < 4; i++) {
        int v = shadow_params(i);
        printf("shadow_params(%d) = %d\n", i, v);
        total += v;
        if (i % 2) {
            int i = id(77);
            total += i;
        }
    }
    {
        extern int printf(const char *, ...);
        int total2 = total;
        {
            int total = plus(total2, global_x());
            printf("shadowed total=%d\n", total);
        }
    }
    printf("total=%d x=%d\n", total, x);
    return total % 9;
}
