/* binary search tree: insert, search, delete (all three cases), traversals, validation. */
#include <stdio.h>
#include <stdlib.h>

struct bst { int key; int count; struct bst *l, *r; };

static struct bst *insert(struct bst *t, int key) {
    if (!t) { t = malloc(sizeof *t); t->key = key; t->count = 1; t->l = t->r = NULL; return t; }
    if (key < t->key) t->l = insert(t->l, key);
    else if (key > t->key) t->r = insert(t->r, key);
    else t->count++;
    return t;
}
static const struct bst *search(const struct bst *t, int key) {
    while (t && t->key != key) t = key < t->key ? t->l : t->r;
    return t;
}
static struct bst *min_node(struct bst *t) { while (t->l) t = t->l; return t; }
static struct bst *delete(struct bst *t, int key) {
    if (!t) return NULL;
    if (key < t->key) t->l = delete(t->l, key);
    else if (key > t->key) t->r = delete(t->r, key);
    else if (!t->l || !t->r) { struct bst *c = t->l ? t->l : t->r; free(t); return c; }
    else {
        struct bst *m = min_node(t->r);
        t->key = m->key; t->count = m->count;
        m->count = 1;
        t->r = delete(t->r, m->key);
    }
    return t;
}
static int valid(const struct bst *t, long lo, long hi) {
    if (!t) return 1;
    if (t->key <= lo || t->key >= hi) return 0;
    return valid(t->l, lo, t->key) && valid(t->r, t->key, hi);
}
static int size(const struct bst *t) { return t ? 1 + size(t->l) + size(t->r) : 0; }
static int depth(const struct bst *t) { if (!t) return 0; int a = depth(t->l), b = depth(t->r); return 1 + (a > b ? a : b); }
static void inorder(const struct bst *t) { if (!t) return; inorder(t->l); printf(" %d", t->key); if (t->count > 1) printf("x%d", t->count); inorder(t->r); }
static void preorder(const struct bst *t) { if (!t) return; printf(" %d", t->key); preorder(t->l); preorder(t->r); }
static void destroy(struct bst *t) { if (t) { destroy(t->l); destroy(t->r); free(t); } }

int main(void) {
    struct bst *root = NULL;
    unsigned s = 99;
    for (int i = 0; i < 40; i++) { s = s * 1103515245u + 12345u; root = insert(root, (int)((s >> 16) % 60)); }
    printf("size=%d depth=%d valid=%d\ninorder:", size(root), depth(root), valid(root, -1, 1000));
    inorder(root);
    printf("\npreorder:");
    preorder(root);
    printf("\n");
    int probes[] = {0, 7, 13, 21, 34, 55, 59};
    for (int i = 0; i < 7; i++) { const struct bst *n = search(root, probes[i]); printf("search %d: %s\n", probes[i], n ? "found" : "absent"); }
    for (int k = 0; k < 60; k += 3) root = delete(root, k);
    root = delete(root, root ? root->key : 0);
    printf("after deletes size=%d depth=%d valid=%d\ninorder:", size(root), depth(root), valid(root, -1, 1000));
    inorder(root);
    printf("\n");
    int n = size(root);
    destroy(root);
    return n;
}
