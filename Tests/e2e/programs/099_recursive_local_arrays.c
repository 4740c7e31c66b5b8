/* recursion where each frame owns local arrays and passes pointers to them (and to parents') downward. */
#include <stdio.h>
#include <string.h>

#define N 6
static const int adj[N][N] = {
    {0, 1, 1, 0, 0, 0}, {1, 0, 1, 1, 0, 0}, {1, 1, 0, 1, 1, 0},
    {0, 1, 1, 0, 1, 1}, {0, 0, 1, 1, 0, 1}, {0, 0, 0, 1, 1, 0},
};
static int paths_found;

static int path_weight(const int *path, int len) { int w = 0; for (int i = 0; i < len; i++) w = w * 7 + path[i]; return w; }

static void dfs(int node, int target, const int *parent_path, int len, const int *visited_in) {
    int path[N + 1];
    int visited[N];
    memcpy(path, parent_path, sizeof(int) * (size_t)len);
    memcpy(visited, visited_in, sizeof visited);
    path[len++] = node;
    visited[node] = 1;
    if (node == target) {
        paths_found++;
        if (paths_found <= 6) {
            printf("path %d:", paths_found);
            for (int i = 0; i < len; i++) printf(" %d", path[i]);
            printf(" (weight %d)\n", path_weight(path, len));
        }
        return;
    }
    for (int next = 0; next < N; next++)
        if (adj[node][next] && !visited[next]) dfs(next, target, path, len, visited);
    /* the frame's arrays must still be intact after all those calls */
    if (path[len - 1] != node || !visited[node]) printf("corrupted frame at node %d\n", node);
}

static int subset_sums(const int *items, int n, int idx, int *chosen, int count, int target) {
    if (idx == n) return 0;
    int local_copy[8];
    memcpy(local_copy, chosen, sizeof(int) * (size_t)count);
    int found = 0;
    local_copy[count] = items[idx];
    int s = 0;
    for (int i = 0; i <= count; i++) s += local_copy[i];
    if (s == target) {
        found++;
        printf("subset:");
        for (int i = 0; i <= count; i++) printf(" %d", local_copy[i]);
        printf("\n");
    }
    found += subset_sums(items, n, idx + 1, local_copy, count + 1, target);
    found += subset_sums(items, n, idx + 1, chosen, count, target);
    return found;
}

int main(void) {
    int empty[N + 1] = {0}, none[N] = {0};
    dfs(0, 5, empty, 0, none);
    printf("paths from 0 to 5: %d\n", paths_found);
    int items[] = {3, 34, 4, 12, 5, 2, 7};
    int chosen[8] = {0};
    int k = subset_sums(items, 7, 0, chosen, 0, 14);
    printf("subsets summing to 14: %d\n", k);
    return paths_found + k;
}
