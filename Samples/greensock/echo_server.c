/*
 * An echo server in plain blocking style: one tasklet per connection, each reading and writing
 * back what it reads; the hub multiplexes them all on one thread.
 *
 * Usage: echo_server PORT   (PORT 0: any free port; prints "listening on <port>" first)
 *
 * SIGINT or SIGTERM stops it cleanly: the listener is closed, every connection's tasklet is
 * killed (its pending gs_read fails with ECANCELED and it closes its socket), and the process
 * exits 0 with every descriptor closed and nothing leaked, which the tests check under valgrind.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <greensock.h>

typedef struct conn {
    struct conn *prev, *next;   /* the live connections, so that a stop can kill them */
    tasklet *tasklet;
    int fd;
    char buf[4096];
} conn;

static conn *conns;
static int listen_fd = -1;
static bool stopping;
static int stop_pipe[2] = {-1, -1};

static void unlink_conn(conn *c) {
    if (c->prev)
        c->prev->next = c->next;
    else
        conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
}

static void *serve(void *arg) {
    conn *c = arg;
    /* Accepted before a stop but started after it: the stopper did not see it. */
    if (!stopping) {
        for (;;) {
            ssize_t n = gs_read(c->fd, c->buf, sizeof c->buf, GS_FOREVER);
            if (n <= 0)   /* end of file, reset, or killed by a stop */
                break;
            if (gs_write_all(c->fd, c->buf, (size_t)n, GS_FOREVER) < 0)
                break;
        }
    }
    unlink_conn(c);
    gs_close(c->fd);
    free(c);
    return NULL;
}

static void *acceptor(void *arg) {
    (void)arg;
    for (;;) {
        int fd = gs_accept(listen_fd, NULL, NULL, GS_FOREVER);
        if (fd < 0) {
            if (errno == EBADF || errno == ECANCELED)   /* the stopper closed the listener */
                return NULL;
            perror("echo_server: accept");
            continue;   /* ECONNABORTED and the like concern one connection only */
        }
        conn *c = malloc(sizeof *c);
        if (!c) {
            gs_close(fd);
            continue;
        }
        c->fd = fd;
        c->prev = NULL;
        c->next = conns;
        if (conns)
            conns->prev = c;
        conns = c;
        c->tasklet = tasklet_new(NULL, serve, c);
    }
}

/* Waits for the signal handler's byte, then ends every other tasklet so that scheduler_run
 * returns. */
static void *stopper(void *arg) {
    (void)arg;
    char byte;
    if (gs_read(stop_pipe[0], &byte, 1, GS_FOREVER) != 1 && errno == ECANCELED)
        return NULL;
    stopping = true;
    gs_close(listen_fd);   /* the acceptor's gs_accept fails with EBADF */
    listen_fd = -1;
    while (conns)          /* each killed tasklet runs at once and unlinks itself */
        tasklet_kill(conns->tasklet);
    return NULL;
}

static void on_signal(int sig) {
    (void)sig;
    int saved = errno;
    ssize_t ignored = write(stop_pipe[1], "x", 1);
    (void)ignored;
    errno = saved;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: echo_server PORT\n");
        return 2;
    }
    listen_fd = gs_listen_tcp(NULL, atoi(argv[1]), 1024);
    if (listen_fd < 0) {
        perror("echo_server: listen");
        return 1;
    }
    struct sockaddr_in addr;
    socklen_t len = sizeof addr;
    if (getsockname(listen_fd, (struct sockaddr *)&addr, &len) != 0) {
        perror("echo_server: getsockname");
        return 1;
    }
    printf("listening on %d\n", ntohs(addr.sin_port));
    fflush(stdout);

    if (pipe(stop_pipe) != 0) {
        perror("echo_server: pipe");
        return 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    scheduler *s = scheduler_new();
    tasklet_new(s, stopper, NULL);
    tasklet_new(s, acceptor, NULL);
    int rc = scheduler_run(s);
    if (rc != 0)
        fprintf(stderr, "echo_server: scheduler_run: error %d\n", greenlet_error());
    scheduler_free(s);
    gs_close(stop_pipe[0]);
    close(stop_pipe[1]);
    if (gs_hub_close() != 0)
        perror("echo_server: gs_hub_close");
    return rc == 0 ? 0 : 1;
}
