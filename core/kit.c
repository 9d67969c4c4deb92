/* core/kit.c - the public toolkit's small tools (galley/util.h): the hash
 * and the growable array. */
#include "config.h"

#include <stdlib.h>

#include <galley/util.h>

uint64_t galley_hash(const void *s, size_t n)
{
    const unsigned char *p = s;
    uint64_t h = GALLEY_HASH_INIT;
    for (size_t i = 0; i < n; i++)
        h = galley_hash_step(h, p[i]);
    return h;
}
