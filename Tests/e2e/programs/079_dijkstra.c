/* Dijkstra shortest paths on a small weighted graph (adjacency matrix), with path reconstruction. */
#include <stdio.h>

#define V 9
#define INF 1000000

static int graph[V][V];

static void add_edge(int a, int b, int w) { graph[a][b] = w; graph[b][a] = w; }
static int pick_min(const int *dist, const int *done) {
    int best = -1;
    for (int v = 0; v < V; v++) if (!done[v] && dist[v] < INF && (best < 0 || dist[v] < dist[best])) best = v;
    return best;
}
static void relax(int u, int *dist, int *prev, const int *done) {
    for (int v = 0; v < V; v++) {
        if (done[v] || !graph[u][v]) continue;
        int nd = dist[u] + graph[u][v];
        if (nd < dist[v]) { dist[v] = nd; prev[v] = u; }
    }
}
static void dijkstra(int src, int *dist, int *prev) {
    int done[V] = {0};
    for (int v = 0; v < V; v++) { dist[v] = INF; prev[v] = -1; }
    dist[src] = 0;
    for (int u; (u = pick_min(dist, done)) >= 0;) { done[u] = 1; relax(u, dist, prev, done); }
}
static int print_path(const int *prev, int v) {
    if (v < 0) return 0;
    int n = print_path(prev, prev[v]);
    printf("%s%d", n ? "->" : "", v);
    return n + 1;
}

int main(void) {
    add_edge(0, 1, 4); add_edge(0, 7, 8); add_edge(1, 2, 8); add_edge(1, 7, 11); add_edge(2, 3, 7);
    add_edge(2, 8, 2); add_edge(2, 5, 4); add_edge(3, 4, 9); add_edge(3, 5, 14); add_edge(4, 5, 10);
    add_edge(5, 6, 2); add_edge(6, 7, 1); add_edge(6, 8, 6); add_edge(7, 8, 7);
    int dist[V], prev[V];
    long total = 0;
    for (int src = 0; src < V; src += 4) {
        dijkstra(src, dist, prev);
        printf("from %d:\n", src);
        for (int v = 0; v < V; v++) {
            printf("  to %d dist %2d path ", v, dist[v]);
            int hops = print_path(prev, v);
            printf(" (%d nodes)\n", hops);
            total += dist[v];
        }
    }
    graph[6][7] = graph[7][6] = 0; /* remove an edge */
    dijkstra(0, dist, prev);
    printf("without 6-7: dist to 6 = %d\n", dist[6]);
    printf("total=%ld\n", total);
    return (int)(total % 64);
}
