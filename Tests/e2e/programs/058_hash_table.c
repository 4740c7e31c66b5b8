/* a small chained hash table with string keys: insert, update, lookup, delete, resize. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry { char *key; int value; struct entry *next; };
struct table { struct entry **buckets; size_t nbuckets, count; };

static unsigned long hash(const char *s) { unsigned long h = 14695981039346656037ul; while (*s) { h ^= (unsigned char)*s++; h *= 1099511628211ul; } return h; }
static char *dupstr(const char *s) { size_t n = strlen(s) + 1; char *d = malloc(n); memcpy(d, s, n); return d; }
static void table_init(struct table *t, size_t n) { t->buckets = calloc(n, sizeof *t->buckets); t->nbuckets = n; t->count = 0; }
static struct entry **find_slot(struct table *t, const char *key) {
    struct entry **pp = &t->buckets[hash(key) % t->nbuckets];
    while (*pp && strcmp((*pp)->key, key) != 0) pp = &(*pp)->next;
    return pp;
}
static void resize(struct table *t, size_t n) {
    struct table nt;
    table_init(&nt, n);
    for (size_t i = 0; i < t->nbuckets; i++) {
        struct entry *e = t->buckets[i];
        while (e) {
            struct entry *next = e->next;
            struct entry **slot = &nt.buckets[hash(e->key) % n];
            e->next = *slot;
            *slot = e;
            nt.count++;
            e = next;
        }
    }
    free(t->buckets);
    *t = nt;
}
static void put(struct table *t, const char *key, int value) {
    struct entry **pp = find_slot(t, key);
    if (*pp) { (*pp)->value = value; return; }
    struct entry *e = malloc(sizeof *e);
    e->key = dupstr(key); e->value = value; e->next = NULL;
    *pp = e;
    if (++t->count > t->nbuckets * 2) resize(t, t->nbuckets * 2 + 1);
}
static int get(struct table *t, const char *key, int *out) {
    struct entry *e = *find_slot(t, key);
    if (!e) return 0;
    *out = e->value;
    return 1;
}
static int del(struct table *t, const char *key) {
    struct entry **pp = find_slot(t, key);
    if (!*pp) return 0;
    struct entry *e = *pp;
    *pp = e->next;
    free(e->key); free(e);
    t->count--;
    return 1;
}
static void table_free(struct table *t) {
    for (size_t i = 0; i < t->nbuckets; i++) while (t->buckets[i]) { struct entry *e = t->buckets[i]; t->buckets[i] = e->next; free(e->key); free(e); }
    free(t->buckets);
}
static void make_key(char *buf, size_t n, int i) { snprintf(buf, n, "key-%d-%c", i * 17 % 101, 'a' + i % 26); }

int main(void) {
    struct table t;
    table_init(&t, 3);
    char key[32];
    for (int i = 0; i < 60; i++) { make_key(key, sizeof key, i); put(&t, key, i * i); }
    printf("count=%zu buckets=%zu\n", t.count, t.nbuckets);
    for (int i = 0; i < 60; i += 3) { make_key(key, sizeof key, i); put(&t, key, -i); }
    int deleted = 0;
    for (int i = 0; i < 60; i += 4) { make_key(key, sizeof key, i); deleted += del(&t, key); }
    deleted += del(&t, "missing");
    printf("deleted=%d count=%zu\n", deleted, t.count);
    long sum = 0;
    int present = 0;
    for (int i = 0; i < 64; i++) {
        int v;
        make_key(key, sizeof key, i);
        if (get(&t, key, &v)) { present++; sum += v; if (i % 7 == 0) printf("%s -> %d\n", key, v); }
        else if (i % 7 == 0) printf("%s missing\n", key);
    }
    size_t longest = 0;
    for (size_t b = 0; b < t.nbuckets; b++) { size_t n = 0; for (struct entry *e = t.buckets[b]; e; e = e->next) n++; if (n > longest) longest = n; }
    printf("present=%d sum=%ld longest_chain<=8: %d\n", present, sum, longest <= 8);
    table_free(&t);
    return present % 50;
}
