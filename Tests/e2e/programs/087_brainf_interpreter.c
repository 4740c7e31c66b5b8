/* an interpreter for a tiny tape language (brainf*** dialect) with precomputed bracket jumps. */
#include <stdio.h>
#include <string.h>

#define TAPE 256
#define MAXP 512

struct machine { unsigned char tape[TAPE]; int ptr; int jump[MAXP]; long steps; char out[128]; int nout; };

static int build_jumps(const char *prog, int *jump) {
    int stack[64], sp = 0;
    for (int i = 0; prog[i]; i++) {
        if (prog[i] == '[') { if (sp == 64) return 0; stack[sp++] = i; }
        else if (prog[i] == ']') { if (sp == 0) return 0; int j = stack[--sp]; jump[i] = j; jump[j] = i; }
    }
    return sp == 0;
}
static void output(struct machine *m, unsigned char c) { if (m->nout < 127) m->out[m->nout++] = (char)c; m->out[m->nout] = '\0'; }
static int exec_one(struct machine *m, const char *prog, int pc) {
    switch (prog[pc]) {
    case '>': m->ptr = (m->ptr + 1) % TAPE; break;
    case '<': m->ptr = (m->ptr + TAPE - 1) % TAPE; break;
    case '+': m->tape[m->ptr]++; break;
    case '-': m->tape[m->ptr]--; break;
    case '.': output(m, m->tape[m->ptr]); break;
    case '[': if (!m->tape[m->ptr]) pc = m->jump[pc]; break;
    case ']': if (m->tape[m->ptr]) pc = m->jump[pc]; break;
    }
    m->steps++;
    return pc + 1;
}
static int run(const char *name, const char *prog) {
    struct machine m;
    memset(&m, 0, sizeof m);
    if ((int)strlen(prog) >= MAXP || !build_jumps(prog, m.jump)) { printf("%s: unbalanced\n", name); return -1; }
    for (int pc = 0; prog[pc] && m.steps < 20000;) pc = exec_one(&m, prog, pc);
    printf("%s: output=\"%s\" steps=%ld cell0=%u\n", name, m.out, m.steps, m.tape[0]);
    return m.nout;
}

int main(void) {
    int total = 0;
    total += run("hello", "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+.");
    total += run("digits", "++++++[>++++++++<-]>>++++++++++[<.+>-]");
    total += run("letters", "+++++[>+++++++++++++<-]>>++++++++++++++++++++++++++[<.+>-]");
    total += run("broken", "[[]");
    total += run("nested", "++++++[>+++++++<-]>>++[>++++[<<.>>-]<-]");
    total += run("runaway", "+[]");
    printf("total output chars %d\n", total);
    return total % 64;
}
