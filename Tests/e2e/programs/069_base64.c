/* base64 encode/decode round trips over assorted buffers, including binary data and padding cases. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static char enc_char(unsigned v) { return alphabet[v & 63]; }
static int dec_char(char c) {
    const char *p = strchr(alphabet, c);
    return c && p ? (int)(p - alphabet) : -1;
}
static size_t encode(const unsigned char *in, size_t n, char *out) {
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16;
        if (i + 1 < n) v |= (unsigned)in[i + 1] << 8;
        if (i + 2 < n) v |= in[i + 2];
        out[o++] = enc_char(v >> 18);
        out[o++] = enc_char(v >> 12);
        out[o++] = i + 1 < n ? enc_char(v >> 6) : '=';
        out[o++] = i + 2 < n ? enc_char(v) : '=';
    }
    out[o] = '\0';
    return o;
}
static long decode(const char *in, unsigned char *out) {
    size_t n = strlen(in), o = 0;
    if (n % 4) return -1;
    for (size_t i = 0; i < n; i += 4) {
        int a = dec_char(in[i]), b = dec_char(in[i + 1]);
        int c = in[i + 2] == '=' ? 0 : dec_char(in[i + 2]);
        int d = in[i + 3] == '=' ? 0 : dec_char(in[i + 3]);
        if (a < 0 || b < 0 || c < 0 || d < 0) return -1;
        unsigned v = (unsigned)a << 18 | (unsigned)b << 12 | (unsigned)c << 6 | (unsigned)d;
        out[o++] = (unsigned char)(v >> 16);
        if (in[i + 2] != '=') out[o++] = (unsigned char)(v >> 8);
        if (in[i + 3] != '=') out[o++] = (unsigned char)v;
    }
    return (long)o;
}
static int roundtrip(const unsigned char *data, size_t n) {
    char *enc = malloc(4 * ((n + 2) / 3) + 1);
    unsigned char *dec = malloc(n + 3);
    size_t en = encode(data, n, enc);
    long dn = decode(enc, dec);
    int ok = dn == (long)n && memcmp(data, dec, n) == 0;
    printf("n=%2zu enc=%-40s len=%zu ok=%d\n", n, enc, en, ok);
    free(enc);
    free(dec);
    return ok;
}

int main(void) {
    const char *texts[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar", "Stackless frames on the heap!"};
    int ok = 0;
    for (int i = 0; i < 8; i++) ok += roundtrip((const unsigned char *)texts[i], strlen(texts[i]));
    unsigned char bin[24];
    for (int i = 0; i < 24; i++) bin[i] = (unsigned char)(i * 53 + 7);
    for (size_t n = 20; n <= 24; n++) ok += roundtrip(bin, n);
    unsigned char out[64];
    const char *bad[] = {"abc", "ab!d", "SGVsbG8=", "SGk="};
    for (int i = 0; i < 4; i++) {
        long n = decode(bad[i], out);
        if (n >= 0) printf("decode(%s) = %.*s\n", bad[i], (int)n, (const char *)out);
        else printf("decode(%s) failed\n", bad[i]);
    }
    printf("ok=%d\n", ok);
    return ok == 13 ? 0 : 1;
}
