/* goto into and out of nested blocks and loop bodies (no VLAs involved). */
#include <stdio.h>

static int trace_sum;
static int note(int v) { trace_sum += v; return v; }

static int jump_into_loop(int n) {
    int i = 0, acc = 0;
    if (n > 5) goto middle;
    for (i = 0; i < n; i++) {
        acc += note(i);
middle:
        acc += note(100);
        if (acc > 1000) break;
    }
    return acc + i;
}

static int jump_out_of_nested(int limit) {
    int count = 0;
    for (int a = 0; a < 10; a++) {
        for (int b = 0; b < 10; b++) {
            {
                int prod = note(a * b);
                if (prod > limit) goto done;
                count++;
            }
        }
    }
done:
    return count;
}

static int into_block(int x) {
    int r = 0;
    if (x & 1) goto inside;
    r = note(1000);
    {
        int local = 7;
        r += local;
inside:
        local = note(x);
        r += local * 2;
    }
    return r;
}

static int backward_from_block(int n) {
    int tries = 0;
retry:
    tries++;
    {
        int v = note(n * tries);
        if (v < 50) goto retry;
    }
    return tries;
}

int main(void) {
    for (int n = 0; n < 9; n++) printf("jump_into_loop(%d) = %d\n", n, jump_into_loop(n));
    for (int l = 0; l < 60; l += 9) printf("jump_out(%d) = %d\n", l, jump_out_of_nested(l));
    for (int x = 0; x < 6; x++) printf("into_block(%d) = %d\n", x, into_block(x));
    for (int n = 1; n < 30; n += 6) printf("backward(%d) = %d\n", n, backward_from_block(n));
    printf("trace_sum = %d\n", trace_sum);
    return trace_sum % 17;
}
