/* hmap.h - the one hash table of the program: open addressing over a
 * power-of-two table of (hash, value) slots, growing at half full. Keys
 * live in the caller's arrays; a slot's value is the caller's index (or
 * any 32-bit value), and the caller says whether it is the key sought. */
#ifndef JB_HMAP_H
#define JB_HMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct jb_hmap {
  uint64_t *hash; /* 0: empty (jb_hmap_hash never gives 0) */
  uint32_t *val;
  size_t cap, n;
} jb_hmap;

/* Is the key of value v the one sought (ctx: the caller's key)? */
typedef bool (*jb_hmap_eq)(const void *ctx, uint32_t v);

/* A hash never 0: h mixed (splitmix64's finaliser), its low bit set. */
static inline uint64_t
jb_hmap_hash(uint64_t h)
{
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebull;
  h ^= h >> 31;
  return h | 1;
}

/* The value of the key with hash h that eq accepts, into *v; false if none. */
bool jb_hmap_get(const jb_hmap *m, uint64_t h, jb_hmap_eq eq, const void *ctx, uint32_t *v);
/* Add (h, v); the key must not be there yet. */
void jb_hmap_put(jb_hmap *m, uint64_t h, uint32_t v);
/* Set the value of the key with hash h that eq accepts, adding it if
 * absent; returns true if it was there (then *old is its value). */
bool jb_hmap_set(jb_hmap *m, uint64_t h, jb_hmap_eq eq, const void *ctx, uint32_t v,
                 uint32_t *old);
void jb_hmap_free(jb_hmap *m);

#endif
