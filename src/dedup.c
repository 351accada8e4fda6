/* dedup.c - stage 5: exact duplicates by normalised key, through one hash
 * table, so cost is linear in the corpus (SPEC §2.5, §6). */
#include "dedup.h"

#include <stdlib.h>

#include "buf.h"
#include "utf8.h"

jb_str
jb_dedup_key(jb_arena *a, jb_str text)
{
  jb_buf b = JB_BUF_INIT;
  for (jb_str it = text; it.n;) {
    uint32_t cp = jb_utf8_next(&it);
    if (cp >= 'A' && cp <= 'Z')
      cp += 'a' - 'A';
    if (jb_cp_is_han(cp) || jb_cp_is_alnum(cp))
      jb_buf_put_cp(&b, cp);
  }
  jb_str k = jb_str_make(jb_arena_strndup(a, b.p ? b.p : "", b.n), b.n);
  jb_buf_free(&b);
  return k;
}

static uint64_t
fnv1a(jb_str s)
{
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < s.n; i++) {
    h ^= (unsigned char)s.p[i];
    h *= 0x100000001b3ull;
  }
  return h;
}

typedef struct slot {
  uint64_t hash;
  jb_str key;
  jb_block *block; /* NULL if empty */
} slot;

typedef struct table {
  slot *slots;
  size_t cap; /* power of two */
  size_t used;
} table;

static void
table_grow(table *t)
{
  size_t cap = t->cap ? t->cap * 2 : 1024;
  slot *s = jb_xcalloc(cap, sizeof *s);
  for (size_t i = 0; i < t->cap; i++) {
    if (!t->slots[i].block)
      continue;
    size_t j = t->slots[i].hash & (cap - 1);
    while (s[j].block)
      j = (j + 1) & (cap - 1);
    s[j] = t->slots[i];
  }
  free(t->slots);
  t->slots = s;
  t->cap = cap;
}

/* The block already stored under key, or NULL after storing b. */
static jb_block *
table_put(table *t, jb_str key, jb_block *b)
{
  if ((t->used + 1) * 4 >= t->cap * 3)
    table_grow(t);
  uint64_t h = fnv1a(key);
  size_t j = h & (t->cap - 1);
  while (t->slots[j].block) {
    if (t->slots[j].hash == h && jb_str_eq(t->slots[j].key, key))
      return t->slots[j].block;
    j = (j + 1) & (t->cap - 1);
  }
  t->slots[j].hash = h;
  t->slots[j].key = key;
  t->slots[j].block = b;
  t->used++;
  return NULL;
}

int
jb_dedup_run(jb_ctx *ctx, jb_doc *doc)
{
  table body = {0}, heads = {0};
  for (size_t k = 0; k < doc->nsrcs; k++) {
    jb_source *src = &doc->srcs[k];
    if (src->skipped)
      continue;
    /* Headings repeat legitimately across documents ("结语"); only a
     * heading repeated inside one document is merged. */
    heads.used = 0;
    if (heads.slots)
      memset(heads.slots, 0, heads.cap * sizeof *heads.slots);
    for (size_t i = 0; i < src->nblocks; i++) {
      jb_block *b = &src->blocks[i];
      jb_block_cite(ctx, b, src->index);
      jb_str key = jb_dedup_key(ctx->arena, jb_block_text(ctx, b));
      if (jb_utf8_count(key) < JB_DEDUP_MIN_KEY)
        continue;
      jb_block *first = table_put(b->kind == JB_BLOCK_HEADING ? &heads : &body, key, b);
      if (!first)
        continue;
      b->flags |= JB_BLOCK_DROPPED;
      b->dup_of = first;
      jb_block_cite(ctx, first, src->index);
      src->merged++;
    }
  }
  free(body.slots);
  free(heads.slots);
  return 0;
}
