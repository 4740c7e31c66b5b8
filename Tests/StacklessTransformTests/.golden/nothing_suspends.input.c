/* stackless: */
/* Nothing here may suspend: the output is the input, after the runtime header and a #line. */
#include <stdio.h>

static int   twice ( int x )   { return x*2; }   /* odd spacing is kept */

int main(void)
{
	printf("%d\n", twice(21));	// tabs too
	return 0;
}
