/* local arrays passed to callees, modified there, and used after further calls. */
#include <stdio.h>
#include <string.h>

static void fill(int *a, int n, int k) { for (int i = 0; i < n; i++) a[i] = (i * k + 3) % 17; }
static int sum(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
static void reverse(int *a, int n) { for (int i = 0, j = n - 1; i < j; i++, j--) { int t = a[i]; a[i] = a[j]; a[j] = t; } }
static int max_index(const int *a, int n) { int b = 0; for (int i = 1; i < n; i++) if (a[i] > a[b]) b = i; return b; }
static void to_upper(char *s) { for (; *s; s++) if (*s >= 'a' && *s <= 'z') *s = (char)(*s - 32); }
static size_t concat(char *dst, size_t cap, const char *a, const char *b) {
    size_t n = (size_t)snprintf(dst, cap, "%s-%s", a, b);
    return n;
}
static void matrix_fill(int m[4][5]) { for (int i = 0; i < 4; i++) for (int j = 0; j < 5; j++) m[i][j] = i * 5 + j; }
static int matrix_trace(int m[4][5]) { int t = 0; for (int i = 0; i < 4; i++) t += m[i][i]; return t; }

static int work(int seed) {
    int a[16], b[16];
    fill(a, 16, seed);
    fill(b, 16, seed + 1);
    int sa = sum(a, 16);
    reverse(a, 16);
    int ia = max_index(a, 16);
    int sb = sum(b, 16);
    printf("seed %d: sa=%d sb=%d max a[%d]=%d first=%d last=%d\n", seed, sa, sb, ia, a[ia], a[0], a[15]);
    return sa - sb + a[0] * b[15];
}

int main(void) {
    int total = 0;
    for (int s = 1; s <= 6; s++) total += work(s);
    char word[32] = "stackless";
    char other[16];
    strcpy(other, "frames");
    to_upper(word);
    char joined[64];
    size_t n = concat(joined, sizeof joined, word, other);
    printf("%s %s %s (%zu)\n", word, other, joined, n);
    int m[4][5];
    matrix_fill(m);
    m[2][2] += work(9);
    printf("trace %d corner %d\n", matrix_trace(m), m[3][4]);
    int nested[3][2][2] = {{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}, {{9, 10}, {11, 12}}};
    for (int i = 0; i < 3; i++) total += sum(&nested[i][0][0], 4) * matrix_trace(m);
    printf("total %d\n", total);
    return total < 0 ? 1 : total % 11;
}
