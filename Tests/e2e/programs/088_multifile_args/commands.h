#ifndef COMMANDS_H
#define COMMANDS_H
struct command { const char *name; int (*run)(int *nums, int n); };
extern const struct command commands[];
extern const int command_count;
const struct command *find_command(const char *name);
int print_nums(const char *label, const int *nums, int n);
#endif
