/* n-queens: count all solutions for small n and print the first board for n = 8. */
#include <stdio.h>

static int cols[12];
static long placements;

static int safe(int row, int col) {
    for (int r = 0; r < row; r++) {
        int c = cols[r];
        if (c == col || c - col == r - row || c - col == row - r) return 0;
    }
    return 1;
}
static void print_board(int n) {
    for (int r = 0; r < n; r++) {
        for (int c = 0; c < n; c++) putchar(cols[r] == c ? 'Q' : '.');
        putchar('\n');
    }
}
static int solve(int row, int n, int stop_at_first) {
    if (row == n) return 1;
    int count = 0;
    for (int c = 0; c < n; c++) {
        if (!safe(row, c)) continue;
        cols[row] = c;
        placements++;
        count += solve(row + 1, n, stop_at_first);
        if (stop_at_first && count) return count;
    }
    return count;
}

int main(void) {
    int total = 0;
    for (int n = 1; n <= 7; n++) {
        placements = 0;
        int s = solve(0, n, 0);
        total += s;
        printf("n=%d solutions=%d placements=%ld\n", n, s, placements);
    }
    placements = 0;
    if (solve(0, 8, 1)) {
        printf("first 8-queens solution after %ld placements:\n", placements);
        print_board(8);
    }
    return total % 64;
}
