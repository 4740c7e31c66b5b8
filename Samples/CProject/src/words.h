/* A generator of the words of a text, on a greenlet. */
#ifndef WORDS_H
#define WORDS_H

typedef struct words words;

/* Starts a generator over `text` (not copied). */
words *words_open(const char *text);
/* The next word (valid until the next call), or NULL at the end. */
const char *words_next(words *w);
/* Frees the generator; one stopped halfway is sent GREENLET_EXIT and unwinds. */
void words_close(words *w);

#endif
