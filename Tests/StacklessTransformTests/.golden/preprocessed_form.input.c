/* stackless: --suspend-all */
/* Functions whose text holds directives or macros the rewrite reaches into are rewritten from
   their preprocessed form; the directives that still matter follow them; other text is kept. */
#include <stackless_gen.h>
int step(int x) SL_SUSPENDS;
#define TWICE(x) ((x) + (x))
#define CALL_STEP(x) step(x)
#define WITH_B 1
static int *head_v;
#define head head_v

int header_by_if(int x)
#if WITH_B
{
#else
{   /* never compiled */
#endif
    return step(x) + 1;
}

int define_inside(int x) {
    int r = CALL_STEP(x);
#define LATER 7
    return TWICE(r);
}

int ifdef_in_expression(int k) {
    int v =
#ifdef WITH_B
        k == 2 ? step(k) :
#endif
        step(k + 1);
    return v + LATER;
}

int macro_initializer(void) {
    int *q = head;
    return step(*q);
}

#define DEFINE_GETTER(name) int get_##name(int x) { return step(x) * 2; }
DEFINE_GETTER(one)

int untouched(int x) { return step(x) + LATER; } /* kept as written: the rewrite does not reach into LATER */
