/* a growable string builder (realloc) used by recursive formatting helpers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sb { char *buf; size_t len, cap; int grows; };

static void sb_reserve(struct sb *s, size_t extra) {
    if (s->len + extra + 1 <= s->cap) return;
    size_t cap = s->cap ? s->cap : 8;
    while (cap < s->len + extra + 1) cap *= 2;
    s->buf = realloc(s->buf, cap);
    s->cap = cap;
    s->grows++;
}
static void sb_putc(struct sb *s, char c) { sb_reserve(s, 1); s->buf[s->len++] = c; s->buf[s->len] = '\0'; }
static void sb_puts(struct sb *s, const char *str) { size_t n = strlen(str); sb_reserve(s, n); memcpy(s->buf + s->len, str, n + 1); s->len += n; }
static void sb_int(struct sb *s, long v) {
    if (v < 0) { sb_putc(s, '-'); v = -v; }
    if (v >= 10) sb_int(s, v / 10);
    sb_putc(s, (char)('0' + v % 10));
}
static void sb_repeat(struct sb *s, const char *str, int n) { for (int i = 0; i < n; i++) sb_puts(s, str); }
static void sb_list(struct sb *s, const int *a, int n) {
    sb_putc(s, '[');
    for (int i = 0; i < n; i++) { if (i) sb_puts(s, ", "); sb_int(s, a[i]); }
    sb_putc(s, ']');
}
static void sb_tree(struct sb *s, int depth, int max) {
    sb_putc(s, '(');
    sb_int(s, depth);
    if (depth < max) { sb_putc(s, ' '); sb_tree(s, depth + 1, max); sb_putc(s, ' '); sb_tree(s, depth + 2, max); }
    sb_putc(s, ')');
}
static void sb_free(struct sb *s) { free(s->buf); s->buf = NULL; s->len = s->cap = 0; }

int main(void) {
    struct sb s = {NULL, 0, 0, 0};
    sb_puts(&s, "numbers: ");
    int nums[] = {0, -7, 42, 123456789, -1000000, 5};
    sb_list(&s, nums, 6);
    printf("%s (len %zu)\n", s.buf, s.len);
    sb_free(&s);
    sb_repeat(&s, "ab", 5);
    sb_putc(&s, '|');
    sb_repeat(&s, "-", 20);
    printf("%s (len %zu)\n", s.buf, s.len);
    sb_free(&s);
    sb_tree(&s, 0, 6);
    printf("%s\n(len %zu, grows %d)\n", s.buf, s.len, s.grows);
    unsigned h = 0;
    for (size_t i = 0; i < s.len; i++) h = h * 33u + (unsigned char)s.buf[i];
    printf("hash %08x\n", h);
    size_t len = s.len;
    sb_free(&s);
    return (int)(len % 64);
}
