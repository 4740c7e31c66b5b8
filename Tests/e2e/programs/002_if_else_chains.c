/* if/else-if chains whose conditions and branches are calls. */
#include <stdio.h>

static unsigned calls;

static int is_multiple(int n, int k) { calls++; return n % k == 0; }
static int in_range(int n, int lo, int hi) { calls++; return n >= lo && n <= hi; }
static const char *word(int n) {
    calls++;
    static const char *const words[] = {"zero", "one", "two", "three", "four"};
    return n >= 0 && n < 5 ? words[n] : "many";
}

static const char *classify(int n) {
    if (is_multiple(n, 15))
        return "fizzbuzz";
    else if (is_multiple(n, 5))
        return "buzz";
    else if (is_multiple(n, 3))
        return "fizz";
    else if (in_range(n, 0, 4))
        return word(n);
    else
        return "plain";
}

static int grade(int score) {
    int g;
    if (in_range(score, 90, 100)) g = 'A';
    else if (in_range(score, 80, 89)) g = 'B';
    else if (in_range(score, 70, 79)) g = 'C';
    else if (in_range(score, 60, 69)) {
        if (is_multiple(score, 2)) g = 'D';
        else g = 'd';
    } else g = 'F';
    return g;
}

static int sign(int x) {
    if (x < 0) return -1;
    if (x > 0) return 1;
    return 0;
}

int main(void) {
    int score_sum = 0;
    for (int n = 0; n <= 20; n++)
        printf("%2d: %s\n", n, classify(n));
    for (int s = 55; s <= 100; s += 3) {
        int g = grade(s);
        score_sum += g;
        printf("score %3d -> %c\n", s, g);
    }
    for (int x = -3; x <= 3; x++) {
        if (sign(x) < 0) printf("%d negative\n", x);
        else if (sign(x) == 0) printf("%d zero\n", x);
        else printf("%d positive\n", x);
    }
    printf("calls=%u score_sum=%d\n", calls, score_sum);
    return (int)(calls % 5);
}
