/*
 * idle_client.c: opens K keep-alive connections to 127.0.0.1:PORT, sends one request on each
 * and reads its whole response (so that the server has really set each connection up), prints
 * "ready K" and holds them open until its standard input closes; run.sh measures the server's
 * resident set meanwhile. One connection at a time, blocking: the point is the held state, not
 * the speed of setting it up.
 *
 * Usage: idle_client PORT K
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const char request[] = "GET /hello?name=idle HTTP/1.1\r\nHost: localhost\r\n\r\n";

/* Reads one response: the head, then Content-Length bytes of body. */
static int read_response(int fd) {
    char buf[4096];
    size_t have = 0;
    for (;;) {
        ssize_t n = read(fd, buf + have, sizeof buf - 1 - have);
        if (n <= 0) return -1;
        have += (size_t)n;
        buf[have] = 0;
        char *end = strstr(buf, "\r\n\r\n");
        if (!end) continue;
        char *cl = strcasestr(buf, "\r\nContent-Length:");
        if (!cl || cl > end) return -1;
        size_t want = (size_t)(end + 4 - buf) + strtoul(cl + 17, NULL, 10);
        if (have >= want) return 0;
        if (want >= sizeof buf) return -1;
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s PORT K\n", argv[0]);
        return 2;
    }
    int k = atoi(argv[2]);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1]))};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    int *fds = calloc((size_t)k, sizeof *fds);
    for (int i = 0; i < k; i++) {
        int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0 ||
            write(fd, request, sizeof request - 1) != (ssize_t)(sizeof request - 1) ||
            read_response(fd) < 0) {
            fprintf(stderr, "idle_client: connection %d: %s\n", i + 1, errno ? strerror(errno) : "bad response");
            return 1;
        }
        fds[i] = fd;
    }
    printf("ready %d\n", k);
    fflush(stdout);
    char c;
    while (read(0, &c, 1) > 0) {}
    return 0;
}
