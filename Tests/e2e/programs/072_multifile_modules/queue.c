#include "containers.h"

unsigned queue_ops;
static int checks;

static int check(const struct queue *q) { checks += 2; return q->len <= 16 && q->head < 16; }

void queue_init(struct queue *q) { q->head = q->len = 0; check(q); }

int queue_put(struct queue *q, int v) {
    queue_ops++;
    if (!check(q) || q->len == 16) return 0;
    q->items[(q->head + q->len++) % 16] = v;
    return 1;
}

int queue_get(struct queue *q, int *out) {
    queue_ops++;
    if (!check(q) || q->len == 0) return 0;
    *out = q->items[q->head];
    q->head = (q->head + 1) % 16;
    q->len--;
    return 1;
}

int queue_checks(void) { return checks; }
