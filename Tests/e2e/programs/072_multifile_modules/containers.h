#ifndef CONTAINERS_H
#define CONTAINERS_H
#include <stddef.h>

struct stack { int items[64]; size_t n; };
struct queue { int items[16]; size_t head, len; };

void stack_init(struct stack *s);
int stack_push(struct stack *s, int v);
int stack_pop(struct stack *s, int *out);
size_t stack_size(const struct stack *s);

void queue_init(struct queue *q);
int queue_put(struct queue *q, int v);
int queue_get(struct queue *q, int *out);

/* defined in stack.c and queue.c respectively; each file also has its own static helper named check() */
extern unsigned stack_ops, queue_ops;
int stack_checks(void);
int queue_checks(void);
#endif
