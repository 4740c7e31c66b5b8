/* typedef'd scalars, structs, pointers, arrays and function types used across calls. */
#include <stdio.h>
#include <stdint.h>

typedef int32_t score_t;
typedef unsigned long long big_t;
typedef struct vec { double x, y, z; } vec_t;
typedef vec_t *vec_ptr;
typedef score_t triple_t[3];
typedef score_t (*scorer_fn)(const vec_t *);
typedef score_t scorer_type(const vec_t *);
typedef struct { const char *name; scorer_fn fn; } entry_t;
typedef char name_t[12];

static vec_t vec(double x, double y, double z) { vec_t v = {x, y, z}; return v; }
static vec_t vadd(vec_t a, vec_t b) { return vec(a.x + b.x, a.y + b.y, a.z + b.z); }
static double dot(const vec_t *a, const vec_t *b) { return a->x * b->x + a->y * b->y + a->z * b->z; }
static scorer_type score_len, score_sum;
static score_t score_len(const vec_t *v) { return (score_t)dot(v, v); }
static score_t score_sum(const vec_t *v) { return (score_t)(v->x + v->y + v->z); }
static void fill_triple(triple_t t, score_t base) { for (int i = 0; i < 3; i++) t[i] = base * (i + 1); }
static big_t factorial(big_t n) { return n <= 1 ? 1 : n * factorial(n - 1); }
static void scale(vec_ptr p, double k) { p->x *= k; p->y *= k; p->z *= k; }
static void name_of(name_t out, int i) { snprintf(out, sizeof(name_t), "item%03d", i); }

int main(void) {
    entry_t entries[] = {{"len", score_len}, {"sum", score_sum}};
    vec_t acc = vec(0, 0, 0);
    for (int i = 1; i <= 5; i++) {
        acc = vadd(acc, vec(i, -i * 0.5, 2));
        for (int e = 0; e < 2; e++) printf("%d %s=%d ", i, entries[e].name, (int)entries[e].fn(&acc));
        printf("\n");
    }
    vec_ptr p = &acc;
    scale(p, 2);
    printf("scaled %.2f %.2f %.2f\n", acc.x, acc.y, acc.z);
    triple_t t;
    fill_triple(t, score_sum(&acc));
    printf("triple %d %d %d\n", (int)t[0], (int)t[1], (int)t[2]);
    for (big_t n = 5; n <= 20; n += 5) printf("%llu! = %llu\n", n, factorial(n));
    name_t nm;
    name_of(nm, 42);
    printf("name %s size %zu\n", nm, sizeof(name_t));
    scorer_fn pick = score_len(&acc) > 100 ? score_len : score_sum;
    return (int)(pick(&acc) % 50);
}
