/* calls inside sizeof, alignof and _Generic controlling expressions must NOT be evaluated. */
#include <stdio.h>
#include <stddef.h>

static int evaluated;

static int f(int x) { evaluated++; return x; }
static double d(double x) { evaluated++; return x; }
static long double ld(void) { evaluated++; return 1.0L; }
struct big { char c[40]; double d; };
static struct big make_big(void) { struct big b = {{0}, 0.0}; evaluated++; return b; }
static char *str(void) { evaluated++; return "abc"; }

#define TYPE_NAME(e) _Generic((e), int: "int", double: "double", long double: "long double", \
                              char *: "char *", struct big: "struct big", default: "other")

int main(void) {
    size_t sizes[6] = {
        sizeof(f(1)), sizeof f(2) + sizeof(d(3.0)), sizeof(ld()), sizeof(make_big()), sizeof(str()),
        sizeof(make_big().c),
    };
    for (int i = 0; i < 6; i++) printf("size[%d] = %s\n", i, sizes[i] > 0 ? "positive" : "zero");
    printf("sizeof f == sizeof int: %d\n", sizeof(f(0)) == sizeof(int));
    printf("sizeof make_big().c == 40: %d\n", sizeof(make_big().c) == 40);
    printf("evaluated after sizeof: %d\n", evaluated);
    size_t a1 = __alignof__(f(1)), a2 = __alignof__(make_big()), a3 = _Alignof(__typeof__(d(1.0)));
    printf("align int ok: %d, big ok: %d, double ok: %d\n", a1 == _Alignof(int), a2 == _Alignof(struct big),
           a3 == _Alignof(double));
    printf("evaluated after alignof: %d\n", evaluated);
    printf("generic: %s %s %s %s %s %s\n", TYPE_NAME(f(1)), TYPE_NAME(d(2)), TYPE_NAME(ld()), TYPE_NAME(str()),
           TYPE_NAME(make_big()), TYPE_NAME(f(1) + 0L));
    printf("evaluated after _Generic: %d\n", evaluated);
    __typeof__(f(5)) t = 7;
    printf("typeof var %d, evaluated %d\n", t, evaluated);
    int arr[10];
    printf("elements %zu, evaluated %d\n", sizeof arr / sizeof arr[f(3)], evaluated);
    int chosen = _Generic(f(1), int: f(10), default: f(20));
    printf("chosen %d evaluated %d\n", chosen, evaluated);
    int both = f(2) + (int)sizeof(f(3));
    printf("both %d evaluated %d\n", both, evaluated);
    int real = f(4) * 2;
    const char *s = str();
    double dd = d(1.5);
    long double l = ld();
    struct big b = make_big();
    printf("real calls: %d %s %.1f %.1Lf %d evaluated %d\n", real, s, dd, l, b.c[0], evaluated);
    return evaluated == 7 ? 0 : 1;
}
