/* run.sh: args=10000 3 */
/*
 * Massive parallelism: a ring of tasklets, each connected to the next by a channel, passes a
 * token around. Prints the time per pass (and per hop) and the memory each tasklet costs while
 * it waits (its tasklet, its channel and its saved frame), measured as resident memory.
 *
 * Usage: ring [TASKLETS] [PASSES] [PREFERENCE]   (default 1000000 tasklets, 10 passes, -1)
 *
 * PREFERENCE is the channels' (Stackless's): with -1, the default, a send to a waiting receiver
 * runs the receiver at once and suspends the sender, so a pass suspends every tasklet twice (in
 * its send, then in its receive); with 1 the sender goes on to its next receive and the receiver
 * runs later, one switch per hop.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <tasklet.h>

static long count, passes;
static channel **ring;  /* ring[i] feeds member i; ring[count] goes back to the driver */
static long resident_before, resident_waiting;
static double pass_seconds_total, first_pass_seconds;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Resident bytes, from /proc (0 where it is not available). */
static long resident(void) {
    long pages = 0, resident_pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    if (fscanf(f, "%ld %ld", &pages, &resident_pages) != 2)
        resident_pages = 0;
    fclose(f);
    return resident_pages * sysconf(_SC_PAGESIZE);
}

static void *member(void *arg) {
    long i = (long)arg;
    channel *in = ring[i], *out = ring[i + 1];
    for (;;) {
        long token = (long)channel_receive(in);
        if (greenlet_error())  /* closed: the ring is being taken down */
            break;
        channel_send(out, (void *)(token + 1));
    }
    channel_close(out);  /* and so on around the ring */
    return NULL;
}

static void *driver(void *arg) {
    (void)arg;
    for (long pass = 0; pass < passes; pass++) {
        double start = now();
        channel_send(ring[0], (void *)0);
        long token = (long)channel_receive(ring[count]);
        double seconds = now() - start;
        if (token != count) {
            printf("token came back as %ld, expected %ld\n", token, count);
            exit(1);
        }
        if (pass == 0) {
            first_pass_seconds = seconds;
            resident_waiting = resident();  /* every member now waits in channel_receive */
        } else {
            pass_seconds_total += seconds;
        }
    }
    channel_close(ring[0]);
    return NULL;
}

int main(int argc, char **argv) {
    count = argc > 1 ? atol(argv[1]) : 1000000;
    passes = argc > 2 ? atol(argv[2]) : 10;
    int preference = argc > 3 ? atoi(argv[3]) : -1;
    if (count < 1 || passes < 2) {
        fprintf(stderr, "usage: ring [TASKLETS >= 1] [PASSES >= 2]\n");
        return 2;
    }
    ring = malloc((size_t)(count + 1) * sizeof *ring);
    memset(ring, 0xff, (size_t)(count + 1) * sizeof *ring);  /* our array: resident before */
    resident_before = resident();

    double start = now();
    scheduler *s = scheduler_new();
    for (long i = 0; i <= count; i++) {
        ring[i] = channel_new(NULL);
        channel_set_preference(ring[i], preference);
    }
    for (long i = 0; i < count; i++)
        tasklet_new(s, member, (void *)i);
    tasklet_new(s, driver, NULL);
    double created = now() - start;

    int rc = scheduler_run(s);
    if (rc != 0) {
        printf("scheduler_run: %d (%s)\n", rc, scheduler_error(s) ? scheduler_error(s) : "error");
        return 1;
    }
    double per_pass = pass_seconds_total / (double)(passes - 1);
    printf("ring of %ld tasklets, %ld passes, channel preference %d\n", count, passes, preference);
    printf("created in %.3f s; first pass (starts every tasklet) %.3f s\n", created, first_pass_seconds);
    printf("time per pass: %.3f ms (%.1f ns per hop: a receive, a send and one or two switches)\n",
           per_pass * 1e3, per_pass * 1e9 / (double)count);
    if (resident_waiting > resident_before)
        printf("memory: %.1f bytes per waiting tasklet (tasklet + channel + saved frame, resident)\n",
               (double)(resident_waiting - resident_before) / (double)count);
    for (long i = 0; i <= count; i++)
        channel_free(ring[i]);
    free(ring);
    scheduler_free(s);
    return 0;
}
