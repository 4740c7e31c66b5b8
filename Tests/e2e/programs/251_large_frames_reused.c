/* Frames larger than the free lists' classes (640 bytes) are allocated with their exact size. A
   resumed activation that suspends again reuses its frame when the new one is of the same 16-byte
   class; a save 8 bytes larger than the frame it keeps (one more variable live at the next
   point) must not be written into it. Two copies, one with 4 more bytes live throughout, so that
   one of them has its first save at 8 mod 16 bytes whatever the frame header is. */
#include <stdio.h>

struct q { long a, b, c, d, e, f, g, h; };
struct big { struct q a, b, c, d, e, f, g, h, i, j, k; };

static long step(long x) { return (x * 3 + 1) % 1000003; }

#define TWICE(name, PAD_DECL, PAD_USE)                                                         \
    static long name(int n) {                                                                \
        struct big b = {0};                                                                  \
        PAD_DECL                                                                             \
        b.a.a = n; b.c.d = n * 2; b.k.h = n + 5; b.f.e = 7;                                  \
        long salt = n * 7L;                                                                  \
        long total = step(b.a.a + b.k.h);          /* b, n, salt live */                     \
        b.c.d += total;                                                                      \
        long extra = step(total + b.c.d);          /* b, n, salt, total: 8 bytes more */     \
        long again = step(extra + b.f.e);                                                    \
        return total + extra + again + salt + b.a.a + b.c.d + b.k.h + b.f.e PAD_USE;         \
    }

TWICE(twice_plain, , )
TWICE(twice_padded, int pad = n ^ 5;, + pad)

int main(void) {
    long total = 0;
    for (int n = 0; n < 50; n++) total += twice_plain(n) + twice_padded(n);
    printf("twice %ld\n", total);
    return 0;
}
