/*
 * A deadlock, shown and reported. Alice and Bob each wait to hear from the other before they
 * speak; Carol, who only talks to herself, finishes. scheduler_run does not hang: it returns
 * TASKLET_DEADLOCK with a report naming every blocked tasklet and the channel it waits on. The
 * program then closes the channels, which wakes the two with CHANNEL_CLOSED, and runs again.
 */
#include <stdio.h>
#include <tasklet.h>

static channel *to_alice, *to_bob, *notes;

static void *alice(void *arg) {
    (void)arg;
    const char *heard = channel_receive(to_alice);  /* waits for Bob first... */
    if (greenlet_error() == CHANNEL_CLOSED) {
        printf("alice: my channel was closed, giving up\n");
        return NULL;
    }
    printf("alice heard: %s\n", heard);
    channel_send(to_bob, "hello bob");
    return NULL;
}

static void *bob(void *arg) {
    (void)arg;
    const char *heard = channel_receive(to_bob);  /* ...and Bob waits for Alice */
    if (greenlet_error() == CHANNEL_CLOSED) {
        printf("bob: my channel was closed, giving up\n");
        return NULL;
    }
    printf("bob heard: %s\n", heard);
    channel_send(to_alice, "hello alice");
    return NULL;
}

static void *carol_writer(void *arg) {
    (void)arg;
    channel_send(notes, "remember the milk");
    return NULL;
}

static void *carol(void *arg) {
    (void)arg;
    tasklet_new(NULL, carol_writer, NULL);
    printf("carol read her note: %s\n", (const char *)channel_receive(notes));
    return NULL;
}

int main(void) {
    scheduler *s = scheduler_new();
    to_alice = channel_new("to-alice");
    to_bob = channel_new("to-bob");
    notes = channel_new("notes");
    tasklet_set_name(tasklet_new(s, alice, NULL), "alice");
    tasklet_set_name(tasklet_new(s, bob, NULL), "bob");
    tasklet_set_name(tasklet_new(s, carol, NULL), "carol");

    int rc = scheduler_run(s);
    if (rc != 0 && greenlet_error() == TASKLET_DEADLOCK) {
        printf("scheduler_run returned %d: %s\n", rc, scheduler_error(s));
        printf("%d tasklets left; closing their channels\n", scheduler_count(s));
        channel_close(to_alice);
        channel_close(to_bob);
        rc = scheduler_run(s);
    }
    printf("second run returned %d, %d tasklets left\n", rc, scheduler_count(s));
    channel_free(to_alice);
    channel_free(to_bob);
    channel_free(notes);
    scheduler_free(s);
    return rc == 0 ? 0 : 1;
}
