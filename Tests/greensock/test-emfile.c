/*
 * Out of descriptors: with RLIMIT_NOFILE lowered and the table full, clients wait in the backlog
 * while gs_accept backs off (10 ms doubling): over 200 ms the acceptor neither accepts nor spins
 * (CPU time and voluntary context switches stay small). Once descriptors are freed it accepts
 * every waiting client.
 */
/* run.sh: no-valgrind (valgrind keeps descriptors of its own at the top of the table) */
#include "gscheck.h"
#include <sys/resource.h>
#include <netinet/in.h>

#define CLIENTS 3
#define LIMIT 64

static int listener, port;
static int accepted[CLIENTS], naccepted;
static int fillers[LIMIT], nfillers;
static double freed_at, last_accept_at;

static void *acceptor(void *arg) {
    (void)arg;
    while (naccepted < CLIENTS) {
        int fd = gs_accept(listener, NULL, NULL, 5000);
        CHECK(fd >= 0);
        last_accept_at = now_ms();
        accepted[naccepted++] = fd;
    }
    return NULL;
}

static double cpu_ms(struct rusage *ru) {
    getrusage(RUSAGE_SELF, ru);
    return (double)(ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1e3 +
           (double)(ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) * 1e-3;
}

static void *monitor(void *arg) {
    int *clients = arg;
    /* Fill the table, then connect the clients (their sockets were made before): the
     * acceptor must not get a descriptor for any of them. */
    int fd;
    while ((fd = dup(0)) >= 0)
        fillers[nfillers++] = fd;
    CHECK(errno == EMFILE);
    CHECK(nfillers > 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < CLIENTS; i++)
        CHECK(gs_connect(clients[i], (struct sockaddr *)&addr, sizeof addr, 1000) == 0);

    struct rusage r0, r1;
    double cpu0 = cpu_ms(&r0);
    CHECK(gs_sleep(200) == 0);
    double cpu1 = cpu_ms(&r1);
    long switches = r1.ru_nvcsw - r0.ru_nvcsw;
    CHECK(naccepted == 0);
    /* Spinning would burn the whole 200 ms and switch thousands of times; backing off from 10 ms
     * wakes about 5 times. */
    if (cpu1 - cpu0 > 60 || switches > 60) {
        fprintf(stderr, "acceptor spins: %.1f ms CPU, %ld switches in 200 ms\n", cpu1 - cpu0,
                switches);
        exit(1);
    }
    /* Free enough descriptors for every client: accepted within the backoff's next retry. */
    for (int i = 0; i < CLIENTS; i++)
        close(fillers[--nfillers]);
    freed_at = now_ms();
    for (int waited = 0; naccepted < CLIENTS && waited < 3000; waited += 5)
        CHECK(gs_sleep(5) == 0);
    CHECK(naccepted == CLIENTS);
    CHECK(last_accept_at - freed_at < 1000 + LATE_MS);   /* the backoff is at most 1 s */
    printf("out of descriptors for 200 ms: %.1f ms CPU, %ld switches; accepted %.0f ms after "
           "the close\n", cpu1 - cpu0, switches, last_accept_at - freed_at);
    return NULL;
}

int main(void) {
    int fds_before = fd_count();
    struct rlimit old, lim;
    CHECK(getrlimit(RLIMIT_NOFILE, &old) == 0);
    listener = gs_listen_tcp("127.0.0.1", 0, 16);
    CHECK(listener >= 0);
    struct sockaddr_in addr;
    socklen_t len = sizeof addr;
    CHECK(getsockname(listener, (struct sockaddr *)&addr, &len) == 0);
    port = ntohs(addr.sin_port);
    int clients[CLIENTS];
    for (int i = 0; i < CLIENTS; i++)
        CHECK((clients[i] = gs_socket(AF_INET, SOCK_STREAM, 0)) >= 0);
    lim = old;
    lim.rlim_cur = LIMIT;
    CHECK(setrlimit(RLIMIT_NOFILE, &lim) == 0);

    scheduler *s = scheduler_new();
    tasklet_new(s, acceptor, NULL);
    tasklet_new(s, monitor, clients);
    CHECK(scheduler_run(s) == 0);
    scheduler_free(s);

    while (nfillers > 0)
        close(fillers[--nfillers]);
    for (int i = 0; i < CLIENTS; i++)
        CHECK(gs_close(accepted[i]) == 0 && gs_close(clients[i]) == 0);
    CHECK(gs_close(listener) == 0);
    CHECK(setrlimit(RLIMIT_NOFILE, &old) == 0);
    const char *backend = gs_backend();
    CHECK(gs_hub_close() == 0);
    CHECK(fd_count() == fds_before);
    printf("ok (%s)\n", backend);
    return 0;
}
