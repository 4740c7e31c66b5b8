/* calls on both sides of && and ||: the right side must run only when needed. */
#include <stdio.h>

static int evaluated[8];

static int t(int id) { evaluated[id]++; return 1; }
static int f(int id) { evaluated[id]++; return 0; }
static int val(int id, int v) { evaluated[id]++; return v; }

static void reset(void) { for (int i = 0; i < 8; i++) evaluated[i] = 0; }
static void show(const char *label, int result) {
    printf("%-28s = %d  evaluated:", label, result);
    for (int i = 0; i < 8; i++) printf(" %d", evaluated[i]);
    printf("\n");
    reset();
}

static int in_bounds(const int *a, int n, int i) { return i >= 0 && i < n && a[i] != 0; }
static int positive(int x) { return x > 0; }

int main(void) {
    show("t(0) && t(1)", t(0) && t(1));
    show("f(0) && t(1)", f(0) && t(1));
    show("t(0) || t(1)", t(0) || t(1));
    show("f(0) || t(1)", f(0) || t(1));
    show("f(0) || f(1) || t(2) || t(3)", f(0) || f(1) || t(2) || t(3));
    show("t(0) && t(1) && f(2) && t(3)", t(0) && t(1) && f(2) && t(3));
    show("(t(0) || t(1)) && (f(2) || t(3))", (t(0) || t(1)) && (f(2) || t(3)));
    show("!f(0) && !(t(1) && f(2))", !f(0) && !(t(1) && f(2)));
    show("val(0,5) && val(1,0)", val(0, 5) && val(1, 0));
    show("val(0,0) || val(1,-7)", val(0, 0) || val(1, -7));
    int arr[5] = {3, 0, 4, 1, 5};
    int hits = 0;
    for (int i = -2; i < 8; i++) {
        if (in_bounds(arr, 5, i) && positive(arr[i])) hits++;
        printf("i=%d in_bounds=%d\n", i, in_bounds(arr, 5, i));
    }
    int chain = 0;
    for (int i = 0; i < 6; i++) {
        if ((i % 2 == 0 && val(4, i) > 2) || (i % 3 == 0 && val(5, i) == 3)) chain += i;
    }
    printf("hits=%d chain=%d e4=%d e5=%d\n", hits, chain, evaluated[4], evaluated[5]);
    int x = val(6, 1) && (val(7, 2) || t(0));
    printf("x=%d e6=%d e7=%d e0=%d\n", x, evaluated[6], evaluated[7], evaluated[0]);
    return hits + chain;
}
