/* char, short, unsigned char and _Bool parameters (promotion and truncation at call boundaries). */
#include <stdio.h>
#include <stdbool.h>

static char next_letter(char c) { return c == 'z' ? 'a' : (char)(c + 1); }
static unsigned char wrap_add(unsigned char a, unsigned char b) { return (unsigned char)(a + b); }
static short mul_short(short a, short b) { return (short)(a * b); }
static signed char clamp_s8(int v) { return (signed char)(v > 127 ? 127 : v < -128 ? -128 : v); }
static int widen(signed char a, unsigned char b, short c, unsigned short d, bool e) { return a + b + c + d + e; }
static bool flip(bool b) { return !b; }
static unsigned short checksum16(const unsigned char *p, int n) {
    unsigned short s = 0;
    for (int i = 0; i < n; i++) s = (unsigned short)((s << 1 | s >> 15) + p[i]);
    return s;
}
static char caesar(char c, signed char shift) {
    if (c < 'a' || c > 'z') return c;
    return (char)('a' + ((c - 'a' + shift) % 26 + 26) % 26);
}

int main(void) {
    char c = 'w';
    for (int i = 0; i < 6; i++) { c = next_letter(c); putchar(c); }
    putchar('\n');
    unsigned char u = 200;
    for (int i = 0; i < 4; i++) { u = wrap_add(u, 30); printf("u=%u\n", u); }
    short s = 3;
    for (int i = 0; i < 5; i++) { s = mul_short(s, 7); printf("s=%d\n", s); }
    for (int v = -300; v <= 300; v += 150) printf("clamp(%d)=%d\n", v, clamp_s8(v));
    printf("widen=%d\n", widen(clamp_s8(-5), wrap_add(250, 10), mul_short(100, 3), 65535, flip(false)));
    bool b = true;
    for (int i = 0; i < 3; i++) b = flip(b);
    unsigned char data[32];
    for (int i = 0; i < 32; i++) data[i] = wrap_add((unsigned char)(i * 9), (unsigned char)i);
    printf("b=%d checksum=%04x\n", b, checksum16(data, 32));
    const char *msg = "stackless frames, resumed!";
    char enc[64], dec[64];
    int i;
    for (i = 0; msg[i]; i++) { enc[i] = caesar(msg[i], 11); dec[i] = caesar(enc[i], -11); }
    enc[i] = dec[i] = '\0';
    printf("%s -> %s -> %s\n", msg, enc, dec);
    return checksum16(data, 32) % 64;
}
