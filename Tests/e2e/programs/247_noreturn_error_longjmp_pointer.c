/* libpng broke (the error path of pngtest): png_error and png_chunk_error are declared noreturn,
   and a switch made them return to callers compiled to never get control back (execution went
   on past the error); and png_jmpbuf stores libc's longjmp in a function pointer that its error
   handler calls, which a longjmp to the setjmp of a suspended frame cannot go through. A
   noreturn function that would have points is now left as written (an error if it really
   suspends), and longjmp named as a value in a transformed file is the runtime's too. */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>

typedef void (*longjmp_fn)(jmp_buf, int);

struct decoder {
    jmp_buf on_error;
    longjmp_fn jump;
    int errors;
    char message[64];
};

static int logged;

/* Uses the C stack below its caller (alloca: left as written), as a real error handler's
   formatting does: an activation that is gone is overwritten. */
static void scribble(void) {
    volatile char *p = __builtin_alloca(16384);
    for (int i = 0; i < 16384; i++)
        p[i] = (char)0x5a;
}

static void log_message(const char *m) { logged++; printf("error: %s\n", m); }

void decoder_error(struct decoder *d, const char *m) __attribute__((__noreturn__));
_Noreturn static void chunk_error(struct decoder *d, const char *m);

void decoder_error(struct decoder *d, const char *m) {
    log_message(m);
    d->errors++;
    scribble();
    d->jump(d->on_error, d->errors);
    abort();
}

static int count(int n) { return n + 1; }

static void chunk_error(struct decoder *d, const char *m) {
    d->errors = count(d->errors) - 1;
    snprintf(d->message, sizeof d->message, "chunk: %s", m);
    decoder_error(d, d->message);
}

static jmp_buf *set_jump(struct decoder *d, longjmp_fn fn) {
    d->jump = fn;
    return &d->on_error;
}

static int read_chunk(struct decoder *d, int i) {
    if (i % 4 == 3)
        chunk_error(d, "CRC error");
    if (i == 6)
        decoder_error(d, "bad header");
    return i * 10;
}

static int decode(struct decoder *d, int start) {
    volatile int total = 0;
    if (setjmp(*set_jump(d, longjmp))) {
        printf("decode(%d) failed after %d, errors %d\n", start, total, d->errors);
        return -1;
    }
    for (int i = start; i < start + 3; i++)
        total += read_chunk(d, i);
    return total;
}

int main(void) {
    struct decoder d = {.errors = 0};
    for (int start = 0; start < 6; start++)
        printf("decode(%d) = %d\n", start, decode(&d, start));
    printf("logged %d, errors %d\n", logged, d.errors);
    return 0;
}
