/* A jump into a scope past the declaration of a local whose address is taken, which lives on
   the shadow stack: a case label later in the block of an earlier case (SQLite's
   `case OP_SeekRowid: { int res; ... goto found; case OP_NotExists: ... found: res = 0;
   move(&res); }`), a goto into a block, and a case label inside a loop whose header declares
   the local. The declaration that gives the local its slot has not run; the uses must. */
#include <stdio.h>

static void store(int *p, int v) { *p = v * 3; }
static int twice(const long *p) { return (int)(*p * 2); }

static int step(int op, int arg) {
    int out = 0;
    switch (op) {
    case 1: {
        int res;
        long key;
        key = arg + 100;
        store(&res, arg);
        out += res;
        goto found;
    case 2:
        key = arg;
    found:
        res = 0;
        store(&res, (int)key);
        out += res + twice(&key);
        break;
    }
    default:
        out = -1;
    }
    return out;
}

static int into_block(int n) {
    int total = 0;
    if (n > 2) goto inside;
    {
        int v = 7;
        store(&v, n);
        total += v;
    inside:
        v = n;
        store(&v, v + 1);
        total += v;
    }
    return total;
}

static int duff(int count) {
    int sum = 0;
    int n = (count + 3) / 4;
    switch (count % 4) {
    case 0:
        for (int k = 0; n-- > 0;) {
            store(&k, sum); sum += k % 7 + 1;
    case 3: store(&k, sum); sum += k % 5 + 1;
    case 2: store(&k, sum); sum += k % 3 + 1;
    case 1: store(&k, sum); sum += 1;
        }
    }
    return sum;
}

int main(void) {
    for (int i = 0; i < 4; i++) printf("step %d %d: %d %d\n", i, i * 5, step(1, i * 5), step(2, i * 5));
    printf("step 3: %d\n", step(3, 1));
    for (int n = 0; n < 6; n++) printf("into_block %d: %d\n", n, into_block(n));
    for (int c = 1; c < 12; c++) printf("duff %d: %d\n", c, duff(c));
    return 0;
}
