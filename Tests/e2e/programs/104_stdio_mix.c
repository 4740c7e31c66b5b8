/* mixing printf, puts, putchar, fputs, fwrite and snprintf-built lines from many helpers. */
#include <stdio.h>
#include <string.h>

static void banner(const char *title) {
    size_t n = strlen(title) + 4;
    for (size_t i = 0; i < n; i++) putchar('=');
    putchar('\n');
    printf("| %s |\n", title);
    for (size_t i = 0; i < n; i++) putchar('=');
    puts("");
}
static int row(char *buf, size_t cap, int i) { return snprintf(buf, cap, "%3d | %-6s | %5.2f | %c", i, i % 2 ? "odd" : "even", i / 4.0, 'a' + i); }
static void raw(const char *s) { fwrite(s, 1, strlen(s), stdout); }
static void table(int n) {
    char buf[64];
    for (int i = 0; i < n; i++) {
        int len = row(buf, sizeof buf, i);
        fputs(buf, stdout);
        printf(" (%d)\n", len);
    }
}
static void histogram(const int *v, int n) {
    for (int i = 0; i < n; i++) {
        printf("%2d ", v[i]);
        for (int k = 0; k < v[i]; k++) putchar(k % 5 == 4 ? '|' : '#');
        putchar('\n');
    }
}

int main(void) {
    banner("stdio mix");
    table(6);
    raw("raw bytes via fwrite\n");
    puts("puts adds a newline");
    int v[7] = {3, 9, 1, 12, 7, 0, 5};
    histogram(v, 7);
    char big[200];
    int n = snprintf(big, sizeof big, "%s-%d-%x-%o-%e-%g-%%", "fmt", 255, 255, 255, 1234.5, 0.0001);
    printf("%s (%d)\n", big, n);
    printf("%-8s|%8s|%08.3f|%+d|% d|%#x|%#o\n", "left", "right", 3.14159, 5, 7, 255, 8);
    fflush(stdout);
    banner("done");
    return n;
}
