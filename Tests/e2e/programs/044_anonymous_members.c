/* anonymous structs and unions inside structs, accessed across calls. */
#include <stdio.h>
#include <string.h>

struct shape {
    int kind;
    union {
        struct { double w, h; };
        struct { double r; };
        struct { double a, b, c; };
    };
    struct {
        unsigned char red, green, blue;
    } color;
    union {
        unsigned int packed;
        unsigned char bytes[4];
    };
};

enum { RECT, CIRCLE, TRIANGLE };

static struct shape make_rect(double w, double h) { struct shape s; memset(&s, 0, sizeof s); s.kind = RECT; s.w = w; s.h = h; return s; }
static struct shape make_circle(double r) { struct shape s; memset(&s, 0, sizeof s); s.kind = CIRCLE; s.r = r; return s; }
static struct shape make_tri(double a, double b, double c) { struct shape s; memset(&s, 0, sizeof s); s.kind = TRIANGLE; s.a = a; s.b = b; s.c = c; return s; }
static void paint(struct shape *s, unsigned char r, unsigned char g, unsigned char b) {
    s->color.red = r; s->color.green = g; s->color.blue = b;
    s->packed = 0;
    s->bytes[0] = r; s->bytes[1] = g; s->bytes[2] = b;
}
static double area_x4(const struct shape *s) {
    switch (s->kind) {
    case RECT: return 4 * s->w * s->h;
    case CIRCLE: return 4 * 3 * s->r * s->r; /* pi ~ 3 keeps it exact */
    default: return s->a + s->b + s->c; /* perimeter as a stand-in */
    }
}
static const char *kind_name(int k) { return k == RECT ? "rect" : k == CIRCLE ? "circle" : "triangle"; }

int main(void) {
    struct shape shapes[6] = {make_rect(2, 3), make_circle(1.5), make_tri(3, 4, 5),
                              make_rect(0.5, 8), make_circle(2), make_tri(1, 1, 1)};
    double total = 0;
    for (int i = 0; i < 6; i++) {
        paint(&shapes[i], (unsigned char)(i * 40), (unsigned char)(255 - i * 30), (unsigned char)(i * i));
        double a = area_x4(&shapes[i]);
        total += a;
        printf("%-8s area*4=%7.2f color=(%3u,%3u,%3u) bytes=%u,%u,%u,%u\n", kind_name(shapes[i].kind), a,
               shapes[i].color.red, shapes[i].color.green, shapes[i].color.blue, shapes[i].bytes[0],
               shapes[i].bytes[1], shapes[i].bytes[2], shapes[i].bytes[3]);
    }
    struct shape copy = shapes[2];
    copy.b = 10;
    printf("copy perim=%.1f original=%.1f total=%.2f\n", area_x4(&copy), area_x4(&shapes[2]), total);
    return (int)total % 64;
}
