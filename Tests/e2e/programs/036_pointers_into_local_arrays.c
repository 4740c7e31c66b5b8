/* pointers into local arrays held in other locals across calls; pointer arithmetic after calls. */
#include <stdio.h>

static int *advance(int *p, int n) { return p + n; }
static int distance(const int *a, const int *b) { return (int)(b - a); }
static int get(const int *p) { return *p; }
static void set(int *p, int v) { *p = v; }
static char *find(char *s, char c) { while (*s && *s != c) s++; return s; }

int main(void) {
    int arr[20];
    for (int i = 0; i < 20; i++) set(&arr[i], i * i);
    int *begin = arr, *end = arr + 20;
    int *mid = advance(begin, 10);
    int *q = advance(mid, 3);
    printf("mid=%d q=%d dist=%d\n", get(mid), get(q), distance(begin, q));
    set(mid, -1);
    set(advance(q, -5), -2);
    int sum = 0;
    for (int *p = begin; p != end; p = advance(p, 1)) sum += get(p);
    printf("sum=%d arr[10]=%d arr[8]=%d\n", sum, arr[10], arr[8]);
    int *slots[4];
    for (int i = 0; i < 4; i++) slots[i] = advance(arr, i * 5);
    for (int i = 0; i < 4; i++) set(slots[i], get(slots[(i + 1) % 4]) + 1000);
    for (int i = 0; i < 20; i += 5) printf("arr[%d]=%d\n", i, arr[i]);
    char text[] = "key=value;other=thing;last=1";
    char *cursor = text;
    int fields = 0;
    while (*cursor) {
        char *eq = find(cursor, '=');
        char *semi = find(eq, ';');
        char saved = *semi;
        *eq = '\0';
        *semi = '\0';
        printf("field %d: %s -> %s\n", fields++, cursor, eq + 1);
        *eq = '=';
        *semi = saved;
        cursor = saved ? semi + 1 : semi;
    }
    printf("text intact: %s\n", text);
    int grid[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    int *row1 = grid[1];
    int (*rowp)[3] = &grid[2];
    set(advance(row1, 2), get(&(*rowp)[0]) * 10);
    printf("grid[1][2]=%d diag=%d\n", grid[1][2], get(&grid[0][0]) + get(row1 + 1) + get(*rowp + 2));
    return fields + distance(arr, mid);
}
