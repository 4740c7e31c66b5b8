/*
 * threaded.c: the HTTP server of Benchmarks/http as a thread per connection over blocking
 * sockets, the classic design that greenlets replace. Detached threads with default attributes:
 * glibc gives each the stack size of `ulimit -s` (8 MiB here), reserved, of which only the pages
 * touched become resident. The idle limit is SO_RCVTIMEO.
 *
 * Usage: threaded PORT   (0: any port; prints "listening on <port>")
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "http_common.h"

#define IN_CAP (HTTP_MAX_HEAD + 16384)
#define OUT_CAP 65536

static bool write_all(int fd, const char *p, size_t n) {
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* After the last response: stop sending, then read until the client closes (or 2 s), so the
 * unread rest of its request does not turn our close into a reset that loses the response. */
static void linger_close(int fd, char *buf, size_t cap) {
    shutdown(fd, SHUT_WR);
    struct timeval tv = {2, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    while (read(fd, buf, cap) > 0) {}
    close(fd);
}

static void *serve(void *arg) {
    int fd = (int)(intptr_t)arg;
    char in[IN_CAP], out[OUT_CAP];
    size_t have = 0;
    http_state st = {0, 0};
    bool close_after = false;
    for (;;) {
        ssize_t n = read(fd, in + have, sizeof in - have);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {           /* closed, reset, or idle for HTTP_IDLE_MS (EAGAIN) */
            close(fd);
            return NULL;
        }
        have += (size_t)n;
        size_t used = 0;
        do {
            size_t out_len = 0;
            used += http_process(&st, in + used, have - used, out, sizeof out, &out_len, &close_after);
            if (out_len && !write_all(fd, out, out_len)) {
                close(fd);
                return NULL;
            }
            if (close_after) {
                linger_close(fd, in, sizeof in);
                return NULL;
            }
            if (out_len == 0) break;    /* nothing complete left */
        } while (used < have);
        have -= used;
        memmove(in, in + used, have);
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1])),
                            .sin_addr.s_addr = htonl(INADDR_ANY)};
    if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof a) < 0 || listen(ls, SOMAXCONN) < 0) {
        perror("listen");
        return 1;
    }
    socklen_t al = sizeof a;
    getsockname(ls, (struct sockaddr *)&a, &al);
    printf("listening on %d\n", ntohs(a.sin_port));
    fflush(stdout);

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (;;) {
        int fd = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE) usleep(10000);  /* let connections finish */
            continue;
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        struct timeval tv = {HTTP_IDLE_MS / 1000, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
        pthread_t t;
        if (pthread_create(&t, &attr, serve, (void *)(intptr_t)fd) != 0) {
            close(fd);          /* out of threads or memory: refuse this one */
            usleep(1000);
        }
    }
}
