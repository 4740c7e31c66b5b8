/* structs whose ABI class is SSE or mixed (float pairs, float+int, double+float), passed and returned. */
#include <stdio.h>

struct f2 { float x, y; };
struct f4 { float a, b, c, d; };
struct d2 { double x, y; };
struct fi { float f; int i; };
struct df { double d; float f; };
struct d3 { double a, b, c; };

static struct f2 f2_make(float x, float y) { struct f2 r = {x, y}; return r; }
static struct f2 f2_add(struct f2 p, struct f2 q) { return f2_make(p.x + q.x, p.y + q.y); }
static struct f4 f4_make(int k) { struct f4 r = {k * 0.5f, k * 0.25f, (float)-k, 1.0f}; return r; }
static struct f4 f4_mul(struct f4 p, struct f4 q) { struct f4 r = {p.a * q.a, p.b * q.b, p.c * q.c, p.d * q.d}; return r; }
static struct d2 d2_rot90(struct d2 p) { struct d2 r = {-p.y, p.x}; return r; }
static struct fi fi_make(float f, int i) { struct fi r = {f, i}; return r; }
static struct fi fi_step(struct fi v) { return fi_make(v.f * 2.0f, v.i - 3); }
static struct df df_make(double d, float f) { struct df r = {d, f}; return r; }
static double df_sum(struct df v) { return v.d + (double)v.f; }
static struct d3 d3_cross(struct d3 u, struct d3 v) { struct d3 r = {u.b * v.c - u.c * v.b, u.c * v.a - u.a * v.c, u.a * v.b - u.b * v.a}; return r; }
static double mixed_args(float a, double b, struct f2 c, int d, struct d2 e, float f, struct fi g, double h) {
    return a + b + c.x + c.y + d + e.x + e.y + f + g.f + g.i + h;
}

int main(void) {
    struct f2 acc = f2_make(0, 0);
    for (int i = 1; i <= 6; i++) { acc = f2_add(acc, f2_make(i * 0.5f, -i * 0.25f)); printf("f2 %.3f %.3f\n", (double)acc.x, (double)acc.y); }
    struct f4 p = f4_make(1);
    for (int k = 2; k <= 4; k++) { p = f4_mul(p, f4_make(k)); printf("f4 %.4f %.4f %.1f %.1f\n", (double)p.a, (double)p.b, (double)p.c, (double)p.d); }
    struct d2 v = {3, 1};
    for (int i = 0; i < 4; i++) { v = d2_rot90(v); printf("d2 %.1f %.1f\n", v.x, v.y); }
    struct fi w = fi_make(0.125f, 20);
    for (int i = 0; i < 5; i++) { w = fi_step(w); printf("fi %.3f %d\n", (double)w.f, w.i); }
    printf("df %.4f\n", df_sum(df_make(1.5, 0.25f)));
    struct d3 x = {1, 0, 0}, y = {0, 1, 0};
    struct d3 z = d3_cross(x, y), back = d3_cross(y, z);
    printf("cross %.1f %.1f %.1f / %.1f %.1f %.1f\n", z.a, z.b, z.c, back.a, back.b, back.c);
    double m = mixed_args(0.5f, 1.25, acc, 3, v, 0.75f, w, -2.0);
    printf("mixed %.4f\n", m);
    return (int)m % 64;
}
