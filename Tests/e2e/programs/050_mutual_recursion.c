/* mutual recursion: is_even/is_odd, Hofstadter F/M sequences, a tiny recursive-descent grammar. */
#include <stdio.h>

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static int hof_m(int n);
static int hof_f(int n) { return n == 0 ? 1 : n - hof_m(hof_f(n - 1)); }
static int hof_m(int n) { return n == 0 ? 0 : n - hof_f(hof_m(n - 1)); }

/* list := '(' items ')' ; items := (atom | list)* */
static const char *parse_list(const char *s, int depth, int *atoms, int *maxdepth);
static const char *parse_item(const char *s, int depth, int *atoms, int *maxdepth) {
    if (*s == '(') return parse_list(s, depth + 1, atoms, maxdepth);
    (*atoms)++;
    return s + 1;
}
static const char *parse_list(const char *s, int depth, int *atoms, int *maxdepth) {
    if (depth > *maxdepth) *maxdepth = depth;
    s++; /* '(' */
    while (*s && *s != ')') s = parse_item(s, depth, atoms, maxdepth);
    return *s ? s + 1 : s;
}

static int ping(int n, int acc);
static int pong(int n, int acc) { return n <= 0 ? acc : ping(n - 1, acc * 3 % 1000003); }
static int ping(int n, int acc) { return n <= 0 ? acc : pong(n - 1, acc + 7); }

int main(void) {
    for (unsigned n = 0; n < 12; n++) printf("%u: even=%d odd=%d\n", n, is_even(n), is_odd(n));
    printf("is_even(1001)=%d is_odd(2000)=%d\n", is_even(1001), is_odd(2000));
    printf("F:");
    for (int n = 0; n < 20; n++) printf(" %d", hof_f(n));
    printf("\nM:");
    for (int n = 0; n < 20; n++) printf(" %d", hof_m(n));
    printf("\n");
    const char *exprs[] = {"(ab(cd)e)", "((()))", "(a(b(c(d)))e(f))", "()"};
    for (int i = 0; i < 4; i++) {
        int atoms = 0, maxdepth = 0;
        parse_list(exprs[i], 1, &atoms, &maxdepth);
        printf("%-18s atoms=%d depth=%d\n", exprs[i], atoms, maxdepth);
    }
    int p = ping(500, 1);
    printf("ping(500) = %d\n", p);
    return is_even(77) ? 1 : 7;
}
