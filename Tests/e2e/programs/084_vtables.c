/* object-oriented C: structs with vtable pointers, "inheritance" by embedding, virtual dispatch. */
#include <stdio.h>
#include <stdlib.h>

struct shape;
struct shape_vt {
    const char *name;
    long (*area2)(const struct shape *); /* twice the area, integral */
    long (*perimeter)(const struct shape *);
    void (*scale)(struct shape *, int);
    void (*destroy)(struct shape *);
};
struct shape { const struct shape_vt *vt; int id; };
struct rect { struct shape base; long w, h; };
struct tri { struct shape base; long b, h, s1, s2; };
struct square { struct rect r; int label; };

static long rect_area2(const struct shape *s) { const struct rect *r = (const struct rect *)s; return 2 * r->w * r->h; }
static long rect_perim(const struct shape *s) { const struct rect *r = (const struct rect *)s; return 2 * (r->w + r->h); }
static void rect_scale(struct shape *s, int k) { struct rect *r = (struct rect *)s; r->w *= k; r->h *= k; }
static void generic_destroy(struct shape *s) { free(s); }
static long tri_area2(const struct shape *s) { const struct tri *t = (const struct tri *)s; return t->b * t->h; }
static long tri_perim(const struct shape *s) { const struct tri *t = (const struct tri *)s; return t->b + t->s1 + t->s2; }
static void tri_scale(struct shape *s, int k) { struct tri *t = (struct tri *)s; t->b *= k; t->h *= k; t->s1 *= k; t->s2 *= k; }
static long square_perim(const struct shape *s) { return rect_perim(s); }

static const struct shape_vt rect_vt = {"rect", rect_area2, rect_perim, rect_scale, generic_destroy};
static const struct shape_vt tri_vt = {"tri", tri_area2, tri_perim, tri_scale, generic_destroy};
static const struct shape_vt square_vt = {"square", rect_area2, square_perim, rect_scale, generic_destroy};

static int next_id;
static struct shape *new_rect(long w, long h) { struct rect *r = malloc(sizeof *r); r->base.vt = &rect_vt; r->base.id = next_id++; r->w = w; r->h = h; return &r->base; }
static struct shape *new_tri(long b, long h, long s1, long s2) { struct tri *t = malloc(sizeof *t); t->base.vt = &tri_vt; t->base.id = next_id++; t->b = b; t->h = h; t->s1 = s1; t->s2 = s2; return &t->base; }
static struct shape *new_square(long side, int label) {
    struct square *q = malloc(sizeof *q);
    q->r.base.vt = &square_vt; q->r.base.id = next_id++; q->r.w = q->r.h = side; q->label = label;
    return &q->r.base;
}
static void describe(const struct shape *s) { printf("#%d %-6s area2=%4ld perimeter=%3ld\n", s->id, s->vt->name, s->vt->area2(s), s->vt->perimeter(s)); }

int main(void) {
    struct shape *shapes[6];
    int n = 0;
    /* created one statement at a time: ids come from a counter, and initialiser-list order is unspecified */
    shapes[n++] = new_rect(3, 4);
    shapes[n++] = new_tri(6, 4, 5, 5);
    shapes[n++] = new_square(5, 1);
    shapes[n++] = new_rect(1, 10);
    shapes[n++] = new_tri(3, 4, 4, 5);
    shapes[n++] = new_square(2, 2);
    long total = 0;
    for (int i = 0; i < n; i++) describe(shapes[i]);
    for (int i = 0; i < n; i++) { shapes[i]->vt->scale(shapes[i], i % 3 + 1); total += shapes[i]->vt->area2(shapes[i]); }
    printf("after scaling:\n");
    for (int i = 0; i < n; i++) describe(shapes[i]);
    struct square *sq = (struct square *)shapes[2];
    printf("square label=%d side=%ld total area2=%ld\n", sq->label, sq->r.w, total);
    for (int i = 0; i < n; i++) shapes[i]->vt->destroy(shapes[i]);
    return (int)(total % 64);
}
