/* functions returning pointers: into arrays, strings, heap, pointer-to-pointer, NULL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int table[16];

static int *slot(int i) { return &table[i & 15]; }
static int *max_elem(int *a, int n) {
    int *best = a;
    for (int i = 1; i < n; i++) if (a[i] > *best) best = &a[i];
    return best;
}
static const char *skip_spaces(const char *s) { while (*s == ' ') s++; return s; }
static const char *find_char(const char *s, char c) {
    for (; *s; s++) if (*s == c) return s;
    return NULL;
}
static char *dup_upper(const char *s) {
    size_t n = strlen(s);
    char *r = malloc(n + 1);
    for (size_t i = 0; i <= n; i++) r[i] = (s[i] >= 'a' && s[i] <= 'z') ? (char)(s[i] - 32) : s[i];
    return r;
}
static int **row_ptrs(int rows) {
    int **r = malloc(sizeof(int *) * (size_t)rows);
    for (int i = 0; i < rows; i++) r[i] = slot(i * 3);
    return r;
}
static void *as_void(int *p) { return p; }
static int *from_void(void *p) { return p; }

int main(void) {
    for (int i = 0; i < 16; i++) *slot(i) = (i * 37) % 23;
    for (int i = 0; i < 20; i++) (*slot(i))++;
    int *m = max_elem(table, 16);
    printf("max %d at %td\n", *m, m - table);
    *max_elem(table, 16) = -1;
    m = max_elem(table, 16);
    printf("next max %d at %td\n", *m, m - table);
    const char *text = "   hello, pointer world";
    const char *t = skip_spaces(text);
    printf("skipped %td: [%s]\n", t - text, t);
    const char *comma = find_char(t, ',');
    printf("comma at %td, rest [%s]\n", comma ? comma - t : -1, comma ? comma : "");
    printf("find z: %s\n", find_char(t, 'z') == NULL ? "NULL" : "found");
    char *u = dup_upper(skip_spaces(text));
    printf("upper [%s] len %zu\n", u, strlen(u));
    free(u);
    int **rows = row_ptrs(5);
    for (int i = 0; i < 5; i++) {
        *rows[i] += 100;
        printf("row %d -> slot %td = %d\n", i, rows[i] - table, *rows[i]);
    }
    free(rows);
    int *back = from_void(as_void(slot(7)));
    printf("roundtrip %s %d\n", back == &table[7] ? "same" : "different", *back);
    int sum = 0;
    for (int i = 0; i < 16; i++) sum += *slot(i);
    printf("sum %d\n", sum);
    return sum % 10;
}
