#include <stdio.h>
#include "commands.h"

int print_nums(const char *label, const int *nums, int n) {
    int weighted = 0;
    printf("%s:", label);
    for (int i = 0; i < n; i++) { printf(" %d", nums[i]); weighted += (i + 1) * nums[i]; }
    printf("\n");
    return weighted;
}
