/* libpng broke (pngtest crashed in malloc): test_one_file arms setjmp(png_jmpbuf(read_ptr)),
   whose jmp_buf lives in the png_struct, and frees that struct with png_destroy_read_struct
   before it returns; every later resume of the function armed the buffer again, writing
   registers into freed memory. A resumed activation now arms a buffer again only if it still
   holds what its setjmp wrote. Here the buffer's memory is reused for text after the protected
   part, and a nested handler gives a global jmp_buf the outer handler's registers back (a
   longjmp afterwards must reach the outer one). */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

static int step(int x) { return x + 1; }

struct context {
    union {
        jmp_buf on_error;
        char text[sizeof(jmp_buf)];
    } u;
};

static void fail(struct context *c, int code) {
    step(code);
    longjmp(c->u.on_error, code);
}

static int decode(struct context *c, int n) {
    if (n > 2)
        fail(c, n);
    return step(n);
}

static int run(struct context *c, int n) {
    volatile int total = 0;
    if (setjmp(c->u.on_error)) {
        /* The handler is done with the buffer: its memory holds text from now on. */
        snprintf(c->u.text, sizeof c->u.text, "error at %d", n);
        total = step(total);
        printf("run %d: %s, %d\n", n, c->u.text, total);
        return -1;
    }
    for (int i = 0; i <= n; i++)
        total += decode(c, i);
    /* Done with the protection: the memory is given over to text, then more calls follow. */
    snprintf(c->u.text, sizeof c->u.text, "decoded %d", total);
    total = step(total);
    total = step(total);
    printf("run %d: %s, %d\n", n, c->u.text, total);
    return total;
}

static jmp_buf handler;
static int depth;

static void raise_error(int code) {
    step(code);
    longjmp(handler, code);
}

static int inner(int code) {
    jmp_buf saved;
    int result;
    memcpy(saved, handler, sizeof handler);
    depth = step(depth);
    if (setjmp(handler) == 0) {
        if (code == 1)
            raise_error(10);
        result = step(code);
    } else {
        result = -step(code);
    }
    memcpy(handler, saved, sizeof handler);  /* the outer handler again */
    depth = step(depth);                     /* suspends with the outer handler restored */
    if (code == 2)
        raise_error(20);                     /* reaches the outer handler, not this one */
    return result;
}

static int outer(int code) {
    volatile int stage = 0;
    int caught = setjmp(handler);
    if (caught) {
        printf("outer caught %d at stage %d\n", caught, stage);
        return caught;
    }
    stage = step(stage);
    int r = inner(code);
    stage = step(stage);
    printf("outer: inner returned %d, stage %d\n", r, stage);
    return 0;
}

int main(void) {
    struct context c;
    memset(&c, 0, sizeof c);
    for (int n = 1; n <= 4; n++)
        printf("-> %d\n", run(&c, n));
    for (int code = 0; code < 3; code++) {
        int r = outer(code);
        printf("outer(%d) = %d, depth %d\n", code, r, depth);
    }
    return 0;
}
