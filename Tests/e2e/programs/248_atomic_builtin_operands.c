/* sqlite broke (walIndexAppend): AtomicStore(&sLoc.aHash[iKey], v) is __atomic_store_n(p, v,
   order), whose operands clang keeps as p, order, v; with sLoc moved to the shadow stack the
   rewrite could not split the call's text and refused the function. Operands are now split in
   source order. */
#include <stdio.h>

typedef unsigned short slot;
struct loc { slot *hash; unsigned *pages; };

static slot table[8];
static unsigned pages[8];

static int locate(struct loc *l) { l->hash = table; l->pages = pages; return 0; }
static int next(int key) { return (key + 1) & 7; }

static int append(int idx, int key) {
    struct loc where;
    int rc = locate(&where);
    if (rc == 0) {
        while (where.hash[key])
            key = next(key);
        __atomic_store_n(&where.hash[key], (slot)idx, __ATOMIC_RELAXED);
        where.pages[key] = __atomic_load_n(&where.hash[key], __ATOMIC_RELAXED) * 10u;
    }
    return key;
}

int main(void) {
    for (int i = 1; i <= 5; i++)
        printf("append %d -> slot %d\n", i, append(i, 3));
    for (int k = 0; k < 8; k++)
        printf("%d:%u:%u ", k, (unsigned)table[k], pages[k]);
    printf("\n");
    return 0;
}
