/*
 * lua_glue.c: Lua 5.4, unmodified, as a console. Everything the interpreter does that waits goes
 * through the few functions here, which wait on channels or on the greensock hub; `stackless cc`
 * makes the interpreter resumable wherever they can be reached from (its VM loop, its protected
 * calls, table.sort's comparators, coroutines), so each console is a tasklet and one thread
 * serves them all.
 *
 *   print, io.write     append to the console's output (waiting when 64 KiB are unread)
 *   io.read             waits for the next line the page sends
 *   sleep(ms)           the greensock hub's timers
 *   fetch(url)          an HTTP GET over a greensock socket, to this machine only
 *   the count hook      every lua_opt.hook_count instructions: tasklet_schedule()
 *   the allocator       refuses past the console's memory limit: "not enough memory"
 *
 * A switch is impossible under the interpreter's functions that `stackless cc` left as written
 * (its error functions: Lua calls an xpcall message handler inside luaG_errormsg), and Lua runs
 * __gc finalizers and a handler called for an error raised by the hook with the hook off. So
 * xpcall here calls its handler once the error has unwound, and __gc is refused; should Lua code
 * still run under such a function, the waiting functions raise an error there, and the hook lets
 * a few million instructions run without yielding before it raises one. No script can stop the
 * program or hold the thread.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

#include "lua_glue.h"

#define MAX_OUTPUT 65536            /* unread output before print waits */
#define FETCH_TIMEOUT_MS 10000
#define FETCH_MAX (1 << 20)         /* bytes of a fetched response */
#define MAX_SLEEP_MS 86400000L
#define SLEEP_SLICE_MS 200          /* an interrupt stops a sleep within this */
#define UNYIELDED_LIMIT 5000000L    /* instructions run where no switch is possible */

lua_options lua_opt = {16u << 20, 1000, "http://127.0.0.1"};

/* Can the current tasklet switch? Not under a C frame that `stackless cc` left as written. This
 * program tracks sl_tls.unwind_ok (Lua's left-as-written functions make the transform track it
 * everywhere; build.sh checks that there are some): every call to a function declared
 * SL_SUSPENDS passes it on, and a left-as-written function drops it at its entry. This function
 * makes no call, so it is kept as written and reads the flag its caller passed. */
int lc_can_switch(void) SL_SUSPENDS;
int lc_can_switch(void) { return sl_tls.unwind_ok; }

static console *console_of(lua_State *L) {
    return *(console **)lua_getextraspace(L);   /* copied into every coroutine */
}

/* ---- memory ---- */

/* lua_Alloc: frees and shrinks always succeed (Lua relies on it); growth fails past the limit,
 * which Lua reports as "not enough memory" after an emergency collection. */
static void *lc_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    console *c = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        c->mem -= old;
        return NULL;
    }
    if (nsize > old && c->mem - old + nsize > c->mem_limit)
        return NULL;
    void *p = realloc(ptr, nsize);
    if (p)
        c->mem = c->mem - old + nsize;
    return p;
}

/* ---- output ---- */

int console_notify(console *c) {
    if (!c->handler_waiting)
        return 0;
    return channel_send(c->wake, NULL);
}

static void count_hook(lua_State *L, lua_Debug *ar);

static int killed_error(lua_State *L) {
    /* From now on every instruction raises, so that no pcall loop outlives the console (nor
     * a finalizer run by lua_close). */
    console *c = console_of(L);
    lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
    if (c->L && c->L != L)
        lua_sethook(c->L, count_hook, LUA_MASKCOUNT, 1);
    return luaL_error(L, "console closed");
}

/* As lua.c's answer to Ctrl-C, without a position: the line is stopped wherever it was. */
static int interrupted_error(lua_State *L) {
    console_of(L)->interrupted = false;
    lua_pushliteral(L, "interrupted!");
    return lua_error(L);
}

/* Waits until a request takes the full output. */
static void wait_drained(lua_State *L, console *c) {
    if (c->killed || console_notify(c) != 0 || c->killed)
        killed_error(L);
    if (c->out_len < MAX_OUTPUT)
        return;
    c->writer_blocked = true;
    channel_receive(c->drain);
    c->writer_blocked = false;
    if (c->killed || greenlet_error() == GREENLET_EXIT)
        killed_error(L);
}

static void console_write(lua_State *L, const char *text, size_t len) {
    console *c = console_of(L);
    while (len > 0) {
        if (c->out_len == MAX_OUTPUT) {
            if (c->killed || !lc_can_switch())
                return;   /* an error handler's or a finalizer's output: the rest is dropped */
            wait_drained(L, c);
            continue;
        }
        size_t n = MAX_OUTPUT - c->out_len < len ? MAX_OUTPUT - c->out_len : len;
        if (c->out_len + n > c->out_cap) {
            size_t cap = c->out_cap ? c->out_cap : 256;
            while (cap < c->out_len + n)
                cap *= 2;
            char *out = realloc(c->out, cap);
            if (!out)
                luaL_error(L, "not enough memory for output");
            c->out = out;
            c->out_cap = cap;
        }
        memcpy(c->out + c->out_len, text, n);
        c->out_len += n;
        text += n;
        len -= n;
    }
}

/* print(...), as Lua's own, into the console. */
static int l_print(lua_State *L) {
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        if (i > 1)
            console_write(L, "\t", 1);
        console_write(L, s, len);
        lua_pop(L, 1);
    }
    console_write(L, "\n", 1);
    return 0;
}

/* io.write(...): strings and numbers, as Lua's own. */
static int l_write(lua_State *L) {
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = lua_type(L, i) == LUA_TNUMBER ? luaL_tolstring(L, i, &len)
                                                      : luaL_checklstring(L, i, &len);
        console_write(L, s, len);
        if (lua_type(L, i) == LUA_TNUMBER)
            lua_pop(L, 1);
    }
    return 0;
}

/* ---- input ---- */

/* Waits for the next line: the console keeps it (c->line) until the next read, so that a memory
 * error while pushing it leaks nothing. NULL when the console was killed. What was printed before
 * goes to the request waiting for it. */
static const char *console_read(console *c, const char *prompt) {
    free(c->line);
    c->line = NULL;
    if (c->killed)
        return NULL;
    c->prompt = prompt;
    c->waiting_input = true;
    c->interrupted = false;
    if (console_notify(c) != 0 || c->killed) {
        c->waiting_input = false;
        return NULL;
    }
    char *line = channel_receive(c->input);
    c->waiting_input = false;
    c->line = line;
    if (c->killed || greenlet_error() != 0)
        return NULL;
    return line ? line : "";
}

static void check_can_wait(lua_State *L, console *c, const char *what) {
    if (c->killed)
        killed_error(L);
    if (c->interrupted) {
        c->interrupted = false;
        interrupted_error(L);
    }
    if (!lc_can_switch())
        luaL_error(L, "%s cannot wait here (in an error handler or a finalizer)", what);
}

/* io.read([format]): "l" (the default), "L" or "n", from the line the page sends next. */
static int l_read(lua_State *L) {
    console *c = console_of(L);
    const char *format = luaL_optstring(L, 1, "l");
    if (*format == '*')
        format++;
    if (strcmp(format, "l") != 0 && strcmp(format, "L") != 0 && strcmp(format, "n") != 0)
        return luaL_argerror(L, 1, "a web console reads lines: \"l\", \"L\" or \"n\"");
    check_can_wait(L, c, "io.read");
    const char *line = console_read(c, "");
    if (!line)
        return killed_error(L);
    lua_pushstring(L, line);
    if (*format == 'L') {
        lua_pushliteral(L, "\n");
        lua_concat(L, 2);
    } else if (*format == 'n') {
        if (!lua_stringtonumber(L, lua_tostring(L, -1)))
            lua_pushnil(L);
    }
    return 1;
}

/* ---- waiting on the hub ---- */

static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* sleep(ms): the other consoles run meanwhile. It sleeps in slices, so that an interrupt stops
 * it within one: a channel that an interrupt sends on would need the console to be waiting on it
 * for sure, and a console woken by its timer but not yet run is not. */
static int l_sleep(lua_State *L) {
    console *c = console_of(L);
    lua_Integer ms = (lua_Integer)luaL_checknumber(L, 1);
    luaL_argcheck(L, ms >= 0 && ms <= MAX_SLEEP_MS, 1, "from 0 to 86400000 milliseconds");
    check_can_wait(L, c, "sleep");
    if (c->out_len > 0 && console_notify(c) != 0)
        return killed_error(L);
    long long deadline = now_ms() + ms;
    for (;;) {
        long long left = deadline - now_ms();
        if (gs_sleep(left < SLEEP_SLICE_MS ? (long)(left > 0 ? left : 0) : SLEEP_SLICE_MS) != 0 ||
            c->killed)
            return killed_error(L);
        if (c->interrupted)
            return interrupted_error(L);
        if (left <= SLEEP_SLICE_MS)
            return 0;
    }
}

/* Splits "http://HOST[:PORT][/PATH]"; HOST must be this machine. */
static const char *parse_url(const char *url, char *host, size_t host_cap, int *port,
                             const char **path) {
    if (strncmp(url, "http://", 7) != 0)
        return "only http:// URLs";
    const char *h = url + 7, *end = h + strcspn(h, ":/");
    size_t n = (size_t)(end - h);
    if (n == 0 || n >= host_cap)
        return "no host";
    memcpy(host, h, n);
    host[n] = '\0';
    if (strcmp(host, "127.0.0.1") != 0 && strcmp(host, "localhost") != 0)
        return "only this machine (127.0.0.1 or localhost)";
    *port = 80;
    if (*end == ':') {
        char *stop;
        long p = strtol(end + 1, &stop, 10);
        if (stop == end + 1 || p < 1 || p > 65535 || (*stop && *stop != '/'))
            return "bad port";
        *port = (int)p;
        end = stop;
    }
    *path = *end ? end : "/";
    for (const char *q = *path; *q; q++)
        if ((unsigned char)*q <= ' ' || *q == 0x7f)
            return "blanks or control characters in the path";
    return NULL;
}

/* fetch(url): body, status, or nil and a message. An HTTP/1.0 GET to this machine, over a
 * greensock socket: the console waits, the others run. */
static int l_fetch(lua_State *L) {
    console *c = console_of(L);
    const char *url = luaL_checkstring(L, 1);
    char host[16];
    int port;
    const char *path;
    const char *bad = parse_url(url, host, sizeof host, &port, &path);
    if (bad)
        return luaL_argerror(L, 1, bad);
    check_can_wait(L, c, "fetch");
    if (c->out_len > 0 && console_notify(c) != 0)
        return killed_error(L);
    lua_pushfstring(L, "GET %s HTTP/1.0\r\nHost: %s:%d\r\nConnection: close\r\n\r\n", path, host,
                    port);
    int fd = gs_connect_tcp(strcmp(host, "localhost") == 0 ? "127.0.0.1" : host, port,
                            FETCH_TIMEOUT_MS);
    if (fd < 0) {
        int err = errno;
        if (c->killed)
            return killed_error(L);
        luaL_pushfail(L);
        lua_pushfstring(L, "fetch %s: %s", url, strerror(err));
        return 2;
    }
    size_t req_len;
    const char *req = lua_tolstring(L, -1, &req_len);
    const char *failed = NULL;
    if (gs_write_all(fd, req, req_len, FETCH_TIMEOUT_MS) < 0)
        failed = strerror(errno);
    /* The response goes into a userdata that grows: if a memory error interrupts, the
     * collector frees it. */
    size_t len = 0, cap = 4096;
    char *buf = lua_newuserdatauv(L, cap, 0);
    while (!failed) {
        if (len == cap) {
            if (cap == FETCH_MAX) {
                failed = "response over 1 MiB";
                break;
            }
            char *more = lua_newuserdatauv(L, cap * 2, 0);
            memcpy(more, buf, len);
            lua_remove(L, -2);
            buf = more;
            cap *= 2;
        }
        ssize_t got = gs_read(fd, buf + len, cap - len, FETCH_TIMEOUT_MS);
        if (got < 0)
            failed = strerror(errno);
        if (got <= 0)
            break;
        len += (size_t)got;
    }
    gs_close(fd);
    if (c->killed)
        return killed_error(L);
    if (failed) {
        luaL_pushfail(L);
        lua_pushfstring(L, "fetch %s: %s", url, failed);
        return 2;
    }
    /* "HTTP/1.x NNN ...\r\n...\r\n\r\nbody" */
    const char *head_end = len >= 12 ? memmem(buf, len, "\r\n\r\n", 4) : NULL;
    if (!head_end || memcmp(buf, "HTTP/1.", 7) != 0 || buf[8] != ' ') {
        luaL_pushfail(L);
        lua_pushfstring(L, "fetch %s: not an HTTP response", url);
        return 2;
    }
    lua_pushlstring(L, head_end + 4, len - (size_t)(head_end + 4 - buf));
    lua_pushinteger(L, strtol(buf + 9, NULL, 10));
    return 2;
}

/* ---- the count hook ---- */

static void count_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    console *c = console_of(L);
    if (c->killed)
        killed_error(L);
    if (c->interrupted) {
        c->interrupted = false;
        interrupted_error(L);
    }
    if (!lc_can_switch()) {
        c->unyielded += lua_opt.hook_count;
        if (c->unyielded > UNYIELDED_LIMIT)
            luaL_error(L, "stopped: too many instructions where a console cannot yield "
                          "(an error handler or a finalizer)");
        return;
    }
    c->unyielded = 0;
    if (c->out_len > 0 && console_notify(c) != 0)
        killed_error(L);
    tasklet_schedule();
    if (c->killed || greenlet_error() == GREENLET_EXIT)
        killed_error(L);
}

/* ---- the state and its REPL ---- */

/* load(chunk [, name [, mode [, env]]]) with mode "t": no binary chunks, which could crash the
 * VM. The original is the upvalue. */
static int l_load(lua_State *L) {
    int n = lua_gettop(L);
    if (n < 3)
        lua_settop(L, 3);
    lua_pushliteral(L, "t");
    lua_replace(L, 3);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, n < 3 ? 3 : n, LUA_MULTRET);
    return lua_gettop(L);
}

/* xpcall(f, msgh, ...): as pcall, then msgh(error) once the error has unwound. Lua's own calls
 * the handler inside luaG_errormsg, a function left as written, where no switch is possible, and
 * with the hook off when the error came from the hook: a handler that loops would hold the
 * thread for good. Without the debug library a handler cannot see the stack it was raised in, so
 * calling it afterwards changes nothing a script can observe but that. */
static int l_xpcall(lua_State *L) {
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_insert(L, 1);   /* msgh, f, msgh, args... */
    lua_remove(L, 3);   /* msgh, f, args... */
    if (lua_pcall(L, n - 2, LUA_MULTRET, 0) == LUA_OK) {
        lua_pushboolean(L, 1);
        lua_replace(L, 1);   /* true, results... */
        return lua_gettop(L);
    }
    lua_pcall(L, 1, 1, 0);   /* msgh(error), or the error it raised */
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
}

/* setmetatable(t, mt), refusing finalizers: Lua runs __gc with the hook off, so a finalizer that
 * loops could never be stopped. */
static int l_setmetatable(lua_State *L) {
    lua_pushliteral(L, "__gc");
    if (lua_type(L, 2) == LUA_TTABLE && lua_rawget(L, 2) != LUA_TNIL)
        return luaL_error(L, "setmetatable: __gc finalizers are not available in this console "
                             "(they run where a console cannot be stopped)");
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, 2, 1);
    return 1;
}

static void remove_fields(lua_State *L, const char *table, const char *const *names) {
    lua_getglobal(L, table);
    for (; *names; names++) {
        lua_pushnil(L);
        lua_setfield(L, -2, *names);
    }
    lua_pop(L, 1);
}

/* The libraries a web page may use: no files, processes, C modules or debug hooks. */
static int open_state(lua_State *L) {
    static const luaL_Reg libs[] = {
        {LUA_GNAME, luaopen_base},          {LUA_COLIBNAME, luaopen_coroutine},
        {LUA_TABLIBNAME, luaopen_table},    {LUA_STRLIBNAME, luaopen_string},
        {LUA_MATHLIBNAME, luaopen_math},    {LUA_UTF8LIBNAME, luaopen_utf8},
        {LUA_OSLIBNAME, luaopen_os},        {NULL, NULL},
    };
    for (const luaL_Reg *lib = libs; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
    static const char *const base_gone[] = {"dofile", "loadfile", NULL};
    static const char *const os_gone[] = {"execute", "exit", "getenv", "remove", "rename",
                                          "setlocale", "tmpname", NULL};
    remove_fields(L, LUA_GNAME, base_gone);
    remove_fields(L, LUA_OSLIBNAME, os_gone);
    lua_getglobal(L, "load");
    lua_pushcclosure(L, l_load, 1);
    lua_setglobal(L, "load");
    lua_getglobal(L, "setmetatable");
    lua_pushcclosure(L, l_setmetatable, 1);
    lua_setglobal(L, "setmetatable");
    lua_register(L, "xpcall", l_xpcall);
    static const luaL_Reg io[] = {{"read", l_read}, {"write", l_write}, {NULL, NULL}};
    luaL_newlib(L, io);
    lua_setglobal(L, "io");
    lua_register(L, "print", l_print);
    lua_register(L, "sleep", l_sleep);
    lua_register(L, "fetch", l_fetch);
    lua_pushstring(L, lua_opt.server_url);
    lua_setglobal(L, "SERVER");
    return 0;
}

#define EOFMARK "<eof>"

/* A syntax error at the end of the input: the statement goes on on the next line. */
static int incomplete(lua_State *L, int status) {
    size_t len;
    const char *msg = lua_tolstring(L, -1, &len);
    return status == LUA_ERRSYNTAX && len >= sizeof EOFMARK - 1 &&
           strcmp(msg + len - (sizeof EOFMARK - 1), EOFMARK) == 0;
}

/* The error object at the top as text, as lua.c's message handler makes it. */
static int error_text(lua_State *L) {
    if (!lua_isstring(L, 1) && !luaL_callmeta(L, 1, "__tostring"))
        lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    else if (lua_isstring(L, 1))
        lua_pushvalue(L, 1);
    return 1;
}

/* Writes the error object at the top as a line of output, and pops it. */
static void report(lua_State *L) {
    lua_pushcfunction(L, error_text);
    lua_insert(L, -2);
    int status = lua_pcall(L, 1, 1, 0);
    size_t len;
    const char *msg = lua_tolstring(L, -1, &len);
    if (status != LUA_OK || !msg)
        msg = "(error object is not a string)", len = strlen(msg);
    console_write(L, msg, len);
    console_write(L, "\n", 1);
    lua_pop(L, 1);
}

/* The read-eval-print loop, as lua.c's: a line is tried as an expression ("return " .. line),
 * then as statements, read on over ">> " lines while the statement is incomplete; the results
 * are printed. Runs in protected mode; returns when the console is killed. */
static int repl(lua_State *L) {
    console *c = console_of(L);
    for (;;) {
        lua_settop(L, 0);
        const char *line = console_read(c, "> ");
        if (!line)
            return 0;
        lua_pushstring(L, line);
        const char *retline = lua_pushfstring(L, "return %s;", line);
        int status = luaL_loadbuffer(L, retline, strlen(retline), "=stdin");
        if (status == LUA_OK) {
            lua_remove(L, 1);
            lua_remove(L, 1);
        } else {
            lua_settop(L, 1);
            for (;;) {
                size_t len;
                const char *code = lua_tolstring(L, 1, &len);
                status = luaL_loadbuffer(L, code, len, "=stdin");
                if (!incomplete(L, status))
                    break;
                lua_pop(L, 1);
                const char *more = console_read(c, ">> ");
                if (!more)
                    return 0;
                lua_pushliteral(L, "\n");
                lua_pushstring(L, more);
                lua_concat(L, 3);
            }
            lua_remove(L, 1);
        }
        if (status == LUA_OK)
            status = lua_pcall(L, 0, LUA_MULTRET, 0);
        if (c->killed)
            return 0;
        if (status != LUA_OK) {
            report(L);
        } else if (lua_gettop(L) > 0) {
            lua_pushcfunction(L, l_print);
            lua_insert(L, 1);
            if (lua_pcall(L, lua_gettop(L) - 1, 0, 0) != LUA_OK) {
                if (c->killed)
                    return 0;
                report(L);
            }
        }
    }
}

static int banner(lua_State *L) {
    static const char text[] =
        LUA_COPYRIGHT "\n"
        "A console of its own, on a server that runs every visitor's console on one thread.\n"
        "Also here: sleep(ms), fetch(url) (http://127.0.0.1 only; SERVER is this server),\n"
        "io.read(). Ctrl-C interrupts a running line.\n";
    console_write(L, text, sizeof text - 1);
    return 0;
}

static void note(console *c, const char *text) {
    size_t len = strlen(text);
    if (c->out_len + len > c->out_cap) {
        char *out = realloc(c->out, c->out_len + len);
        if (!out)
            return;
        c->out = out;
        c->out_cap = c->out_len + len;
    }
    memcpy(c->out + c->out_len, text, len);
    c->out_len += len;
}

void console_run_lua(console *c) {
    c->mem_limit = lua_opt.mem_limit;
    lua_State *L = lua_newstate(lc_alloc, c);
    if (!L) {
        note(c, "cannot create a Lua state: not enough memory\n");
        return;
    }
    *(console **)lua_getextraspace(L) = c;
    c->L = L;
    if (lua_opt.hook_count > 0)
        lua_sethook(L, count_hook, LUA_MASKCOUNT, lua_opt.hook_count);
    lua_pushcfunction(L, open_state);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
        note(c, "cannot open Lua's libraries: not enough memory\n");
    } else {
        lua_pushcfunction(L, banner);
        int status = lua_pcall(L, 0, 0, 0);
        while (status == LUA_OK && !c->killed) {
            lua_pushcfunction(L, repl);
            status = lua_pcall(L, 0, 0, 0);
            if (status != LUA_OK && !c->killed) {
                /* Outside a line's own protected call: out of memory for the line itself. */
                note(c, "error: not enough memory for that line\n");
                status = LUA_OK;
            }
        }
    }
    lua_close(L);
    c->L = NULL;
    free(c->line);
    c->line = NULL;
}
