/*
 * epoll_loop.c: the HTTP server of Benchmarks/http as a hand-written epoll state machine on one
 * thread, the strong baseline that the greensock server is measured against.
 *
 * Choices, for speed:
 *  - Level-triggered. A readable connection gets one read per wakeup; edge-triggered would need
 *    a second read to see EAGAIN on every request. EPOLLOUT is asked for only while a response
 *    is stuck (rare), and then EPOLLIN is dropped, which is the backpressure.
 *  - Requests are read into one 64 KiB buffer of the loop and their responses built in another,
 *    written with one send per batch (pipelined requests get one send). A connection keeps a
 *    buffer of its own only while it holds an incomplete head or unsent output, so an idle
 *    connection costs its 64-byte struct.
 *  - The 60 s idle limit is a list in order of last activity: a request moves its connection to
 *    the tail (O(1)); the epoll_wait timeout is the head's deadline.
 *
 * Usage: epoll_loop PORT   (0: any port; prints "listening on <port>")
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "http_common.h"

#define BUF_CAP 65536
#define MAX_EVENTS 512
#define LINGER_MS 2000

typedef struct conn {
    struct conn *prev, *next;   /* the idle list, oldest first */
    int fd;
    bool closing;               /* the last response is out: read and discard until EOF */
    bool blocked;               /* output is stuck: waiting for EPOLLOUT */
    bool close_after;           /* close once the pending output is written */
    long long deadline;         /* ms, CLOCK_MONOTONIC_COARSE */
    http_state st;
    char *in;                   /* an incomplete head (or unprocessed input while blocked) */
    uint32_t in_len;
    char *out;                  /* unsent output */
    uint32_t out_len, out_off;
} conn;

static int ep;
static long long now_ms;
static char rbuf[BUF_CAP + HTTP_MAX_HEAD], wbuf[BUF_CAP];
/* Two lists, each in deadline order because each has one delay: idle (60 s) and lingering. */
static conn idle = {&idle, &idle, -1, 0, 0, 0, 0, {0, 0}, 0, 0, 0, 0, 0};
static conn lingering = {&lingering, &lingering, -1, 0, 0, 0, 0, {0, 0}, 0, 0, 0, 0, 0};
static int listen_fd;
static char listen_tag;         /* epoll data.ptr for the listening socket */
static long long accept_paused_until;

static void tick(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    now_ms = (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void unlink_conn(conn *c) {
    c->prev->next = c->next;
    c->next->prev = c->prev;
}

static void touch(conn *c, conn *list, long long ms) {
    unlink_conn(c);
    c->deadline = now_ms + ms;
    conn *at = list->prev;
    c->prev = at;
    c->next = at->next;
    at->next->prev = c;
    at->next = c;
}

static void destroy(conn *c) {
    unlink_conn(c);
    close(c->fd);               /* also removes it from the epoll set */
    free(c->in);
    free(c->out);
    free(c);
}

static void set_events(conn *c, uint32_t ev) {
    struct epoll_event e = {.events = ev, .data.ptr = c};
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &e);
}

static void start_linger(conn *c) {
    shutdown(c->fd, SHUT_WR);
    c->closing = true;
    free(c->in);
    c->in = NULL;
    c->in_len = 0;
    touch(c, &lingering, LINGER_MS);
}

/* Sends wbuf[0..n), keeping what the socket does not take. False: the connection is gone. */
static bool send_out(conn *c, size_t n) {
    size_t off = 0;
    while (off < n) {
        ssize_t w = send(c->fd, wbuf + off, n - off, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR) continue;
            if (errno != EAGAIN) return false;
            c->out = malloc(n - off);
            if (!c->out) return false;
            memcpy(c->out, wbuf + off, n - off);
            c->out_len = (uint32_t)(n - off);
            c->out_off = 0;
            c->blocked = true;
            set_events(c, EPOLLOUT);
            return true;
        }
        off += (size_t)w;
    }
    return true;
}

/* Handles the input at data[0..len), which may be rbuf. False: destroy the connection. */
static bool handle_input(conn *c, const char *data, size_t len) {
    size_t used = 0;
    while (used < len || c->close_after) {
        size_t out_len = 0;
        used += http_process(&c->st, data + used, len - used, wbuf, sizeof wbuf, &out_len, &c->close_after);
        if (out_len && !send_out(c, out_len)) return false;
        if (c->blocked) break;
        if (c->close_after) {
            start_linger(c);
            return true;
        }
        if (out_len == 0) break;
    }
    /* Keep what is left: an incomplete head, or requests waiting behind stuck output. */
    size_t rest = len - used;
    if (rest == 0) {
        free(c->in);
        c->in = NULL;
        c->in_len = 0;
    } else if (data != c->in || used) {
        char *keep = malloc(rest);
        if (!keep) return false;
        memcpy(keep, data + used, rest);
        free(c->in);
        c->in = keep;
        c->in_len = (uint32_t)rest;
    }
    return true;
}

static void on_readable(conn *c) {
    char *buf = rbuf;
    size_t have = 0;
    if (c->in_len) {            /* an incomplete head continues */
        memcpy(rbuf, c->in, c->in_len);
        have = c->in_len;
    }
    ssize_t n = recv(c->fd, buf + have, BUF_CAP, 0);
    if (n <= 0) {
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
        destroy(c);
        return;
    }
    if (c->closing) {           /* lingering: discard */
        return;
    }
    touch(c, &idle, HTTP_IDLE_MS);
    if (!handle_input(c, buf, have + (size_t)n)) destroy(c);
}

static void on_writable(conn *c) {
    while (c->out_off < c->out_len) {
        ssize_t w = send(c->fd, c->out + c->out_off, c->out_len - c->out_off, MSG_NOSIGNAL);
        if (w < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) return;
            destroy(c);
            return;
        }
        c->out_off += (uint32_t)w;
    }
    free(c->out);
    c->out = NULL;
    c->out_len = c->out_off = 0;
    c->blocked = false;
    touch(c, &idle, HTTP_IDLE_MS);
    if (c->close_after) {
        start_linger(c);
        set_events(c, EPOLLIN);
        return;
    }
    set_events(c, EPOLLIN);
    /* Requests that arrived behind the stuck output. */
    if (c->in_len) {
        char *in = c->in;
        if (!handle_input(c, in, c->in_len)) destroy(c);
    }
}

static void on_accept(void) {
    for (int i = 0; i < 64; i++) {
        int fd = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE) {
                /* Out of descriptors: stop accepting for 100 ms rather than spin on a
                 * level-triggered listening socket. */
                epoll_ctl(ep, EPOLL_CTL_DEL, listen_fd, NULL);
                accept_paused_until = now_ms + 100;
            }
            return;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        conn *c = calloc(1, sizeof *c);
        if (!c) { close(fd); continue; }
        c->fd = fd;
        c->prev = c->next = c;
        touch(c, &idle, HTTP_IDLE_MS);
        struct epoll_event e = {.events = EPOLLIN, .data.ptr = c};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e) < 0) destroy(c);
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1])),
                            .sin_addr.s_addr = htonl(INADDR_ANY)};
    if (listen_fd < 0 || bind(listen_fd, (struct sockaddr *)&a, sizeof a) < 0 ||
        listen(listen_fd, SOMAXCONN) < 0) {
        perror("listen");
        return 1;
    }
    socklen_t al = sizeof a;
    getsockname(listen_fd, (struct sockaddr *)&a, &al);
    printf("listening on %d\n", ntohs(a.sin_port));
    fflush(stdout);

    ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event le = {.events = EPOLLIN, .data.ptr = &listen_tag};
    epoll_ctl(ep, EPOLL_CTL_ADD, listen_fd, &le);
    static struct epoll_event evs[MAX_EVENTS];
    tick();
    for (;;) {
        int timeout = -1;
        for (conn *l = &idle; l; l = l == &idle ? &lingering : NULL) {
            if (l->next == l) continue;
            long long d = l->next->deadline - now_ms;
            d = d < 0 ? 0 : d + 10;                 /* +10: the coarse clock's granularity */
            if (timeout < 0 || d < timeout) timeout = (int)d;
        }
        if (accept_paused_until) {
            long long d = accept_paused_until - now_ms;
            if (d < 0) d = 0;
            if (timeout < 0 || d < timeout) timeout = (int)d;
        }
        int n = epoll_wait(ep, evs, MAX_EVENTS, timeout);
        tick();
        for (int i = 0; i < n; i++) {
            if (evs[i].data.ptr == &listen_tag) { on_accept(); continue; }
            conn *c = evs[i].data.ptr;
            if (c->blocked) {
                if (evs[i].events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) on_writable(c);
            } else {
                on_readable(c);
            }
        }
        while (idle.next != &idle && idle.next->deadline <= now_ms) destroy(idle.next);
        while (lingering.next != &lingering && lingering.next->deadline <= now_ms) destroy(lingering.next);
        if (accept_paused_until && now_ms >= accept_paused_until) {
            accept_paused_until = 0;
            epoll_ctl(ep, EPOLL_CTL_ADD, listen_fd, &le);
        }
    }
}
