/* binary-heap priority queue of tasks with priorities and FIFO tie-breaking; a simple event simulation. */
#include <stdio.h>
#include <stdlib.h>

struct task { int priority; int seq; char name[12]; };
struct pq { struct task *items; int n, cap; int next_seq; };

static int before(const struct task *a, const struct task *b) {
    if (a->priority != b->priority) return a->priority < b->priority;
    return a->seq < b->seq;
}
static void swap(struct task *a, struct task *b) { struct task t = *a; *a = *b; *b = t; }
static void sift_up(struct pq *q, int i) {
    while (i > 0) { int p = (i - 1) / 2; if (!before(&q->items[i], &q->items[p])) break; swap(&q->items[i], &q->items[p]); i = p; }
}
static void sift_down(struct pq *q, int i) {
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < q->n && before(&q->items[l], &q->items[m])) m = l;
        if (r < q->n && before(&q->items[r], &q->items[m])) m = r;
        if (m == i) return;
        swap(&q->items[i], &q->items[m]);
        i = m;
    }
}
static void pq_push(struct pq *q, int priority, const char *name) {
    if (q->n == q->cap) { q->cap = q->cap ? q->cap * 2 : 4; q->items = realloc(q->items, sizeof *q->items * (size_t)q->cap); }
    struct task *t = &q->items[q->n];
    t->priority = priority;
    t->seq = q->next_seq++;
    snprintf(t->name, sizeof t->name, "%s", name);
    sift_up(q, q->n++);
}
static struct task pq_pop(struct pq *q) {
    struct task top = q->items[0];
    q->items[0] = q->items[--q->n];
    sift_down(q, 0);
    return top;
}
static int pq_valid(const struct pq *q) {
    for (int i = 1; i < q->n; i++) if (before(&q->items[i], &q->items[(i - 1) / 2])) return 0;
    return 1;
}

int main(void) {
    struct pq q = {NULL, 0, 0, 0};
    static const char *const names[] = {"parse", "lower", "emit", "link", "test", "ship"};
    for (int i = 0; i < 18; i++) {
        char nm[12];
        snprintf(nm, sizeof nm, "%s%d", names[i % 6], i);
        pq_push(&q, (i * 7) % 5, nm);
    }
    printf("size=%d valid=%d\n", q.n, pq_valid(&q));
    int time = 0, spawned = 0;
    while (q.n > 0) {
        struct task t = pq_pop(&q);
        time += t.priority + 1;
        printf("t=%3d run %-8s prio=%d seq=%2d\n", time, t.name, t.priority, t.seq);
        if (t.seq % 4 == 0 && spawned < 6) {
            char nm[32];
            snprintf(nm, sizeof nm, "child%d", spawned++);
            pq_push(&q, t.priority + 2, nm);
        }
        if (!pq_valid(&q)) { printf("heap invalid\n"); free(q.items); return 1; }
    }
    printf("done at t=%d spawned=%d\n", time, spawned);
    free(q.items);
    return time % 64;
}
