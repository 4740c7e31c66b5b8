#include <stdio.h>
#include <string.h>
#include "commands.h"

static int cmd_sum(int *nums, int n) { int s = 0; for (int i = 0; i < n; i++) s += nums[i]; return s; }
static int cmd_max(int *nums, int n) { int m = n ? nums[0] : 0; for (int i = 1; i < n; i++) if (nums[i] > m) m = nums[i]; return m; }
static void insert(int *a, int i) { int v = a[i], j = i; while (j > 0 && a[j - 1] > v) { a[j] = a[j - 1]; j--; } a[j] = v; }
static int cmd_sort(int *nums, int n) {
    for (int i = 1; i < n; i++) insert(nums, i);
    return print_nums("sorted", nums, n);
}
static int cmd_rev(int *nums, int n) {
    for (int i = 0, j = n - 1; i < j; i++, j--) { int t = nums[i]; nums[i] = nums[j]; nums[j] = t; }
    return print_nums("reversed", nums, n);
}

const struct command commands[] = {{"sum", cmd_sum}, {"max", cmd_max}, {"sort", cmd_sort}, {"rev", cmd_rev}};
const int command_count = (int)(sizeof commands / sizeof commands[0]);

const struct command *find_command(const char *name) {
    for (int i = 0; i < command_count; i++) if (strcmp(commands[i].name, name) == 0) return &commands[i];
    return NULL;
}
