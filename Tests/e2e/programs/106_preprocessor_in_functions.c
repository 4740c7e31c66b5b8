/* Directives inside and around rewritten functions (seen in real code): #ifdef inside an
   expression holding calls, #define and #undef between statements used by later functions, a
   header chosen by #if/#else whose #endif is in the body, self-referential and function-like
   macros as initialisers and conditions, and __LINE__/__FILE__ inside rewritten code. */
#include <stdio.h>
#include <string.h>
#define WITH_B 1
#define GLOBAL(t, v) v
static long total = 0;
#define total GLOBAL(long, total)
#define LOG(fmt, ...) printf("%s:%d: " fmt "\n", strrchr(__FILE__, '/') ? strrchr(__FILE__, '/') + 1 : __FILE__, __LINE__, __VA_ARGS__)

static long a(long x) { total += x; return x + 1; }
static long b(long x) { total += 2 * x; return x * 2; }

static long pick(long k) {
    long v =
#ifdef WITH_B
        k == 2 ? b(k) :
#endif
#ifndef WITHOUT_A
        a(k)
#else
        0
#endif
        ;
    return v;
}

static int columns(int x) {
    int r;
#define COL_A 0
#define COL_B 1
#undef WITH_B
    r = (int)a(x);
#if !defined(WITH_B)
    r += (int)b(x);
#endif
    LOG("columns(%d) = %d", x, r);
    return r;
}

static int column(int i) {
    switch (i) {
    case COL_A: return (int)a(10);
    case COL_B: return (int)b(20);
    }
    return -1;
}

#if 1
static int header_by_if(const char *s) {
#else
static int header_by_if(const wchar_t *s) {
#endif
    LOG("header_by_if(%s)", s);
    return (int)a((long)strlen(s));
}

static long *cell(void) { return &total; }

static long initialisers(void) {
    long t = total;          /* a self-referential macro as the initialiser */
    long *p = cell();
    long u = GLOBAL(long, a(t)) + *p;
    if (GLOBAL(int, b(1)) > 1)
        LOG("total is %ld", total);
    return u + t;
}

int main(void) {
    printf("%ld %ld\n", pick(2), pick(3));
    printf("%d %d %d\n", columns(3), column(COL_A), column(COL_B));
    printf("%d\n", header_by_if("hello"));
    printf("%ld\n", initialisers());
    LOG("line %d", __LINE__);
    printf("total %ld\n", total);
    return 0;
}
