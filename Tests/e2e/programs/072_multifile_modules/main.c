/* multi-file program with a shared header, extern globals and same-named static functions per file. */
#include <stdio.h>
#include "containers.h"

static int check(int v) { return v % 3 == 0; } /* a third static check(), unrelated */

int main(void) {
    struct stack s;
    struct queue q;
    stack_init(&s);
    queue_init(&q);
    int rejected = 0;
    for (int i = 0; i < 24; i++) {
        if (!queue_put(&q, i * i)) rejected++;
        if (check(i)) stack_push(&s, i);
    }
    printf("rejected by queue: %d, stack size: %zu\n", rejected, stack_size(&s));
    int v, moved = 0;
    while (queue_get(&q, &v)) {
        if (v % 2 == 0 && stack_push(&s, v)) moved++;
        printf("dequeued %d\n", v);
    }
    printf("moved %d, stack size %zu\n", moved, stack_size(&s));
    long sum = 0;
    while (stack_pop(&s, &v)) sum = sum * 3 % 100003 + v;
    int sc = stack_checks(), qc = queue_checks();
    printf("sum=%ld stack_ops=%u queue_ops=%u checks=%d/%d\n", sum, stack_ops, queue_ops, sc, qc);
    return (int)(sum % 40);
}
