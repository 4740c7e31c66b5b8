/*
 * check.h: the little that the runtime tests share: CHECK, a trace buffer, and running a piece
 * of a test in a child process to check that it aborts with a message (or what it prints).
 * WASI has no processes: there a piece that needs a child is not run, and says so on stdout
 * (`not on WASI: ...`); the rest of the test runs.
 */
#ifndef CHECK_H
#define CHECK_H

#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef __wasi__
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#define CHECK(cond)                                                                 \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            exit(1);                                                                \
        }                                                                           \
    } while (0)

#define CHECK_STR(a, b)                                                                   \
    do {                                                                                  \
        const char *check_a_ = (a), *check_b_ = (b);                                      \
        if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) {                  \
            fprintf(stderr, "%s:%d: CHECK failed: %s == %s\n  got:      %s\n  expected: %s\n", \
                    __FILE__, __LINE__, #a, #b, check_a_ ? check_a_ : "(null)",           \
                    check_b_ ? check_b_ : "(null)");                                      \
            exit(1);                                                                      \
        }                                                                                 \
    } while (0)

/* A trace of events, compared with an expected string. */
static char trace_buf[8192] __attribute__((unused));
static size_t trace_len __attribute__((unused));

static inline void trace(const char *event) {
    size_t n = strlen(event);
    if (trace_len + n + 2 < sizeof trace_buf) {
        if (trace_len)
            trace_buf[trace_len++] = ' ';
        memcpy(trace_buf + trace_len, event, n);
        trace_len += n;
        trace_buf[trace_len] = 0;
    }
}

static inline void trace_reset(void) {
    trace_len = 0;
    trace_buf[0] = 0;
}

#ifdef __wasi__
/* A piece of a test that needs a child process: said, not run. */
#define NOT_ON_WASI(what) printf("not on WASI (no child processes): %s\n", what)
static inline void expect_abort(void (*fn)(void), const char *needle) {
    (void)fn;
    printf("not on WASI (no child processes): an abort with \"%s\"\n", needle);
}
#else
/* Runs fn in a child process with its stderr captured; returns the child's wait status and
 * copies what it wrote to stderr into out. */
static inline int run_captured(void (*fn)(void), char *out, size_t out_size) {
    int fds[2];
    fflush(stdout);
    fflush(stderr);
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        fn();
        fflush(stderr);
        _exit(0);
    }
    close(fds[1]);
    size_t len = 0;
    ssize_t n;
    while ((n = read(fds[0], out + len, out_size - 1 - len)) > 0)
        len += (size_t)n;
    out[len] = 0;
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

/* fn must abort, printing `needle` on stderr. */
static inline void expect_abort(void (*fn)(void), const char *needle) {
    char out[4096];
    int status = run_captured(fn, out, sizeof out);
    if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGABRT || !strstr(out, needle)) {
        fprintf(stderr, "expected an abort with \"%s\"; got status %d, stderr:\n%s\n", needle,
                status, out);
        exit(1);
    }
}
#endif

#endif
