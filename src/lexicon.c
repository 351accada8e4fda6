/* lexicon.c - CC-CEDICT and the general-text word frequencies, compiled
 * into one cached image, looked up and used to segment text. */
#include "lexicon.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "utf8.h"

/* The two text files are compiled once into one image: a hash table from
 * word to (entry, frequency) over a string pool. The image is cached next
 * to the dictionary (<dictionary>.jblx, stamped with both files' sizes and
 * times) and mapped on later runs, so a run costs page faults for the words
 * it looks up instead of parsing 14 MB of text (120 ms on the seeds). */

#define LEX_MAGIC "JBLEX\x05\r\n"

typedef struct lex_header {
  char magic[8];
  uint64_t stamp[4];   /* dictionary size, mtime ns; frequencies size, mtime ns */
  uint32_t nslots;     /* a power of two */
  uint32_t nentries;
  uint32_t pool;       /* bytes */
  uint32_t pad;
} lex_header;

typedef struct lex_slot {
  uint32_t key;        /* pool offset of the word: a length byte, the bytes */
  uint32_t entry;      /* entry index + 1, or 0 for a frequency alone;
                        * PREFIX when a longer word starts with this one */
  uint32_t freq;
  uint32_t tag;        /* the word's hash, high half: most probes end here,
                          without reading the pool */
  double lfreq;        /* log(freq + 1), what segmentation weighs */
} lex_slot;

#define PREFIX 0x80000000u

typedef struct lex_entry {
  uint32_t off[3], len[3]; /* Traditional, pinyin, glosses in the pool */
} lex_entry;

struct jb_lexicon {
  const lex_header *h;
  const lex_slot *slots;
  const lex_entry *entries;
  const char *pool;
  void *map;           /* mmap of the cache, or NULL */
  size_t mapn;
  char *heap;          /* the image when built in this run */
};

static size_t
pow2_above(size_t n)
{
  size_t c = 1024;
  while (c < n * 2)
    c *= 2;
  return c;
}

static jb_str
pool_str(const jb_lexicon *lx, uint32_t off, uint32_t len)
{
  /* A damaged cache reads as empty strings, never out of bounds. */
  if (off > lx->h->pool || len > lx->h->pool - off)
    return jb_str_make("", 0);
  return jb_str_make(lx->pool + off, len);
}

static jb_str
slot_key(const jb_lexicon *lx, const lex_slot *s)
{
  if (s->key >= lx->h->pool)
    return jb_str_make("", 0);
  return pool_str(lx, s->key + 1, (unsigned char)lx->pool[s->key]);
}

static const lex_slot *
find(const jb_lexicon *lx, jb_str w)
{
  uint32_t mask = lx->h->nslots - 1;
  uint64_t h = jb_str_hash(w);
  uint32_t tag = (uint32_t)(h >> 32);
  for (uint32_t j = (uint32_t)h & mask, k = 0; k <= mask; j = (j + 1) & mask, k++) {
    const lex_slot *s = &lx->slots[j];
    if (!s->key)
      return NULL;
    if (s->tag == tag && jb_str_eq(slot_key(lx, s), w))
      return s;
  }
  return NULL;
}

bool
jb_lexicon_lookup(const jb_lexicon *lx, jb_str w, jb_lex_entry *out)
{
  const lex_slot *s = find(lx, w);
  uint32_t i = s ? s->entry & ~PREFIX : 0;
  if (!i || i > lx->h->nentries)
    return false;
  if (out) {
    const lex_entry *e = &lx->entries[i - 1];
    out->simp = w;
    out->trad = pool_str(lx, e->off[0], e->len[0]);
    out->pinyin = pool_str(lx, e->off[1], e->len[1]);
    out->glosses = pool_str(lx, e->off[2], e->len[2]);
  }
  return true;
}

double
jb_lexicon_freq(const jb_lexicon *lx, jb_str w)
{
  const lex_slot *s = find(lx, w);
  return s ? s->freq : 0;
}

static char *
slurp(const char *path, size_t *n, jb_diags *d)
{
  char *buf = jb_read_all(path, n);
  if (!buf) {
    jb_pos pos = {path, 0, 0, 0};
    jb_diag(d, JB_D_TEMPLATE, pos, "glossary data: %s", strerror(errno));
  }
  return buf;
}

static bool
capitalised(jb_str pinyin)
{
  return pinyin.n && pinyin.p[0] >= 'A' && pinyin.p[0] <= 'Z';
}

/* The image under construction. */
typedef struct builder {
  jb_buf pool;
  lex_slot *slots;
  uint32_t mask;
  lex_entry *entries;
  size_t ne, cape;
  jb_str *keys;        /* the words of slots, into the text files */
  size_t nkeys;
} builder;

static uint32_t
pool_put(builder *b, jb_str s)
{
  uint32_t off = (uint32_t)b->pool.n;
  jb_buf_put_str(&b->pool, s);
  return off;
}

/* The slot of w, added if new; the table doubles at half full. */
static lex_slot *
slot_for(builder *b, jb_str w)
{
  if (2 * (b->nkeys + 1) > (size_t)b->mask + 1) {
    builder g = *b;
    g.mask = 2 * b->mask + 1;
    g.slots = jb_xcalloc((size_t)g.mask + 1, sizeof *g.slots);
    g.keys = jb_xcalloc((size_t)g.mask + 1, sizeof *g.keys);
    for (size_t j = 0; j <= b->mask; j++)
      if (b->slots[j].key) {
        size_t k = jb_str_slot(g.keys, (size_t)g.mask + 1, b->keys[j]);
        g.keys[k] = b->keys[j];
        g.slots[k] = b->slots[j];
      }
    free(b->slots);
    free(b->keys);
    *b = g;
  }
  size_t j = jb_str_slot(b->keys, (size_t)b->mask + 1, w);
  lex_slot *s = &b->slots[j];
  if (!s->key) {
    b->keys[j] = w;
    b->nkeys++;
    s->key = (uint32_t)b->pool.n;
    s->tag = (uint32_t)(jb_str_hash(w) >> 32);
    jb_buf_putc(&b->pool, (char)w.n);
    jb_buf_put_str(&b->pool, w);
  }
  return s;
}

/* Compile the text files into a heap image. */
static char *
compile(const char *dict, size_t n, const char *freqs, size_t m, size_t *size)
{
  size_t lines = 0;
  for (const char *q = dict; (q = memchr(q, '\n', (size_t)(dict + n - q))); q++)
    lines++;
  for (const char *q = freqs; (q = memchr(q, '\n', (size_t)(freqs + m - q))); q++)
    lines++;
  builder b = {JB_BUF_INIT, NULL, 0, NULL, 0, 0, NULL, 0};
  uint32_t cap = (uint32_t)pow2_above(lines + 1);
  b.mask = cap - 1;
  b.slots = jb_xcalloc(cap, sizeof *b.slots);
  b.keys = jb_xcalloc(cap, sizeof *b.keys);
  jb_buf_putc(&b.pool, 0); /* offset 0 means an empty slot */

  /* "繁體 简体 [pin1 yin1] /gloss/gloss/" */
  for (jb_str rest = jb_str_make(dict, n); rest.n;) {
    const char *nl = memchr(rest.p, '\n', rest.n);
    size_t len = nl ? (size_t)(nl - rest.p) : rest.n;
    jb_str line = jb_str_trim(jb_str_make(rest.p, len));
    rest = jb_str_skip(rest, nl ? len + 1 : len);
    if (!line.n || line.p[0] == '#')
      continue;
    long s1 = jb_str_find(line, " ");
    if (s1 <= 0)
      continue;
    jb_str after = jb_str_skip(line, (size_t)s1 + 1);
    long s2 = jb_str_find(after, " ");
    long lb = jb_str_find(after, "[");
    long rb = jb_str_find(after, "]");
    long sl = jb_str_find(after, "/");
    if (s2 <= 0 || s2 > 255 || lb < 0 || rb < lb || sl < rb)
      continue;
    jb_str simp = jb_str_sub(after, 0, (size_t)s2);
    size_t cps = jb_utf8_count(simp);
    if (cps < 2 || cps > JB_LEXICON_MAX_WORD)
      continue;
    jb_str parts[3] = {jb_str_sub(line, 0, (size_t)s1),
                       jb_str_sub(after, (size_t)lb + 1, (size_t)(rb - lb - 1)),
                       jb_str_skip(after, (size_t)sl)};
    lex_slot *s = slot_for(&b, simp);
    /* Prefer a common word's entry (lower-case pinyin) over a proper
     * noun's; otherwise the first. */
    if (s->entry & ~PREFIX) {
      const lex_entry *old = &b.entries[(s->entry & ~PREFIX) - 1];
      jb_str oldpy = jb_str_make(b.pool.p + old->off[1], old->len[1]);
      if (capitalised(parts[1]) || !capitalised(oldpy))
        continue;
    }
    lex_entry *e = JB_PUSH_HEAP(b.entries, b.ne, b.cape);
    for (int k = 0; k < 3; k++) {
      e->len[k] = (uint32_t)parts[k].n;
      e->off[k] = pool_put(&b, parts[k]);
    }
    s->entry = (s->entry & PREFIX) | (uint32_t)b.ne;
    /* Mark its prefixes, so segmentation stops lengthening a word early. */
    for (jb_str pre = simp; pre.n;) {
      const char *last = pre.p + pre.n;
      do
        last--;
      while (last > pre.p && ((unsigned char)*last & 0xC0) == 0x80);
      pre.n = (size_t)(last - pre.p);
      if (pre.n)
        slot_for(&b, pre)->entry |= PREFIX;
    }
  }
  /* "word freq tag" */
  for (jb_str rest = jb_str_make(freqs, m); rest.n;) {
    const char *nl = memchr(rest.p, '\n', rest.n);
    size_t len = nl ? (size_t)(nl - rest.p) : rest.n;
    jb_str line = jb_str_make(rest.p, len);
    rest = jb_str_skip(rest, nl ? len + 1 : len);
    long sp = jb_str_find(line, " ");
    if (sp <= 0 || sp > 255)
      continue;
    unsigned long f = strtoul(line.p + sp + 1, NULL, 10);
    slot_for(&b, jb_str_sub(line, 0, (size_t)sp))->freq = f > UINT32_MAX ? UINT32_MAX : (uint32_t)f;
  }

  cap = b.mask + 1;
  for (size_t j = 0; j < cap; j++)
    b.slots[j].lfreq = log(b.slots[j].freq + 1.0);
  lex_header h = {LEX_MAGIC, {0, 0, 0, 0}, cap, (uint32_t)b.ne, (uint32_t)b.pool.n, 0};
  jb_buf img = JB_BUF_INIT;
  jb_buf_put(&img, &h, sizeof h);
  jb_buf_put(&img, b.slots, cap * sizeof *b.slots);
  jb_buf_put(&img, b.entries, b.ne * sizeof *b.entries);
  jb_buf_put(&img, b.pool.p, b.pool.n);
  free(b.slots);
  free(b.keys);
  free(b.entries);
  jb_buf_free(&b.pool);
  *size = img.n;
  return img.p;
}

/* Point lx at an image, after checking its shape; false if it is not one. */
static bool
attach(jb_lexicon *lx, const char *img, size_t n)
{
  const lex_header *h = (const lex_header *)img;
  if (n < sizeof *h || memcmp(h->magic, LEX_MAGIC, 8) != 0 || !h->nslots ||
      (h->nslots & (h->nslots - 1)) ||
      n != sizeof *h + (uint64_t)h->nslots * sizeof(lex_slot) +
               (uint64_t)h->nentries * sizeof(lex_entry) + h->pool)
    return false;
  lx->h = h;
  lx->slots = (const lex_slot *)(h + 1);
  lx->entries = (const lex_entry *)(lx->slots + h->nslots);
  lx->pool = (const char *)(lx->entries + h->nentries);
  return true;
}

static bool
stamp_of(const char *path, uint64_t *size, uint64_t *mtime)
{
  struct stat st;
  if (stat(path, &st) != 0)
    return false;
  *size = (uint64_t)st.st_size;
  *mtime = (uint64_t)st.st_mtim.tv_sec * 1000000000u + (uint64_t)st.st_mtim.tv_nsec;
  return true;
}

jb_lexicon *
jb_lexicon_load(const char *cedict, const char *freq, jb_diags *d)
{
  jb_lexicon *lx = jb_xcalloc(1, sizeof *lx);
  uint64_t stamp[4];
  jb_buf cache = JB_BUF_INIT;
  jb_buf_printf(&cache, "%s.jblx", cedict);
  bool stamped = stamp_of(cedict, &stamp[0], &stamp[1]) && stamp_of(freq, &stamp[2], &stamp[3]);

  int fd = stamped ? open(cache.p, O_RDONLY | O_CLOEXEC) : -1;
  struct stat st;
  if (fd >= 0 && fstat(fd, &st) == 0 && st.st_size > 0) {
    void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map != MAP_FAILED) {
      if (attach(lx, map, (size_t)st.st_size) && !memcmp(lx->h->stamp, stamp, sizeof stamp)) {
        lx->map = map;
        lx->mapn = (size_t)st.st_size;
      } else {
        munmap(map, (size_t)st.st_size);
        lx->h = NULL;
      }
    }
  }
  if (fd >= 0)
    close(fd);
  if (!lx->h) {
    size_t n = 0, m = 0, size;
    char *dict = slurp(cedict, &n, d);
    char *freqs = dict ? slurp(freq, &m, d) : NULL;
    if (!dict || !freqs) {
      free(dict);
      free(freqs);
      jb_buf_free(&cache);
      free(lx);
      return NULL;
    }
    lx->heap = compile(dict, n, freqs, m, &size);
    free(dict);
    free(freqs);
    if (stamped)
      memcpy(((lex_header *)lx->heap)->stamp, stamp, sizeof stamp);
    attach(lx, lx->heap, size);
    /* Best effort: a folder we cannot write only costs the next run time. */
    jb_buf tmp = JB_BUF_INIT;
    jb_buf_printf(&tmp, "%s.%ld.tmp", cache.p, (long)getpid());
    FILE *f = stamped ? fopen(tmp.p, "wb") : NULL;
    if (f) {
      bool ok = fwrite(lx->heap, 1, size, f) == size;
      ok = (fclose(f) == 0) && ok;
      if (!ok || rename(tmp.p, cache.p) != 0)
        unlink(tmp.p);
    }
    jb_buf_free(&tmp);
  }
  jb_buf_free(&cache);
  return lx;
}

size_t
jb_lexicon_warm(const jb_lexicon *lx)
{
  if (!lx || !lx->map)
    return 0;
  /* One read a page maps it (and the kernel maps its neighbours). */
  const volatile unsigned char *p = lx->map;
  size_t sum = 0, page = 4096;
  for (size_t i = 0; i < lx->mapn; i += page)
    sum += p[i];
  return sum;
}

void
jb_lexicon_free(jb_lexicon *lx)
{
  if (!lx)
    return;
  if (lx->map)
    munmap(lx->map, lx->mapn);
  free(lx->heap);
  free(lx);
}

/* The segmentation of a run of Han characters (byte offsets off[0..n]) into
 * the fewest dictionary words, single characters filling the gaps; among
 * equally short ones, the likeliest by general-text frequency. Longest
 * match in one direction misreads 国家的 as 国/家的 and 产品和服务 as
 * 产品/和服/务; fewest words with frequencies reads 国家/的, 产品/和/服务.
 * Writes the token boundaries to cut and returns how many tokens. */
static size_t
best_cut(const jb_lexicon *lx, jb_str run, const size_t *off, size_t n, size_t *cut)
{
  enum { RUN_MAX = 1024 };
  uint32_t words[RUN_MAX + 1], from[RUN_MAX + 1];
  double like[RUN_MAX + 1];
  words[0] = 0;
  like[0] = 0;
  for (size_t i = 1; i <= n; i++)
    words[i] = UINT32_MAX;
  /* Forward from each settled position, lengthening the word while some
   * dictionary word still starts with it (the image marks prefixes). */
  for (size_t i = 0; i < n; i++)
    for (size_t len = 1; i + len <= n && len <= JB_LEXICON_MAX_WORD; len++) {
      const lex_slot *s = find(lx, jb_str_make(run.p + off[i], off[i + len] - off[i]));
      uint32_t ei = s ? s->entry & ~PREFIX : 0;
      if (len == 1 || (ei && ei <= lx->h->nentries)) {
        uint32_t nw = words[i] + 1;
        double l = like[i] + (s ? s->lfreq : 0.0); /* log(0 + 1) when unlisted */
        if (nw < words[i + len] || (nw == words[i + len] && l > like[i + len])) {
          words[i + len] = nw;
          like[i + len] = l;
          from[i + len] = (uint32_t)i;
        }
      }
      if (!s || !(s->entry & PREFIX))
        break;
    }
  size_t k = words[n];
  cut[k] = n;
  for (size_t i = n, t = k; i > 0; i = from[i])
    cut[--t] = from[i];
  return k;
}

void
jb_lexicon_segment(const jb_lexicon *lx, jb_str text, void (*fn)(void *ud, jb_str word),
                   void *ud)
{
  enum { RUN_MAX = 1024 };
  size_t off[RUN_MAX + 1], cut[RUN_MAX + 1];
  jb_str rest = text;
  while (rest.n) {
    /* A run of Han characters (cut at RUN_MAX). */
    size_t n = 0;
    off[0] = 0;
    jb_str it = rest;
    while (it.n && n < RUN_MAX) {
      jb_str before = it;
      if (!jb_cp_is_han(jb_utf8_next(&it))) {
        it = before;
        break;
      }
      off[++n] = (size_t)(it.p - rest.p);
    }
    if (!n) {
      jb_utf8_next(&rest);
      continue;
    }
    size_t nt = best_cut(lx, rest, off, n, cut);
    for (size_t t = 0; t < nt; t++)
      if (cut[t + 1] - cut[t] >= 2)
        fn(ud, jb_str_make(rest.p + off[cut[t]], off[cut[t + 1]] - off[cut[t]]));
    rest = jb_str_skip(rest, off[n]);
  }
}
