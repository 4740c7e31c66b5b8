/* Conway's Game of Life on a small torus for a few generations (glider, blinker, r-pentomino). */
#include <stdio.h>
#include <string.h>

#define W 20
#define H 12
typedef struct { unsigned char c[H][W]; } board;

static int wrap(int v, int m) { return (v % m + m) % m; }
static int alive(const board *b, int r, int c) { return b->c[wrap(r, H)][wrap(c, W)]; }
static int neighbours(const board *b, int r, int c) {
    int n = 0;
    for (int dr = -1; dr <= 1; dr++)
        for (int dc = -1; dc <= 1; dc++)
            if (dr || dc) n += alive(b, r + dr, c + dc);
    return n;
}
static int rule(int cell, int n) { return n == 3 || (cell && n == 2); }
static board step(const board *b) {
    board next;
    for (int r = 0; r < H; r++)
        for (int c = 0; c < W; c++) next.c[r][c] = (unsigned char)rule(b->c[r][c], neighbours(b, r, c));
    return next;
}
static int population(const board *b) { int n = 0; for (int r = 0; r < H; r++) for (int c = 0; c < W; c++) n += b->c[r][c]; return n; }
static void place(board *b, int r0, int c0, const char *const *pattern, int rows) {
    for (int r = 0; r < rows; r++)
        for (int c = 0; pattern[r][c]; c++) b->c[wrap(r0 + r, H)][wrap(c0 + c, W)] = pattern[r][c] == '#';
}
static void show(const board *b, int gen) {
    printf("generation %d, population %d\n", gen, population(b));
    for (int r = 0; r < H; r++) { for (int c = 0; c < W; c++) putchar(b->c[r][c] ? '#' : '.'); putchar('\n'); }
}

int main(void) {
    static const char *const glider[] = {".#.", "..#", "###"};
    static const char *const blinker[] = {"###"};
    static const char *const rpent[] = {".##", "##.", ".#."};
    board b;
    memset(&b, 0, sizeof b);
    place(&b, 0, 0, glider, 3);
    place(&b, 2, 12, blinker, 1);
    place(&b, 7, 6, rpent, 3);
    show(&b, 0);
    unsigned history = 0;
    for (int gen = 1; gen <= 8; gen++) {
        b = step(&b);
        history = history * 31u + (unsigned)population(&b);
        if (gen % 4 == 0) show(&b, gen);
    }
    printf("history=%u\n", history);
    return population(&b) % 64;
}
