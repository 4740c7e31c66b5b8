/* unions returned and passed by value; type punning through unsigned char views. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>

union word {
    uint32_t u;
    uint8_t bytes[4];
    uint16_t halves[2];
};

union value {
    long i;
    double d;
    const char *s;
};

enum kind { K_INT, K_DBL, K_STR };
struct tagged { enum kind k; union value v; };

static union word make_word(uint32_t u) { union word w; w.u = u; return w; }
static union word byte_swap(union word w) {
    union word r;
    for (int i = 0; i < 4; i++) r.bytes[i] = w.bytes[3 - i];
    return r;
}
static union value vi(long i) { union value v; v.i = i; return v; }
static union value vd(double d) { union value v; v.d = d; return v; }
static union value vs(const char *s) { union value v; v.s = s; return v; }
static struct tagged tag(enum kind k, union value v) { struct tagged t = {k, v}; return t; }

static struct tagged combine(struct tagged a, struct tagged b) {
    if (a.k == K_INT && b.k == K_INT) return tag(K_INT, vi(a.v.i + b.v.i));
    if (a.k == K_STR || b.k == K_STR) return tag(K_STR, vs(a.k == K_STR ? a.v.s : b.v.s));
    double x = a.k == K_INT ? (double)a.v.i : a.v.d;
    double y = b.k == K_INT ? (double)b.v.i : b.v.d;
    return tag(K_DBL, vd(x + y));
}

static void show(struct tagged t) {
    switch (t.k) {
    case K_INT: printf("int %ld\n", t.v.i); break;
    case K_DBL: printf("double %.4f\n", t.v.d); break;
    case K_STR: printf("string %s\n", t.v.s); break;
    }
}

int main(void) {
    uint32_t x = 0x12345678u;
    for (int i = 0; i < 5; i++) {
        union word w = make_word(x);
        union word s = byte_swap(w);
        uint32_t back = byte_swap(s).u;
        printf("%08x -> %08x back %08x sum_halves %u\n", (unsigned)x, (unsigned)s.u, (unsigned)back,
               (unsigned)(w.halves[0] + w.halves[1]));
        x = x * 2654435761u + 12345u;
    }
    struct tagged items[] = {
        tag(K_INT, vi(5)), tag(K_DBL, vd(2.5)), tag(K_INT, vi(-12)), tag(K_STR, vs("label")), tag(K_DBL, vd(0.125)),
    };
    struct tagged acc = tag(K_INT, vi(0));
    for (int i = 0; i < 5; i++) {
        acc = combine(acc, items[i]);
        show(acc);
    }
    show(combine(items[0], items[2]));
    show(combine(items[1], items[4]));
    return acc.k == K_STR ? 3 : 0;
}
