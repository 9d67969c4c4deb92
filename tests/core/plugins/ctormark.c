/* tests/core/plugins/ctormark.c - test plugin whose constructor runs when the
 * module is opened and creates the file $GALLEY_TEST_CTOR_MARK: it shows
 * whether the loader opened a module that no config or command named. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <galley/galley.h>

__attribute__((constructor)) static void mark(void)
{
    const char *f = getenv("GALLEY_TEST_CTOR_MARK");
    int fd = f && *f ? open(f, O_WRONLY | O_CREAT | O_CLOEXEC, 0644) : -1;
    if (fd >= 0)
        close(fd);
}

static galley_status cm_process(void *state, galley_doc *doc)
{
    (void)state;
    (void)doc;
    return GALLEY_OK;
}

GALLEY_PLUGIN(ctormark, .kind = GALLEY_EXTRACT, .summary = "test: marks when it is opened",
              .process = cm_process);
