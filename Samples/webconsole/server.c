/*
 * server.c: the HTTP side of the web consoles (server.h). One tasklet per connection: parse with
 * http.c, answer (static files here, the rest by the application's server_answer), keep-alive
 * and pipelining, a 60 s limit on every read and write. A stopper tasklet waits for the signal
 * handler's byte, closes the listener, kills every connection, then lets the application end
 * its own tasklets.
 */
#define _GNU_SOURCE
#include "server.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/random.h>

#define CONN_TIMEOUT_MS 60000    /* every read and write of a connection */
#define MAX_STATICS 8

struct server_conn {
    struct server_conn *prev, *next;   /* the live connections, so that a stop can kill them */
    tasklet *task;
    int fd;
    char *in;
    size_t in_len, in_cap;
    /* The request being answered. Kept here, not as a local: an address-taken local of a
     * function that may suspend would live on the tasklet's shadow stack. */
    http_request req;
};

static const server_config *config;
static server_conn *conns;
static int listen_fd = -1, listen_port;
static bool stopping;
static int stop_pipe[2] = {-1, -1};

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- responses ---- */

void buf_put(buf *b, const char *s, size_t n) {
    if (b->failed)
        return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 512;
        while (cap < b->len + n)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->failed = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

void buf_puts(buf *b, const char *s) {
    buf_put(b, s, strlen(s));
}

/* The length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_length(const char *s, size_t n) {
    unsigned char c = (unsigned char)s[0];
    size_t len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xc2 && c <= 0xdf ? 2 : 0;
    if (len == 0 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            return 0;
    unsigned char d = (unsigned char)s[1];
    if ((c == 0xe0 && d < 0xa0) || (c == 0xed && d >= 0xa0) || (c == 0xf0 && d < 0x90) ||
        (c == 0xf4 && d >= 0x90))
        return 0;   /* overlong, a surrogate, or past U+10FFFF */
    return len;
}

void buf_json_string(buf *b, const char *s, size_t n) {
    buf_put(b, "\"", 1);
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)s[i];
        char esc[8];
        size_t len;
        if (ch == '"' || ch == '\\') {
            esc[0] = '\\';
            esc[1] = (char)ch;
            buf_put(b, esc, 2);
            i++;
        } else if (ch == '\n') {
            buf_put(b, "\\n", 2);
            i++;
        } else if (ch < 0x20 || ch == 0x7f) {
            snprintf(esc, sizeof esc, "\\u%04x", ch);
            buf_put(b, esc, 6);
            i++;
        } else if (ch < 0x80) {
            buf_put(b, (const char *)&ch, 1);
            i++;
        } else if ((len = utf8_length(s + i, n - i)) > 0) {
            buf_put(b, s + i, len);
            i += len;
        } else {
            buf_put(b, "\\ufffd", 6);
            i++;
        }
    }
    buf_put(b, "\"", 1);
}

static const char *reason(int status) {
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Error";
    }
}

int server_respond(server_conn *k, int status, const char *type, const char *body, size_t len,
                   bool keep_alive) {
    buf b = {0};
    char head[512];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %d %s\r\nContent-Length: %zu\r\nConnection: %s\r\n"
                     "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n",
                     status, reason(status), len, keep_alive ? "keep-alive" : "close");
    buf_put(&b, head, (size_t)n);
    if (type) {
        buf_puts(&b, "Content-Type: ");
        buf_puts(&b, type);
        buf_puts(&b, "\r\n");
    }
    if (type && strncmp(type, "text/html", 9) == 0)
        buf_puts(&b, "Content-Security-Policy: default-src 'self'; frame-ancestors 'none'\r\n");
    buf_puts(&b, "\r\n");
    buf_put(&b, body, len);
    int rc = b.failed ? -1 : (gs_write_all(k->fd, b.p, b.len, CONN_TIMEOUT_MS) < 0 ? -1 : 0);
    free(b.p);
    return rc;
}

int server_respond_json(server_conn *k, int status, buf *body, bool keep_alive) {
    int rc = body->failed ? server_respond(k, 503, "text/plain", "out of memory\n", 14, false)
                          : server_respond(k, status, "application/json", body->p, body->len, keep_alive);
    free(body->p);
    return rc;
}

int server_respond_error(server_conn *k, int status, const char *message, bool keep_alive) {
    buf b = {0};
    buf_puts(&b, "{\"error\": ");
    buf_json_string(&b, message, strlen(message));
    buf_puts(&b, "}\n");
    return server_respond_json(k, status, &b, keep_alive);
}

bool server_is(const char *s, size_t n, const char *lit) {
    return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/* ---- static files ---- */

static struct {
    const char *path, *type;
    char *data;
    size_t len;
} statics[MAX_STATICS];
static size_t nstatics;

int server_static(const char *path, const char *file, const char *type) {
    if (nstatics == MAX_STATICS)
        return -1;
    FILE *f = fopen(file, "rb");
    if (!f) {
        fprintf(stderr, "%s: %s: %s\n", config ? config->name : "server", file, strerror(errno));
        return -1;
    }
    size_t cap = 4096, len = 0;
    char *data = malloc(cap);
    size_t n;
    while (data && (n = fread(data + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            char *more = realloc(data, cap *= 2);
            if (!more)
                free(data);
            data = more;
        }
    }
    fclose(f);
    if (!data)
        return -1;
    statics[nstatics].path = path;
    statics[nstatics].type = type;
    statics[nstatics].data = data;
    statics[nstatics].len = len;
    nstatics++;
    return 0;
}

/* ---- ids ---- */

static server_id **table;        /* chained; the ids are random, so their bytes hash */
static size_t table_size, id_count, any_cursor;

static size_t id_hash(const unsigned char *bytes) {
    uint64_t h;
    memcpy(&h, bytes, sizeof h);
    return (size_t)h & (table_size - 1);
}

/* Compares in constant time, so that response times tell nothing about a near-miss id. */
static bool same_id(const unsigned char *a, const unsigned char *b) {
    unsigned char d = 0;
    for (int i = 0; i < 16; i++)
        d |= a[i] ^ b[i];
    return d == 0;
}

int server_id_add(server_id *id) {
    if (getrandom(id->bytes, sizeof id->bytes, 0) != (ssize_t)sizeof id->bytes)
        return -1;
    for (int i = 0; i < 16; i++)
        snprintf(id->hex + 2 * i, 3, "%02x", id->bytes[i]);
    if (id_count + 1 > table_size) {
        size_t size = table_size ? table_size * 2 : 1024;
        server_id **t = calloc(size, sizeof *t);
        if (!t)
            return -1;
        server_id **old = table;
        size_t old_size = table_size;
        table = t;
        table_size = size;
        for (size_t i = 0; i < old_size; i++)
            for (server_id *e = old[i], *next; e; e = next) {
                next = e->next;
                e->next = table[id_hash(e->bytes)];
                table[id_hash(e->bytes)] = e;
            }
        free(old);
    }
    id->next = table[id_hash(id->bytes)];
    table[id_hash(id->bytes)] = id;
    id_count++;
    return 0;
}

void server_id_remove(server_id *id) {
    for (server_id **p = &table[id_hash(id->bytes)]; *p; p = &(*p)->next)
        if (*p == id) {
            *p = id->next;
            id_count--;
            return;
        }
}

static int hex_value(char ch) {
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    return -1;
}

server_id *server_id_find(const char *hex, size_t len) {
    unsigned char bytes[16];
    if (len != 32 || !table)
        return NULL;
    for (int i = 0; i < 16; i++) {
        int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return NULL;
        bytes[i] = (unsigned char)(hi << 4 | lo);
    }
    server_id *found = NULL;
    for (server_id *e = table[id_hash(bytes)]; e; e = e->next)
        if (same_id(e->bytes, bytes))
            found = e;
    return found;
}

size_t server_id_count(void) {
    return id_count;
}

void server_id_each(void (*fn)(server_id *id, void *arg), void *arg) {
    for (size_t i = 0; i < table_size; i++)
        for (server_id *e = table[i]; e; e = e->next)
            fn(e, arg);
}

server_id *server_id_any(void) {
    if (id_count == 0)
        return NULL;
    for (;; any_cursor = (any_cursor + 1) & (table_size - 1))
        if (table[any_cursor])
            return table[any_cursor];
}

/* ---- connections ---- */

/* Answers one request: a static file, or the application's. */
static int answer(server_conn *k, const http_request *r) {
    const char *path = r->target;
    size_t path_len = r->target_len;
    const char *q = memchr(path, '?', path_len);
    if (q)
        path_len = (size_t)(q - path);
    for (size_t i = 0; i < nstatics; i++)
        if (server_is(path, path_len, statics[i].path))
            return server_is(r->method, r->method_len, "GET")
                       ? server_respond(k, 200, statics[i].type, statics[i].data, statics[i].len, r->keep_alive)
                       : server_respond_error(k, 405, "method not allowed", r->keep_alive);
    if (server_is(path, path_len, "/favicon.ico"))   /* browsers ask; there is none */
        return server_respond(k, 204, NULL, "", 0, r->keep_alive);
    return server_answer(k, r);
}

/* Closing with unread input would reset the connection and could destroy the error response
 * before the client reads it: stop sending, then drain (a little, briefly) first. */
static void linger(server_conn *k) {
    shutdown(k->fd, SHUT_WR);
    static char sink[4096];   /* shared: what is drained is thrown away */
    long long deadline = now_ms() + 1000;
    for (int i = 0; i < 64; i++) {
        long long left = deadline - now_ms();
        if (left <= 0 || gs_read(k->fd, sink, sizeof sink, (long)left) <= 0)
            return;
    }
}

static void serve_connection(server_conn *k) {
    http_limits limits = {config->max_header, config->max_body};
    http_request *r = &k->req;
    for (;;) {
        int status = http_parse(k->in, k->in_len, &limits, r);
        if (status == HTTP_INCOMPLETE) {
            if (k->in_len == k->in_cap) {   /* the parser's limits keep this under the cap */
                size_t cap = k->in_cap * 2;
                char *in = realloc(k->in, cap);
                if (!in)
                    return;
                k->in = in;
                k->in_cap = cap;
            }
            ssize_t n = gs_read(k->fd, k->in + k->in_len, k->in_cap - k->in_len, CONN_TIMEOUT_MS);
            if (n <= 0)
                return;
            k->in_len += (size_t)n;
            continue;
        }
        if (status != HTTP_OK) {   /* the rest of the stream cannot be trusted: close */
            char msg[64];
            snprintf(msg, sizeof msg, "%s", reason(status));
            if (server_respond_error(k, status, msg, false) == 0)
                linger(k);
            return;
        }
        if (answer(k, r) != 0 || !r->keep_alive || stopping)
            return;
        memmove(k->in, k->in + r->total, k->in_len - r->total);
        k->in_len -= r->total;
    }
}

static void *serve(void *arg) {
    server_conn *k = arg;
    if (!stopping)   /* accepted before a stop but started after it: the stopper missed it */
        serve_connection(k);
    if (k->prev)
        k->prev->next = k->next;
    else
        conns = k->next;
    if (k->next)
        k->next->prev = k->prev;
    gs_close(k->fd);
    free(k->in);
    free(k);
    return NULL;
}

static void *acceptor(void *arg) {
    (void)arg;
    for (;;) {
        int fd = gs_accept(listen_fd, NULL, NULL, GS_FOREVER);
        if (fd < 0) {
            if (errno == EBADF || errno == ECANCELED)   /* the stopper closed the listener */
                return NULL;
            fprintf(stderr, "%s: accept: %s\n", config->name, strerror(errno));
            continue;
        }
        int one = 1;   /* responses are written whole; Nagle would only delay them */
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        server_conn *k = calloc(1, sizeof *k);
        char *in = malloc(1024);   /* grows to max_header + max_body at most */
        if (!k || !in) {
            free(k);
            free(in);
            gs_close(fd);
            continue;
        }
        k->fd = fd;
        k->in = in;
        k->in_cap = 1024;
        k->next = conns;
        if (conns)
            conns->prev = k;
        conns = k;
        k->task = tasklet_new(NULL, serve, k);
        tasklet_set_name(k->task, "connection");
    }
}

/* Waits for the signal handler's byte, then ends every other tasklet. */
static void *stopper(void *arg) {
    (void)arg;
    char byte;
    if (gs_read(stop_pipe[0], &byte, 1, GS_FOREVER) != 1 && errno == ECANCELED)
        return NULL;
    stopping = true;
    gs_close(listen_fd);
    listen_fd = -1;
    while (conns)   /* each killed tasklet runs at once and unlinks itself */
        tasklet_kill(conns->task);
    server_stop();
    return NULL;
}

static void on_signal(int sig) {
    (void)sig;
    int saved = errno;
    ssize_t ignored = write(stop_pipe[1], "x", 1);
    (void)ignored;
    errno = saved;
}

int server_port(void) {
    return listen_port;
}

int server_run(const server_config *c, scheduler *s) {
    config = c;
    listen_fd = gs_listen_tcp(c->host, c->port, 4096);
    if (listen_fd < 0) {
        fprintf(stderr, "%s: listen: %s\n", c->name, strerror(errno));
        return 1;
    }
    struct sockaddr_in addr;
    socklen_t alen = sizeof addr;
    if (getsockname(listen_fd, (struct sockaddr *)&addr, &alen) != 0) {
        fprintf(stderr, "%s: getsockname: %s\n", c->name, strerror(errno));
        return 1;
    }
    char host[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &addr.sin_addr, host, sizeof host);
    listen_port = ntohs(addr.sin_port);
    printf("%s: listening on http://%s:%d/\n", c->name, host, listen_port);
    fflush(stdout);

    if (pipe(stop_pipe) != 0) {
        fprintf(stderr, "%s: pipe: %s\n", c->name, strerror(errno));
        return 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    tasklet_set_name(tasklet_new(s, stopper, NULL), "stopper");
    tasklet_set_name(tasklet_new(s, acceptor, NULL), "acceptor");
    int rc = scheduler_run(s);
    if (rc != 0)
        fprintf(stderr, "%s: scheduler_run: error %d%s%s\n", c->name, greenlet_error(),
                scheduler_error(s) ? ": " : "", scheduler_error(s) ? scheduler_error(s) : "");
    scheduler_free(s);
    gs_close(stop_pipe[0]);
    close(stop_pipe[1]);
    gs_hub_close();
    free(table);
    table = NULL;
    for (size_t i = 0; i < nstatics; i++)
        free(statics[i].data);
    return rc == 0 ? 0 : 1;
}
