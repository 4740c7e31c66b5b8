/* _Bool and enum returns, used directly in conditions and as indices. */
#include <stdio.h>
#include <stdbool.h>

enum color { RED, GREEN, BLUE, NCOLORS };
enum sign { NEG = -1, ZERO = 0, POS = 1 };

static _Bool is_even(int n) { return n % 2 == 0; }
static bool both(bool a, bool b) { return a && b; }
static _Bool to_bool(int n) { return n; } /* any nonzero -> 1 */
static enum color next_color(enum color c) { return (enum color)((c + 1) % NCOLORS); }
static enum sign sign_of(int x) { return x < 0 ? NEG : x > 0 ? POS : ZERO; }
static const char *color_name(enum color c) {
    static const char *const names[NCOLORS] = {"red", "green", "blue"};
    return names[c];
}
static enum color mix(enum color a, enum color b) {
    if (a == b) return a;
    return (enum color)(NCOLORS - a - b);
}

int main(void) {
    int counts[NCOLORS] = {0};
    enum color c = RED;
    for (int i = 0; i < 10; i++) {
        counts[c] += is_even(i) + 1;
        printf("%d %-5s even=%d tobool=%d both=%d\n", i, color_name(c), is_even(i), to_bool(i * 3 - 6),
               both(is_even(i), to_bool(i % 3)));
        c = next_color(c);
    }
    for (int i = 0; i < NCOLORS; i++) printf("count[%s]=%d\n", color_name((enum color)i), counts[i]);
    for (int a = 0; a < NCOLORS; a++)
        for (int b = 0; b < NCOLORS; b++)
            printf("mix(%s,%s)=%s\n", color_name((enum color)a), color_name((enum color)b),
                   color_name(mix((enum color)a, (enum color)b)));
    int sum = 0;
    for (int x = -3; x <= 3; x++) sum += sign_of(x) * x;
    printf("sum of |x| = %d, sizeof(_Bool)=%zu to_bool(256)=%d\n", sum, sizeof(_Bool), to_bool(256));
    return to_bool(sum) ? (int)sign_of(sum) + 20 : 0;
}
