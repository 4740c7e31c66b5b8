/*
 * page.h: the static page that `GET /` serves. Shared byte for byte by Samples/greensock's
 * http_server.c and the other HTTP servers of Benchmarks/http, so that every implementation sends
 * the same response.
 */
#ifndef GREENSOCK_PAGE_H
#define GREENSOCK_PAGE_H

static const char http_page[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"en\">\n"
    "<head>\n"
    "<meta charset=\"utf-8\">\n"
    "<title>Stackless greensock</title>\n"
    "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto;color:#222}</style>\n"
    "</head>\n"
    "<body>\n"
    "<h1>Hello from a tasklet</h1>\n"
    "<p>This page was served by one tasklet per connection, written in plain blocking C and\n"
    "rewritten by <code>stackless cc</code> into resumable functions. The hub waits on\n"
    "epoll for every connection at once and wakes the tasklet whose socket is ready.</p>\n"
    "<p>Try <a href=\"/hello?name=stackless\">/hello?name=stackless</a>.</p>\n"
    "</body>\n"
    "</html>\n";

#endif
