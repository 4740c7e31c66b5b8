#include <stdint.h>
#include <stdlib.h>
#include <greenlet.h>
#include "sequences.h"
#include "tree.h"

/* Yielding is switching to whoever asked for the next value: the parent (Swift). Returns 0 when
 * the consumer asked the generator to end (it was freed while suspended). */
static int yield(void *value) {
    greenlet_switch(greenlet_parent(greenlet_current()), value);
    return greenlet_error() != GREENLET_EXIT;
}

void *fibonacci(void *limit) {
    intptr_t a = 0, b = 1;
    while (a < (intptr_t)limit) {
        if (!yield((void *)a))
            break;
        intptr_t next = a + b;
        a = b;
        b = next;
    }
    return NULL;
}

void *generate_with(void *make) {
    value_maker maker = (value_maker)make;
    for (int i = 0;; i++) {
        void *value = maker(i);
        if (!value || !yield(value))
            break;
    }
    return NULL;
}

static tree *insert(tree *t, const int *value) {
    if (!t) {
        t = calloc(1, sizeof *t);
        t->value = *value;
    } else if (*value < t->value) {
        t->left = insert(t->left, value);
    } else {
        t->right = insert(t->right, value);
    }
    return t;
}

tree *tree_build(const int *values, int count) {
    tree *t = NULL;
    for (int i = 0; i < count; i++)
        t = insert(t, &values[i]);
    return t;
}

void tree_free(tree *t) {
    if (t) {
        tree_free(t->left);
        tree_free(t->right);
        free(t);
    }
}

static int abandoned;

/* In-order walk as plain recursion; every frame on the way down is saved at each yield. */
static int walk(tree *t) {
    if (!t)
        return 1;
    return walk(t->left) && yield(&t->value) && walk(t->right);
}

void *tree_walk(void *t) {
    if (!walk(t))
        abandoned++;
    return NULL;
}

int tree_walks_abandoned(void) { return abandoned; }
