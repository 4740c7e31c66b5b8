/* returns of every scalar type through call chains. */
#include <stdio.h>
#include <stdint.h>

static char ret_char(int i) { return (char)('a' + i % 26); }
static signed char ret_schar(int i) { return (signed char)(i - 64); }
static unsigned char ret_uchar(int i) { return (unsigned char)(i * 7); }
static short ret_short(int i) { return (short)(i * -300); }
static unsigned short ret_ushort(int i) { return (unsigned short)(i * 1000u); }
static int ret_int(int i) { return i * i - 50; }
static unsigned ret_uint(int i) { return 0xF0000000u >> (i % 28); }
static long ret_long(int i) { return (long)i * 100000L; }
static unsigned long ret_ulong(int i) { return 0x8000000000000000ul >> i; }
static long long ret_llong(int i) { return -(long long)i * 1234567890123LL; }
static unsigned long long ret_ullong(int i) { return (unsigned long long)i * 0x0101010101010101ull; }
static float ret_float(int i) { return (float)i / 4.0f; }
static double ret_double(int i) { return (double)i * 0.125 - 1.0; }
static int64_t ret_i64(int i) { return -(INT64_C(1) << (i % 62)); }
static uint8_t ret_u8(int i) { return (uint8_t)(255 - i); }
static size_t ret_size(int i) { return (size_t)i * sizeof(double); }

static double combine(int i) {
    return ret_char(i) + ret_schar(i) + ret_uchar(i) + ret_short(i) + ret_ushort(i) + ret_int(i) +
           (double)ret_uint(i) + (double)ret_long(i) + (double)((unsigned long long)ret_ulong(i) >> 40) /* defined where long is 32 bits */ +
           (double)(ret_llong(i) / 1000000) + (double)(ret_ullong(i) >> 32) + ret_float(i) +
           ret_double(i) + (double)ret_i64(i) + ret_u8(i) + (double)ret_size(i);
}

int main(void) {
    double acc = 0;
    for (int i = 0; i < 20; i++) {
        printf("%2d: %c %4d %3u %6d %5u %4d %10u %8ld %20lu %16lld %20llu %6.2f %7.3f %20lld %3u %3zu\n", i,
               ret_char(i), ret_schar(i), ret_uchar(i), ret_short(i), ret_ushort(i), ret_int(i),
               ret_uint(i), ret_long(i), ret_ulong(i), ret_llong(i), ret_ullong(i),
               (double)ret_float(i), ret_double(i), (long long)ret_i64(i), ret_u8(i), ret_size(i));
        acc += combine(i);
    }
    printf("acc = %.3f\n", acc);
    return ret_int(3) < 0 ? 5 : 0;
}
