/* run-length encoding and a tiny LZ77-style compressor with round-trip verification. */
#include <stdio.h>
#include <string.h>

static size_t rle_encode(const char *in, char *out) {
    size_t o = 0;
    for (size_t i = 0; in[i];) {
        size_t j = i;
        while (in[j] == in[i] && j - i < 9) j++;
        out[o++] = (char)('0' + (j - i));
        out[o++] = in[i];
        i = j;
    }
    out[o] = '\0';
    return o;
}
static size_t rle_decode(const char *in, char *out) {
    size_t o = 0;
    for (size_t i = 0; in[i] && in[i + 1]; i += 2) for (int k = 0; k < in[i] - '0'; k++) out[o++] = in[i + 1];
    out[o] = '\0';
    return o;
}
struct token { unsigned short offset, length; char next; };
static size_t longest_match(const char *s, size_t pos, size_t *offset) {
    size_t best = 0;
    size_t start = pos > 32 ? pos - 32 : 0;
    for (size_t cand = start; cand < pos; cand++) {
        size_t len = 0;
        while (s[pos + len] && s[cand + len] == s[pos + len] && len < 15) len++;
        if (len > best) { best = len; *offset = pos - cand; }
    }
    return best;
}
static int lz_encode(const char *s, struct token *toks) {
    int n = 0;
    for (size_t pos = 0; s[pos];) {
        size_t off = 0, len = longest_match(s, pos, &off);
        if (!s[pos + len]) len = len ? len - 1 : 0; /* always leave a literal next char */
        toks[n].offset = (unsigned short)(len ? off : 0);
        toks[n].length = (unsigned short)len;
        toks[n].next = s[pos + len];
        pos += len + 1;
        n++;
    }
    return n;
}
static size_t lz_decode(const struct token *toks, int n, char *out) {
    size_t o = 0;
    for (int i = 0; i < n; i++) {
        for (unsigned k = 0; k < toks[i].length; k++, o++) out[o] = out[o - toks[i].offset];
        out[o++] = toks[i].next;
    }
    out[o] = '\0';
    return o;
}

int main(void) {
    const char *inputs[] = {"aaaabbbcccd", "abcabcabcabcabcabc", "zzzzzzzzzzzzzzzzzzzzzzzzz", "the rain in spain stays mainly in the plain", "x"};
    int ok = 0;
    for (int i = 0; i < 5; i++) {
        char rle[128], back[128];
        size_t n = rle_encode(inputs[i], rle);
        rle_decode(rle, back);
        int r1 = strcmp(back, inputs[i]) == 0;
        struct token toks[64];
        int nt = lz_encode(inputs[i], toks);
        char lz[128];
        lz_decode(toks, nt, lz);
        int r2 = strcmp(lz, inputs[i]) == 0;
        ok += r1 + r2;
        printf("%-44s rle=%-30s (%2zu) rle_ok=%d lz_tokens=%2d lz_ok=%d\n", inputs[i], n <= 30 ? rle : "(long)", n, r1, nt, r2);
        for (int t = 0; t < nt && t < 4; t++) printf("    token (%u,%u,'%c')\n", toks[t].offset, toks[t].length, toks[t].next);
    }
    printf("ok=%d\n", ok);
    return ok == 10 ? 0 : 1;
}
