/* a JSON-like pretty printer over a built-in string: recursive descent with indentation. */
#include <stdio.h>
#include <ctype.h>

struct parser { const char *s; int pos; int objects, arrays, strings, numbers, literals; int max_depth; };

static void skip_ws(struct parser *p) { while (isspace((unsigned char)p->s[p->pos])) p->pos++; }
static char peekc(struct parser *p) { skip_ws(p); return p->s[p->pos]; }
static void indent(int depth) { for (int i = 0; i < depth; i++) printf("  "); }
static int value(struct parser *p, int depth);

static int string(struct parser *p) {
    p->pos++;
    putchar('"');
    while (p->s[p->pos] && p->s[p->pos] != '"') {
        if (p->s[p->pos] == '\\') putchar(p->s[p->pos++]);
        putchar(p->s[p->pos++]);
    }
    if (!p->s[p->pos]) return 0;
    p->pos++;
    putchar('"');
    p->strings++;
    return 1;
}
static int number(struct parser *p) {
    while (isdigit((unsigned char)p->s[p->pos]) || p->s[p->pos] == '-' || p->s[p->pos] == '.') putchar(p->s[p->pos++]);
    p->numbers++;
    return 1;
}
static int literal(struct parser *p) {
    while (isalpha((unsigned char)p->s[p->pos])) putchar(p->s[p->pos++]);
    p->literals++;
    return 1;
}
static int array(struct parser *p, int depth) {
    p->pos++;
    p->arrays++;
    if (peekc(p) == ']') { p->pos++; printf("[]"); return 1; }
    printf("[\n");
    for (;;) {
        indent(depth + 1);
        if (!value(p, depth + 1)) return 0;
        char c = peekc(p);
        p->pos++;
        if (c == ']') break;
        if (c != ',') return 0;
        printf(",\n");
    }
    printf("\n");
    indent(depth);
    printf("]");
    return 1;
}
static int object(struct parser *p, int depth) {
    p->pos++;
    p->objects++;
    if (peekc(p) == '}') { p->pos++; printf("{}"); return 1; }
    printf("{\n");
    for (;;) {
        indent(depth + 1);
        if (peekc(p) != '"' || !string(p)) return 0;
        if (peekc(p) != ':') return 0;
        p->pos++;
        printf(": ");
        if (!value(p, depth + 1)) return 0;
        char c = peekc(p);
        p->pos++;
        if (c == '}') break;
        if (c != ',') return 0;
        printf(",\n");
    }
    printf("\n");
    indent(depth);
    printf("}");
    return 1;
}
static int value(struct parser *p, int depth) {
    if (depth > p->max_depth) p->max_depth = depth;
    char c = peekc(p);
    if (c == '{') return object(p, depth);
    if (c == '[') return array(p, depth);
    if (c == '"') return string(p);
    if (c == '-' || isdigit((unsigned char)c)) return number(p);
    if (isalpha((unsigned char)c)) return literal(p);
    return 0;
}
static int pretty(const char *doc) {
    struct parser p = {doc, 0, 0, 0, 0, 0, 0, 0};
    int ok = value(&p, 0);
    printf("\n-- ok=%d objects=%d arrays=%d strings=%d numbers=%d literals=%d depth=%d\n", ok && peekc(&p) == '\0', p.objects,
           p.arrays, p.strings, p.numbers, p.literals, p.max_depth);
    return ok;
}

int main(void) {
    static const char doc0[] =
        "{\"name\":\"stackless\",\"version\":[1,2,3],\"tags\":{\"c\":true,\"swift\":false,\"none\":null},"
        "\"frames\":[{\"id\":1,\"size\":-48.5},{\"id\":2,\"size\":1024},[]],\"empty\":{},\"esc\":\"a\\\"b\"}";
    const char *docs[] = {
        doc0,
        "[[[1,[2,[3,[4]]]]],\"deep\"]",
        "{\"broken\": [1, 2,, 3]}",
    };
    int good = 0;
    for (int i = 0; i < 3; i++) good += pretty(docs[i]);
    return good;
}
