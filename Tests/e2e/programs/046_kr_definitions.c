/* K&R-style (old-style) function definitions mixed with prototyped ones. */
#include <stdio.h>
#include <string.h>

#ifdef __clang__
#pragma clang diagnostic ignored "-Wdeprecated-non-prototype"
#endif

int add(int a, int b);
int weighted(int a, char *b, long c);
double average(double x, double y);
int count_char(const char *s, int c);
static int sum_to(int n);

int add(a, b)
int a, b;
{
    return a + b;
}

int weighted(a, b, c)
    int a;
    char *b;
    long c;
{
    return add(a, (int)strlen(b)) * (int)c;
}

double average(x, y)
double x;
double y;
{
    return (x + y) / 2;
}

int count_char(s, c)
const char *s;
int c;
{
    int n = 0;
    while (*s) if (*s++ == c) n = add(n, 1);
    return n;
}

static int sum_to(n)
int n;
{
    return n <= 0 ? 0 : add(n, sum_to(n - 1));
}

static int apply(int (*fn)(int, int), int x, int y) { return fn(x, y); }

int main(void) {
    int total = 0;
    for (int i = 0; i < 6; i++) {
        int w = weighted(i, "stackless", i + 1);
        total = add(total, w);
        printf("weighted(%d) = %d\n", i, w);
    }
    printf("average = %.3f\n", average(3, 8));
    printf("count_char = %d\n", count_char("mississippi", 's'));
    printf("sum_to(20) = %d\n", sum_to(20));
    printf("apply(add) = %d\n", apply(add, 40, 2));
    printf("total = %d\n", total);
    return total % 23;
}
