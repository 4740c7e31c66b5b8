#ifndef AVERAGES_H
#define AVERAGES_H
/* A generator body: reads `count` numbers from its consumer, then yields their average. */
void *average_of(void *count);
#endif
