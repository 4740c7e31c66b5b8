/* indirect calls through function pointers that return structs (small and large) and take them. */
#include <stdio.h>

struct vec2 { int x, y; };
struct mat { long m[6][6]; };

typedef struct vec2 (*vec_op)(struct vec2, struct vec2);
typedef struct mat (*mat_gen)(int);

static struct vec2 vadd(struct vec2 a, struct vec2 b) { return (struct vec2){a.x + b.x, a.y + b.y}; }
static struct vec2 vsub(struct vec2 a, struct vec2 b) { return (struct vec2){a.x - b.x, a.y - b.y}; }
static struct vec2 vmul(struct vec2 a, struct vec2 b) { return (struct vec2){a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x}; }
static struct mat diag(int k) { struct mat r = {{{0}}}; for (int i = 0; i < 6; i++) r.m[i][i] = k + i; return r; }
static struct mat ramp(int k) { struct mat r; for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++) r.m[i][j] = (i + 1) * (j + k); return r; }
static long trace(struct mat a) { long t = 0; for (int i = 0; i < 6; i++) t += a.m[i][i]; return t; }
static long sum(const struct mat *a) { long s = 0; for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++) s += a->m[i][j]; return s; }

struct op_entry { const char *name; vec_op op; };
static const struct op_entry table[] = {{"add", vadd}, {"sub", vsub}, {"mul", vmul}};

static struct vec2 fold(const struct op_entry *e, const struct vec2 *vs, int n) {
    struct vec2 acc = vs[0];
    for (int i = 1; i < n; i++) acc = e->op(acc, vs[i]);
    return acc;
}
static mat_gen pick_gen(int i) { return i % 2 ? ramp : diag; }

int main(void) {
    struct vec2 vs[5] = {{1, 2}, {3, -1}, {0, 2}, {-2, 1}, {1, 1}};
    for (int i = 0; i < 3; i++) {
        struct vec2 r = fold(&table[i], vs, 5);
        printf("%s: (%d, %d)\n", table[i].name, r.x, r.y);
    }
    printf("direct member: %d\n", table[2].op(vs[0], vs[1]).y);
    long acc = 0;
    for (int i = 0; i < 4; i++) {
        struct mat m = pick_gen(i)(i + 1);
        long t = trace(pick_gen(i + 1)(i)), s = sum(&m);
        acc += t + s;
        printf("gen %d: sum=%ld other trace=%ld m[5][5]=%ld\n", i, s, t, m.m[5][5]);
    }
    printf("acc=%ld\n", acc);
    return (int)(acc % 64);
}
