/* goto forward and backward, loops built from goto, cleanup-style gotos. */
#include <stdio.h>
#include <stdlib.h>

static int step(int x) { return x % 2 ? 3 * x + 1 : x / 2; }
static int is_done(int x) { return x == 1; }

static int collatz_goto(int x) {
    int n = 0;
again:
    if (is_done(x)) goto out;
    x = step(x);
    n++;
    goto again;
out:
    return n;
}

static int validate(int v) { return v >= 0 && v < 100; }

static int process(int a, int b, int c) {
    int rc = -1;
    int *buf1 = NULL, *buf2 = NULL;
    if (!validate(a)) goto fail0;
    buf1 = malloc(sizeof(int) * 4);
    if (!buf1) goto fail0;
    if (!validate(b)) goto fail1;
    buf2 = malloc(sizeof(int) * 4);
    if (!buf2) goto fail1;
    if (!validate(c)) goto fail2;
    for (int i = 0; i < 4; i++) { buf1[i] = step(a + i); buf2[i] = step(b + c + i); }
    rc = 0;
    for (int i = 0; i < 4; i++) rc += buf1[i] * buf2[i];
fail2:
    free(buf2);
fail1:
    free(buf1);
fail0:
    return rc;
}

static int find_pair(int target) {
    int i = 0, j;
outer:
    if (i >= 10) goto none;
    j = 0;
inner:
    if (j >= 10) { i++; goto outer; }
    if (step(i) + step(j) == target) goto found;
    j++;
    goto inner;
found:
    return i * 10 + j;
none:
    return -1;
}

int main(void) {
    for (int x = 1; x <= 12; x++)
        printf("collatz_goto(%d) = %d\n", x, collatz_goto(x));
    printf("process(1,2,3) = %d\n", process(1, 2, 3));
    printf("process(1,200,3) = %d\n", process(1, 200, 3));
    printf("process(1,2,300) = %d\n", process(1, 2, 300));
    printf("process(-1,2,3) = %d\n", process(-1, 2, 3));
    int found = 0;
    for (int t = 0; t < 30; t += 4) {
        int r = find_pair(t);
        if (r >= 0) found++;
        printf("find_pair(%d) = %d\n", t, r);
    }
    return found;
}
