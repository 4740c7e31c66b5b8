/* run.sh: needs=fork */
/*
 * Deterministic scheduling: a busy mix of tasklets sending, receiving, yielding, spawning and
 * killing over shared channels, with deadlocks along the way, records a trace. The trace must be
 * the same when the workload runs again in this process and when it runs in a fresh process
 * (a different address-space layout), and it must actually interleave.
 */
#include "check.h"
#include <tasklet.h>

enum { CHANNELS = 6, INITIAL = 12, MAX_TASKLETS = 40, STEPS = 30 };

static char big_trace[1 << 20];
static size_t big_len;
static channel *chans[CHANNELS];
static tasklet *tasklets[MAX_TASKLETS];
static int ntasklets;
static const char *channel_names[CHANNELS] = {"c0", "c1", "c2", "c3", "c4", "c5"};

static void record(const char *fmt, long a, long b, long c) {
    char line[96];
    int n = snprintf(line, sizeof line, fmt, a, b, c);
    if (n > 0 && big_len + (size_t)n + 1 < sizeof big_trace) {
        memcpy(big_trace + big_len, line, (size_t)n);
        big_len += (size_t)n;
        big_trace[big_len++] = '\n';
        big_trace[big_len] = 0;
    }
}

static unsigned next_random(unsigned *state) {
    *state = *state * 1103515245u + 12345u;
    return (*state >> 16) & 0x7fff;
}

static void *worker(void *arg);

static void spawn(scheduler *s, long id) {
    if (ntasklets >= MAX_TASKLETS)
        return;
    tasklet *t = tasklet_new(s, worker, (void *)id);
    tasklets[ntasklets++] = t;
    record("spawn t%ld #%ld%c", id, (long)ntasklets, ' ');
}

static void *worker(void *arg) {
    long id = (long)arg;
    unsigned state = (unsigned)id * 7919u + 17u;
    for (long step = 0; step < STEPS; step++) {
        unsigned op = next_random(&state) % 6, which = next_random(&state) % CHANNELS;
        if (op == 0) {
            int rc = channel_send(chans[which], (void *)(id * 1000 + step));
            record("t%ld send c%ld -> %ld", id, (long)which, rc == 0 ? 0L : greenlet_error());
        } else if (op == 1) {
            long v = (long)channel_receive(chans[which]);
            record("t%ld recv c%ld = %ld", id, (long)which, v ? v : greenlet_error());
        } else if (op == 2 || op == 3) {
            tasklet_schedule();
            record("t%ld yield%c%c", id, ' ', greenlet_error() ? '!' : ' ');
        } else if (op == 4) {
            spawn(scheduler_current(), id * 10 + step);
        } else {
            record("t%ld step %ld%c", id, step, ' ');
        }
        if (greenlet_error() == GREENLET_EXIT) {
            record("t%ld killed%c%c", id, ' ', ' ');
            return NULL;
        }
        greenlet_error_clear();
    }
    record("t%ld done%c%c", id, ' ', ' ');
    return NULL;
}

/* Kills one tasklet (the 5th) partway through. */
static void *assassin(void *arg) {
    (void)arg;
    for (int i = 0; i < 7; i++)
        tasklet_schedule();
    record("assassin kills%c%c%c", ' ', ' ', ' ');
    tasklet_kill(tasklets[4]);
    record("assassin done%c%c%c", ' ', ' ', ' ');
    return NULL;
}

static void workload(void) {
    big_len = 0;
    big_trace[0] = 0;
    ntasklets = 0;
    scheduler *s = scheduler_new();
    for (int i = 0; i < CHANNELS; i++)
        chans[i] = channel_new(channel_names[i]);
    for (long i = 0; i < INITIAL; i++)
        spawn(s, i);
    tasklet_new(s, assassin, NULL);
    int rounds = 0;
    while (scheduler_run(s) != 0) {
        CHECK(greenlet_error() == TASKLET_DEADLOCK);
        record("run -> deadlock, %ld left%c%c", (long)scheduler_count(s), ' ', ' ');
        size_t n = strlen(scheduler_error(s));
        if (big_len + n + 2 < sizeof big_trace) {
            memcpy(big_trace + big_len, scheduler_error(s), n);
            big_len += n;
            big_trace[big_len++] = '\n';
            big_trace[big_len] = 0;
        }
        /* Close one channel per round: its waiters fail and go on. */
        channel_close(chans[rounds++ % CHANNELS]);
        CHECK(rounds < 100);
    }
    record("run -> 0 after %ld deadlocks%c%c", (long)rounds, ' ', ' ');
    for (int i = 0; i < CHANNELS; i++)
        channel_free(chans[i]);
    scheduler_free(s);
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        workload();
        fwrite(big_trace, 1, big_len, stdout);
        return 0;
    }
    workload();
    size_t len1 = big_len;
    char *first = malloc(len1 + 1);
    memcpy(first, big_trace, len1 + 1);
    CHECK(strstr(first, "deadlock") && strstr(first, "killed") && strstr(first, "yield"));
    CHECK(len1 > 2000);

    workload();
    CHECK(big_len == len1 && memcmp(first, big_trace, len1) == 0);

    /* A fresh process: run ourselves and compare what it prints. */
    int fds[2];
    CHECK(pipe(fds) == 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        /* Under an emulator (run.sh --run-with) a foreign binary runs only through it. */
        const char *runner = getenv("STACKLESS_TEST_RUN_WITH");
        if (runner && *runner) {
            char command[4096];
            snprintf(command, sizeof command, "exec %s '%s' child", runner, argv[0]);
            execl("/bin/sh", "sh", "-c", command, (char *)NULL);
        }
        execl(argv[0], argv[0], "child", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    char *child = malloc(sizeof big_trace);
    size_t got = 0;
    ssize_t n;
    while ((n = read(fds[0], child + got, sizeof big_trace - got)) > 0)
        got += (size_t)n;
    close(fds[0]);
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(got == len1 && memcmp(first, child, len1) == 0);
    printf("ok (%zu trace bytes, identical 3 times)\n", len1);
    free(first);
    free(child);
    return 0;
}
