/* CRC-32 (table built at startup), Adler-32, FNV-1a and djb2 over built-in data; all unsigned arithmetic. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static uint32_t crc_table[256];

static uint32_t crc_entry(uint32_t n) { uint32_t c = n; for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1; return c; }
static void crc_init(void) { for (uint32_t n = 0; n < 256; n++) crc_table[n] = crc_entry(n); }
static uint32_t crc_update(uint32_t crc, const unsigned char *p, size_t n) { crc = ~crc; while (n--) crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8); return ~crc; }
static uint32_t adler32(const unsigned char *p, size_t n) { uint32_t a = 1, b = 0; while (n--) { a = (a + *p++) % 65521u; b = (b + a) % 65521u; } return b << 16 | a; }
static uint32_t fnv1a(const unsigned char *p, size_t n) { uint32_t h = 2166136261u; while (n--) { h ^= *p++; h *= 16777619u; } return h; }
static uint64_t djb2(const unsigned char *p, size_t n) { uint64_t h = 5381; while (n--) h = h * 33 + *p++; return h; }
static uint32_t rotl(uint32_t v, int k) { return v << k | v >> (32 - k); }
static uint32_t murmur_mix(uint32_t h) { h ^= h >> 16; h *= 0x85ebca6bu; h ^= h >> 13; h *= 0xc2b2ae35u; h ^= h >> 16; return h; }

int main(void) {
    crc_init();
    const char *inputs[] = {"", "a", "abc", "The quick brown fox jumps over the lazy dog", "123456789", "stackless"};
    uint32_t combined = 0;
    for (int i = 0; i < 6; i++) {
        const unsigned char *p = (const unsigned char *)inputs[i];
        size_t n = strlen(inputs[i]);
        uint32_t c = crc_update(0, p, n);
        uint32_t c2 = n > 1 ? crc_update(crc_update(0, p, n / 2), p + n / 2, n - n / 2) : c;
        printf("%-44s crc=%08x split_ok=%d adler=%08x fnv=%08x djb2=%016llx\n", inputs[i], (unsigned)c, c == c2,
               (unsigned)adler32(p, n), (unsigned)fnv1a(p, n), (unsigned long long)djb2(p, n));
        combined = rotl(combined, 5) ^ murmur_mix(c);
    }
    unsigned char block[256];
    for (int i = 0; i < 256; i++) block[i] = (unsigned char)(i * 7 + 3);
    printf("block crc=%08x combined=%08x\n", (unsigned)crc_update(0, block, sizeof block), (unsigned)combined);
    return crc_update(0, (const unsigned char *)"123456789", 9) == 0xCBF43926u ? 0 : 1;
}
