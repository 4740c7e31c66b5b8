/* a goto-driven scanner (labels as states) counting words, numbers and punctuation. */
#include <stdio.h>
#include <ctype.h>

struct counts { int words, numbers, punct, longest; long number_sum; };

static int classify(int c) { return isalpha(c) ? 1 : isdigit(c) ? 2 : ispunct(c) ? 3 : c == 0 ? 0 : 4; }
static void note_word(struct counts *k, int len) { k->words++; if (len > k->longest) k->longest = len; }
static void note_number(struct counts *k, long v) { k->numbers++; k->number_sum += v; }

static struct counts scan(const char *s) {
    struct counts k = {0, 0, 0, 0, 0};
    int len = 0;
    long val = 0;
    int c;
idle:
    c = (unsigned char)*s++;
    switch (classify(c)) {
    case 0: goto done;
    case 1: len = 1; goto word;
    case 2: val = c - '0'; goto number;
    case 3: k.punct++; goto idle;
    default: goto idle;
    }
word:
    c = (unsigned char)*s++;
    if (classify(c) == 1) { len++; goto word; }
    note_word(&k, len);
    if (c == 0) goto done;
    s--;
    goto idle;
number:
    c = (unsigned char)*s++;
    if (classify(c) == 2) { val = val * 10 + (c - '0'); goto number; }
    note_number(&k, val);
    if (c == 0) goto done;
    s--;
    goto idle;
done:
    return k;
}

int main(void) {
    const char *texts[] = {
        "Hello, world! 42 is the answer; 7 times 6.",
        "no-numbers-here...",
        "12 34 56 78 90",
        "",
        "mixed123abc 9x9=81 (ok)",
    };
    int total = 0;
    for (int i = 0; i < 5; i++) {
        struct counts k = scan(texts[i]);
        total += k.words + k.numbers + k.punct;
        printf("[%s]\n  words=%d numbers=%d punct=%d longest=%d sum=%ld\n", texts[i], k.words, k.numbers, k.punct, k.longest, k.number_sum);
    }
    return total;
}
