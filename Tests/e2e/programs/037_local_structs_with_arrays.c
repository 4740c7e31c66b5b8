/* local structs containing arrays and nested structs, modified by callees between reads. */
#include <stdio.h>
#include <string.h>

struct stats { int count; int values[10]; double mean; };
struct person { char name[16]; int scores[5]; struct stats st; };

static void stats_add(struct stats *s, int v) { if (s->count < 10) s->values[s->count++] = v; }
static void stats_finish(struct stats *s) {
    int t = 0;
    for (int i = 0; i < s->count; i++) t += s->values[i];
    s->mean = s->count ? (double)t / s->count : 0.0;
}
static struct stats stats_copy_scaled(struct stats s, int k) {
    for (int i = 0; i < s.count; i++) s.values[i] *= k;
    stats_finish(&s);
    return s;
}
static void person_init(struct person *p, const char *name, int base) {
    memset(p, 0, sizeof *p);
    snprintf(p->name, sizeof p->name, "%s", name);
    for (int i = 0; i < 5; i++) p->scores[i] = base + i * 3;
}
static int best(const struct person *p) {
    int b = p->scores[0];
    for (int i = 1; i < 5; i++) if (p->scores[i] > b) b = p->scores[i];
    return b;
}

int main(void) {
    struct person people[3];
    person_init(&people[0], "ada", 70);
    person_init(&people[1], "brian", 55);
    person_init(&people[2], "grace", 81);
    for (int i = 0; i < 3; i++) {
        struct person *p = &people[i];
        for (int j = 0; j < 5; j++) stats_add(&p->st, p->scores[j] - best(p));
        stats_add(&p->st, best(p));
        stats_finish(&p->st);
        struct stats scaled = stats_copy_scaled(p->st, i + 2);
        printf("%-6s best=%d count=%d mean=%.3f scaled mean=%.3f original v0=%d scaled v0=%d\n", p->name, best(p),
               p->st.count, p->st.mean, scaled.mean, p->st.values[0], scaled.values[0]);
    }
    struct { int tag; struct stats inner; char label[8]; } local = {7, {0, {0}, 0.0}, "loc"};
    for (int v = 1; v < 30; v *= 2) stats_add(&local.inner, v);
    stats_finish(&local.inner);
    printf("local tag=%d count=%d mean=%.3f label=%s last=%d\n", local.tag, local.inner.count, local.inner.mean,
           local.label, local.inner.values[local.inner.count - 1]);
    struct person copy = people[1];
    copy.scores[0] = 100;
    printf("copy best=%d original best=%d names %s/%s\n", best(&copy), best(&people[1]), copy.name, people[1].name);
    return best(&copy) - best(&people[1]);
}
