/* structs passed by value as arguments (small, mixed-class, large), modified copies, struct arrays. */
#include <stdio.h>
#include <string.h>

struct fpair { float a, b; };
struct dl { double d; long l; };
struct rgba { unsigned char r, g, b, a; };
struct big { int v[30]; char tag[8]; };

static float fsum(struct fpair p) { return p.a + p.b; }
static struct fpair fswap(struct fpair p) { struct fpair r = {p.b, p.a}; return r; }
static double dl_mix(struct dl x, struct dl y) { return x.d * (double)y.l + y.d * (double)x.l; }
static unsigned pack(struct rgba c) { return (unsigned)c.r << 24 | (unsigned)c.g << 16 | (unsigned)c.b << 8 | c.a; }
static struct rgba blend(struct rgba x, struct rgba y) {
    struct rgba r = {(unsigned char)((x.r + y.r) / 2), (unsigned char)((x.g + y.g) / 2), (unsigned char)((x.b + y.b) / 2), 255};
    return r;
}
static long big_sum(struct big b) { long s = 0; for (int i = 0; i < 30; i++) s += b.v[i]; return s; }
static long big_modify(struct big b, int k) { /* modifies its own copy only */
    for (int i = 0; i < 30; i++) b.v[i] *= k;
    b.tag[0] = 'X';
    return big_sum(b);
}
static int many_structs(struct fpair p, struct dl d, struct rgba c, struct big b, int tail) {
    return (int)fsum(p) + (int)d.l + c.g + b.v[29] + tail;
}

int main(void) {
    struct fpair p = {1.5f, 2.25f};
    for (int i = 0; i < 3; i++) { p = fswap(p); printf("fpair %.2f %.2f sum %.2f\n", (double)p.a, (double)p.b, (double)fsum(p)); }
    struct dl x = {0.5, 10}, y = {2.0, -3};
    printf("dl_mix=%.2f\n", dl_mix(x, y));
    struct rgba c1 = {255, 128, 0, 255}, c2 = {0, 64, 200, 0};
    struct rgba mixed = blend(c1, blend(c2, c1));
    printf("packed %08x %08x %08x\n", pack(c1), pack(c2), pack(mixed));
    struct big b;
    memset(&b, 0, sizeof b);
    for (int i = 0; i < 30; i++) b.v[i] = i * 3 - 20;
    strcpy(b.tag, "orig");
    long m = big_modify(b, 4);
    printf("big sum=%ld modified=%ld tag=%s v[5]=%d\n", big_sum(b), m, b.tag, b.v[5]);
    struct big arr[3];
    for (int k = 0; k < 3; k++) { arr[k] = b; arr[k].v[0] = k * 100; }
    for (int k = 0; k < 3; k++) printf("arr[%d] sum=%ld\n", k, big_sum(arr[k]));
    int r = many_structs(p, x, mixed, arr[2], 7);
    printf("many_structs=%d\n", r);
    return r % 64;
}
