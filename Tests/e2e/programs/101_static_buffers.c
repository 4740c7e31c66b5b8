/* functions returning pointers to static buffers and static tables; rotating buffers used across calls. */
#include <stdio.h>
#include <string.h>

static const char *itoa_rot(long v) {
    static char bufs[4][24];
    static int which;
    char *b = bufs[which];
    which = (which + 1) % 4;
    snprintf(b, 24, "%ld", v);
    return b;
}
static const char *hex(unsigned v) {
    static char buf[16];
    snprintf(buf, sizeof buf, "0x%x", v);
    return buf;
}
static const char *month(int m) {
    static const char *const names[] = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    return m >= 1 && m <= 12 ? names[m - 1] : "???";
}
static int days_in(int m, int leap) {
    static const unsigned char days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return days[m - 1] + (m == 2 && leap);
}
static char *scratch(void) { static char s[64]; return s; }
static const char *describe(int m, int leap) {
    char *s = scratch();
    snprintf(s, 64, "%s has %d days", month(m), days_in(m, leap));
    return s;
}

int main(void) {
    const char *a = itoa_rot(12345), *b = itoa_rot(-7), *c = itoa_rot(1L << 40);
    printf("%s %s %s\n", a, b, c);
    const char *d = itoa_rot(99);
    printf("%s %s %s %s\n", a, b, c, d);
    const char *e = itoa_rot(0); /* reuses a's buffer */
    printf("a is now %s (e=%s)\n", a, e);
    char copy[16];
    strcpy(copy, hex(48879));
    printf("%s %s\n", copy, hex(3054));
    int total = 0;
    for (int m = 1; m <= 12; m++) {
        total += days_in(m, 1);
        printf("%s\n", describe(m, m % 2));
    }
    printf("%s total=%d\n", month(13), total);
    return total % 64;
}
