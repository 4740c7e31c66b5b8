/* many early returns from loops, nested blocks and switches. */
#include <stdio.h>
#include <string.h>

static int is_vowel(char c) { return strchr("aeiou", c) != NULL && c != '\0'; }

static int first_vowel(const char *s) {
    for (int i = 0; s[i]; i++) {
        if (is_vowel(s[i])) return i;
    }
    return -1;
}

static int check(int x) {
    if (x < 0) return -1;
    while (x > 100) {
        if (x % 7 == 0) return 7;
        x /= 2;
    }
    switch (x % 4) {
    case 0: return 40;
    case 1: { if (x > 50) return 51; break; }
    case 2: return first_vowel("rhythm and blues") + 20;
    }
    {
        int y = x * 3;
        if (y > 100) return y;
        {
            if (y % 2) return -y;
        }
    }
    return 0;
}

static void maybe_print(int x) {
    if (x % 3 == 0) return;
    printf("  maybe %d\n", x);
    if (x % 5 == 0) return;
    printf("  really %d\n", x);
}

static const char *find_word(const char *const *words, int n, const char *w) {
    for (int i = 0; i < n; i++)
        if (strcmp(words[i], w) == 0) return words[i];
    return "(none)";
}

int main(void) {
    static const char *const words[] = {"apple", "sky", "orange", "tsktsk", "idea"};
    int total = 0;
    for (int i = 0; i < 5; i++)
        printf("first_vowel(%s) = %d\n", words[i], first_vowel(words[i]));
    for (int x = -2; x < 300; x += 23) {
        int c = check(x);
        total += c;
        printf("check(%d) = %d\n", x, c);
    }
    for (int x = 0; x < 12; x++) maybe_print(x);
    printf("%s %s\n", find_word(words, 5, "orange"), find_word(words, 5, "pear"));
    printf("total = %d\n", total);
    if (total > 0) return 2;
    return 0;
}
