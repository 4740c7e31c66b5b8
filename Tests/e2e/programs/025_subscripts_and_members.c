/* array subscripts computed by calls and member access on returned structs. */
#include <stdio.h>

struct point { int x, y; };
struct box { struct point lo, hi; int tags[4]; };

static int idx(int i) { return (i * 5 + 3) % 12; }
static struct point make_point(int x, int y) { struct point p = {x, y}; return p; }
static struct box make_box(int k) {
    struct box b = {make_point(-k, -k * 2), make_point(k, k * 3), {k, k + 1, k + 2, k + 3}};
    return b;
}
static struct box *box_at(struct box *arr, int i) { return &arr[i % 3]; }
static const int *row(const int (*m)[4], int r) { return m[r]; }

int main(void) {
    int data[12];
    for (int i = 0; i < 12; i++) data[idx(i)] = i * i;
    for (int i = 0; i < 12; i++) printf("data[%d] = %d\n", i, data[i]);
    printf("data[idx(data[idx(2)] %% 12)] = %d\n", data[idx(data[idx(2)] % 12)]);
    printf("make_point(1,2).x=%d make_point(3,4).y=%d\n", make_point(1, 2).x, make_point(3, 4).y);
    printf("make_box(5).hi.y=%d make_box(6).tags[2]=%d make_box(7).lo.x=%d\n", make_box(5).hi.y,
           make_box(6).tags[2], make_box(7).lo.x);
    printf("make_box(2).tags[idx(1) %% 4] = %d\n", make_box(2).tags[idx(1) % 4]);
    struct box boxes[3];
    for (int i = 0; i < 3; i++) boxes[i] = make_box(i + 1);
    for (int i = 0; i < 7; i++) {
        box_at(boxes, i)->tags[i % 4] += make_point(i, i).x;
        box_at(boxes, i)->hi = make_point(box_at(boxes, i)->hi.x + 1, make_box(i).hi.y);
    }
    for (int i = 0; i < 3; i++)
        printf("box %d: lo=(%d,%d) hi=(%d,%d) tags=%d,%d,%d,%d\n", i, boxes[i].lo.x, boxes[i].lo.y,
               boxes[i].hi.x, boxes[i].hi.y, boxes[i].tags[0], boxes[i].tags[1], boxes[i].tags[2],
               boxes[i].tags[3]);
    const int m[3][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};
    int diag = 0;
    for (int i = 0; i < 3; i++) diag += row(m, i)[i] + row(m, 2 - i)[idx(i) % 4];
    printf("diag=%d\n", diag);
    printf("idx(3)[data] = %d\n", idx(3)[data]);
    return diag;
}
