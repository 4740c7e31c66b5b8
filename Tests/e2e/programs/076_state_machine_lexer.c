/* a switch-in-loop state machine tokenizing a small config language, with per-state helper calls. */
#include <stdio.h>
#include <ctype.h>
#include <string.h>

enum st { START, IN_KEY, AFTER_KEY, IN_VALUE, IN_STRING, IN_COMMENT, ERROR };

struct ctx { char key[24]; char value[48]; size_t klen, vlen; int pairs, comments, errors, line; unsigned digest; };

static int is_key_char(int c) { return isalnum(c) || c == '_' || c == '.'; }
static void key_add(struct ctx *x, int c) { if (x->klen < sizeof x->key - 1) x->key[x->klen++] = (char)c; }
static void value_add(struct ctx *x, int c) { if (x->vlen < sizeof x->value - 1) x->value[x->vlen++] = (char)c; }
static unsigned mix(unsigned h, const char *s) { while (*s) h = (h ^ (unsigned char)*s++) * 16777619u; return h; }
static void emit_pair(struct ctx *x) {
    x->key[x->klen] = '\0';
    x->value[x->vlen] = '\0';
    while (x->vlen && x->value[x->vlen - 1] == ' ') x->value[--x->vlen] = '\0';
    printf("line %d: %s = [%s]\n", x->line, x->key, x->value);
    x->digest = mix(mix(x->digest, x->key), x->value);
    x->pairs++;
    x->klen = x->vlen = 0;
}
static enum st error_at(struct ctx *x, const char *why) { printf("line %d: error: %s\n", x->line, why); x->errors++; x->klen = x->vlen = 0; return ERROR; }

static enum st feed(struct ctx *x, enum st s, int c) {
    switch (s) {
    case START:
        if (c == '#') { x->comments++; return IN_COMMENT; }
        if (c == ' ' || c == '\n') return START;
        if (is_key_char(c)) { key_add(x, c); return IN_KEY; }
        return error_at(x, "unexpected character");
    case IN_KEY:
        if (is_key_char(c)) { key_add(x, c); return IN_KEY; }
        if (c == ' ') return AFTER_KEY;
        if (c == '=') return IN_VALUE;
        return error_at(x, "bad key");
    case AFTER_KEY:
        if (c == ' ') return AFTER_KEY;
        if (c == '=') return IN_VALUE;
        return error_at(x, "expected =");
    case IN_VALUE:
        if (c == '\n') { emit_pair(x); return START; }
        if (c == '"' && x->vlen == 0) return IN_STRING;
        if (c == ' ' && x->vlen == 0) return IN_VALUE;
        value_add(x, c);
        return IN_VALUE;
    case IN_STRING:
        if (c == '"') return IN_VALUE;
        if (c == '\n') return error_at(x, "unterminated string");
        value_add(x, c);
        return IN_STRING;
    case IN_COMMENT:
    case ERROR:
        return c == '\n' ? START : s;
    }
    return ERROR;
}

int main(void) {
    const char *text =
        "# sample configuration\n"
        "name = stackless\n"
        "frames.max=4096\n"
        "greeting = \"hello,  world\"  \n"
        "bad key = 1\n"
        "  indented_key =   spaced value   \n"
        "oops\n"
        "quote = \"never closed\n"
        "# trailing comment\n"
        "last=1\n";
    struct ctx x;
    memset(&x, 0, sizeof x);
    x.line = 1;
    x.digest = 2166136261u;
    enum st s = START;
    for (const char *p = text; *p; p++) {
        s = feed(&x, s, (unsigned char)*p);
        if (*p == '\n') x.line++;
    }
    printf("pairs=%d comments=%d errors=%d digest=%08x final_state=%d\n", x.pairs, x.comments, x.errors, x.digest, (int)s);
    return x.errors * 10 + x.pairs;
}
