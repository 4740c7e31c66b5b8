/* ++/-- applied to lvalues computed by calls: p[f(i)]++, (*g())--, s.field via pointer call. */
#include <stdio.h>

static int counts[10];
static int cursor;
struct node { int hits; int misses; };
static struct node nodes[3];

static int bucket(int x) { return (x * 7) % 10; }
static int *slot(int i) { return &counts[i % 10]; }
static int *cur(void) { return &cursor; }
static struct node *node_for(int i) { return &nodes[i % 3]; }
static int *ptr_to(int *base, int off) { return base + off; }

int main(void) {
    for (int i = 0; i < 25; i++) counts[bucket(i)]++;
    for (int i = 0; i < 10; i++) printf("counts[%d] = %d\n", i, counts[i]);
    for (int i = 0; i < 7; i++) --counts[bucket(i * 3)];
    for (int i = 0; i < 5; i++) (*slot(i * 2))++;
    int pre = ++*slot(3);
    int post = (*slot(3))--;
    printf("pre=%d post=%d now=%d\n", pre, post, counts[3]);
    for (int i = 0; i < 12; i++) {
        (*cur())++;
        if (i % 4 == 0) --*cur();
    }
    printf("cursor=%d\n", cursor);
    for (int i = 0; i < 10; i++) {
        if (i % 2) node_for(i)->hits++;
        else ++node_for(i)->misses;
    }
    for (int i = 0; i < 3; i++) printf("node %d: hits=%d misses=%d\n", i, nodes[i].hits, nodes[i].misses);
    int local[6] = {10, 20, 30, 40, 50, 60};
    int before = (*ptr_to(local, 2))++;
    int after = --*ptr_to(local, 5);
    ptr_to(local, 0)[bucket(1) % 6]++;
    printf("before=%d after=%d local:", before, after);
    for (int i = 0; i < 6; i++) printf(" %d", local[i]);
    printf("\n");
    int *p = ptr_to(local, 1);
    int v = *p++;
    int w = *++p;
    printf("v=%d w=%d offset=%td\n", v, w, p - local);
    int sum = 0;
    for (int i = 0; i < 10; i++) sum += counts[i];
    return sum + cursor;
}
