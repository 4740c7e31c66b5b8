/* quicksort, mergesort, heapsort, insertion sort through a common interface; results cross-checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long comparisons;
static int less(int a, int b) { comparisons++; return a < b; }
static void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }

static int partition(int *a, int lo, int hi) {
    int pivot = a[lo + (hi - lo) / 2];
    int i = lo - 1, j = hi + 1;
    for (;;) {
        do i++; while (less(a[i], pivot));
        do j--; while (less(pivot, a[j]));
        if (i >= j) return j;
        swap(&a[i], &a[j]);
    }
}
static void quick_rec(int *a, int lo, int hi) { if (lo < hi) { int p = partition(a, lo, hi); quick_rec(a, lo, p); quick_rec(a, p + 1, hi); } }
static void quick_sort(int *a, int n) { quick_rec(a, 0, n - 1); }

static void merge(int *a, int *tmp, int lo, int mid, int hi) {
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi) tmp[k++] = less(a[j], a[i]) ? a[j++] : a[i++];
    while (i < mid) tmp[k++] = a[i++];
    while (j < hi) tmp[k++] = a[j++];
    memcpy(a + lo, tmp + lo, sizeof(int) * (size_t)(hi - lo));
}
static void merge_rec(int *a, int *tmp, int lo, int hi) {
    if (hi - lo < 2) return;
    int mid = lo + (hi - lo) / 2;
    merge_rec(a, tmp, lo, mid);
    merge_rec(a, tmp, mid, hi);
    merge(a, tmp, lo, mid, hi);
}
static void merge_sort(int *a, int n) { int *tmp = malloc(sizeof(int) * (size_t)n); merge_rec(a, tmp, 0, n); free(tmp); }

static void sift_down(int *a, int start, int end) {
    int root = start;
    while (2 * root + 1 <= end) {
        int child = 2 * root + 1, sw = root;
        if (less(a[sw], a[child])) sw = child;
        if (child + 1 <= end && less(a[sw], a[child + 1])) sw = child + 1;
        if (sw == root) return;
        swap(&a[root], &a[sw]);
        root = sw;
    }
}
static void heap_sort(int *a, int n) {
    for (int s = (n - 2) / 2; s >= 0; s--) sift_down(a, s, n - 1);
    for (int end = n - 1; end > 0; end--) { swap(&a[0], &a[end]); sift_down(a, 0, end - 1); }
}
static void insertion_sort(int *a, int n) {
    for (int i = 1; i < n; i++) for (int j = i; j > 0 && less(a[j], a[j - 1]); j--) swap(&a[j], &a[j - 1]);
}

static int is_sorted(const int *a, int n) { for (int i = 1; i < n; i++) if (a[i - 1] > a[i]) return 0; return 1; }
static unsigned checksum(const int *a, int n) { unsigned h = 0; for (int i = 0; i < n; i++) h = h * 31u + (unsigned)a[i]; return h; }
static void generate(int *a, int n, unsigned seed, int kind) {
    for (int i = 0; i < n; i++) {
        seed = seed * 1664525u + 1013904223u;
        a[i] = kind == 0 ? (int)(seed >> 22) : kind == 1 ? i : kind == 2 ? n - i : (int)(seed >> 29);
    }
}

int main(void) {
    struct { const char *name; void (*sort)(int *, int); } sorts[] = {
        {"quick", quick_sort}, {"merge", merge_sort}, {"heap", heap_sort}, {"insertion", insertion_sort}};
    static const char *const kinds[] = {"random", "sorted", "reversed", "few-unique"};
    int data[120], work[120];
    int failures = 0;
    for (int kind = 0; kind < 4; kind++) {
        generate(data, 120, 17u + (unsigned)kind, kind);
        unsigned expected = 0;
        for (int s = 0; s < 4; s++) {
            memcpy(work, data, sizeof data);
            comparisons = 0;
            sorts[s].sort(work, 120);
            unsigned c = checksum(work, 120);
            if (s == 0) expected = c;
            int ok = is_sorted(work, 120) && c == expected;
            failures += !ok;
            printf("%-10s %-9s ok=%d min=%d max=%d median=%d cmp=%ld\n", kinds[kind], sorts[s].name, ok, work[0], work[119], work[60], comparisons);
        }
    }
    printf("failures=%d\n", failures);
    return failures;
}
