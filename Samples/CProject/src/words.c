#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <greenlet.h>
#include "words.h"

struct words {
    greenlet *g;
    const char *text;
    char word[64];
};

/* Hands a word to whoever called words_next: a switch to the generator's parent. */
static int yield_word(words *w) {
    greenlet_switch(greenlet_parent(greenlet_current()), w->word);
    return greenlet_error() != GREENLET_EXIT;
}

/* The scanner is ordinary C: a loop that calls yield_word, which may suspend, so the transform
 * rewrites it (and nothing else in this file). */
static void *scan(void *arg) {
    words *w = arg;
    const char *p = w->text;
    for (;;) {
        while (*p && !isalpha((unsigned char)*p))
            p++;
        if (!*p)
            break;
        size_t n = 0;
        while (isalpha((unsigned char)*p)) {
            if (n + 1 < sizeof w->word)
                w->word[n++] = (char)tolower((unsigned char)*p);
            p++;
        }
        w->word[n] = 0;
        if (!yield_word(w))
            break;
    }
    return NULL;
}

words *words_open(const char *text) {
    words *w = calloc(1, sizeof *w);
    w->text = text;
    w->g = greenlet_new(scan, NULL);  /* its parent: whoever opens it */
    return w;
}

const char *words_next(words *w) {
    const char *word = greenlet_switch(w->g, w);  /* the first switch starts scan(w) */
    return greenlet_dead(w->g) ? NULL : word;
}

void words_close(words *w) {
    greenlet_free(w->g);
    free(w);
}
