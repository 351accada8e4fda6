/* hmap.c - see hmap.h. */
#include "hmap.h"

#include <stdlib.h>

#include "arena.h"

static size_t
slot(const jb_hmap *m, uint64_t h, jb_hmap_eq eq, const void *ctx)
{
  size_t j = h & (m->cap - 1);
  while (m->hash[j] && !(m->hash[j] == h && (!eq || eq(ctx, m->val[j]))))
    j = (j + 1) & (m->cap - 1);
  return j;
}

static void
grow(jb_hmap *m)
{
  size_t cap = m->cap ? m->cap * 2 : 64;
  jb_hmap g = {jb_xcalloc(cap, sizeof *g.hash), jb_xcalloc(cap, sizeof *g.val), cap, m->n};
  for (size_t i = 0; i < m->cap; i++)
    if (m->hash[i]) {
      size_t j = m->hash[i] & (cap - 1);
      while (g.hash[j])
        j = (j + 1) & (cap - 1);
      g.hash[j] = m->hash[i];
      g.val[j] = m->val[i];
    }
  free(m->hash);
  free(m->val);
  *m = g;
}

bool
jb_hmap_get(const jb_hmap *m, uint64_t h, jb_hmap_eq eq, const void *ctx, uint32_t *v)
{
  if (!m->cap)
    return false;
  size_t j = slot(m, h, eq, ctx);
  if (!m->hash[j])
    return false;
  *v = m->val[j];
  return true;
}

void
jb_hmap_put(jb_hmap *m, uint64_t h, uint32_t v)
{
  if ((m->n + 1) * 2 > m->cap)
    grow(m);
  size_t j = h & (m->cap - 1);
  while (m->hash[j])
    j = (j + 1) & (m->cap - 1);
  m->hash[j] = h;
  m->val[j] = v;
  m->n++;
}

bool
jb_hmap_set(jb_hmap *m, uint64_t h, jb_hmap_eq eq, const void *ctx, uint32_t v, uint32_t *old)
{
  if ((m->n + 1) * 2 > m->cap)
    grow(m);
  size_t j = slot(m, h, eq, ctx);
  if (m->hash[j]) {
    *old = m->val[j];
    m->val[j] = v;
    return true;
  }
  m->hash[j] = h;
  m->val[j] = v;
  m->n++;
  return false;
}

void
jb_hmap_free(jb_hmap *m)
{
  free(m->hash);
  free(m->val);
  m->hash = NULL;
  m->val = NULL;
  m->cap = m->n = 0;
}
