/* The real use, without --suspend-all: Lua 5.4, unmodified, embedded in a C program whose one
 * native function, read_line(), waits on a channel. Each console is a tasklet with its own
 * lua_State running a read-eval-print loop written in Lua; a feeder tasklet hands out the input
 * lines round-robin, so the consoles' evaluations interleave on one thread. `stackless cc`
 * makes the interpreter resumable where read_line can be reached from: the VM (computed-goto
 * dispatch), protected calls (setjmp/longjmp), lua_call from the libraries (table.sort,
 * string.gsub), Lua's own coroutines and luaL_error (variadic).
 *
 * Built with -DSEQUENTIAL (plain cc, no stackless, no runtime calls), the same consoles run one
 * after the other with the lines read from an array: the oracle for each console's transcript.
 *
 * Usage: lua_consoles [CONSOLES [ROUNDS [EXTRA-LINE]]]   (default 3 consoles, 1 round of the input)
 * EXTRA-LINE is given to every console after the input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

#ifndef SEQUENTIAL
#include <tasklet.h>
#endif

/* What every console is given, line by line; each line is evaluated on its own. */
static const char *const input[] = {
    "1 + 2",
    "x = 10 * id",
    "x * 2",
    "string.rep('ab', 3)",
    "error('boom from ' .. name)",
    "this is not lua",
    /* read_line inside a protected call, a coroutine and library callbacks: */
    "pcall(function() local l = read_line(); error('after ' .. l) end)",
    "return 'skipped by the line before'",
    "coroutine.wrap(function() local l = read_line(); coroutine.yield(#l) end)()",
    "the line the coroutine reads",
    "(function() local t = {5, 1, 4} table.sort(t, function(a, b) read_line() return a < b end) return table.concat(t, ',') end)()",
    "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8",
    "(string.gsub('a-b-c', '%a', function(c) return read_line() .. c end))",
    "g1", "g2", "g3",
    "select('#', read_line(), read_line())",
    "r1", "r2",
    "(function() local ok, e = pcall(error, {code = id}) return ok, e.code end)()",
    "#history",
};
#define INPUT_LINES (sizeof input / sizeof input[0])

/* A line given after the input (argv[3]), and what read_line returns once the input is used up. */
static const char *extra;
static const char *line_at(size_t i) { return i < INPUT_LINES ? input[i] : extra; }
static size_t line_count(void) { return INPUT_LINES + (extra ? 1 : 0); }

/* The console's loop, in Lua: what an interactive interpreter does with each line. */
static const char repl[] =
    "history = {}\n"
    "while true do\n"
    "  local line = read_line()\n"
    "  if line == nil then break end\n"
    "  history[#history + 1] = line\n"
    "  local f, err = load('return ' .. line, '=' .. name)\n"
    "  if not f then f, err = load(line, '=' .. name) end\n"
    "  if not f then\n"
    "    say('syntax error: ' .. err)\n"
    "  else\n"
    "    local results = table.pack(pcall(f))\n"
    "    if results[1] then\n"
    "      local out = {}\n"
    "      for i = 2, results.n do out[#out + 1] = tostring(results[i]) end\n"
    "      say(line .. ' => ' .. table.concat(out, ', '))\n"
    "    else\n"
    "      say(line .. ' !! ' .. tostring(results[2]))\n"
    "    end\n"
    "  end\n"
    "end\n"
    "say('bye after ' .. #history .. ' lines')\n";

typedef struct console {
    char name[16];
    int id;
    lua_State *L;
#ifdef SEQUENTIAL
    size_t next;                 /* the next input line */
    int rounds;
#else
    channel *lines;              /* strings from the feeder; NULL at the end */
#endif
} console;

static console *console_of(lua_State *L) {
    console *c;
    lua_getfield(L, LUA_REGISTRYINDEX, "console");
    c = (console *)lua_touserdata(L, -1);
    lua_pop(L, 1);
    return c;
}

/* read_line(): the next line for this console, or nil at the end. This is the one function
 * that suspends: it waits on the console's channel. */
static int l_read_line(lua_State *L) {
    console *c = console_of(L);
#ifdef SEQUENTIAL
    if (c->next == line_count() && c->rounds > 1) { c->rounds--; c->next = 0; }
    if (c->next == line_count()) { lua_pushnil(L); return 1; }
    lua_pushstring(L, line_at(c->next++));
#else
    char *line = (char *)channel_receive(c->lines);
    if (!line) { lua_pushnil(L); return 1; }
    lua_pushstring(L, line);
    free(line);
#endif
    return 1;
}

/* say(text): one line of the console's transcript. */
static int l_say(lua_State *L) {
    console *c = console_of(L);
    printf("[%s] %s\n", c->name, luaL_checkstring(L, 1));
    return 0;
}

static void console_open(console *c, int id) {
    snprintf(c->name, sizeof c->name, "c%d", id);
    c->id = id;
    c->L = luaL_newstate();
    luaL_openlibs(c->L);
    lua_pushlightuserdata(c->L, c);
    lua_setfield(c->L, LUA_REGISTRYINDEX, "console");
    lua_register(c->L, "read_line", l_read_line);
    lua_register(c->L, "say", l_say);
    lua_pushstring(c->L, c->name);
    lua_setglobal(c->L, "name");
    lua_pushinteger(c->L, id);
    lua_setglobal(c->L, "id");
}

/* Runs the console's loop to its end; an error that escapes it ends the console. */
static void *console_run(void *arg) {
    console *c = (console *)arg;
    if (luaL_loadbuffer(c->L, repl, sizeof repl - 1, "=repl") != LUA_OK || lua_pcall(c->L, 0, 0, 0) != LUA_OK)
        printf("[%s] console failed: %s\n", c->name, lua_tostring(c->L, -1));
    lua_close(c->L);
    c->L = NULL;
    return NULL;
}

#ifndef SEQUENTIAL
typedef struct feed {
    console *consoles;
    int count;
    int rounds;
} feed;

/* Hands every input line to every console, one console after the other, then ends each. */
static void *feeder_run(void *arg) {
    feed *f = (feed *)arg;
    for (int round = 0; round < f->rounds; round++)
        for (size_t i = 0; i < line_count(); i++)
            for (int k = 0; k < f->count; k++) {
                size_t n = strlen(line_at(i)) + 1;
                char *line = (char *)malloc(n);
                memcpy(line, line_at(i), n);
                channel_send(f->consoles[k].lines, line);
            }
    for (int k = 0; k < f->count; k++) channel_send(f->consoles[k].lines, NULL);
    return NULL;
}
#endif

int main(int argc, char **argv) {
    int count = argc > 1 ? atoi(argv[1]) : 3;
    int rounds = argc > 2 ? atoi(argv[2]) : 1;
    extra = argc > 3 ? argv[3] : NULL;
    if (count < 1 || rounds < 1) {
        fprintf(stderr, "usage: %s [CONSOLES [ROUNDS]]\n", argv[0]);
        return 2;
    }
    console *consoles = (console *)calloc((size_t)count, sizeof *consoles);
    for (int k = 0; k < count; k++) console_open(&consoles[k], k + 1);
#ifdef SEQUENTIAL
    for (int k = 0; k < count; k++) {
        consoles[k].rounds = rounds;
        console_run(&consoles[k]);
    }
#else
    scheduler *s = scheduler_new();
    feed f = { consoles, count, rounds };
    for (int k = 0; k < count; k++) {
        consoles[k].lines = channel_new(consoles[k].name);
        tasklet_set_name(tasklet_new(s, console_run, &consoles[k]), consoles[k].name);
    }
    tasklet_set_name(tasklet_new(s, feeder_run, &f), "feeder");
    if (scheduler_run(s) != 0) {
        fprintf(stderr, "scheduler: %s\n", scheduler_error(s));
        return 1;
    }
    scheduler_free(s);
    for (int k = 0; k < count; k++) channel_free(consoles[k].lines);
#endif
    free(consoles);
    return 0;
}
