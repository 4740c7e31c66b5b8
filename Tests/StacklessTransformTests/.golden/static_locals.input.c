/* stackless: */
/* Static locals move to file scope so that the normal and the resume entry share them. */
#include <greenlet.h>

static greenlet *clock_source;

static int tick(void) { return (int)(long)greenlet_switch(clock_source, 0); }

int counter(void) {
    static int calls = 0;
    static const char *label = "counter";
    static const int limits[2] = /* a comment after the '=' (libpng's sRGB_XYZ) */
        { 1, 2 };
    int before = calls;
    calls += tick();
    return before + calls + (label[0] == 'c') + limits[1];
}
