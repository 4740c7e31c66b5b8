/* static, static inline, extern declarations and definitions, block-scope extern. */
#include <stdio.h>

extern int shared_counter;
extern int bump_shared(int by);
static inline int sq(int x) { return x * x; }
static inline int cube(int x) { return sq(x) * x; }
inline static unsigned rotl(unsigned v, int k) { return (v << (k & 31)) | (v >> ((32 - k) & 31)); }
static int helper(int x);

int shared_counter = 3;

int bump_shared(int by) {
    shared_counter += sq(by);
    return shared_counter;
}

static int helper(int x) { return cube(x) - sq(x); }

static int use_block_extern(void) {
    extern int shared_counter;
    extern int bump_shared(int);
    int bumped = bump_shared(2);
    return bumped + shared_counter;
}

static inline int clamp(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

int main(void) {
    for (int i = -3; i <= 3; i++) printf("sq=%d cube=%d helper=%d clamp=%d\n", sq(i), cube(i), helper(i), clamp(helper(i), -10, 10));
    unsigned v = 0x80000001u;
    for (int k = 0; k < 40; k += 7) printf("rotl(%08x, %d) = %08x\n", v, k, rotl(v, k));
    for (int i = 0; i < 4; i++) printf("bump_shared -> %d\n", bump_shared(i));
    printf("block extern -> %d\n", use_block_extern());
    printf("shared_counter = %d\n", shared_counter);
    return shared_counter % 30;
}
