/* truth tables of boolean functions built from short-circuit expressions over calls. */
#include <stdio.h>
#include <stdbool.h>

static int evals;
static bool in(unsigned row, int bit) { evals++; return (row >> bit) & 1u; }
static bool xor3(unsigned r) { return in(r, 0) != (in(r, 1) != in(r, 2)); }
static bool majority(unsigned r) { return (in(r, 0) && in(r, 1)) || (in(r, 1) && in(r, 2)) || (in(r, 0) && in(r, 2)); }
static bool implies(bool a, bool b) { return !a || b; }
static bool mux(unsigned r) { return in(r, 2) ? in(r, 1) : in(r, 0); }
static bool nand(bool a, bool b) { return !(a && b); }
static bool via_nand(unsigned r) { /* xor of bits 0 and 1 built from nands */
    bool a = in(r, 0), b = in(r, 1), n = nand(a, b);
    return nand(nand(a, n), nand(b, n));
}

int main(void) {
    printf("row a b c | xor3 maj mux imp nandxor\n");
    int ones = 0;
    for (unsigned r = 0; r < 8; r++) {
        bool x = xor3(r), m = majority(r), u = mux(r), i = implies(in(r, 0), in(r, 2)), n = via_nand(r);
        ones += x + m + u + i + n;
        printf("%3u %d %d %d |  %d    %d   %d   %d   %d\n", r, in(r, 0), in(r, 1), in(r, 2), x, m, u, i, n);
    }
    int before = evals;
    int count = 0;
    for (unsigned r = 0; r < 8; r++) if (majority(r) && !xor3(r)) count++;
    printf("ones=%d count=%d evals_in_loop=%d\n", ones, count, evals - before);
    return ones;
}
