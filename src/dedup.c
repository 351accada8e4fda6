/* dedup.c - stage 5: exact, contained and near duplicates (SPEC §2.5;
 * research/cleaning.md §4).
 *
 * Threshold: measured on the five seeds' 158 cleaned paragraphs (12,403
 * pairs), the highest character-3-gram Jaccard between two different
 * paragraphs is 0.667 (two templated slide points of seed 003: "国际网络
 * 安全能力建设合作机制…" and "国际网络安全执法合作机制…"), and 99.9 % of
 * pairs are below 0.35. A paragraph and its copy with one word or a few
 * characters changed score 0.86-0.94. JB_DEDUP_NEAR = 0.80 sits between.
 * LSH uses 16 bands of 4 MinHash rows: a pair at J = 0.80 becomes a
 * candidate with probability 0.9998, one at 0.667 with 0.97 and is then
 * rejected by the exact Jaccard. */
#include "dedup.h"

#include <stdlib.h>

#include "buf.h"
#include "hmap.h"
#include "par.h"
#include "utf8.h"

#define MH_ROWS 4
#define MH_BANDS 16
#define MH_K (MH_ROWS * MH_BANDS) /* MinHash values per paragraph */
#define CAND_MAX 32               /* candidates checked per paragraph */

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
fnv1a(const void *p, size_t n, uint64_t h)
{
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++) {
    h ^= s[i];
    h *= 0x100000001b3ull;
  }
  return h;
}
#define FNV0 0xcbf29ce484222325ull

static uint64_t
mix64(uint64_t x)
{
  /* splitmix64 finaliser */
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

/* v[0..n) in increasing order: quicksort on the middle of three, small
 * stretches by insertion (qsort's comparison calls were half its cost). */
static void
sort_u64(uint64_t *v, size_t n)
{
  while (n > 16) {
    uint64_t a = v[0], b = v[n / 2], c = v[n - 1];
    uint64_t pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
    size_t i = 0, j = n - 1;
    for (;;) {
      while (v[i] < pivot)
        i++;
      while (v[j] > pivot)
        j--;
      if (i >= j)
        break;
      uint64_t t = v[i];
      v[i++] = v[j];
      v[j--] = t;
    }
    /* [0, j] <= pivot <= [j + 1, n): the smaller side first, the larger
     * one by the loop */
    size_t left = j + 1;
    if (left < n - left) {
      sort_u64(v, left);
      v += left;
      n -= left;
    } else {
      sort_u64(v + left, n - left);
      n = left;
    }
  }
  for (size_t i = 1; i < n; i++) {
    uint64_t x = v[i];
    size_t j = i;
    for (; j > 0 && v[j - 1] > x; j--)
      v[j] = v[j - 1];
    v[j] = x;
  }
}

static size_t
sort_unique(uint64_t *v, size_t n)
{
  if (n < 2)
    return n;
  sort_u64(v, n);
  size_t w = 1;
  for (size_t i = 1; i < n; i++)
    if (v[i] != v[w - 1])
      v[w++] = v[i];
  return w;
}

/* GCC's clones are chosen by the loader, before a sanitizer's runtime is
 * up: sanitized builds (and other compilers) keep the one plain build. */
#if defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__) && \
    !defined(__SANITIZE_THREAD__)
#define VECTOR_CLONES \
  __attribute__((target_clones("arch=skylake-avx512", "avx2", "default"), optimize("tree-vectorize")))
#else
#define VECTOR_CLONES
#endif

/* v[i] = fnv1a of the bytes of cp[i .. i + JB_DEDUP_SHINGLE), i < m: the
 * same values, written so that the vector unit takes several shingles
 * at once (each byte of a code point in memory order, little-endian). */
#define LANES 8
VECTOR_CLONES
static void
hash_shingles(const uint32_t *cp, size_t m, uint64_t *v)
{
  size_t i = 0;
  for (; i + LANES <= m; i += LANES) {
    uint64_t h[LANES];
    for (int j = 0; j < LANES; j++)
      h[j] = FNV0;
    for (int c = 0; c < JB_DEDUP_SHINGLE; c++)
      for (int b = 0; b < 4; b++)
        for (int j = 0; j < LANES; j++) {
          h[j] ^= (cp[i + j + c] >> (8 * b)) & 0xFF;
          h[j] *= 0x100000001b3ull;
        }
    for (int j = 0; j < LANES; j++)
      v[i + j] = h[j];
  }
  for (; i < m; i++)
    v[i] = fnv1a(cp + i, JB_DEDUP_SHINGLE * sizeof *cp, FNV0);
}

/* Sorted, unique hashes of the character shingles of key. */
static size_t
shingles(jb_str key, uint64_t **out)
{
  size_t n = jb_utf8_count(key);
  uint32_t *cp = jb_xmalloc((n + 1) * sizeof *cp);
  size_t k = 0;
  for (jb_str it = key; it.n;)
    cp[k++] = jb_utf8_next(&it);
  size_t m = k >= JB_DEDUP_SHINGLE ? k - JB_DEDUP_SHINGLE + 1 : (k ? 1 : 0);
  uint64_t *v = jb_xmalloc((m + 1) * sizeof *v);
  if (k >= JB_DEDUP_SHINGLE)
    hash_shingles(cp, m, v);
  else if (k)
    v[0] = fnv1a(cp, k * sizeof *cp, FNV0);
  free(cp);
  *out = v;
  return sort_unique(v, m);
}

static double
jaccard(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
  if (!na && !nb)
    return 1;
  size_t i = 0, j = 0, both = 0;
  while (i < na && j < nb) {
    if (a[i] == b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i] < b[j]) {
      i++;
    } else {
      j++;
    }
  }
  return (double)both / (double)(na + nb - both);
}

double
jb_dedup_jaccard(jb_str key_a, jb_str key_b)
{
  uint64_t *a, *b;
  size_t na = shingles(key_a, &a), nb = shingles(key_b, &b);
  double j = jaccard(a, na, b, nb);
  free(a);
  free(b);
  return j;
}

static bool
contains(const uint64_t *v, size_t n, uint64_t x)
{
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid] < x)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && v[lo] == x;
}

/* ---- the candidates ------------------------------------------------------- */

typedef struct item {
  jb_block *b;
  jb_str key;
  size_t key_cp;
  uint64_t *sent;   /* sorted sentence-key hashes */
  size_t nsent;
  size_t covered;   /* key characters inside those sentences */
  uint64_t *sh;     /* sorted shingle hashes */
  size_t nsh;
  bool near;        /* compared for near duplicates */
  uint64_t bh[MH_BANDS]; /* LSH band hashes */
} item;

/* A multimap from 64-bit keys to item indices: the keys in the program's
 * one hash table (hmap.h), each with a chain of entries in one array;
 * insertion order is kept per key. */
typedef struct mmap {
  jb_hmap index;        /* key -> its group */
  uint64_t *gkey;       /* per group: the key, */
  int32_t *head, *tail; /* its first and last entry */
  size_t ngroups, capgroups;
  int32_t *next;        /* per entry */
  uint32_t *val;
  size_t n, capn;
} mmap;

typedef struct mm_key {
  const mmap *m;
  uint64_t key;
} mm_key;

static bool
same_key(const void *ctx, uint32_t g)
{
  const mm_key *k = ctx;
  return k->m->gkey[g] == k->key;
}

static long
mm_group(const mmap *m, uint64_t key)
{
  mm_key k = {m, key};
  uint32_t g;
  return jb_hmap_get(&m->index, jb_hmap_hash(key), same_key, &k, &g) ? (long)g : -1;
}

static void
mm_put(mmap *m, uint64_t key, uint32_t val)
{
  if (m->n == m->capn) {
    m->capn = jb_grow_cap(m->capn);
    m->next = jb_xrealloc(m->next, m->capn * sizeof *m->next);
    m->val = jb_xrealloc(m->val, m->capn * sizeof *m->val);
  }
  int32_t e = (int32_t)m->n++;
  m->next[e] = -1;
  m->val[e] = val;
  long g = mm_group(m, key);
  if (g < 0) {
    if (m->ngroups == m->capgroups) {
      m->capgroups = jb_grow_cap(m->capgroups);
      m->gkey = jb_xrealloc(m->gkey, m->capgroups * sizeof *m->gkey);
      m->head = jb_xrealloc(m->head, m->capgroups * sizeof *m->head);
      m->tail = jb_xrealloc(m->tail, m->capgroups * sizeof *m->tail);
    }
    g = (long)m->ngroups++;
    m->gkey[g] = key;
    m->head[g] = e;
    jb_hmap_put(&m->index, jb_hmap_hash(key), (uint32_t)g);
  } else {
    m->next[m->tail[g]] = e;
  }
  m->tail[g] = e;
}

/* First entry for key, -1 if none; walk with m->next. */
static int32_t
mm_first(const mmap *m, uint64_t key)
{
  long g = mm_group(m, key);
  return g < 0 ? -1 : m->head[g];
}

static void
mm_free(mmap *m)
{
  jb_hmap_free(&m->index);
  free(m->gkey);
  free(m->head);
  free(m->tail);
  free(m->next);
  free(m->val);
}

/* ---- merging -------------------------------------------------------------- */

static void
merge_into(jb_ctx *ctx, jb_doc *doc, jb_block *drop, jb_block *keep, jb_merge how,
           double sim)
{
  drop->flags |= JB_BLOCK_DROPPED;
  drop->dup_of = keep;
  drop->merge = how;
  drop->similarity = (float)sim;
  for (size_t i = 0; i < drop->ncites; i++)
    jb_block_cite(ctx, keep, drop->cites[i]);
  doc->srcs[drop->src].merged++;
}

static bool
is_stop(uint32_t cp)
{
  return jb_cp_ends_sentence(cp) || cp == 0xFF1B || cp == '!' || cp == '?' || cp == ';';
}

/* Sentence keys of b's text. */
static void
sentences(jb_arena *scratch, item *it)
{
  jb_str text = jb_block_text(scratch, it->b);
  uint64_t *v = NULL;
  size_t n = 0, cap = 0;
  size_t start = 0;
  for (jb_str rest = text; rest.n;) {
    uint32_t cp = jb_utf8_next(&rest);
    size_t at = (size_t)(rest.p - text.p);
    if (!is_stop(cp) && rest.n)
      continue;
    jb_str k = jb_dedup_key(scratch, jb_str_make(text.p + start, at - start));
    size_t kc = jb_utf8_count(k);
    if (kc >= JB_DEDUP_SENTENCE_MIN) {
      *JB_PUSH_HEAP(v, n, cap) = fnv1a(k.p, k.n, FNV0);
      it->covered += kc;
    }
    start = at;
  }
  it->sent = v;
  it->nsent = sort_unique(v, n);
}

static size_t
item_weight(void *arg, size_t i)
{
  return ((const item *)arg)[i].key.n;
}

#define SIGN_PARALLEL_MIN 65536 /* key bytes: below this one thread is quicker */

/* The MinHash values of shingles sh[0..n) into sig (64 lanes of the
 * same integer steps: made for the widest vector unit the processor has,
 * chosen when the program loads; the same values on every one). */
VECTOR_CLONES
static void
minhash(const uint64_t *sh, size_t n, const uint64_t *seeds, uint64_t *sig)
{
  for (int k = 0; k < MH_K; k++)
    sig[k] = UINT64_MAX;
  for (size_t s = 0; s < n; s++) {
    uint64_t x = sh[s];
    for (int k = 0; k < MH_K; k++) {
      uint64_t h = mix64(x ^ seeds[k]);
      sig[k] = h < sig[k] ? h : sig[k];
    }
  }
}

/* Shingles, MinHash signature and band hashes of items [from, to). */
static void
sign_range(jb_ctx *ctx, void *arg, size_t from, size_t to, int thread)
{
  (void)ctx;
  (void)thread;
  uint64_t seeds[MH_K];
  for (int k = 0; k < MH_K; k++)
    seeds[k] = mix64(0x9e3779b97f4a7c15ull * (uint64_t)(k + 1));
  for (size_t i = from; i < to; i++) {
    item *p = &((item *)arg)[i];
    if (!p->near)
      continue;
    p->nsh = shingles(p->key, &p->sh);
    /* A full mix per value: cheaper families (a*x+b over one mix) were
     * measured to miss near pairs this one finds when buckets are crowded
     * (1 of 60 on 1,000 distinct documents). */
    uint64_t sig[MH_K];
    minhash(p->sh, p->nsh, seeds, sig);
    for (int band = 0; band < MH_BANDS; band++)
      p->bh[band] = fnv1a(sig + band * MH_ROWS, MH_ROWS * sizeof *sig, FNV0 ^ (uint64_t)band);
  }
}

int
jb_dedup_run(jb_ctx *ctx, jb_doc *doc)
{
  item *items = NULL;
  size_t n = 0, cap = 0;
  /* Keys and joined texts are only compared: they go with the stage. */
  jb_arena *scratch = jb_arena_new();

  /* Exact: one table of normalised keys over the corpus. A heading is only
   * merged with the same heading right before it in its document: part
   * names repeat legitimately ("网络安全执法合作" under two parts). */
  mmap exact = {0};
  for (size_t k = 0; k < doc->nsrcs; k++) {
    jb_source *src = &doc->srcs[k];
    if (src->skipped)
      continue;
    jb_block *last_head = NULL;
    jb_str last_key = {NULL, 0};
    for (size_t i = 0; i < src->nblocks; i++) {
      jb_block *b = &src->blocks[i];
      jb_block_cite(ctx, b, src->index);
      jb_str key = jb_dedup_key(scratch, jb_block_text(scratch, b));
      size_t kc = jb_utf8_count(key);
      if (b->kind == JB_BLOCK_HEADING) {
        if (last_head && jb_str_eq(key, last_key) && kc)
          merge_into(ctx, doc, b, last_head, JB_MERGE_EXACT, 1);
        else {
          last_head = b;
          last_key = key;
        }
        continue;
      }
      last_head = NULL;
      if ((b->kind != JB_BLOCK_PARA && b->kind != JB_BLOCK_ITEM) || kc < JB_DEDUP_MIN_KEY)
        continue;
      uint64_t h = fnv1a(key.p, key.n, FNV0);
      jb_block *first = NULL;
      for (int32_t e = mm_first(&exact, h); e >= 0; e = exact.next[e])
        if (jb_str_eq(items[exact.val[e]].key, key)) {
          first = items[exact.val[e]].b;
          break;
        }
      if (first) {
        merge_into(ctx, doc, b, first, JB_MERGE_EXACT, 1);
        continue;
      }
      item *it = JB_PUSH_HEAP(items, n, cap);
      it->b = b;
      it->key = key;
      it->key_cp = kc;
      mm_put(&exact, h, (uint32_t)(n - 1));
    }
  }
  mm_free(&exact);

  /* Contained: index every sentence; a paragraph whose sentences all sit
   * in one fuller paragraph goes, wherever that one is. */
  mmap sent = {0};
  for (size_t i = 0; i < n; i++) {
    sentences(scratch, &items[i]);
    for (size_t s = 0; s < items[i].nsent; s++)
      mm_put(&sent, items[i].sent[s], (uint32_t)i);
  }
  for (size_t i = 0; i < n; i++) {
    item *p = &items[i];
    /* Only when its sentences make up most of it. */
    if (!p->nsent || p->covered * 10 < p->key_cp * 8)
      continue;
    /* Every candidate looked at counts, kept or not: many paragraphs that
     * share one sentence stay linear. */
    size_t tried = 0;
    for (int32_t e = mm_first(&sent, p->sent[0]); e >= 0 && tried < CAND_MAX; e = sent.next[e]) {
      item *q = &items[sent.val[e]];
      tried++;
      if (q == p || (q->b->flags & JB_BLOCK_DROPPED) || q->key_cp <= p->key_cp)
        continue;
      size_t s = 0;
      while (s < p->nsent && contains(q->sent, q->nsent, p->sent[s]))
        s++;
      if (s == p->nsent) {
        merge_into(ctx, doc, p->b, q->b, JB_MERGE_CONTAINED, 1);
        break;
      }
    }
  }
  mm_free(&sent);

  /* Near: MinHash signatures (on two threads), LSH buckets, then the
   * exact Jaccard. */
  for (size_t i = 0; i < n; i++)
    items[i].near = !(items[i].b->flags & JB_BLOCK_DROPPED) && items[i].key_cp >= JB_DEDUP_NEAR_MIN_KEY;
  jb_par_split(ctx, n, item_weight, SIGN_PARALLEL_MIN, sign_range, items);
  mmap bands = {0};
  uint32_t *stamp = jb_xcalloc(n + 1, sizeof *stamp);
  for (size_t i = 0; i < n; i++) {
    item *p = &items[i];
    if (!p->near)
      continue;
    size_t tried = 0;
    bool dropped = false;
    for (int band = 0; band < MH_BANDS && !dropped; band++) {
      for (int32_t e = mm_first(&bands, p->bh[band]); e >= 0 && tried < CAND_MAX; e = bands.next[e]) {
        uint32_t c = bands.val[e];
        if (stamp[c] == i + 1)
          continue;
        stamp[c] = (uint32_t)(i + 1);
        tried++;
        item *q = &items[c];
        if (q->b->flags & JB_BLOCK_DROPPED)
          continue;
        /* J <= min/max of the two sizes: most candidates are ruled out
         * without the merge of their shingles. */
        size_t lo = p->nsh < q->nsh ? p->nsh : q->nsh, hi = p->nsh ^ q->nsh ^ lo;
        if ((double)lo < JB_DEDUP_NEAR * (double)hi)
          continue;
        double j = jaccard(p->sh, p->nsh, q->sh, q->nsh);
        if (j >= JB_DEDUP_NEAR) {
          merge_into(ctx, doc, p->b, q->b, JB_MERGE_NEAR, j);
          dropped = true;
          break;
        }
      }
    }
    if (!dropped)
      for (int band = 0; band < MH_BANDS; band++)
        mm_put(&bands, p->bh[band], (uint32_t)i);
  }
  mm_free(&bands);
  free(stamp);

  /* Within one document a near copy goes only as part of a repeated run
   * (the page twice, a summary block again): a paragraph the author
   * restates with changes (the lead's figures again in the conclusion) is
   * the article's. A contained copy loses nothing and always goes. */
  size_t nundo = 0;
  jb_block **undo = NULL;
  size_t capundo = 0;
  for (size_t k = 0; k < doc->nsrcs; k++) {
    jb_source *src = &doc->srcs[k];
    for (size_t i = 0; i < src->nblocks; i++) {
      jb_block *b = &src->blocks[i];
      if (!(b->flags & JB_BLOCK_DROPPED) || b->merge != JB_MERGE_NEAR || b->dup_of->src != b->src)
        continue;
      bool run = false;
      for (int d = -1; d <= 1 && !run; d += 2) {
        for (long j = (long)i + d; j >= 0 && j < (long)src->nblocks; j += d) {
          const jb_block *c = &src->blocks[j];
          if (c->kind == JB_BLOCK_HEADING)
            continue;
          run = (c->flags & JB_BLOCK_DROPPED) && c->dup_of->src == b->src;
          break;
        }
      }
      if (!run)
        *JB_PUSH_HEAP(undo, nundo, capundo) = b;
    }
  }
  for (size_t i = 0; i < nundo; i++) {
    jb_block *b = undo[i];
    b->flags &= ~(unsigned)JB_BLOCK_DROPPED;
    b->dup_of = NULL;
    b->merge = JB_MERGE_NONE;
    b->similarity = 0;
    doc->srcs[b->src].merged--;
  }
  free(undo);

  /* Point every dropped block at the paragraph that stayed. */
  for (size_t k = 0; k < doc->nsrcs; k++)
    for (size_t i = 0; i < doc->srcs[k].nblocks; i++) {
      jb_block *b = &doc->srcs[k].blocks[i];
      while (b->dup_of && (b->dup_of->flags & JB_BLOCK_DROPPED))
        b->dup_of = b->dup_of->dup_of;
    }
  for (size_t i = 0; i < n; i++) {
    free(items[i].sent);
    free(items[i].sh);
  }
  free(items);
  jb_arena_free(scratch);
  return 0;
}
