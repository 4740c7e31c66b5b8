/*
 * Smoke test of the two samples, from the outside: starts Samples/greensock's echo_server and
 * http_server on port 0, reads their "listening on <port>" line, talks to them over loopback
 * with plain blocking sockets (http_server with a 300 ms idle limit, to see it close an idle
 * connection), then stops them with SIGTERM and requires a clean exit (status 0:
 * under the sanitizers or valgrind that also means no leak and no error).
 *
 * Usage: smoke-samples ECHO_SERVER HTTP_SERVER
 * SMOKE_WRAP (environment), if set, is a command prefix for the servers (valgrind ...), split on
 * spaces.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "../../Samples/greensock/page.h"

#define CHECK(cond)                                                                 \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            stop_servers();                                                         \
            exit(1);                                                                \
        }                                                                           \
    } while (0)

static pid_t pids[2];

static void stop_servers(void) {
    for (int i = 0; i < 2; i++)
        if (pids[i] > 0)
            kill(pids[i], SIGKILL);
}

/* Starts `path 0` (behind SMOKE_WRAP) and returns the port it printed. */
static int start(int slot, const char *path) {
    int out[2];
    CHECK(pipe(out) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        char *argv[64];
        int argc = 0;
        char *wrap = getenv("SMOKE_WRAP") ? strdup(getenv("SMOKE_WRAP")) : NULL;
        for (char *w = wrap ? strtok(wrap, " ") : NULL; w && argc < 60; w = strtok(NULL, " "))
            argv[argc++] = w;
        argv[argc++] = (char *)path;
        argv[argc++] = "0";
        argv[argc] = NULL;
        dup2(out[1], 1);
        close(out[0]);
        close(out[1]);
        execvp(argv[0], argv);
        perror(argv[0]);
        _exit(127);
    }
    pids[slot] = pid;
    close(out[1]);
    char line[128];
    size_t len = 0;
    while (len < sizeof line - 1) {   /* one byte at a time: the line is all we want */
        ssize_t n = read(out[0], line + len, 1);
        if (n <= 0 || line[len] == '\n')
            break;
        len++;
    }
    line[len] = 0;
    close(out[0]);
    int port = 0;
    if (sscanf(line, "listening on %d", &port) != 1 || port <= 0) {
        fprintf(stderr, "%s: first line was \"%s\"\n", path, line);
        stop_servers();
        exit(1);
    }
    return port;
}

static int connect_to(int port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    CHECK(fd >= 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    CHECK(connect(fd, (struct sockaddr *)&addr, sizeof addr) == 0);
    struct timeval tv = {20, 0};   /* a server that hangs fails the test instead of hanging it */
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    return fd;
}

static void send_all(int fd, const void *buf, size_t len) {
    const char *p = buf;
    while (len > 0) {
        ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
        CHECK(n > 0);
        p += n;
        len -= (size_t)n;
    }
}

static void recv_exact(int fd, void *buf, size_t len) {
    char *p = buf;
    while (len > 0) {
        ssize_t n = recv(fd, p, len, 0);
        CHECK(n > 0);
        p += n;
        len -= (size_t)n;
    }
}

/* True when the peer closes (reads return 0) before the timeout. */
static bool closed_by_peer(int fd) {
    char c;
    ssize_t n = recv(fd, &c, 1, 0);
    return n == 0 || (n < 0 && errno == ECONNRESET);
}

/* ---- echo ---- */

static void test_echo(int port) {
    int a = connect_to(port), b = connect_to(port), c = connect_to(port);
    char buf[64];
    /* Interleaved on three connections: each gets its own bytes back. */
    send_all(b, "bbb", 3);
    send_all(a, "a", 1);
    send_all(c, "cc", 2);
    recv_exact(a, buf, 1);
    CHECK(memcmp(buf, "a", 1) == 0);
    recv_exact(c, buf, 2);
    CHECK(memcmp(buf, "cc", 2) == 0);
    recv_exact(b, buf, 3);
    CHECK(memcmp(buf, "bbb", 3) == 0);
    /* 1 MiB through b, in 64 KiB steps so that neither side's buffers fill. */
    static char out[65536], in[65536];
    for (int round = 0; round < 16; round++) {
        for (size_t i = 0; i < sizeof out; i++)
            out[i] = (char)(i * 31 + (size_t)round);
        send_all(b, out, sizeof out);
        recv_exact(b, in, sizeof in);
        CHECK(memcmp(in, out, sizeof out) == 0);
    }
    close(a);
    /* The others still work after one left. */
    send_all(c, "still", 5);
    recv_exact(c, buf, 5);
    CHECK(memcmp(buf, "still", 5) == 0);
    /* Half-close: the server sees end of file and closes its side. */
    shutdown(c, SHUT_WR);
    CHECK(closed_by_peer(c));
    close(b);
    close(c);
}

/* ---- http ---- */

/* Reads one response: its head (up to the empty line) into head, and its body (Content-Length
 * bytes) into body. Returns the body's length. Leftover bytes stay in the connection's buffer. */
typedef struct hconn {
    int fd;
    char buf[1 << 16];
    size_t len;
} hconn;

static size_t response(hconn *h, char *head, size_t head_size, char *body, size_t body_size) {
    char *end;
    while (!(end = memmem(h->buf, h->len, "\r\n\r\n", 4))) {
        CHECK(h->len < sizeof h->buf);
        ssize_t n = recv(h->fd, h->buf + h->len, sizeof h->buf - h->len, 0);
        CHECK(n > 0);
        h->len += (size_t)n;
    }
    size_t head_len = (size_t)(end - h->buf) + 4;
    CHECK(head_len < head_size);
    memcpy(head, h->buf, head_len);
    head[head_len] = 0;
    const char *cl = strstr(head, "\r\nContent-Length: ");
    CHECK(cl);
    size_t body_len = strtoul(cl + 18, NULL, 10);
    CHECK(body_len < body_size);
    while (h->len < head_len + body_len) {
        ssize_t n = recv(h->fd, h->buf + h->len, sizeof h->buf - h->len, 0);
        CHECK(n > 0);
        h->len += (size_t)n;
    }
    memcpy(body, h->buf + head_len, body_len);
    body[body_len] = 0;
    memmove(h->buf, h->buf + head_len + body_len, h->len - head_len - body_len);
    h->len -= head_len + body_len;
    return body_len;
}

static void expect(hconn *h, const char *want_head, const char *want_body) {
    char head[1024], body[2048];
    size_t n = response(h, head, sizeof head, body, sizeof body);
    if (strcmp(head, want_head) != 0 || n != strlen(want_body) || strcmp(body, want_body) != 0) {
        fprintf(stderr, "http: got\n%s%s\nexpected\n%s%s\n", head, body, want_head, want_body);
        stop_servers();
        exit(1);
    }
}

static void hello_head(char *out, size_t size, size_t body_len, const char *conn) {
    snprintf(out, size,
             "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
             "Content-Length: %zu\r\nConnection: %s\r\n\r\n",
             body_len, conn);
}

static void expect_hello(hconn *h, const char *name, int n, const char *conn) {
    char body[256], head[256];
    snprintf(body, sizeof body, "Hello, %s! (request %d on this connection)\n", name, n);
    hello_head(head, sizeof head, strlen(body), conn);
    expect(h, head, body);
}

#define NOT_FOUND(conn)                                                                        \
    "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "   \
    "10\r\nConnection: " conn "\r\n\r\n"
#define BAD_REQUEST(conn)                                                                      \
    "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " \
    "12\r\nConnection: " conn "\r\n\r\n"

static hconn *hopen(int port) {
    hconn *h = calloc(1, sizeof *h);
    CHECK(h);
    h->fd = connect_to(port);
    return h;
}

static void hclose(hconn *h) {
    close(h->fd);
    free(h);
}

static void hsend(hconn *h, const char *s) { send_all(h->fd, s, strlen(s)); }

static void test_http(int port) {
    char page_head[256];
    snprintf(page_head, sizeof page_head,
             "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
             "%zu\r\nConnection: keep-alive\r\n\r\n",
             sizeof http_page - 1);

    /* Keep-alive: the page, then /hello counting requests on the connection. */
    hconn *h = hopen(port);
    hsend(h, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
    expect(h, page_head, http_page);
    hsend(h, "GET /hello?name=smoke HTTP/1.1\r\nHost: localhost\r\n\r\n");
    expect_hello(h, "smoke", 2, "keep-alive");
    hsend(h, "GET /hello HTTP/1.1\r\n\r\n");
    expect_hello(h, "world", 3, "keep-alive");
    hsend(h, "GET /missing HTTP/1.1\r\n\r\n");
    expect(h, NOT_FOUND("keep-alive"), "not found\n");
    /* A bad name is a 400 for that request only. */
    hsend(h, "GET /hello?name=a.b HTTP/1.1\r\n\r\n");
    expect(h, BAD_REQUEST("keep-alive"), "bad request\n");
    /* A body is read and discarded. */
    hsend(h, "POST /hello HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /hello?name=x HTTP/1.1\r\n\r\n");
    expect(h, NOT_FOUND("keep-alive"), "not found\n");
    expect_hello(h, "x", 7, "keep-alive");
    /* Pipelined: three requests in one send, the last one closing. */
    hsend(h, "GET /hello?name=p1 HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n"
             "GET /hello?name=p3 HTTP/1.1\r\nConnection: close\r\n\r\n");
    expect_hello(h, "p1", 8, "keep-alive");
    expect(h, page_head, http_page);
    expect_hello(h, "p3", 10, "close");
    CHECK(closed_by_peer(h->fd));
    hclose(h);

    /* HTTP/1.0 closes unless asked to keep the connection. */
    h = hopen(port);
    hsend(h, "GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    expect_hello(h, "world", 1, "keep-alive");
    hsend(h, "GET /hello HTTP/1.0\r\n\r\n");
    expect_hello(h, "world", 2, "close");
    CHECK(closed_by_peer(h->fd));
    hclose(h);

    /* Malformed: 400 and close. */
    static const char *bad[] = {
        "NOT HTTP\r\n\r\n",
        "GET / HTTP/1.1\r\nNo colon here\r\n\r\n",
        "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "GET / HTTP/1.1\n\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        h = hopen(port);
        hsend(h, bad[i]);
        expect(h, BAD_REQUEST("close"), "bad request\n");
        CHECK(closed_by_peer(h->fd));
        hclose(h);
    }
    /* A head over 8 KiB. */
    h = hopen(port);
    static char big[9000 + 64];
    memset(big, 'a', sizeof big);
    memcpy(big, "GET / HTTP/1.1\r\nX-Big: ", 23);
    send_all(h->fd, big, sizeof big);
    expect(h, BAD_REQUEST("close"), "bad request\n");
    CHECK(closed_by_peer(h->fd));
    hclose(h);

    /* An idle keep-alive connection is closed after the idle limit (HTTP_IDLE_MS, set to 300 ms
     * by main), and a busy one is not. */
    h = hopen(port);
    hsend(h, "GET /hello HTTP/1.1\r\n\r\n");
    expect_hello(h, "world", 1, "keep-alive");
    struct timeval t0, t1;
    gettimeofday(&t0, NULL);
    CHECK(closed_by_peer(h->fd));
    gettimeofday(&t1, NULL);
    double idle_ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_usec - t0.tv_usec) / 1e3;
    CHECK(idle_ms >= 250 && idle_ms < 5000);
    hclose(h);

    /* Many connections at once, all kept alive. */
    hconn *many[50];
    for (int i = 0; i < 50; i++) {
        many[i] = hopen(port);
        hsend(many[i], "GET /hello?name=many HTTP/1.1\r\n\r\n");
    }
    for (int i = 0; i < 50; i++)
        expect_hello(many[i], "many", 1, "keep-alive");
    for (int i = 0; i < 50; i++)
        hclose(many[i]);
}

static int stop(int slot, const char *name) {
    int status;
    CHECK(kill(pids[slot], SIGTERM) == 0);
    CHECK(waitpid(pids[slot], &status, 0) == pids[slot]);
    pids[slot] = 0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "%s: did not stop cleanly on SIGTERM: %s %d\n", name,
                WIFEXITED(status) ? "exit status" : "signal",
                WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: smoke-samples ECHO_SERVER HTTP_SERVER\n");
        return 2;
    }
    setenv("HTTP_IDLE_MS", "300", 1);
    int echo_port = start(0, argv[1]);
    int http_port = start(1, argv[2]);
    test_echo(echo_port);
    test_http(http_port);
    /* Stop them with connections still open: the stop must close those too. */
    int idle_echo = connect_to(echo_port);
    hconn *idle_http = hopen(http_port);
    hsend(idle_http, "GET /hello HTTP/1.1\r\n\r\n");
    expect_hello(idle_http, "world", 1, "keep-alive");
    int failed = stop(0, "echo_server") + stop(1, "http_server");
    CHECK(closed_by_peer(idle_echo) && closed_by_peer(idle_http->fd));
    close(idle_echo);
    hclose(idle_http);
    if (failed)
        return 1;
    printf("ok\n");
    return 0;
}
