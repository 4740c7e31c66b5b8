/* libpng broke: png_zlib_inflate only calls zlib's inflate (no function of the program), so the
   rewrite keeps it as written, yet its callers treat the call as a suspend point and passed the
   permission to unwind on; zlib called back libpng's allocator, whose calls then unwound through
   zlib's frames (inflate got no window: Z_MEM_ERROR, and pngtest looped on the error). A function
   kept as written that calls anything now drops the permission at entry. Here libc's qsort and
   bsearch call back comparators below functions that call nothing of the program. */
#include <stdio.h>
#include <stdlib.h>

static int compared;

static int count(int n) { return n + 1; }

static int by_value(const void *a, const void *b) {
    compared = count(compared);
    return *(const int *)a - *(const int *)b;
}

/* No call of a function of this program: kept as written. */
static void sort(int *v, size_t n) { qsort(v, n, sizeof *v, by_value); }

static int find(const int *v, size_t n, int key) {
    const int *at = bsearch(&key, v, n, sizeof *v, by_value);
    return at ? (int)(at - v) : -1;
}

int main(void) {
    int v[] = {5, 3, 9, 1, 7, 2, 8, 6, 4, 12, 10, 11};
    size_t n = sizeof v / sizeof *v;
    sort(v, n);
    for (size_t i = 0; i < n; i++)
        printf("%d ", v[i]);
    printf("\ncompared: %d\n", compared > 0);
    for (int key = 0; key < 14; key += 3)
        printf("find %d: %d\n", key, find(v, n, key));
    return 0;
}
