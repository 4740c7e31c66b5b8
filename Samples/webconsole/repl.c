/*
 * The same interpreter as a terminal program, built with a plain C compiler: calc.c does not
 * know whether its read_line waits on a terminal or (in webconsole.c) on a channel.
 *
 *   cc -std=c11 -O2 repl.c calc.c -lm -o calc && ./calc
 */
#include <stdio.h>
#include <string.h>

#include "calc.h"

static char line[CALC_MAX_LINE + 2];

static const char *read_line(void *ctx) {
    (void)ctx;
    fflush(stdout);
    if (!fgets(line, sizeof line, stdin))
        return NULL;
    size_t n = strcspn(line, "\n");
    if (line[n] != '\n' && !feof(stdin)) {
        /* Longer than the buffer: the rest is skipped, and calc reports the line too long. */
        int ch;
        while ((ch = getchar()) != EOF && ch != '\n')
            ;
    }
    line[n] = '\0';
    return line;
}

static void print(void *ctx, const char *text, size_t len) {
    (void)ctx;
    fwrite(text, 1, len, stdout);
}

int main(void) {
    calc_io io = {NULL, read_line, print, NULL, 0, 0, 0};
    calc_run(&io);
    return 0;
}
