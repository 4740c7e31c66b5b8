/* tree recursion: building and folding a binary tree, counting partitions, permutations. */
#include <stdio.h>
#include <stdlib.h>

struct tree { int value; struct tree *left, *right; };

static struct tree *build(int lo, int hi) {
    if (lo > hi) return NULL;
    int mid = lo + (hi - lo) / 2;
    struct tree *t = malloc(sizeof *t);
    t->value = mid;
    t->left = build(lo, mid - 1);
    t->right = build(mid + 1, hi);
    return t;
}
static int height(const struct tree *t) {
    if (!t) return 0;
    int l = height(t->left), r = height(t->right);
    return 1 + (l > r ? l : r);
}
static long sum(const struct tree *t) { return t ? t->value + sum(t->left) + sum(t->right) : 0; }
static int count_leaves(const struct tree *t) {
    if (!t) return 0;
    if (!t->left && !t->right) return 1;
    return count_leaves(t->left) + count_leaves(t->right);
}
static void mirror(struct tree *t) {
    if (!t) return;
    struct tree *tmp = t->left;
    t->left = t->right;
    t->right = tmp;
    mirror(t->left);
    mirror(t->right);
}
static void print_inorder(const struct tree *t, int limit) {
    if (!t || limit <= 0) return;
    print_inorder(t->left, limit - 1);
    printf(" %d", t->value);
    print_inorder(t->right, limit - 1);
}
static void destroy(struct tree *t) { if (!t) return; destroy(t->left); destroy(t->right); free(t); }

static int partitions(int n, int max) {
    if (n == 0) return 1;
    if (n < 0 || max == 0) return 0;
    return partitions(n - max, max) + partitions(n, max - 1);
}

static int perm_count;
static void permute(char *s, int k, int n) {
    if (k == n) { if (perm_count++ < 8) printf("perm %s\n", s); return; }
    for (int i = k; i < n; i++) {
        char t = s[k]; s[k] = s[i]; s[i] = t;
        permute(s, k + 1, n);
        t = s[k]; s[k] = s[i]; s[i] = t;
    }
}

int main(void) {
    struct tree *t = build(1, 100);
    printf("height=%d sum=%ld leaves=%d\n", height(t), sum(t), count_leaves(t));
    printf("inorder depth<=4:");
    print_inorder(t, 4);
    mirror(t);
    printf("\nmirrored depth<=3:");
    print_inorder(t, 3);
    printf("\nroot=%d left=%d right=%d\n", t->value, t->left->value, t->right->value);
    destroy(t);
    for (int n = 1; n <= 20; n += 3) printf("partitions(%d) = %d\n", n, partitions(n, n));
    char s[] = "abcde";
    permute(s, 0, 5);
    printf("perm_count=%d s=%s\n", perm_count, s);
    return perm_count % 100;
}
