/* bit-fields: packing, signed/unsigned fields, _Bool fields, structs with bit-fields by value. */
#include <stdio.h>

struct flags {
    unsigned ready : 1;
    unsigned mode : 3;
    unsigned count : 12;
    signed delta : 5;
    _Bool dirty : 1;
    unsigned : 0;
    unsigned wide : 20;
};

static struct flags make_flags(unsigned mode, unsigned count, int delta) {
    struct flags f = {0};
    f.ready = 1;
    f.mode = mode & 7u;
    f.count = count & 0xfffu;
    f.delta = (signed)((delta + 16) % 32) - 16;
    f.dirty = count > 100;
    f.wide = count * 37u & 0xfffffu;
    return f;
}

static struct flags bump(struct flags f) {
    f.count = (f.count + 1u) & 0xfffu;
    f.mode = (f.mode + 1u) & 7u;
    f.delta = f.delta == 15 ? -16 : f.delta + 1;
    return f;
}

static unsigned encode(struct flags f) {
    return f.ready | f.mode << 1 | f.count << 4 | (unsigned)(f.delta & 31) << 16 | (unsigned)f.dirty << 21;
}

static void show(const char *label, struct flags f) {
    printf("%-6s ready=%u mode=%u count=%4u delta=%3d dirty=%d wide=%6u enc=%06x\n", label, f.ready, f.mode,
           f.count, f.delta, f.dirty, f.wide, encode(f));
}

struct rgb565 { unsigned short b : 5, g : 6, r : 5; };
static struct rgb565 pack(int r, int g, int b) { struct rgb565 c = {(unsigned short)(b >> 3), (unsigned short)(g >> 2), (unsigned short)(r >> 3)}; return c; }
static int luminance(struct rgb565 c) { return (c.r << 3) * 3 + (c.g << 2) * 6 + (c.b << 3); }

int main(void) {
    struct flags f = make_flags(5, 4090, 13);
    show("start", f);
    for (int i = 0; i < 8; i++) {
        f = bump(f);
        show("bump", f);
    }
    unsigned acc = 0;
    for (unsigned m = 0; m < 10; m++) {
        struct flags g = make_flags(m, m * 97u, (int)m * 7 - 30);
        acc ^= encode(g) + g.wide;
        show("made", g);
    }
    for (int r = 0; r < 256; r += 85) {
        struct rgb565 c = pack(r, 255 - r, r / 2);
        printf("rgb(%d) -> r=%u g=%u b=%u lum=%d\n", r, c.r, c.g, c.b, luminance(c));
    }
    printf("acc=%08x\n", acc);
    return (int)(acc % 64);
}
