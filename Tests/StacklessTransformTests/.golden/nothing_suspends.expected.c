#include <stackless_gen.h>
#line 1 "nothing_suspends.c"
/* stackless: */
/* Nothing here may suspend: the output is the input, after the runtime header and a #line. */
#include <stdio.h>

static int   twice ( int x )   { return x*2; }   /* odd spacing is kept */

int main(void)
{
	printf("%d\n", twice(21));	// tabs too
	return 0;
}

/* stackless: what this file defines and assumes, for `stackless check` at link time */
SL_SUMMARY static const char sl__summary[] =
    "stackless-summary 1\n"
    "unit\tnothing_suspends.c\n"
    "options\n"
    "assume\tcall\tprintf\tnot\tunannotated\tnothing_suspends.c\t9\t2\tmain\t\n"
    "define\tmain\textern\tint (void)\tint\tplain\t\t-\t0\n"
    ;
