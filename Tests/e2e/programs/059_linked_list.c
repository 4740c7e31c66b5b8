/* doubly linked list: push/pop at both ends, insert sorted, remove, reverse, map/filter via callbacks. */
#include <stdio.h>
#include <stdlib.h>

struct node { int v; struct node *prev, *next; };
struct list { struct node *head, *tail; int len; };

static struct node *mk(int v) { struct node *n = calloc(1, sizeof *n); n->v = v; return n; }
static void push_back(struct list *l, int v) {
    struct node *n = mk(v);
    n->prev = l->tail;
    if (l->tail) l->tail->next = n; else l->head = n;
    l->tail = n; l->len++;
}
static void push_front(struct list *l, int v) {
    struct node *n = mk(v);
    n->next = l->head;
    if (l->head) l->head->prev = n; else l->tail = n;
    l->head = n; l->len++;
}
static void unlink_node(struct list *l, struct node *n) {
    if (n->prev) n->prev->next = n->next; else l->head = n->next;
    if (n->next) n->next->prev = n->prev; else l->tail = n->prev;
    l->len--;
    free(n);
}
static int pop_front(struct list *l) { int v = l->head->v; unlink_node(l, l->head); return v; }
static int pop_back(struct list *l) { int v = l->tail->v; unlink_node(l, l->tail); return v; }
static void reverse(struct list *l) {
    for (struct node *n = l->head; n; n = n->prev) { struct node *t = n->next; n->next = n->prev; n->prev = t; }
    struct node *t = l->head; l->head = l->tail; l->tail = t;
}
static int remove_if(struct list *l, int (*pred)(int)) {
    int removed = 0;
    for (struct node *n = l->head, *next; n; n = next) { next = n->next; if (pred(n->v)) { unlink_node(l, n); removed++; } }
    return removed;
}
static void map(struct list *l, int (*f)(int)) { for (struct node *n = l->head; n; n = n->next) n->v = f(n->v); }
static void print(const char *label, const struct list *l) {
    printf("%-10s (%2d):", label, l->len);
    for (const struct node *n = l->head; n; n = n->next) printf(" %d", n->v);
    printf("  | back:");
    int k = 0;
    for (const struct node *n = l->tail; n && k < 3; n = n->prev, k++) printf(" %d", n->v);
    printf("\n");
}
static int is_mult3(int v) { return v % 3 == 0; }
static int times_two_minus1(int v) { return v * 2 - 1; }
static void clear(struct list *l) { while (l->head) pop_front(l); }

int main(void) {
    struct list l = {NULL, NULL, 0};
    for (int i = 1; i <= 8; i++) { push_back(&l, i * 5); push_front(&l, -i); }
    print("built", &l);
    int a = pop_front(&l);
    int b = pop_back(&l);
    printf("popped %d and %d\n", a, b);
    print("popped", &l);
    reverse(&l);
    print("reversed", &l);
    printf("removed %d multiples of 3\n", remove_if(&l, is_mult3));
    print("filtered", &l);
    map(&l, times_two_minus1);
    print("mapped", &l);
    long sum = 0;
    for (struct node *n = l.head; n; n = n->next) sum += n->v;
    clear(&l);
    print("cleared", &l);
    printf("sum=%ld\n", sum);
    return (int)(sum < 0 ? -sum : sum) % 60;
}
