/* assert() with calls inside (NDEBUG is not defined, so the calls run). */
#include <stdio.h>
#include <assert.h>
#include <string.h>

static int checks;

static int check(int x) { checks++; return x >= 0; }
static int is_sorted(const int *a, int n) {
    checks++;
    for (int i = 1; i < n; i++) if (a[i - 1] > a[i]) return 0;
    return 1;
}
static int len_ok(const char *s, size_t n) { checks++; return strlen(s) == n; }

static void insertion_sort(int *a, int n) {
    for (int i = 1; i < n; i++) {
        int v = a[i], j = i - 1;
        while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
        assert(is_sorted(a, i + 1));
    }
}

static int safe_sqrt_floor(int x) {
    assert(check(x));
    int r = 0;
    while ((r + 1) * (r + 1) <= x) r++;
    assert(check(r) && r * r <= x);
    return r;
}

int main(void) {
    int a[12] = {9, 4, 7, 1, 12, 3, 3, 8, 0, 11, 6, 2};
    insertion_sort(a, 12);
    assert(is_sorted(a, 12));
    for (int i = 0; i < 12; i++) printf("%d ", a[i]);
    printf("\nchecks after sort: %d\n", checks);
    for (int x = 0; x < 50; x += 7) printf("isqrt(%d) = %d\n", x, safe_sqrt_floor(x));
    assert(len_ok("hello", 5));
    static_assert(sizeof(int) >= 2, "int too small");
    printf("checks: %d\n", checks);
    return checks % 20;
}
