/*
 * greensock_server.c: the HTTP server of Benchmarks/http as one tasklet per connection on
 * greensock, written as plain blocking code and built with `stackless cc`. It shares the parsing
 * and the responses (http_common.h) with the epoll loop and the threaded server, and makes the
 * epoll loop's choices, so that the three differ only in how they wait:
 *  - Requests are read into one 64 KiB buffer of the thread and answered into another. A
 *    tasklet uses them only between two calls that may switch, so they are never held across a
 *    switch: what is left of a request (an incomplete head) or of an answer (a socket that does
 *    not take it all) is copied into a buffer of the connection's own. An idle connection holds
 *    no buffer, only its small struct, its tasklet and its wait.
 *  - The 60 s idle limit and the 2 s linger are the timeouts of the waits (greensock keeps
 *    timeouts of one duration in a list in deadline order).
 *
 * Usage: greensock_server PORT   (0: any port; prints "listening on <port>")
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <greensock.h>
#include <tasklet.h>

#include "http_common.h"

#define BUF_CAP 65536
#define LINGER_MS 2000

typedef struct conn {
    int fd;
    bool close_after;           /* close once the answers are written */
    http_state st;
    char *in;                   /* an incomplete head, kept across the next read */
    uint32_t in_len;
} conn;

static char rbuf[BUF_CAP + HTTP_MAX_HEAD], wbuf[BUF_CAP];

/* Sends wbuf[0..n). When the socket does not take it all, the rest of the answers and the unread
 * input in[0..in_len) (in rbuf) are copied out before waiting, since another tasklet may use both
 * buffers meanwhile; the input then comes back at the start of rbuf. Returns where the unread
 * input is (in, or rbuf), NULL when the connection is gone. (A pointer returned, not passed by
 * address: an address-taken local of a function that may switch would move to the shadow
 * stack, which every idle connection would then keep.) */
static const char *send_out(conn *c, size_t n, const char *in, size_t in_len) {
    ssize_t sent = gs_send(c->fd, wbuf, n, 0, 0);
    if (sent < 0) {
        if (errno != ETIMEDOUT)
            return NULL;
        sent = 0;
    }
    if ((size_t)sent == n)
        return in;
    size_t rest = n - (size_t)sent;
    char *saved = malloc(rest + in_len);
    if (!saved)
        return NULL;
    memcpy(saved, wbuf + sent, rest);
    memcpy(saved + rest, in, in_len);
    bool ok = gs_write_all(c->fd, saved, rest, HTTP_IDLE_MS) == (ssize_t)rest;
    memcpy(rbuf, saved + rest, in_len);
    free(saved);
    return ok ? rbuf : NULL;
}

/* One batch: the answers to the requests at in[0..len) that fit in wbuf. A function that never
 * switches, so that its address-taken locals stay on the C stack: in one that may switch they
 * would move to the tasklet's shadow stack, which an idle connection would then keep. */
typedef struct batch {
    size_t used, out_len;
} batch;

static batch process(conn *c, const char *in, size_t len) {
    size_t out_len = 0;
    bool close_after = c->close_after;
    size_t used = http_process(&c->st, in, len, wbuf, sizeof wbuf, &out_len, &close_after);
    c->close_after = close_after;
    return (batch){used, out_len};
}

/* Answers the requests at data[0..len) (data is in rbuf). False: close the connection. */
static bool handle_input(conn *c, const char *data, size_t len) {
    size_t used = 0;
    while (used < len || c->close_after) {
        batch b = process(c, data + used, len - used);
        used += b.used;
        if (b.out_len) {
            data = send_out(c, b.out_len, data + used, len - used);
            if (!data)
                return false;
            len -= used;
            used = 0;
        }
        if (c->close_after)
            return false;
        if (b.out_len == 0)
            break;
    }
    size_t rest = len - used;
    free(c->in);
    c->in = NULL;
    c->in_len = 0;
    if (rest) {
        c->in = malloc(rest);
        if (!c->in)
            return false;
        memcpy(c->in, data + used, rest);
        c->in_len = (uint32_t)rest;
    }
    return true;
}

/* After the last answer: the peer gets our end of file, and its bytes are read and dropped for a
 * while, so that it sees the answer before a reset. */
static void linger(conn *c) {
    shutdown(c->fd, SHUT_WR);
    while (gs_recv(c->fd, wbuf, sizeof wbuf, 0, LINGER_MS) > 0) {   /* dropped: any buffer */
    }
}

static void *serve(void *arg) {
    conn *c = arg;
    for (;;) {
        size_t have = c->in_len;
        /* Nothing of the connection's is in rbuf while it waits: a continued head is copied in
         * after the read, in front of what it brought. */
        ssize_t n = gs_recv(c->fd, rbuf + HTTP_MAX_HEAD, BUF_CAP, 0, HTTP_IDLE_MS);
        if (n <= 0)
            break;
        char *data = rbuf + HTTP_MAX_HEAD;
        if (have) {
            data -= have;
            memcpy(data, c->in, have);
        }
        if (!handle_input(c, data, have + (size_t)n)) {
            if (c->close_after)
                linger(c);
            break;
        }
    }
    gs_close(c->fd);
    free(c->in);
    free(c);
    return NULL;
}

/* Answers go out whole: Nagle would only delay the next one. (Apart from the acceptor, which may
 * switch: an address-taken local there would move to a shadow stack, and a thread that has used
 * one leaves the trampoline's fast loop for good.) */
static void no_delay(int fd) {
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

static void *acceptor(void *arg) {
    int listen_fd = (int)(intptr_t)arg;
    for (;;) {
        int fd = gs_accept(listen_fd, NULL, NULL, GS_FOREVER);
        if (fd < 0) {
            if (errno == EBADF || errno == ECANCELED)
                return NULL;
            continue;   /* out of descriptors (gs_accept backs off) or a connection reset */
        }
        no_delay(fd);
        conn *c = calloc(1, sizeof *c);
        if (!c) {
            gs_close(fd);
            continue;
        }
        c->fd = fd;
        tasklet_new(NULL, serve, c);
    }
}

/* Listens and says on which port (apart from main, which may switch: see no_delay). */
static int listen_on(int port) {
    int fd = gs_listen_tcp(NULL, port, SOMAXCONN);
    if (fd < 0)
        return -1;
    struct sockaddr_in a;
    socklen_t al = sizeof a;
    getsockname(fd, (struct sockaddr *)&a, &al);
    printf("listening on %d\n", ntohs(a.sin_port));
    fflush(stdout);
    return fd;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    int listen_fd = listen_on(atoi(argv[1]));
    if (listen_fd < 0) {
        perror("listen");
        return 1;
    }
    scheduler *s = scheduler_new();
    tasklet_new(s, acceptor, (void *)(intptr_t)listen_fd);
    return scheduler_run(s) == 0 ? 0 : 1;
}
