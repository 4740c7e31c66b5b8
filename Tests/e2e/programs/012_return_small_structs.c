/* small structs returned and passed by value (register-sized classes). */
#include <stdio.h>

struct point { int x, y; };
struct pair_d { double a, b; };
struct mixed { char tag; short s; float f; };
struct one { long v; };
struct three_ints { int a, b, c; };

static struct point make_point(int x, int y) { struct point p = {x, y}; return p; }
static struct point add_points(struct point a, struct point b) { return make_point(a.x + b.x, a.y + b.y); }
static struct point scale(struct point p, int k) { return make_point(p.x * k, p.y * k); }
static struct pair_d make_pair(double a, double b) { struct pair_d p; p.a = a; p.b = b; return p; }
static struct pair_d swap_pair(struct pair_d p) { return make_pair(p.b, p.a); }
static struct mixed make_mixed(int i) { struct mixed m = {(char)('A' + i), (short)(i * 11), (float)i * 0.5f}; return m; }
static struct one make_one(long v) { struct one o = {v}; return o; }
static struct one inc_one(struct one o) { return make_one(o.v + 1); }
static struct three_ints make3(int i) { struct three_ints t = {i, i * 2, i * 3}; return t; }
static struct three_ints rot3(struct three_ints t) { struct three_ints r = {t.b, t.c, t.a}; return r; }

static int manhattan(struct point p) { return (p.x < 0 ? -p.x : p.x) + (p.y < 0 ? -p.y : p.y); }

int main(void) {
    struct point acc = make_point(0, 0);
    for (int i = 1; i <= 10; i++) {
        acc = add_points(acc, scale(make_point(i, -i + 3), i % 3 + 1));
        printf("acc=(%d,%d) dist=%d\n", acc.x, acc.y, manhattan(acc));
    }
    printf("direct member: %d %d\n", make_point(4, 5).x, add_points(make_point(1, 2), make_point(3, 4)).y);
    struct pair_d p = make_pair(1.5, -2.25);
    for (int i = 0; i < 3; i++) {
        p = swap_pair(p);
        printf("pair %.2f %.2f\n", p.a, p.b);
    }
    for (int i = 0; i < 5; i++) {
        struct mixed m = make_mixed(i);
        printf("mixed %c %d %.1f\n", m.tag, m.s, (double)m.f);
    }
    struct one o = make_one(41);
    o = inc_one(inc_one(o));
    printf("one %ld\n", o.v);
    struct three_ints t = make3(7);
    for (int i = 0; i < 4; i++) {
        t = rot3(t);
        printf("three %d %d %d\n", t.a, t.b, t.c);
    }
    return manhattan(acc) % 20;
}
