/* Word statistics, written as plain C: a generator of words (words.c, on a greenlet) feeds a
 * pipeline of two tasklets connected by a channel. `stackless transform` rewrites the functions
 * that may suspend, across both files; the program links the runtime. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <tasklet.h>
#include "words.h"

static const char text[] =
    "It was the best of times, it was the worst of times, it was the age of wisdom, "
    "it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity.";

typedef struct {
    channel *lengths;
    long words, letters, longest;
} stats;

/* Tasklet 1: reads words from the generator and sends their lengths. */
static void *reader(void *arg) {
    stats *s = arg;
    words *w = words_open(text);
    const char *word;
    while ((word = words_next(w)) != NULL)
        if (channel_send(s->lengths, (void *)(intptr_t)strlen(word)) != 0)
            break;
    words_close(w);
    channel_close(s->lengths);
    return NULL;
}

/* Tasklet 2: receives lengths until the channel is closed. */
static void *counter(void *arg) {
    stats *s = arg;
    for (;;) {
        long n = (long)(intptr_t)channel_receive(s->lengths);
        if (greenlet_error())
            break;
        s->words++;
        s->letters += n;
        if (n > s->longest)
            s->longest = n;
    }
    return NULL;
}

int main(void) {
    /* The generator on its own, from the root: stop after five words. */
    words *w = words_open(text);
    printf("first words:");
    for (int i = 0; i < 5; i++)
        printf(" %s", words_next(w));
    printf("\n");
    words_close(w);  /* stopped halfway: it is sent GREENLET_EXIT */

    /* The pipeline. */
    stats s = {channel_new("lengths"), 0, 0, 0};
    scheduler *sched = scheduler_new();
    tasklet_set_name(tasklet_new(sched, reader, &s), "reader");
    tasklet_set_name(tasklet_new(sched, counter, &s), "counter");
    if (scheduler_run(sched) != 0) {
        fprintf(stderr, "%s\n", scheduler_error(sched) ? scheduler_error(sched) : "scheduler_run failed");
        return 1;
    }
    printf("%ld words, %ld letters, longest %ld\n", s.words, s.letters, s.longest);
    scheduler_free(sched);
    channel_free(s.lengths);
    return 0;
}
