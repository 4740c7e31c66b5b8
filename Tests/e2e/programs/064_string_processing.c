/* string processing: split, join, reverse words, trim, case folding, counting, replacing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

static char *dup_range(const char *s, size_t n) { char *d = malloc(n + 1); memcpy(d, s, n); d[n] = '\0'; return d; }
static int split(const char *s, char sep, char **out, int max) {
    int n = 0;
    const char *start = s;
    for (const char *p = s;; p++) {
        if (*p == sep || *p == '\0') {
            if (n < max) out[n++] = dup_range(start, (size_t)(p - start));
            if (!*p) break;
            start = p + 1;
        }
    }
    return n;
}
static char *join(char **parts, int n, const char *sep) {
    size_t total = 1;
    for (int i = 0; i < n; i++) total += strlen(parts[i]) + (i ? strlen(sep) : 0);
    char *r = malloc(total);
    r[0] = '\0';
    for (int i = 0; i < n; i++) { if (i) strcat(r, sep); strcat(r, parts[i]); }
    return r;
}
static void reverse_range(char *s, size_t n) { for (size_t i = 0; i < n / 2; i++) { char t = s[i]; s[i] = s[n - 1 - i]; s[n - 1 - i] = t; } }
static void reverse_words(char *s) {
    reverse_range(s, strlen(s));
    for (char *w = s; *w;) {
        while (*w == ' ') w++;
        char *e = w;
        while (*e && *e != ' ') e++;
        reverse_range(w, (size_t)(e - w));
        w = e;
    }
}
static char *trim(char *s) {
    while (isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) s[--n] = '\0';
    return s;
}
static void title_case(char *s) { int start = 1; for (; *s; s++) { *s = (char)(start ? toupper((unsigned char)*s) : tolower((unsigned char)*s)); start = *s == ' ' || *s == '-'; } }
static int count_sub(const char *s, const char *sub) { int n = 0; size_t k = strlen(sub); for (const char *p = strstr(s, sub); p; p = strstr(p + k, sub)) n++; return n; }
static char *replace_all(const char *s, const char *from, const char *to) {
    size_t nf = strlen(from), nt = strlen(to);
    char *r = malloc(strlen(s) + (size_t)count_sub(s, from) * (nt > nf ? nt - nf : 0) + 1);
    char *o = r;
    while (*s) { if (strncmp(s, from, nf) == 0) { memcpy(o, to, nt); o += nt; s += nf; } else *o++ = *s++; }
    *o = '\0';
    return r;
}
static int is_palindrome(const char *s) {
    size_t i = 0, j = strlen(s);
    while (i < j) {
        if (!isalpha((unsigned char)s[i])) { i++; continue; }
        if (!isalpha((unsigned char)s[j - 1])) { j--; continue; }
        if (tolower((unsigned char)s[i]) != tolower((unsigned char)s[j - 1])) return 0;
        i++; j--;
    }
    return 1;
}

int main(void) {
    char *parts[16];
    int n = split("alpha,beta,,gamma,delta,epsilon", ',', parts, 16);
    printf("split into %d:", n);
    for (int i = 0; i < n; i++) printf(" [%s]", parts[i]);
    char *joined = join(parts, n, " | ");
    printf("\njoined: %s\n", joined);
    for (int i = 0; i < n; i++) free(parts[i]);
    char sentence[] = "the quick brown fox jumps over the lazy dog";
    reverse_words(sentence);
    printf("reversed words: %s\n", sentence);
    char padded[] = "   \t  trim me please \n ";
    printf("trimmed: [%s]\n", trim(padded));
    char title[] = "hello wORLD of stack-less FRAMES";
    title_case(title);
    printf("title: %s\n", title);
    printf("count 'the': %d, count 'o': %d\n", count_sub("the other theme: then there", "the"), count_sub(joined, "a"));
    char *rep = replace_all("a-b-c--d", "-", "<->");
    printf("replaced: %s\n", rep);
    const char *pals[] = {"A man, a plan, a canal: Panama", "stackless", "Was it a car or a cat I saw", "abca"};
    int pal_count = 0;
    for (int i = 0; i < 4; i++) { int p = is_palindrome(pals[i]); pal_count += p; printf("palindrome(%s) = %d\n", pals[i], p); }
    free(joined);
    free(rep);
    return pal_count;
}
