/* sudoku solver by backtracking with candidate counting (most constrained cell first). */
#include <stdio.h>

static int grid[81];
static long guesses;

static int row_of(int i) { return i / 9; }
static int col_of(int i) { return i % 9; }
static int box_of(int i) { return row_of(i) / 3 * 3 + col_of(i) / 3; }
static int allowed(int i, int v) {
    for (int j = 0; j < 81; j++) {
        if (grid[j] != v) continue;
        if (row_of(j) == row_of(i) || col_of(j) == col_of(i) || box_of(j) == box_of(i)) return 0;
    }
    return 1;
}
static int candidates(int i, int *mask) {
    int n = 0;
    *mask = 0;
    for (int v = 1; v <= 9; v++) if (allowed(i, v)) { *mask |= 1 << v; n++; }
    return n;
}
static int pick_cell(int *mask_out) {
    int best = -1, best_n = 10;
    for (int i = 0; i < 81; i++) {
        if (grid[i]) continue;
        int mask, n = candidates(i, &mask);
        if (n < best_n) { best = i; best_n = n; *mask_out = mask; if (n <= 1) break; }
    }
    return best;
}
static int solve(void) {
    int mask = 0;
    int cell = pick_cell(&mask);
    if (cell < 0) return 1;
    for (int v = 1; v <= 9; v++) {
        if (!(mask & (1 << v))) continue;
        grid[cell] = v;
        guesses++;
        if (solve()) return 1;
    }
    grid[cell] = 0;
    return 0;
}
static void load(const char *s) { for (int i = 0; i < 81; i++) grid[i] = s[i] == '.' ? 0 : s[i] - '0'; }
static void print(void) {
    for (int r = 0; r < 9; r++) {
        for (int c = 0; c < 9; c++) printf("%d%s", grid[r * 9 + c], c % 3 == 2 && c < 8 ? " | " : " ");
        printf("\n");
        if (r % 3 == 2 && r < 8) printf("------+-------+------\n");
    }
}
static int valid_solution(void) {
    for (int i = 0; i < 81; i++) {
        int v = grid[i];
        grid[i] = 0;
        int ok = v >= 1 && v <= 9 && allowed(i, v);
        grid[i] = v;
        if (!ok) return 0;
    }
    return 1;
}

int main(void) {
    const char *puzzle = "53..7....6..195....98....6.8...6...34..8.3..17...2...6.6....28....419..5....8..79";
    load(puzzle);
    int ok = solve();
    printf("solved=%d guesses=%ld valid=%d\n", ok, guesses, valid_solution());
    print();
    long checksum = 0;
    for (int i = 0; i < 81; i++) checksum = checksum * 7 % 1000003 + grid[i];
    printf("checksum=%ld\n", checksum);
    return ok ? (int)(checksum % 60) : 1;
}
