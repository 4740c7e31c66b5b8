/* Idioms of real code that broke the rewrite (libpng, cJSON, http-parser): a declaration whose
   initializer calls through a cast and mentions the variable itself (`T *p = (T *)alloc(sizeof
   *p)`), also where an outer variable of the same name exists; case labels whose value is a
   macro, a conditional or a character ':' with comments before the colon; const parameters and
   locals restored after a switch; a function rewritten from its preprocessed form whose
   fall-through comment the preprocessor drops (compiled with -Wimplicit-fallthrough). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KIND_NULL (1 << 2)
#define PICK(x) ((x) ? 7 : 8)
#define CAST(t, v) ((t)(v))

struct node { long value; struct node *next; };
struct hooks { void *(*allocate)(size_t); void (*release)(void *); };

static void *allocate(size_t n) { return calloc(1, n); }
static int step(int x) { return x + 1; }

static long build(int n) {
    long sum = 0;
    struct node *head = NULL;
    for (int i = 0; i < n; i++) {
        struct node *node = CAST(struct node *, allocate(sizeof *node));
        node->value = step(i) * (long)sizeof *node / (long)sizeof(struct node);
        node->next = head;
        head = node;
    }
    {
        int head = step(1);                     /* hides the list while it is summed below */
        sum += head;
    }
    while (head) {
        struct node *next = head->next;
        sum += head->value;
        free(head);
        head = next;
    }
    return sum;
}

static int classify(int k) {
    switch (k) {
    case KIND_NULL: /* a: note */ return step(1);
    case PICK(0) /* x:y */ :
        return step(2);
    case 1 ? 9 : 10: return step(3);
    case ':': return step(4);
    case 20 ... 22: return step(5);
    default: return step(0);
    }
}

static int with_consts(const struct hooks *const hooks, const int k) {
    const int a = step(k);
    const size_t n = strlen("abc"), m = n + 1;
    const int b = step(a) + (int)n;
    char *text = CAST(char *, hooks->allocate(m));
    memcpy(text, "xyz", m);
    int r = a + b + (int)m + k + text[1];
    hooks->release(text);
    return r;
}

#define STATE(s) state_##s
#define TWICE(x) step(step(x))
enum state { STATE(start), STATE(more), STATE(end) };

static int fall(enum state s, int x) {
    switch (s) {
    case STATE(start):
        x = TWICE(x);
        /* fall through */
    case STATE(more):
        x = step(x) * 2;
        break;
    case STATE(end):
        break;
    }
    return x;
}

int main(void) {
    struct hooks hooks = { allocate, free };
    int kinds[] = { 4, 8, 9, ':', 21, 3 };
    printf("build: %ld %ld\n", build(0), build(10));
    for (int i = 0; i < 6; i++) printf("classify(%d) = %d\n", kinds[i], classify(kinds[i]));
    printf("consts: %d\n", with_consts(&hooks, 4));
    printf("fall: %d %d %d\n", fall(state_start, 1), fall(state_more, 1), fall(state_end, 1));
    return 0;
}
