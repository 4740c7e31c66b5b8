/* switch with fallthrough, default in the middle, case labels inside nested blocks. */
#include <stdio.h>

static int weight(int k) { return k * k + 1; }
static int pick(int n) { return n % 9; }

static int fall(int n) {
    int acc = 0;
    switch (pick(n)) {
    case 0:
        acc += weight(0);
        /* fall through */
    case 1:
        acc += weight(1);
        /* fall through */
    case 2:
        acc += weight(2);
        break;
    default:
        acc -= weight(3);
        /* fall through */
    case 5:
        acc += weight(5);
        break;
    case 6:
    case 7:
        acc = weight(n);
        break;
    }
    return acc;
}

/* case labels inside a nested block and an if */
static int nested_labels(int n) {
    int acc = 100;
    int i = n % 2;
    switch (n % 5) {
    case 0: {
        int t = weight(n);
        acc += t;
        if (n > 10) {
    case 1:
            acc += weight(1);
        }
        break;
    }
    case 2:
        for (i = 0; i < 3; i++) {
    case 3:
            acc += weight(i + 2);
            if (acc > 200) break;
        }
        break;
    case 4:
        acc = -weight(n);
    }
    return acc;
}

static const char *day_kind(int d) {
    switch (d) {
    case 0: case 6: return "weekend";
    case 1: case 2: case 3: case 4: return "weekday";
    case 5: return "friday";
    }
    return "invalid";
}

int main(void) {
    long sum = 0;
    for (int n = 0; n < 20; n++) {
        int f = fall(n), g = nested_labels(n);
        sum += f + g;
        printf("n=%2d fall=%4d nested=%4d\n", n, f, g);
    }
    for (int d = -1; d <= 7; d++)
        printf("day %d: %s\n", d, day_kind(d));
    printf("sum=%ld\n", sum);
    return (int)(sum % 13);
}
