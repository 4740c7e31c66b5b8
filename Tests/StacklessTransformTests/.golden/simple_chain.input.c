/* stackless: */
/* A straight chain: parse_line -> next_token -> greenlet_switch; helpers that do not suspend stay as written. */
#include <greenlet.h>

static greenlet *producer;

static int   square(int  x)   {   return x *   x; /* kept byte for byte */ }

static int next_token(int bias) {
    int raw = (int)(long)greenlet_switch(producer, 0);
    return raw + bias;
}

int parse_line(int count) {
    int sum = 0;
    int unused_after = square(count);
    sum += unused_after;
    int first = next_token(1);
    int second = next_token(first);
    return sum + square(second);
}
