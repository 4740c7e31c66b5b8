/*
 * A generator on greenlets: an in-order walk of a binary tree, written as plain recursion, yields
 * each value to whoever asks for the next one. Two walks run in lockstep to compare the fringes
 * of two differently shaped trees (the "same fringe" problem), which needs no stack of its own
 * and stops at the first difference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <greenlet.h>

typedef struct node {
    int value;
    struct node *left, *right;
} node;

static node *insert(node *tree, int value) {
    if (!tree) {
        tree = calloc(1, sizeof *tree);
        tree->value = value;
    } else if (value < tree->value) {
        tree->left = insert(tree->left, value);
    } else {
        tree->right = insert(tree->right, value);
    }
    return tree;
}

static void free_tree(node *tree) {
    if (tree) {
        free_tree(tree->left);
        free_tree(tree->right);
        free(tree);
    }
}

/* The walk: plain recursion; `yield` is a switch to the consumer. It stops when the consumer
 * frees it halfway (its pending switch then returns with GREENLET_EXIT). */
static int walk(node *tree) {
    if (!tree)
        return 0;
    if (walk(tree->left))
        return 1;
    greenlet_switch(greenlet_parent(greenlet_current()), tree);
    if (greenlet_error() == GREENLET_EXIT)
        return 1;
    return walk(tree->right);
}

static void *walker(void *tree) {
    walk(tree);
    return NULL;  /* the end of the walk */
}

/* The next node of a walk, or NULL when it is over. */
static node *next(greenlet *walk_g, node *tree) {
    return greenlet_switch(walk_g, tree);  /* the first switch starts it with the tree */
}

static int same_fringe(node *a, node *b, int *compared) {
    greenlet *wa = greenlet_new(walker, NULL), *wb = greenlet_new(walker, NULL);
    node *x = next(wa, a), *y = next(wb, b);
    int same = 1;
    *compared = 0;
    while (x && y) {
        ++*compared;
        if (x->value != y->value) {
            same = 0;
            break;
        }
        x = next(wa, NULL);
        y = next(wb, NULL);
    }
    if (same && (x || y))
        same = 0;
    greenlet_free(wa);  /* a walk stopped halfway is sent GREENLET_EXIT and unwinds */
    greenlet_free(wb);
    return same;
}

int main(void) {
    static const int keys_a[] = {50, 30, 70, 20, 40, 60, 80, 35, 65};
    static const int keys_b[] = {20, 30, 35, 40, 50, 60, 65, 70, 80};  /* a degenerate list */
    static const int keys_c[] = {50, 30, 70, 20, 40, 60, 80, 36, 65};
    node *a = NULL, *b = NULL, *c = NULL;
    for (size_t i = 0; i < sizeof keys_a / sizeof *keys_a; i++) {
        a = insert(a, keys_a[i]);
        b = insert(b, keys_b[i]);
        c = insert(c, keys_c[i]);
    }

    printf("walk of a:");
    greenlet *w = greenlet_new(walker, NULL);
    for (node *n = next(w, a); n; n = next(w, NULL))
        printf(" %d", n->value);
    printf("\n");
    greenlet_free(w);

    int compared;
    int same = same_fringe(a, b, &compared);
    printf("a and b (shapes differ): %s fringe, %d values compared\n", same ? "same" : "different", compared);
    same = same_fringe(a, c, &compared);
    printf("a and c: %s fringe, stopped after %d values\n", same ? "same" : "different", compared);

    free_tree(a);
    free_tree(b);
    free_tree(c);
    return 0;
}
