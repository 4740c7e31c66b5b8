/* A longjmp made from a qsort comparator (libc's frames sit between it and the setjmp) after
 * the protected function has been suspended and resumed; and one from a bsearch callback
 * nested in a second protected call. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

static jmp_buf *escape_to;
static int compared;

static int cmp(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    if (++compared == 7 || x == 99)
        longjmp(*escape_to, x + 1000);
    return (x > y) - (x < y);
}

static int sort_some(int *v, int n) {
    int before = compared;
    qsort(v, (size_t)n, sizeof *v, cmp);
    return compared - before;
}

static int guarded_sort(int *v, int n) {
    jmp_buf jb;
    jmp_buf *saved = escape_to;
    int r;
    escape_to = &jb;
    r = setjmp(jb);
    if (r == 0)
        r = sort_some(v, n);
    escape_to = saved;
    return r;
}

static int guarded_search(int key, int *v, int n) {
    jmp_buf jb;
    jmp_buf *saved = escape_to;
    volatile int found = -1;
    escape_to = &jb;
    switch (setjmp(jb)) {
    case 0: {
        int *p = bsearch(&key, v, (size_t)n, sizeof *v, cmp);
        found = p ? (int)(p - v) : -2;
        break;
    }
    default:
        found = -3;
        break;
    }
    escape_to = saved;
    return found;
}

int main(void) {
    int a[] = {5, 3, 9, 1, 7, 2, 8, 6, 4, 0};
    int b[] = {1, 2, 3};
    int c[] = {1, 2, 3, 99, 100};
    printf("first: %d\n", guarded_sort(a, 10));
    compared = 100;
    printf("second: %d\n", guarded_sort(b, 3));
    for (int i = 0; i < 3; i++) printf("%d ", b[i]);
    printf("\nsearch 2: %d\n", guarded_search(2, b, 3));
    printf("search 99: %d\n", guarded_search(99, c, 5));
    printf("escape restored: %s\n", escape_to == NULL ? "yes" : "no");
    return 0;
}
