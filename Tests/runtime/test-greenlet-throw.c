/*
 * Throw and error propagation, ported from python-greenlet's test_throw.py (test_class,
 * test_val, test_kill, test_throw_goes_to_original_parent) and test_greenlet.py (test_exception,
 * test_send_exception), with C's errors in place of exceptions.
 */
#include "check.h"
#include <greenlet.h>

enum { RUNTIME_ERROR = 100, INDEX_ERROR = 101, KEY_ERROR = 102, SOME_ERROR = 103 };

static void *to_parent(void *value) { return greenlet_switch(greenlet_parent(greenlet_current()), value); }

/* test_class / test_val: the pending switch returns with the error and its payload. */
static void *class_f(void *arg) {
    (void)arg;
    to_parent("ok");
    if (greenlet_error() == RUNTIME_ERROR) {
        CHECK_STR(greenlet_error_payload(), "ciao");
        greenlet_error_clear();
        to_parent("ok");
        return NULL;
    }
    to_parent("fail");
    return NULL;
}

static void test_class(void) {
    greenlet *g = greenlet_new(class_f, NULL);
    CHECK_STR(greenlet_switch(g, NULL), "ok");
    CHECK(greenlet_error() == 0);
    CHECK_STR(greenlet_throw(g, RUNTIME_ERROR, "ciao"), "ok");
    CHECK(greenlet_error() == 0);
    CHECK(greenlet_switch(g, NULL) == NULL && greenlet_dead(g));
    greenlet_free(g);
}

/* test_kill: GREENLET_EXIT ends the greenlet quietly; thrown at a dead greenlet it is eaten and
 * comes back as a plain value, its payload. */
static void *kill_f(void *arg) {
    (void)arg;
    to_parent("ok");
    if (greenlet_error() == GREENLET_EXIT)
        return greenlet_error_payload();  /* like greenlet: the exit's value is the result */
    to_parent("fail");
    return NULL;
}

static void test_kill(void) {
    greenlet *g = greenlet_new(kill_f, NULL);
    CHECK_STR(greenlet_switch(g, NULL), "ok");
    CHECK_STR(greenlet_throw(g, GREENLET_EXIT, "exit value"), "exit value");
    CHECK(greenlet_error() == 0);
    CHECK(greenlet_dead(g));
    CHECK_STR(greenlet_throw(g, GREENLET_EXIT, "eaten"), "eaten");
    CHECK(greenlet_error() == 0);
    /* Another error thrown at a dead greenlet reaches its parent: us. */
    CHECK(greenlet_throw(g, SOME_ERROR, "x") == NULL);
    CHECK(greenlet_error() == SOME_ERROR);
    CHECK_STR(greenlet_error_payload(), "x");
    greenlet_error_clear();
    CHECK(greenlet_error() == 0 && greenlet_error_payload() == NULL);
    greenlet_free(g);
}

/* test_throw_goes_to_original_parent */
static greenlet *main_g;

static void *f1(void *arg) {
    (void)arg;
    greenlet_switch(main_g, "f1 ready to catch");
    if (greenlet_error() == INDEX_ERROR) {
        greenlet_error_clear();
        return "caught";
    }
    return "normal exit";
}

static void *f2(void *arg) {
    (void)arg;
    greenlet_switch(main_g, "from f2");
    return NULL;  /* an error thrown here is not cleared: it propagates */
}

static void test_throw_goes_to_original_parent(void) {
    main_g = greenlet_current();

    /* Neither started: both end unstarted and the error reaches us. */
    greenlet *g1 = greenlet_new(f1, NULL), *g2 = greenlet_new(f2, g1);
    CHECK(greenlet_throw(g2, INDEX_ERROR, NULL) == NULL);
    CHECK(greenlet_error() == INDEX_ERROR);
    CHECK(greenlet_dead(g2) && greenlet_dead(g1));
    greenlet_free(g1);
    greenlet_free(g2);

    g1 = greenlet_new(f1, NULL);
    g2 = greenlet_new(f2, g1);
    CHECK_STR(greenlet_switch(g1, NULL), "f1 ready to catch");
    CHECK_STR(greenlet_throw(g2, INDEX_ERROR, NULL), "caught");
    CHECK(greenlet_error() == 0);
    CHECK(greenlet_dead(g2) && greenlet_dead(g1));
    greenlet_free(g1);
    greenlet_free(g2);

    g1 = greenlet_new(f1, NULL);
    g2 = greenlet_new(f2, g1);
    CHECK_STR(greenlet_switch(g1, NULL), "f1 ready to catch");
    CHECK_STR(greenlet_switch(g2, NULL), "from f2");
    CHECK_STR(greenlet_throw(g2, INDEX_ERROR, NULL), "caught");
    CHECK(greenlet_dead(g2) && greenlet_dead(g1));
    greenlet_free(g1);
    greenlet_free(g2);
}

/* test_exception: fmain waits; an error ends it, and propagates through the parent chain. */
static int seen[8], nseen;

static void *fmain(void *arg) {
    (void)arg;
    to_parent(NULL);
    seen[nseen++] = greenlet_error();
    /* Raise SOME_ERROR: it is pending when run returns, so it goes to the parent. */
    return greenlet_throw(greenlet_current(), SOME_ERROR, "raised");
}

static void test_exception(void) {
    nseen = 0;
    greenlet *g1 = greenlet_new(fmain, NULL), *g2 = greenlet_new(fmain, NULL);
    greenlet_switch(g1, NULL);
    greenlet_switch(g2, NULL);
    CHECK(greenlet_set_parent(g2, g1) == 0);
    CHECK(nseen == 0);
    /* g2 ends with SOME_ERROR, which goes to g1's pending switch; g1 records it and ends with
     * its own SOME_ERROR, which reaches us. */
    CHECK(greenlet_switch(g2, NULL) == NULL);
    CHECK(greenlet_error() == SOME_ERROR);
    CHECK(nseen == 2 && seen[0] == 0 && seen[1] == SOME_ERROR);
    greenlet_error_clear();
    /* Both are dead now: a switch to g2 comes back to us. */
    CHECK(greenlet_switch(g2, (void *)25) == (void *)25);
    CHECK(greenlet_error() == 0);
    greenlet_free(g1);
    greenlet_free(g2);
}

/* test_send_exception: a greenlet that raises, with g as its parent, sends the error to g. */
static void *crasher(void *arg) { return greenlet_throw(greenlet_current(), (int)(long)arg, NULL); }

static void send_exception(greenlet *g, int error) {
    greenlet *g1 = greenlet_new(crasher, g);
    greenlet_switch(g1, (void *)(long)error);
    greenlet_free(g1);
}

static void test_send_exception(void) {
    nseen = 0;
    greenlet *g1 = greenlet_new(fmain, NULL);
    greenlet_switch(g1, NULL);
    send_exception(g1, KEY_ERROR);
    CHECK(nseen == 1 && seen[0] == KEY_ERROR);
    CHECK(greenlet_error() == SOME_ERROR);  /* fmain then raised its own */
    greenlet_error_clear();
    greenlet_free(g1);
}

/* An error replaced by a later switch, or cleared, does not propagate. */
static void *overwrite(void *arg) {
    (void)arg;
    to_parent(NULL);
    CHECK(greenlet_error() == SOME_ERROR);
    to_parent(NULL);  /* this switch delivers no error: the first one is gone */
    return "done";
}

static void test_error_replaced(void) {
    greenlet *g = greenlet_new(overwrite, NULL);
    greenlet_switch(g, NULL);
    greenlet_throw(g, SOME_ERROR, NULL);
    CHECK(greenlet_error() == 0);
    CHECK_STR(greenlet_switch(g, NULL), "done");
    CHECK(greenlet_error() == 0);
    greenlet_free(g);
}

/* A propagated error carries run's result along. */
static void *keep_error(void *arg) {
    (void)arg;
    to_parent(NULL);
    return "result";
}

static void test_error_with_result(void) {
    greenlet *g = greenlet_new(keep_error, NULL);
    greenlet_switch(g, NULL);
    CHECK_STR(greenlet_throw(g, SOME_ERROR, "p"), "result");
    CHECK(greenlet_error() == SOME_ERROR);
    CHECK_STR(greenlet_error_payload(), "p");
    greenlet_error_clear();
    greenlet_free(g);
}

/* Throwing at oneself returns at once with the error set; error 0 is a plain switch. */
static void test_throw_self(void) {
    CHECK(greenlet_throw(greenlet_current(), SOME_ERROR, "me") == NULL);
    CHECK(greenlet_error() == SOME_ERROR);
    CHECK(greenlet_switch(greenlet_current(), NULL) == NULL);
    CHECK(greenlet_error() == 0);  /* replaced by the switch */
    greenlet *g = greenlet_new(keep_error, NULL);
    CHECK(greenlet_throw(g, 0, "value") == NULL);  /* started with arg NULL: it switches back */
    CHECK(greenlet_error() == 0);
    CHECK_STR(greenlet_switch(g, NULL), "result");
    greenlet_free(g);
}

/* An unstarted greenlet thrown GREENLET_EXIT ends quietly, handing the payload to its parent. */
static void *never_runs(void *arg) {
    (void)arg;
    CHECK(!"never runs");
    return NULL;
}

static void test_exit_unstarted(void) {
    greenlet *g = greenlet_new(never_runs, NULL);
    CHECK_STR(greenlet_throw(g, GREENLET_EXIT, "payload"), "payload");
    CHECK(greenlet_error() == 0 && greenlet_dead(g));
    greenlet_free(g);
}

int main(void) {
    test_class();
    test_kill();
    test_throw_goes_to_original_parent();
    test_exception();
    test_send_exception();
    test_error_replaced();
    test_error_with_result();
    test_throw_self();
    test_exit_unstarted();
    puts("ok");
    return 0;
}
