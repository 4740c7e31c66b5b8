/* pointers to pointers: out-params, linked structure manipulation via **, string arrays. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct node { int value; struct node *next; };

static struct node *new_node(int v) { struct node *n = malloc(sizeof *n); n->value = v; n->next = NULL; return n; }

static void push_sorted(struct node **head, int v) {
    struct node **pp = head;
    while (*pp && (*pp)->value < v) pp = &(*pp)->next;
    struct node *n = new_node(v);
    n->next = *pp;
    *pp = n;
}

static int remove_value(struct node **head, int v) {
    for (struct node **pp = head; *pp; pp = &(*pp)->next) {
        if ((*pp)->value == v) {
            struct node *dead = *pp;
            *pp = dead->next;
            free(dead);
            return 1;
        }
    }
    return 0;
}

static void print_list(const struct node *n) {
    printf("[");
    for (; n; n = n->next) printf(" %d", n->value);
    printf(" ]\n");
}

static void free_list(struct node **head) {
    while (*head) { struct node *n = *head; *head = n->next; free(n); }
}

static void alloc_matrix(int ***out, int rows, int cols) {
    int **m = malloc(sizeof(int *) * (size_t)rows);
    for (int i = 0; i < rows; i++) { m[i] = malloc(sizeof(int) * (size_t)cols); for (int j = 0; j < cols; j++) m[i][j] = i * cols + j; }
    *out = m;
}

static const char *longest(const char **words, int n, const char ***where) {
    const char **best = words;
    for (int i = 1; i < n; i++) if (strlen(words[i]) > strlen(*best)) best = &words[i];
    *where = best;
    return *best;
}

int main(void) {
    struct node *list = NULL;
    int vals[] = {5, 3, 9, 1, 7, 3, 8, 2};
    for (int i = 0; i < 8; i++) push_sorted(&list, vals[i]);
    print_list(list);
    int r3 = remove_value(&list, 3);
    int r4 = remove_value(&list, 4);
    int r1 = remove_value(&list, 1);
    printf("remove 3: %d, remove 4: %d, remove 1: %d\n", r3, r4, r1);
    print_list(list);
    int **m;
    alloc_matrix(&m, 4, 3);
    int trace = 0;
    for (int i = 0; i < 3; i++) trace += m[i][i];
    printf("trace=%d m[3][2]=%d\n", trace, m[3][2]);
    for (int i = 0; i < 4; i++) free(m[i]);
    free(m);
    const char *words[] = {"one", "three", "seventeen", "four", "eleven"};
    const char **where;
    const char *w = longest(words, 5, &where);
    printf("longest %s at %td\n", w, where - words);
    char **copy = malloc(sizeof(char *) * 5);
    for (int i = 0; i < 5; i++) { copy[i] = malloc(strlen(words[i]) + 1); strcpy(copy[i], words[i]); }
    char ***handle = &copy;
    (*handle)[2][0] = 'S';
    printf("copy[2]=%s\n", copy[2]);
    for (int i = 0; i < 5; i++) free(copy[i]);
    free(copy);
    int count = 0;
    for (struct node *n = list; n; n = n->next) count++;
    free_list(&list);
    printf("count=%d list is %s\n", count, list == NULL ? "empty" : "not empty");
    return count;
}
