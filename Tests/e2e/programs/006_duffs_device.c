/* Duff's device: case labels inside a do-while, with calls in the loop body. */
#include <stdio.h>

static unsigned checksum;

static int transform(int v) { checksum = checksum * 31u + (unsigned)v; return v ^ 0x55; }

static void duff_copy(int *to, const int *from, int count) {
    int n = (count + 7) / 8;
    if (count <= 0) return;
    switch (count % 8) {
    case 0: do { *to++ = transform(*from++);
    /* fall through */
    case 7:      *to++ = transform(*from++);
    /* fall through */
    case 6:      *to++ = transform(*from++);
    /* fall through */
    case 5:      *to++ = transform(*from++);
    /* fall through */
    case 4:      *to++ = transform(*from++);
    /* fall through */
    case 3:      *to++ = transform(*from++);
    /* fall through */
    case 2:      *to++ = transform(*from++);
    /* fall through */
    case 1:      *to++ = transform(*from++);
            } while (--n > 0);
    }
}

static int sum(const int *a, int n) {
    int s = 0;
    for (int i = 0; i < n; i++) s += a[i];
    return s;
}

static void fill(int *a, int n, int seed) {
    for (int i = 0; i < n; i++) a[i] = (seed * (i + 3)) % 101;
}

int main(void) {
    int src[40], dst[40];
    for (int count = 0; count <= 40; count += 3) {
        fill(src, 40, count + 7);
        for (int i = 0; i < 40; i++) dst[i] = -1;
        duff_copy(dst, src, count);
        int untouched = 0;
        for (int i = count; i < 40; i++) untouched += dst[i] == -1;
        printf("count=%2d sum_src=%5d sum_dst=%5d untouched=%d checksum=%08x\n",
               count, sum(src, count), sum(dst, count), untouched, checksum);
    }
    printf("first: %d %d %d\n", dst[0], dst[1], dst[2]);
    return checksum % 2 == 0 ? 0 : 11;
}
