/* Protothreads with GCC's local continuations (labels as values): each thread's resume address
 * is a label address kept in its heap object between calls of the same function, and in locals
 * across calls; under --torture those calls suspend and resume, so an address taken in one
 * activation (or before a switch) is used in another (or after it). */
#include <stdio.h>
#include <stdlib.h>

/* gcc 12 takes a label's address stored in a heap object for a dangling pointer to a local. */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic ignored "-Wdangling-pointer"
#endif

struct pt {
    void *lc;          /* where the thread resumes, or NULL at its start */
    int id, i, total;
};

static int ticks;

static int work(int id, int i) { ticks++; return id * 10 + i; }
static void say(const char *what, int id, int v) { printf("%s %d: %d\n", what, id, v); }

#define PT_BEGIN(pt) do { if ((pt)->lc) goto *(pt)->lc; } while (0)
#define PT_YIELD(pt, label) do { (pt)->lc = &&label; return 1; label:; } while (0)
#define PT_END(pt) do { (pt)->lc = &&done; done: return 0; } while (0)

/* Runs until the next yield; 0 when the thread has ended. */
static int producer(struct pt *pt) {
    PT_BEGIN(pt);
    for (pt->i = 0; pt->i < 3 + pt->id; pt->i++) {
        pt->total += work(pt->id, pt->i);
        PT_YIELD(pt, after_work);
        say("produced", pt->id, pt->total);
        if (pt->i % 2) PT_YIELD(pt, after_say);
    }
    PT_END(pt);
}

/* A resume address held in a local across calls, and one chosen from a static table. */
static int pick(int which) {
    static void *const table[] = { &&low, &&mid, &&high };
    void *target = table[which % 3];
    void *fallback = &&low;
    int v = work(which, 0);          /* a point: target and fallback are saved and restored */
    if (v > 40) target = fallback;
    v += work(which, 1);
    goto *target;
low:
    return v;
mid:
    return v * 2 + work(0, 7);
high:
    return -v;
}

int main(void) {
    enum { N = 3 };
    struct pt *threads[N];
    for (int k = 0; k < N; k++) {
        threads[k] = calloc(1, sizeof *threads[k]);
        if (!threads[k]) return 1;
        threads[k]->id = k + 1;
    }
    int live = N, rounds = 0;
    while (live > 0) {
        live = 0;
        for (int k = 0; k < N; k++) live += producer(threads[k]);
        rounds++;
    }
    for (int k = 0; k < N; k++) {
        say("total", threads[k]->id, threads[k]->total);
        free(threads[k]);
    }
    int sum = 0;
    for (int w = 0; w < 7; w++) sum += pick(w);
    printf("rounds %d, ticks %d, pick %d\n", rounds, ticks, sum);
    return 0;
}
