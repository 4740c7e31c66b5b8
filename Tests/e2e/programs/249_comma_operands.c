/* A comma expression where C's grammar allows one without parentheses, in an expression the
   rewrite splits: the middle operand of ?: (SQLite's putVarint32 macro: `v < 0x80 ? (*p = v), 1
   : put_varint(p, v)`, whose other branch calls a function that may suspend), the last
   expression of a statement expression, and `return a, b;` in a function that keeps a local on
   the shadow stack. Each value, assigned to a temporary without its parentheses, was the comma's
   left operand instead of its right (SQLite wrote a cell header one byte too long). */
#include <stdio.h>

static int put_varint(unsigned char *p, unsigned v) {
    int n = 0;
    do { p[n++] = (unsigned char)(v & 0x7f); v >>= 7; } while (v);
    return n;
}

#define PUT_VARINT32(p, v) (unsigned char)((v) < 0x80 ? (*(p) = (unsigned char)(v)), 1 : put_varint((p), (v)))

static int header(unsigned char *cell, unsigned size, unsigned key) {
    int n = 0;
    n += PUT_VARINT32(&cell[n], size);
    n += PUT_VARINT32(&cell[n], key);
    return n;
}

static int last_of_block(int x) {
    int y = ({ int t = put_varint((unsigned char[8]){0}, (unsigned)x); t * 100, t + x; });
    return y;
}

static void fill(int *out) { *out = 42; }

static int comma_return(int x) {
    int kept;
    fill(&kept);
    return kept += x, kept * 2;
}

int main(void) {
    unsigned char cell[32] = {0};
    int total = 0;
    for (unsigned v = 1; v < 100000; v = v * 3 + 1) {
        int n = header(cell, v, v / 2);
        total += n;
        printf("%u: %d bytes, first %u\n", v, n, cell[0]);
    }
    printf("total %d\n", total);
    printf("block %d %d\n", last_of_block(5), last_of_block(300));
    printf("return %d\n", comma_return(8));
    return 0;
}
