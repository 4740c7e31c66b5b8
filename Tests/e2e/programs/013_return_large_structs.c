/* large structs (200+ bytes, memory-returned) by value through call chains. */
#include <stdio.h>
#include <string.h>

struct big {
    int id;
    char name[36];
    double weights[20];
};

struct record {
    struct big a;
    struct big b;
    long stamp;
};

static struct big make_big(int id, const char *name) {
    struct big b;
    memset(&b, 0, sizeof b);
    b.id = id;
    snprintf(b.name, sizeof b.name, "%s#%d", name, id);
    for (int i = 0; i < 20; i++) b.weights[i] = id * 0.5 + i;
    return b;
}

static double total(struct big b) {
    double t = 0;
    for (int i = 0; i < 20; i++) t += b.weights[i];
    return t;
}

static struct big blend(struct big x, struct big y) {
    struct big r = make_big(x.id + y.id, "blend");
    for (int i = 0; i < 20; i++) r.weights[i] = (x.weights[i] + y.weights[19 - i]) / 2;
    return r;
}

static struct record make_record(int n) {
    struct record r;
    r.a = make_big(n, "left");
    r.b = blend(r.a, make_big(n * 2, "right"));
    r.stamp = (long)n * 1000 + (long)total(r.b);
    return r;
}

static struct record pass_through(struct record r, int depth) {
    if (depth == 0) return r;
    r.stamp += depth;
    return pass_through(r, depth - 1);
}

int main(void) {
    printf("sizeof big=%zu record=%zu\n", sizeof(struct big) >= 200 ? (size_t)200 : (size_t)0,
           sizeof(struct record) >= 400 ? (size_t)400 : (size_t)0);
    struct big acc = make_big(1, "acc");
    for (int i = 2; i < 8; i++) {
        acc = blend(acc, make_big(i, "step"));
        printf("%-12s id=%2d total=%8.3f w0=%.3f w19=%.3f\n", acc.name, acc.id, total(acc),
               acc.weights[0], acc.weights[19]);
    }
    printf("inline total: %.3f, name: %s\n", total(make_big(9, "tmp")), make_big(3, "x").name);
    for (int n = 1; n <= 4; n++) {
        struct record r = pass_through(make_record(n), n * 3);
        printf("record %d: a=%s b=%s stamp=%ld b.w[5]=%.3f\n", n, r.a.name, r.b.name, r.stamp,
               r.b.weights[5]);
    }
    return (int)total(acc) % 32;
}
