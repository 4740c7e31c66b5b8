/* flexible array members allocated with malloc, grown with realloc, passed around by pointer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct buffer { size_t len, cap; int data[]; };
struct text { unsigned hash; size_t n; char chars[]; };

static struct buffer *buf_new(size_t cap) {
    struct buffer *b = malloc(sizeof *b + cap * sizeof b->data[0]);
    b->len = 0;
    b->cap = cap;
    return b;
}
static struct buffer *buf_push(struct buffer *b, int v) {
    if (b->len == b->cap) {
        b->cap *= 2;
        b = realloc(b, sizeof *b + b->cap * sizeof b->data[0]);
    }
    b->data[b->len++] = v;
    return b;
}
static long buf_sum(const struct buffer *b) { long s = 0; for (size_t i = 0; i < b->len; i++) s += b->data[i]; return s; }
static unsigned hash_str(const char *s) { unsigned h = 5381; while (*s) h = h * 33u + (unsigned char)*s++; return h; }
static struct text *text_new(const char *s) {
    size_t n = strlen(s);
    struct text *t = malloc(sizeof *t + n + 1);
    t->n = n;
    memcpy(t->chars, s, n + 1);
    t->hash = hash_str(t->chars);
    return t;
}
static struct text *text_cat(const struct text *a, const struct text *b) {
    struct text *t = malloc(sizeof *t + a->n + b->n + 1);
    t->n = a->n + b->n;
    memcpy(t->chars, a->chars, a->n);
    memcpy(t->chars + a->n, b->chars, b->n + 1);
    t->hash = hash_str(t->chars);
    return t;
}

int main(void) {
    struct buffer *b = buf_new(2);
    for (int i = 0; i < 50; i++) {
        b = buf_push(b, i * i % 37);
        if ((i & (i + 1)) == 0) printf("len=%zu cap=%zu sum=%ld\n", b->len, b->cap, buf_sum(b));
    }
    printf("final len=%zu cap=%zu sum=%ld last=%d\n", b->len, b->cap, buf_sum(b), b->data[b->len - 1]);
    free(b);
    struct text *parts[4] = {text_new("flexible"), text_new(" array"), text_new(" members"), text_new("!")};
    struct text *acc = text_new("");
    for (int i = 0; i < 4; i++) {
        struct text *next = text_cat(acc, parts[i]);
        free(acc);
        acc = next;
        printf("[%s] n=%zu hash=%08x\n", acc->chars, acc->n, acc->hash);
    }
    int rc = (int)(acc->hash % 50);
    for (int i = 0; i < 4; i++) free(parts[i]);
    free(acc);
    return rc;
}
