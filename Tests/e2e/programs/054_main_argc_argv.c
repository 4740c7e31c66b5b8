/* e2e: args=alpha beta 42 --flag -7 */
/* main(int argc, char **argv): parse arguments passed by the harness (argv[0] is never printed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_number(const char *s) {
    if (*s == '-' || *s == '+') s++;
    if (!*s) return 0;
    for (; *s; s++) if (*s < '0' || *s > '9') return 0;
    return 1;
}
static int is_flag(const char *s) { return strncmp(s, "--", 2) == 0; }
static unsigned hash(const char *s) { unsigned h = 0; while (*s) h = h * 131u + (unsigned char)*s++; return h; }
static void describe(int i, const char *arg) {
    if (is_number(arg)) printf("arg %d: number %ld\n", i, strtol(arg, NULL, 10));
    else if (is_flag(arg)) printf("arg %d: flag %s\n", i, arg + 2);
    else printf("arg %d: word %s (len %zu, hash %08x)\n", i, arg, strlen(arg), hash(arg));
}

int main(int argc, char **argv) {
    long sum = 0;
    int words = 0;
    printf("argc = %d\n", argc);
    for (int i = 1; i < argc; i++) {
        describe(i, argv[i]);
        if (is_number(argv[i])) sum += strtol(argv[i], NULL, 10);
        else if (!is_flag(argv[i])) words++;
    }
    printf("argv[argc] is %s\n", argv[argc] == NULL ? "NULL" : "not NULL");
    char **p = argv + 1;
    while (*p) p++;
    printf("counted %td args, sum %ld, words %d\n", p - argv - 1, sum, words);
    return argc == 6 ? (int)(sum % 30) + words : 1;
}
