/*
 * Exit on free, ported from python-greenlet's test_greenlet.py: test_dealloc,
 * test_dealloc_catches_GreenletExit_throws_other, test_parent_restored_on_kill,
 * test_dealloc_switch_args_not_lost (in spirit: a free does not disturb the freer's state),
 * plus freeing from inside a greenlet, nested frees and misuse.
 */
#include "check.h"
#include <greenlet.h>

enum { SOME_ERROR = 7 };

static int seen[8], nseen;

static void *fmain(void *arg) {
    (void)arg;
    greenlet_switch(greenlet_parent(greenlet_current()), NULL);
    seen[nseen++] = greenlet_error();
    return NULL;
}

static void test_dealloc(void) {
    nseen = 0;
    greenlet *g1 = greenlet_new(fmain, NULL), *g2 = greenlet_new(fmain, NULL);
    greenlet_switch(g1, NULL);
    greenlet_switch(g2, NULL);
    CHECK(nseen == 0);
    greenlet_free(g1);
    CHECK(nseen == 1 && seen[0] == GREENLET_EXIT);
    greenlet_free(g2);
    CHECK(nseen == 2 && seen[1] == GREENLET_EXIT);
    CHECK(greenlet_error() == 0);
    /* Not started, or dead: freed without running. */
    greenlet *fresh = greenlet_new(fmain, NULL);
    greenlet_free(fresh);
    CHECK(nseen == 2);
    greenlet_free(NULL);
}

/* The freer's own error state is not changed by a free. */
static void test_free_keeps_error(void) {
    nseen = 0;
    greenlet *g = greenlet_new(fmain, NULL);
    greenlet_switch(g, NULL);
    greenlet_throw(greenlet_current(), SOME_ERROR, "mine");
    greenlet_free(g);
    CHECK(nseen == 1 && seen[0] == GREENLET_EXIT);
    CHECK(greenlet_error() == SOME_ERROR);
    CHECK_STR(greenlet_error_payload(), "mine");
    greenlet_error_clear();
}

/* Freeing from inside a greenlet: greenlet_free suspends the freer while the victim exits. */
static void *freer(void *arg) {
    greenlet *victim = arg;
    int before = nseen;
    greenlet_throw(greenlet_current(), SOME_ERROR, NULL);
    greenlet_free(victim);
    CHECK(greenlet_error() == SOME_ERROR);  /* unchanged */
    greenlet_error_clear();
    CHECK(nseen == before + 1 && seen[before] == GREENLET_EXIT);
    return "freed";
}

static void test_free_from_greenlet(void) {
    nseen = 0;
    greenlet *victim = greenlet_new(fmain, NULL);
    greenlet_switch(victim, NULL);
    greenlet *f = greenlet_new(freer, NULL);
    CHECK_STR(greenlet_switch(f, victim), "freed");
    CHECK(greenlet_error() == 0);
    greenlet_free(f);
}

/* A victim that frees another greenlet while it exits. */
static greenlet *inner_victim;

static void *chain_exit(void *arg) {
    (void)arg;
    greenlet_switch(greenlet_parent(greenlet_current()), NULL);
    seen[nseen++] = 100 + greenlet_error();
    greenlet_free(inner_victim);
    seen[nseen++] = 200;
    return NULL;
}

static void test_nested_free(void) {
    nseen = 0;
    inner_victim = greenlet_new(fmain, NULL);
    greenlet_switch(inner_victim, NULL);
    greenlet *outer = greenlet_new(chain_exit, NULL);
    greenlet_switch(outer, NULL);
    greenlet_free(outer);
    CHECK(nseen == 3);
    CHECK(seen[0] == 100 + GREENLET_EXIT && seen[1] == GREENLET_EXIT && seen[2] == 200);
}

/* test_dealloc_catches_GreenletExit_throws_other: the error is printed and ignored. */
static void *throws_other(void *arg) {
    (void)arg;
    greenlet_switch(greenlet_parent(greenlet_current()), NULL);
    if (greenlet_error() == GREENLET_EXIT)
        return greenlet_throw(greenlet_current(), SOME_ERROR, NULL);  /* raise SomeError */
    return NULL;
}

static void free_throws_other(void) {
    greenlet *g = greenlet_new(throws_other, NULL);
    greenlet_switch(g, NULL);
    greenlet_free(g);
    CHECK(greenlet_error() == 0);  /* we do not get the error */
    fputs("after free\n", stderr);
}

static void test_free_catches_exit_throws_other(void) {
#ifdef __wasi__
    NOT_ON_WASI("free catches the exit, the greenlet throws another error");
    (void)free_throws_other;
#else
    char out[4096];
    int status = run_captured(free_throws_other, out, sizeof out);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(strstr(out, "ended with error 7") && strstr(out, "ignored") && strstr(out, "after free"));
#endif
}

/* test_parent_restored_on_kill: during the kill the parent is the freer; a greenlet that
 * survives (switches away) gets its parent back, and is freed when it ends. */
static greenlet *hub, *main_g, *result_parent;

static void *hub_run(void *arg) { return arg; }

static void *survivor(void *arg) {
    (void)arg;
    greenlet_switch(main_g, NULL);
    if (greenlet_error() == GREENLET_EXIT) {
        result_parent = greenlet_parent(greenlet_current());
        greenlet_switch(hub, "from survivor");  /* hub ends: its result goes to main */
        seen[nseen++] = greenlet_error();
        return NULL;
    }
    return NULL;
}

static greenlet *survivor_g;

static void free_survivor(void) {
    nseen = 0;
    main_g = greenlet_current();
    hub = greenlet_new(hub_run, NULL);
    survivor_g = greenlet_new(survivor, hub);
    greenlet_switch(survivor_g, NULL);
    greenlet_free(survivor_g);
    CHECK(result_parent == main_g);
    CHECK(greenlet_parent(survivor_g) == hub);  /* restored */
    CHECK(greenlet_active(survivor_g));
    CHECK(greenlet_dead(hub));
    /* It ends later: with hub dead, its result comes to us, and it is freed then. */
    CHECK(greenlet_switch(survivor_g, "bye") == NULL);
    CHECK(nseen == 1 && seen[0] == 0);
    greenlet_free(hub);
    fputs("survivor done\n", stderr);
}

static void test_parent_restored_on_kill(void) {
#ifdef __wasi__
    NOT_ON_WASI("the parent is restored on kill");
    (void)free_survivor;
#else
    char out[4096];
    int status = run_captured(free_survivor, out, sizeof out);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(strstr(out, "did not end on GREENLET_EXIT") && strstr(out, "survivor done"));
#endif
}

/* Misuse aborts with a message. */
static void free_root(void) { greenlet_free(greenlet_current()); }

static void *free_self_run(void *arg) {
    (void)arg;
    greenlet_free(greenlet_current());
    return NULL;
}

static void free_self(void) {
    greenlet *g = greenlet_new(free_self_run, NULL);
    greenlet_switch(g, NULL);
}

static void switch_null(void) { greenlet_switch(NULL, NULL); }

static void test_misuse(void) {
    expect_abort(free_root, "is a thread's root");
    expect_abort(free_self, "is the running greenlet");
    expect_abort(switch_null, "NULL greenlet");
}

/* Many greenlets suspended at once, freed in an interleaved order. */
static int exits;

static void *count_exit(void *arg) {
    (void)arg;
    greenlet_switch(greenlet_parent(greenlet_current()), NULL);
    exits += greenlet_error() == GREENLET_EXIT;
    return NULL;
}

static void test_many(void) {
    enum { N = 10000 };
    static greenlet *gs[N];
    for (int i = 0; i < N; i++) {
        gs[i] = greenlet_new(count_exit, NULL);
        greenlet_switch(gs[i], NULL);
    }
    for (int i = 0; i < N; i += 2)
        greenlet_free(gs[i]);
    CHECK(exits == N / 2);
    for (int i = 1; i < N; i += 2)
        greenlet_free(gs[i]);
    CHECK(exits == N);
}

int main(void) {
    test_dealloc();
    test_free_keeps_error();
    test_free_from_greenlet();
    test_nested_free();
    test_free_catches_exit_throws_other();
    test_parent_restored_on_kill();
    test_misuse();
    test_many();
    puts("ok");
    return 0;
}
