/* The contract across files: produce() switches to the consumer. */
#ifndef PRODUCER_H
#define PRODUCER_H
#include <greenlet.h>
#ifdef BROKEN_CONTRACT
long produce(long x);              /* the annotation forgotten: callers compiled alone assume it does not suspend */
#else
long produce(long x) SL_SUSPENDS;
#endif
long pipeline(long n) SL_SUSPENDS;  /* defined in pipeline.c, called from main.c */
extern greenlet *consumer;
#endif
