/* compound literals containing calls, passed to functions, taken by address, used as arrays. */
#include <stdio.h>

struct point { int x, y; };
struct seg { struct point a, b; };

static int f(int x) { return x * 3 - 1; }
static int g(int x) { return 10 - x; }
static int len2(struct seg s) { int dx = s.b.x - s.a.x, dy = s.b.y - s.a.y; return dx * dx + dy * dy; }
static int sum(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
static void move(struct point *p, struct point d) { p->x += d.x; p->y += d.y; }
static struct point mid(const struct seg *s) { return (struct point){(s->a.x + s->b.x) / 2, (s->a.y + s->b.y) / 2}; }
static const char *pick(const char *const *names, int i) { return names[i]; }

int main(void) {
    for (int i = 0; i < 5; i++) {
        int l = len2((struct seg){{f(i), g(i)}, {.x = g(i), .y = f(i)}});
        int s = sum((int[]){f(i), g(i), f(g(i)), i}, 4);
        printf("i=%d len2=%d sum=%d\n", i, l, s);
    }
    struct point p = {0, 0};
    for (int i = 0; i < 4; i++) move(&p, (struct point){.y = f(i), .x = g(i)});
    printf("p=(%d,%d)\n", p.x, p.y);
    struct point *q = &(struct point){f(2), g(2)};
    move(q, (struct point){1, 1});
    printf("q=(%d,%d)\n", q->x, q->y);
    struct point m = mid(&(struct seg){{0, 0}, {f(4), g(-4)}});
    printf("mid=(%d,%d)\n", m.x, m.y);
    printf("pick=%s\n", pick((const char *const[]){"zero", "one", "two"}, g(8)));
    int *arr = (int[8]){[3] = f(1), [7] = g(1), [1] = 5};
    arr[0] = sum(arr, 8);
    printf("arr0=%d arr1=%d arr7=%d\n", arr[0], arr[1], arr[7]);
    return (p.x + p.y + arr[0]) % 64;
}
