/* comparators defined in the program, called back from libc qsort and bsearch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct person { char name[12]; int age; int id; };

static int compare_calls;

static int key_of(int v) { return (v * 7919) % 1000; }
static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    compare_calls++;
    return (x > y) - (x < y);
}
static int cmp_by_key(const void *a, const void *b) {
    int x = key_of(*(const int *)a), y = key_of(*(const int *)b);
    compare_calls++;
    if (x != y) return (x > y) - (x < y);
    return cmp_int(a, b);
}
static int cmp_str(const void *a, const void *b) {
    compare_calls++;
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}
static int cmp_person(const void *a, const void *b) {
    const struct person *p = a, *q = b;
    compare_calls++;
    if (p->age != q->age) return p->age - q->age;
    int c = strcmp(p->name, q->name);
    return c ? c : p->id - q->id;
}
static int find(const int *arr, size_t n, int key) {
    const int *hit = bsearch(&key, arr, n, sizeof *arr, cmp_int);
    return hit ? (int)(hit - arr) : -1;
}

int main(void) {
    int nums[40];
    unsigned seed = 7;
    for (int i = 0; i < 40; i++) { seed = seed * 1664525u + 1013904223u; nums[i] = (int)(seed >> 20) % 500; }
    qsort(nums, 40, sizeof nums[0], cmp_int);
    for (int i = 0; i < 40; i++) printf("%d%c", nums[i], i % 10 == 9 ? '\n' : ' ');
    int found = 0;
    for (int k = 0; k < 500; k += 23) {
        int idx = find(nums, 40, k);
        if (idx >= 0) { found++; printf("found %d at a position holding %d\n", k, nums[idx]); }
    }
    printf("found %d keys\n", found);
    int keyed[12];
    for (int i = 0; i < 12; i++) keyed[i] = i * 37 % 101;
    qsort(keyed, 12, sizeof keyed[0], cmp_by_key);
    for (int i = 0; i < 12; i++) printf("%d(key %d) ", keyed[i], key_of(keyed[i]));
    printf("\n");
    const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "elderberry", "grape"};
    qsort(words, 8, sizeof words[0], cmp_str);
    for (int i = 0; i < 8; i++) printf("%s ", words[i]);
    const char *key = "fig";
    const char **hit = bsearch(&key, words, 8, sizeof words[0], cmp_str);
    printf("\nfig at %td\n", hit ? hit - words : -1);
    struct person people[] = {{"zed", 30, 1}, {"amy", 25, 2}, {"bob", 30, 3}, {"amy", 25, 0}, {"cat", 19, 4}, {"bob", 30, 2}};
    qsort(people, 6, sizeof people[0], cmp_person);
    for (int i = 0; i < 6; i++) printf("%s/%d/%d ", people[i].name, people[i].age, people[i].id);
    printf("\ncompare calls > 0: %d\n", compare_calls > 0);
    return found;
}
