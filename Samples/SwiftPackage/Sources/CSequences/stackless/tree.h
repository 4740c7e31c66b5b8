/* A private header of the originals (found through cSettings' headerSearchPath("stackless")). */
#ifndef TREE_H
#define TREE_H
struct tree {
    int value;
    struct tree *left, *right;
};
#endif
