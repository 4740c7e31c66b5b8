/* _Complex double parameters and returns (no libm needed). */
#include <stdio.h>
#include <complex.h>

typedef double _Complex cplx;

static cplx make(double re, double im) { return re + im * I; }
static cplx cmul(cplx a, cplx b) { return a * b; }
static cplx cadd(cplx a, cplx b) { return a + b; }
static double norm2(cplx z) { return creal(z) * creal(z) + cimag(z) * cimag(z); }
static cplx conjugate(cplx z) { return make(creal(z), -cimag(z)); }
static cplx power(cplx z, int n) { return n == 0 ? make(1, 0) : cmul(z, power(z, n - 1)); }

static int mandel_iters(cplx c, int max) {
    cplx z = make(0, 0);
    for (int i = 0; i < max; i++) {
        z = cadd(cmul(z, z), c);
        if (norm2(z) > 4.0) return i;
    }
    return max;
}

struct cpair { cplx a, b; };
static struct cpair both(cplx z) { struct cpair p = {z, conjugate(z)}; return p; }

int main(void) {
    cplx z = make(1, 1);
    for (int n = 0; n <= 8; n++) {
        cplx p = power(z, n);
        printf("(1+i)^%d = %.1f %+.1fi |.|^2=%.1f\n", n, creal(p), cimag(p), norm2(p));
    }
    struct cpair pr = both(make(3, -4));
    cplx prod = cmul(pr.a, pr.b);
    printf("z*conj(z) = %.1f %+.1fi\n", creal(prod), cimag(prod));
    int total = 0;
    for (int row = 0; row < 11; row++) {
        for (int col = 0; col < 32; col++) {
            int it = mandel_iters(make(-2.0 + col * 0.078125, -1.25 + row * 0.25), 30);
            total += it;
            putchar(it >= 30 ? '#' : it > 8 ? '+' : it > 3 ? '.' : ' ');
        }
        putchar('\n');
    }
    printf("total iterations %d\n", total);
    return 0;
}
