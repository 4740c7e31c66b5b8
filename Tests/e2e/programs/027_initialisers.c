/* calls inside initialisers: scalars, arrays, structs, designated initialisers, statics. */
#include <stdio.h>

struct point { int x, y; };
struct rect { struct point a, b; const char *name; int flags[3]; };

static int f(int x) { return x * 10 + 1; }
static int g(int x) { return x * x; }
static const char *label(int i) { static const char *const l[] = {"alpha", "beta", "gamma"}; return l[i % 3]; }
static struct point pt(int x, int y) { struct point p = {.x = x, .y = y}; return p; }

static int sum_arr(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }

int main(void) {
    int s = f(1) + g(2);
    const int c = g(f(0));
    int arr[6] = {f(0), g(1), f(2), g(3)};
    int sparse[10] = {[2] = f(2), [7] = g(7), [4] = f(g(2))};
    struct point p = {f(1), g(2)};
    struct point q = {.y = f(3), .x = g(4)};
    struct point r = pt(g(2), f(2));
    struct rect box = {.a = pt(1, 2), .b = {f(5), .y = g(5)}, .name = label(4), .flags = {[1] = f(1)}};
    struct rect boxes[3] = {[2] = {.name = label(2), .a.x = f(9)}, [0] = {pt(0, 0), pt(f(0), g(0)), label(0), {1, 2, 3}}};
    int mixed[] = {f(1), [5] = g(5), f(6), [1] = g(1)};
    struct point pts[] = {pt(1, 1), {f(1), g(1)}, [3] = {.y = f(3)}};
    printf("s=%d c=%d\n", s, c);
    printf("arr:");
    for (int i = 0; i < 6; i++) printf(" %d", arr[i]);
    printf("\nsparse:");
    for (int i = 0; i < 10; i++) printf(" %d", sparse[i]);
    printf("\np=(%d,%d) q=(%d,%d) r=(%d,%d)\n", p.x, p.y, q.x, q.y, r.x, r.y);
    printf("box a=(%d,%d) b=(%d,%d) name=%s flags=%d,%d,%d\n", box.a.x, box.a.y, box.b.x, box.b.y, box.name,
           box.flags[0], box.flags[1], box.flags[2]);
    for (int i = 0; i < 3; i++)
        printf("boxes[%d] a=(%d,%d) b=(%d,%d) name=%s flags=%d,%d,%d\n", i, boxes[i].a.x, boxes[i].a.y,
               boxes[i].b.x, boxes[i].b.y, boxes[i].name ? boxes[i].name : "(null)", boxes[i].flags[0],
               boxes[i].flags[1], boxes[i].flags[2]);
    printf("mixed(%zu):", sizeof mixed / sizeof mixed[0]);
    for (size_t i = 0; i < sizeof mixed / sizeof mixed[0]; i++) printf(" %d", mixed[i]);
    printf("\npts(%zu):", sizeof pts / sizeof pts[0]);
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) printf(" (%d,%d)", pts[i].x, pts[i].y);
    printf("\n");
    for (int i = 0; i < 3; i++) {
        int inner = f(i) - g(i);
        int again[2] = {inner, f(inner)};
        printf("loop %d: inner=%d again=%d,%d\n", i, inner, again[0], again[1]);
    }
    char str[8] = "hi";
    const char *ptrs[] = {label(0), label(1), str};
    printf("%s %s %s sum=%d\n", ptrs[0], ptrs[1], ptrs[2], sum_arr(sparse, 10));
    return sum_arr(arr, 6) % 60;
}
