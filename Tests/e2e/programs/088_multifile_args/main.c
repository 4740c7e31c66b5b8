/* e2e: args=sort 5 3 9 1 7 2 8 */
/* multi-file program taking argv: command dispatch through a table defined in another file. */
#include <stdio.h>
#include <stdlib.h>
#include "commands.h"

int main(int argc, char **argv) {
    if (argc < 2) { printf("usage: prog COMMAND NUMBERS...\n"); return 2; }
    int nums[32], n = 0;
    for (int i = 2; i < argc && n < 32; i++) nums[n++] = (int)strtol(argv[i], NULL, 10);
    const struct command *cmd = find_command(argv[1]);
    if (!cmd) { printf("unknown command %s\n", argv[1]); return 3; }
    int rc = cmd->run(nums, n);
    printf("command %s returned %d\n", cmd->name, rc);
    for (int i = 0; i < command_count; i++) {
        if (commands[i].run == cmd->run) continue;
        printf("also %s: %d\n", commands[i].name, commands[i].run(nums, n));
    }
    return rc % 64;
}
