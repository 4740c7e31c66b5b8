/*
 * server.h: the HTTP side of the web consoles (webconsole.c here, ../luaconsole/luaconsole.c),
 * written in blocking style on greensock. A tasklet per connection parses requests (http.c),
 * keeps the connection alive, pipelines, and limits every read and write; the application
 * answers each request with the server_respond functions. Also: JSON strings, the page's static
 * files, random 128-bit ids in a hash table, and a clean stop on SIGINT or SIGTERM.
 *
 * The application defines server_answer and server_stop, and calls server_run.
 */
#ifndef WEBCONSOLE_SERVER_H
#define WEBCONSOLE_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <greensock.h>

#include "http.h"

typedef struct server_conn server_conn;   /* a connection */

/* Defined by the application. server_answer answers one request for a path that is not a
 * static file's: 0 to go on, -1 to close the connection. server_stop ends the application's
 * tasklets on a stop, once every connection has ended. */
int server_answer(server_conn *k, const http_request *r) SL_SUSPENDS;
void server_stop(void) SL_SUSPENDS;

typedef struct server_config {
    const char *name;           /* for messages: "NAME: listening on http://ADDR:PORT/" */
    const char *host;           /* the address to listen on */
    int port;                   /* 0: any free port */
    size_t max_header;          /* request line and headers (431 past it) */
    size_t max_body;            /* request body (413 past it) */
} server_config;

/* Listens (and prints the "listening" line), adds the acceptor and the stopper to `s`, which the
 * application may have given tasklets of its own, and runs it until a stop has ended every
 * tasklet. Frees the static files and the id table. 0, or 1 after an error (said on stderr). */
int server_run(const server_config *config, scheduler *s);
/* The port listened on, once server_run has started. */
int server_port(void);

/* A growing buffer; `failed` once an allocation failed (the rest is then dropped). */
typedef struct buf {
    char *p;
    size_t len, cap;
    bool failed;
} buf;

void buf_put(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
/* A JSON string of s[0..n): valid UTF-8 is kept, any other byte becomes U+FFFD. */
void buf_json_string(buf *b, const char *s, size_t n);

/* Writes one response: 0, or -1 when the connection failed. */
int server_respond(server_conn *k, int status, const char *type, const char *body, size_t len,
                   bool keep_alive) SL_SUSPENDS;
/* A JSON response of `body`, which it frees. */
int server_respond_json(server_conn *k, int status, buf *body, bool keep_alive) SL_SUSPENDS;
/* {"error": message} */
int server_respond_error(server_conn *k, int status, const char *message, bool keep_alive) SL_SUSPENDS;

/* Serves the file at `file` (read now) for GET `path`: 0, or -1 (said on stderr). */
int server_static(const char *path, const char *file, const char *type);

/* Does s[0..n) equal the string lit? */
bool server_is(const char *s, size_t n, const char *lit);

/* Ids: 128 random bits (getrandom), as 32 lowercase hex digits, in a hash table looked up in
 * constant time per comparison. Embed a server_id in what it names. */
typedef struct server_id {
    struct server_id *next;
    unsigned char bytes[16];
    char hex[33];
} server_id;

/* Gives `id` random bits and adds it: 0, or -1. */
int server_id_add(server_id *id);
void server_id_remove(server_id *id);
server_id *server_id_find(const char *hex, size_t len);
size_t server_id_count(void);
/* Calls fn on every id; fn may not add or remove any. */
void server_id_each(void (*fn)(server_id *id, void *arg), void *arg);
/* Some id in the table, or NULL when it is empty (to end every console on a stop). */
server_id *server_id_any(void);

#endif
