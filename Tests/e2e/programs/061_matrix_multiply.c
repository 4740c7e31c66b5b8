/* integer matrix multiply, transpose, power and determinant through helper calls. */
#include <stdio.h>

#define N 5
typedef struct { long m[N][N]; } mat;

static long get(const mat *a, int i, int j) { return a->m[i][j]; }
static void set(mat *a, int i, int j, long v) { a->m[i][j] = v; }
static mat identity(void) { mat r; for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) set(&r, i, j, i == j); return r; }
static long dot_row_col(const mat *a, const mat *b, int i, int j) { long s = 0; for (int k = 0; k < N; k++) s += get(a, i, k) * get(b, k, j); return s; }
static mat multiply(mat a, mat b) { mat r; for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) set(&r, i, j, dot_row_col(&a, &b, i, j) % 1000003); return r; }
static mat transpose(mat a) { mat r; for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) set(&r, j, i, get(&a, i, j)); return r; }
static mat power(mat a, int e) {
    mat r = identity();
    while (e > 0) { if (e & 1) r = multiply(r, a); a = multiply(a, a); e >>= 1; }
    return r;
}
static long trace(const mat *a) { long t = 0; for (int i = 0; i < N; i++) t += get(a, i, i); return t; }
static long det_rec(const long m[N][N], int n, const int *rows, int col) {
    if (col == n) return 1;
    long d = 0;
    int sign = 1;
    for (int r = 0; r < n; r++) {
        if (!rows[r]) continue;
        int sub[N];
        for (int k = 0; k < n; k++) sub[k] = rows[k];
        sub[r] = 0;
        d += sign * m[r][col] * det_rec(m, n, sub, col + 1);
        sign = -sign;
    }
    return d;
}
static long det(const mat *a) { int rows[N] = {1, 1, 1, 1, 1}; return det_rec(a->m, N, rows, 0); }
static void print(const char *label, const mat *a) {
    printf("%s:\n", label);
    for (int i = 0; i < N; i++) { for (int j = 0; j < N; j++) printf(" %7ld", get(a, i, j)); printf("\n"); }
}

int main(void) {
    mat a, b;
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) { set(&a, i, j, (i * 3 + j * 7) % 11 - 5); set(&b, i, j, i == j ? 2 : (i + j) % 3); }
    print("A", &a);
    print("B", &b);
    mat c = multiply(a, b);
    print("A*B", &c);
    mat t = transpose(c);
    print("(A*B)^T", &t);
    mat p = power(b, 6);
    print("B^6", &p);
    printf("det A=%ld det B=%ld det AB=%ld trace AB=%ld\n", det(&a), det(&b), det(&c), trace(&c));
    mat bt_at = multiply(transpose(b), transpose(a));
    int same = 1;
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) same &= get(&bt_at, i, j) == get(&t, i, j);
    printf("(AB)^T == B^T A^T: %d\n", same);
    return (int)(trace(&p) % 64);
}
