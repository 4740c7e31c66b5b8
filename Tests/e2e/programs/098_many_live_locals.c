/* many locals of many types live across a loop full of calls (stresses frame save/restore). */
#include <stdio.h>
#include <stdint.h>

static int step_i(int v) { return v * 5 % 101 + 1; }
static double step_d(double v) { return v * 0.5 + 1.0; }
static unsigned char step_c(unsigned char v) { return (unsigned char)(v * 7 + 3); }
static int64_t step_l(int64_t v) { return v * 3 % 1000000007 + 11; }
static float step_f(float v) { return v * 0.25f + 2.0f; }

int main(void) {
    int i1 = 1, i2 = 2, i3 = 3, i4 = 4, i5 = 5, i6 = 6, i7 = 7, i8 = 8;
    double d1 = 1.0, d2 = 2.0, d3 = 3.0, d4 = 4.0;
    unsigned char c1 = 1, c2 = 2, c3 = 3;
    int64_t l1 = 10, l2 = 20, l3 = 30;
    float f1 = 1.0f, f2 = 2.0f;
    short sh = 7;
    _Bool flag = 0;
    const char *name = "locals";
    int arr[4] = {1, 2, 3, 4};
    struct { int a; double b; } st = {5, 6.0};
    for (int round = 0; round < 12; round++) {
        i1 = step_i(i1 + i8); i2 = step_i(i2 + i1); i3 = step_i(i3 + i2); i4 = step_i(i4 + i3);
        i5 = step_i(i5 + i4); i6 = step_i(i6 + i5); i7 = step_i(i7 + i6); i8 = step_i(i8 + i7);
        d1 = step_d(d1 + d4); d2 = step_d(d2 + d1); d3 = step_d(d3 + d2); d4 = step_d(d4 + d3);
        c1 = step_c(c1 ^ c3); c2 = step_c(c2 ^ c1); c3 = step_c(c3 ^ c2);
        l1 = step_l(l1 + l3); l2 = step_l(l2 + l1); l3 = step_l(l3 + l2);
        f1 = step_f(f1 + f2); f2 = step_f(f2 + f1);
        sh = (short)step_i(sh);
        flag = !flag;
        arr[round % 4] = step_i(arr[(round + 1) % 4]);
        st.a = step_i(st.a);
        st.b = step_d(st.b);
        if (round % 3 == 2)
            printf("%s r=%2d i=%d,%d,%d,%d,%d,%d,%d,%d d=%.4f,%.4f,%.4f,%.4f c=%u,%u,%u l=%lld,%lld,%lld f=%.4f,%.4f sh=%d flag=%d arr=%d,%d,%d,%d st=%d,%.4f\n",
                   name, round, i1, i2, i3, i4, i5, i6, i7, i8, d1, d2, d3, d4, c1, c2, c3, (long long)l1, (long long)l2,
                   (long long)l3, (double)f1, (double)f2, sh, flag, arr[0], arr[1], arr[2], arr[3], st.a, st.b);
    }
    return (i1 + i2 + i3 + i4 + i5 + i6 + i7 + i8 + c1 + c2 + c3) % 64;
}
