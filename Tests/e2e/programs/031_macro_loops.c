/* macros that expand to whole loops and statements containing calls. */
#include <stdio.h>

#define FOR_RANGE(var, lo, hi) for (int var = (lo); var < (hi); var++)
#define REPEAT(n) for (int rep_ = 0; rep_ < (n); rep_++)
#define SUM_OVER(result, lo, hi, fn) do { result = 0; FOR_RANGE(k_, lo, hi) result += fn(k_); } while (0)
#define SWAP(type, a, b) do { type tmp_ = (a); (a) = (b); (b) = tmp_; } while (0)
#define CHECKED(call) do { int rc_ = (call); if (rc_ < 0) { printf("error %d from %s\n", rc_, #call); } } while (0)
#define APPLY_ALL(arr, n, fn) FOR_RANGE(i_, 0, n) (arr)[i_] = fn((arr)[i_])
#define WHILE_POSITIVE(x, body) while ((x) > 0) { body }

static int sq(int x) { return x * x; }
static int cube(int x) { return x * x * x; }
static int halve(int x) { return x / 2; }
static int maybe_fail(int x) { return x % 4 == 3 ? -x : x; }
static int bump(int *counter) { return ++*counter; }

int main(void) {
    int total;
    SUM_OVER(total, 1, 11, sq);
    printf("sum of squares 1..10 = %d\n", total);
    SUM_OVER(total, 0, 6, cube);
    printf("sum of cubes 0..5 = %d\n", total);
    int arr[8];
    FOR_RANGE(i, 0, 8) arr[i] = cube(i + 1);
    APPLY_ALL(arr, 8, halve);
    FOR_RANGE(i, 0, 8) printf("arr[%d] = %d\n", i, arr[i]);
    int counter = 0;
    REPEAT(5) REPEAT(3) bump(&counter);
    printf("counter = %d\n", counter);
    int a = sq(3), b = cube(2);
    SWAP(int, a, b);
    printf("swapped a=%d b=%d\n", a, b);
    FOR_RANGE(i, 0, 8) CHECKED(maybe_fail(i));
    int x = 100, steps = 0;
    WHILE_POSITIVE(x, x = halve(x) - 1; steps++; printf("x -> %d\n", x);)
    printf("steps = %d\n", steps);
    return steps + counter;
}
