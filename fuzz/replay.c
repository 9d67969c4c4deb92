/* fuzz/replay.c - main() for make check: runs a fuzz target's entry point on
 * every file of its corpus (the seeds and the inputs that once crashed it),
 * built with the ordinary compiler, so each finding stays a regression test
 * (and runs under the sanitizer build in CI).  Arguments: files or
 * directories (read recursively); none = the target's seed directories
 * (FUZZ_CORPUS, colon-separated; those that do not exist are left out). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static size_t replayed;

static void replay_file(const char *path)
{
    size_t n;
    char *buf = galley_read_file(path, &n);
    if (!buf)
        fuzz_abort("cannot read %s: %s", path, strerror(errno));
    /* libFuzzer hands a buffer of exactly the input's size */
    uint8_t *exact = malloc(n ? n : 1);
    if (!exact)
        fuzz_abort("out of memory reading %s", path);
    memcpy(exact, buf, n);
    free(buf);
    printf("%s (%zu bytes)\n", path, n);     /* names the input if it crashes */
    fflush(stdout);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    replayed++;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void replay_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) < 0)
        fuzz_abort("cannot read %s", path);
    if (!S_ISDIR(st.st_mode)) {
        replay_file(path);
        return;
    }
    DIR *d = opendir(path);
    if (!d)
        fuzz_abort("cannot read the directory %s", path);
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.') {
            names = realloc(names, (n + 1) * sizeof *names);
            size_t l = strlen(path) + strlen(e->d_name) + 2;
            if (!names || !(names[n] = malloc(l)))
                fuzz_abort("out of memory listing %s", path);
            snprintf(names[n++], l, "%s/%s", path, e->d_name);
        }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        replay_path(names[i]);
        free(names[i]);
    }
    free(names);
}

static void replay_list(const char *list)
{
    char *copy = strdup(list), *save = NULL;
    if (!copy)
        fuzz_abort("out of memory");
    for (char *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
        struct stat st;
        if (stat(dir, &st) == 0)
            replay_path(dir);
    }
    free(copy);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        replay_list(FUZZ_CORPUS);
    for (int i = 1; i < argc; i++)
        replay_path(argv[i]);
    if (replayed == 0)
        fuzz_abort("no inputs to replay in %s", argc < 2 ? FUZZ_CORPUS : "the arguments");
    printf("ok: %zu inputs replayed without a finding\n", replayed);
    return 0;
}
