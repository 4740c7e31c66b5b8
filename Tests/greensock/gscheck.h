/*
 * gscheck.h: what the greensock tests share: the runtime tests' check.h (a trace of events, ...),
 * CHECK with errno, CHECK_FAILS, clocks, counting open descriptors, and helpers to make socket
 * pairs and fill a socket's buffers.
 */
#ifndef GSCHECK_H
#define GSCHECK_H

#define _GNU_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <greensock.h>

#include "../runtime/check.h"

/* The runtime tests' CHECK, with errno: most greensock checks are of calls that set it. */
#undef CHECK
#define CHECK(cond)                                                                 \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "%s:%d: CHECK failed: %s (errno %d: %s)\n", __FILE__,    \
                    __LINE__, #cond, errno, strerror(errno));                       \
            exit(1);                                                                \
        }                                                                           \
    } while (0)

/* A call that must fail with -1 and errno `err`. */
#define CHECK_FAILS(call, err)                                                      \
    do {                                                                            \
        errno = 0;                                                                  \
        long check_r_ = (long)(call);                                               \
        int check_e_ = errno;                                                       \
        if (check_r_ != -1 || check_e_ != (err)) {                                  \
            fprintf(stderr, "%s:%d: %s: expected -1 with %s, got %ld with errno %d (%s)\n", \
                    __FILE__, __LINE__, #call, #err, check_r_, check_e_,            \
                    strerror(check_e_));                                            \
            exit(1);                                                                \
        }                                                                           \
    } while (0)

static inline double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

/* Timing slack: sanitizers and valgrind slow everything down, but a timer is still a timer. */
#define LATE_MS 250.0

/* Descriptors open in this process (those of /proc/self/fd, minus the directory's own). */
static inline int fd_count(void) {
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n - 1;
}

static inline void stream_pair(int sv[2]) {
    CHECK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) == 0);
}

/* Fills fd's send buffer (and the peer's receive buffer) without blocking; returns the bytes
 * written. Leaves fd non-blocking. */
static inline size_t fill_socket(int fd) {
    static char junk[65536];
    size_t total = 0;
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    for (;;) {
        ssize_t n = send(fd, junk, sizeof junk, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0) {
            CHECK(errno == EAGAIN || errno == EWOULDBLOCK);
            /* A smaller write may still fit. */
            n = send(fd, junk, 1, MSG_DONTWAIT | MSG_NOSIGNAL);
            if (n < 0)
                return total;
        }
        total += (size_t)n;
    }
}

/* Bytes readable on fd right now, without consuming them. */
static inline ssize_t peek_now(int fd, char *buf, size_t len) {
    return recv(fd, buf, len, MSG_PEEK | MSG_DONTWAIT);
}

#endif
