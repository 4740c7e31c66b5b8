/* exit() called deep inside a recursive call chain; output must be flushed and status propagated. */
#include <stdio.h>
#include <stdlib.h>

static int budget = 100;
static long trail;

static void spend(int cost, int depth);

static void check_budget(int depth) {
    if (budget < 0) {
        printf("over budget at depth %d, trail=%ld\n", depth, trail);
        exit(depth % 50 + 3);
    }
}

static void branch(int depth) {
    trail = trail * 3 + depth;
    trail %= 1000003;
    spend(depth % 7 + 1, depth + 1);
}

static void spend(int cost, int depth) {
    budget -= cost;
    if (depth % 5 == 0) printf("depth %d cost %d budget %d\n", depth, cost, budget);
    check_budget(depth);
    branch(depth);
}

int main(void) {
    printf("starting\n");
    branch(1);
    printf("not reached\n");
    return 0;
}
