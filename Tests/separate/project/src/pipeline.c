#include "producer.h"
long pipeline(long n) { long total = 0; for (long i = 1; i <= n; i++) total += produce(i * 10); return total; }
