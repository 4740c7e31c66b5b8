/* unsigned wraparound, shifts, rotations, popcount and bit tricks implemented as small helpers. */
#include <stdio.h>
#include <stdint.h>

static uint32_t rotr(uint32_t v, unsigned k) { k &= 31; return k ? v >> k | v << (32 - k) : v; }
static int popcount(uint64_t v) { int n = 0; while (v) { v &= v - 1; n++; } return n; }
static int clz32(uint32_t v) { if (!v) return 32; int n = 0; while (!(v & 0x80000000u)) { v <<= 1; n++; } return n; }
static uint32_t reverse_bits(uint32_t v) { uint32_t r = 0; for (int i = 0; i < 32; i++) { r = r << 1 | (v & 1); v >>= 1; } return r; }
static uint64_t xorshift(uint64_t *s) { uint64_t x = *s; x ^= x << 13; x ^= x >> 7; x ^= x << 17; return *s = x; }
static uint16_t wrap16(uint16_t a, uint16_t b) { return (uint16_t)(a - b); }
static uint32_t next_pow2(uint32_t v) { v--; v |= v >> 1; v |= v >> 2; v |= v >> 4; v |= v >> 8; v |= v >> 16; return v + 1; }
static unsigned gray(unsigned v) { return v ^ (v >> 1); }
static unsigned from_gray(unsigned g) { unsigned v = 0; for (; g; g >>= 1) v ^= g; return v; }

int main(void) {
    uint64_t seed = 88172645463325252ull;
    unsigned mismatches = 0;
    for (int i = 0; i < 8; i++) {
        uint64_t r = xorshift(&seed);
        uint32_t lo = (uint32_t)r, hi = (uint32_t)(r >> 32);
        printf("%016llx pop=%2d clz(lo)=%2d rotr(hi,%d)=%08x rev(lo)=%08x\n", (unsigned long long)r, popcount(r), clz32(lo), i * 5,
               (unsigned)rotr(hi, (unsigned)i * 5), (unsigned)reverse_bits(lo));
        if (reverse_bits(reverse_bits(lo)) != lo) mismatches++;
    }
    printf("wrap16: %u %u\n", wrap16(3, 5), wrap16(65535, 65535));
    for (uint32_t v = 1; v < 5000; v = v * 3 + 1) printf("next_pow2(%u)=%u\n", (unsigned)v, (unsigned)next_pow2(v));
    for (unsigned v = 0; v < 16; v++) if (from_gray(gray(v)) != v) mismatches++;
    unsigned umax = 0u - 1u;
    printf("umax=%u umax+1=%u gray(13)=%u mismatches=%u\n", umax, umax + 1u, gray(13), mismatches);
    return (int)mismatches + popcount(seed) % 32;
}
