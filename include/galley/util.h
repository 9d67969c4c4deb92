/* galley/util.h - the small tools plugins share: one hash, one growable
 * array with one out-of-memory policy, the finder for shipped data files and
 * process-wide read-only data.  Use these instead of a private copy. */
#ifndef GALLEY_UTIL_H
#define GALLEY_UTIL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- hashing ---- */
/* FNV-1a (64 bit) of s[0..n).  Stable across runs, versions and machines:
 * shard assignment and file names may rest on it.  Its low bits are weak:
 * index a table with galley_hash_mix(h) & mask. */
uint64_t galley_hash(const void *s, size_t n);

/* the same steps, for hashing while scanning: h = GALLEY_HASH_INIT, then
 * h = galley_hash_step(h, byte) for each byte */
#define GALLEY_HASH_INIT 0xcbf29ce484222325ULL
static inline uint64_t galley_hash_step(uint64_t h, unsigned char c)
{
    return (h ^ c) * 1099511628211ULL;
}

/* spreads a hash's high bits into its low ones (a finaliser) */
static inline uint64_t galley_hash_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

#ifdef __cplusplus
}
#endif
#endif
