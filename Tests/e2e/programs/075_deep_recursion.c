/* deep (but bounded) linear recursion: thousands of live frames, each with locals used after the call. */
#include <stdio.h>

static long sum_down(int n) {
    int local = n % 7;
    if (n == 0) return 0;
    long rest = sum_down(n - 1);
    return rest + n + local;
}

static int depth_max;
static int walk(int depth, int limit, int *path) {
    int here[4] = {depth, depth * 2, depth * 3, depth % 5};
    if (depth > depth_max) depth_max = depth;
    if (depth == limit) return here[3];
    int below = walk(depth + 1, limit, path);
    path[depth % 16] += below;
    return (below + here[0] + here[1] - here[2] + here[3]) % 1000;
}

static unsigned chain_hash(unsigned h, int n) { return n == 0 ? h : chain_hash(h * 2654435761u + (unsigned)n, n - 1); }

static int count_nodes(int depth) { return depth == 0 ? 1 : 1 + count_nodes(depth - 1) + (depth % 1000 == 0 ? count_nodes(depth / 1000) : 0); }

int main(void) {
    for (int n = 1000; n <= 8000; n += 3500) printf("sum_down(%d) = %ld\n", n, sum_down(n));
    int path[16] = {0};
    int w = walk(0, 5000, path);
    printf("walk=%d depth_max=%d\n", w, depth_max);
    for (int i = 0; i < 16; i++) printf("path[%d]=%d\n", i, path[i]);
    printf("chain_hash=%08x\n", chain_hash(1u, 6000));
    printf("count_nodes=%d\n", count_nodes(4000));
    return (w + depth_max) % 64;
}
