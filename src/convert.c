/* convert.c - stage 3: OpenCC (SPEC §2.3; research/cleaning.md §2).
 *
 * Why tw2s, hk2s or t2s by the document: a Taiwan text writes 著 for the
 * particle 着 (隨著, 意味著), which t2s keeps and tw2s restores; hk2s reads
 * Hong Kong forms (衞 -> 卫) t2s leaves. None of them changes a word. On
 * seed 002 (a mainland text in Traditional script) all three agree.
 * tw2sp rewrites vocabulary a reader does not expect of the original:
 * 建立 -> 创建, 文件 -> 文档, 數位發展部 -> 数字发展部: never used.
 *
 * Why s2tw for the zh-Hant edition (template key edition.config), measured
 * on the seeds' Simplified master against s2t: s2tw writes the Taiwan
 * standard forms (爲 -> 為, 着 -> 著, 纔 -> 才, 衆 -> 眾: 65 places), the
 * forms Noto TC draws, and changes no word. s2twp also replaces vocabulary
 * in 800 places, misquoting what the briefing cites: 《全球数据安全倡议》
 * becomes 《全球資料安全倡議》, 中国信息安全研究院 becomes 中國資訊保安研究院,
 * 网络 becomes 網路 throughout. s2hk gives the Hong Kong forms (台, 户, 説:
 * 83 places) and no word changes either; it is allowed for a Hong Kong
 * edition. Converted back with t2s, s2tw's text differs from the master
 * only where 着 became 著 (著 is also a Simplified character). */
#include "convert.h"

#include <errno.h>
#include <opencc/opencc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "conf.h"
#include "hmap.h"
#include "par.h"
#include "phrases.h"
#include "utf8.h"

struct jb_converter {
  opencc_t cc;
  bool failed; /* a conversion returned nothing (opencc_error says why) */
};

#define HOST_WEIGHT 3    /* a .tw or .hk address counts as this many words */
#define WORDS_MIN_LEAD 2 /* words name a region by this lead */

jb_converter *
jb_converter_new(const char *config, jb_diags *d)
{
  opencc_t cc = opencc_open(config);
  if (cc == (opencc_t)-1) {
    jb_pos pos = {config, 0, 0, 0};
    jb_diag(d, JB_D_OPENCC, pos, "cannot open: %s", opencc_error());
    return NULL;
  }
  jb_converter *c = jb_xcalloc(1, sizeof *c);
  c->cc = cc;
  return c;
}

/* config with the template's phrase files for its direction first:
 * convert.phrases from Traditional to Simplified; for the edition,
 * edition.phrases and the 台 preference (edition.tai). */
static jb_converter *
open_with_phrases(const jb_conf *conf, const char *config, bool edition, jb_diags *d)
{
  char *files[1] = {NULL}, *temp = NULL;
  size_t n = 0;
  const char *user = conf ? jb_conf_str(conf, edition ? JB_CONF_EDITION_PHRASES
                                                      : JB_CONF_CONVERT_PHRASES) : "";
  if (user && *user) {
    if (!(files[n] = realpath(user, NULL))) {
      jb_pos pos = {user, 0, 0, 0};
      jb_diag(d, JB_D_PHRASES, pos, "cannot read the phrase file");
      return NULL;
    }
    n++;
  }
  if (edition && conf && !strcmp(jb_conf_str(conf, JB_CONF_EDITION_TAI), "台") &&
      jb_str_starts(jb_str_c(config), "s2")) { /* (to Traditional) */
    if (!(temp = jb_phrases_temp(jb_str_c(jb_phrases_tai)))) {
      jb_pos pos = {config, 0, 0, 0};
      jb_diag(d, JB_D_OPENCC, pos, "cannot write to the temporary folder");
      free(files[0]);
      return NULL;
    }
  }
  if (!n && !temp)
    return jb_converter_new(config, d);
  char *gen = jb_phrases_config(config, (const char *const *)files, n, temp, d);
  jb_converter *c = gen ? jb_converter_new(gen, d) : NULL;
  if (gen)
    unlink(gen);
  if (temp)
    unlink(temp);
  free(temp);
  free(gen);
  for (size_t k = 0; k < n; k++)
    free(files[k]);
  return c;
}

void
jb_converter_free(jb_converter *c)
{
  if (!c)
    return;
  opencc_close(c->cc);
  free(c);
}


/* Code points that differ between a and b, aligned from the start; a length
 * difference counts too. */
static size_t
count_changed(jb_str a, jb_str b)
{
  size_t k = 0;
  while (a.n && b.n) {
    if (jb_utf8_next(&a) != jb_utf8_next(&b))
      k++;
  }
  return k + jb_utf8_count(a) + jb_utf8_count(b);
}

jb_str
jb_converter_text(jb_converter *c, jb_arena *a, jb_str s, size_t *changed)
{
  if (changed)
    *changed = 0;
  if (!s.n || !jb_str_has_han(s))
    return s;
  char *tmp = jb_xstrndup(s.p, s.n);
  char *out = opencc_convert_utf8(c->cc, tmp, s.n);
  free(tmp);
  if (!out) {
    c->failed = true;
    return s;
  }
  jb_str r = jb_str_c(out);
  if (jb_str_eq(r, s)) {
    opencc_convert_utf8_free(out);
    return s;
  }
  if (changed)
    *changed = count_changed(s, r);
  r = jb_str_make(jb_arena_strndup(a, out, r.n), r.n);
  opencc_convert_utf8_free(out);
  return r;
}

jb_variant
jb_convert_detect(size_t han, size_t changed)
{
  if (han == 0)
    return JB_VARIANT_UNKNOWN;
  if (changed >= JB_CONVERT_MIN_CHANGED &&
      changed * 1000 >= han * JB_CONVERT_MIN_PERMILLE)
    return JB_VARIANT_HANT;
  return JB_VARIANT_HANS;
}


/* Convert the text metadata of src; returns characters changed. */
static size_t
convert_meta(jb_ctx *ctx, jb_converter *c, jb_source *src)
{
  size_t total = 0, ch;
  jb_field *fields[] = {&src->meta.title, &src->meta.source};
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
    fields[i]->orig = fields[i]->value;
    fields[i]->value = jb_converter_text(c, ctx->arena, fields[i]->value, &ch);
    total += ch;
  }
  return total;
}

/* Which Han characters t2s changes, learnt once per run (from the build's
 * table, or one OpenCC call over the corpus's distinct characters):
 * detection then costs a table look-up per character, and only
 * Traditional text is converted. */
#define CM_LIMIT 0x40000u /* Han characters are all below: planes 0 to 3 */

typedef struct charmap {
  uint64_t *seen; /* a bit per code point below CM_LIMIT */
  uint64_t *trad; /* set if t2s changes the character on its own */
} charmap;

static bool
cm_bit(const uint64_t *bits, uint32_t cp)
{
  return bits && cp < CM_LIMIT && (bits[cp >> 6] >> (cp & 63)) & 1;
}

static void
cm_set(uint64_t *bits, uint32_t cp)
{
  bits[cp >> 6] |= (uint64_t)1 << (cp & 63);
}

/* Add cp; false if it was there (or cannot be Han). */
static bool
cm_add(charmap *m, uint32_t cp)
{
  if (cp >= CM_LIMIT || cm_bit(m->seen, cp))
    return false;
  if (!m->seen) {
    m->seen = jb_xcalloc(CM_LIMIT / 64, sizeof *m->seen);
    m->trad = jb_xcalloc(CM_LIMIT / 64, sizeof *m->trad);
  }
  cm_set(m->seen, cp);
  return true;
}

static bool
cm_trad(const charmap *m, uint32_t cp)
{
  return cm_bit(m->trad, cp);
}

static void
charmap_free(charmap *m)
{
  free(m->seen);
  free(m->trad);
}

static jb_str convert_batch(jb_ctx *ctx, jb_converter *c, jb_str lines);

/* What learn() finds, found once at build time for every code point from
 * T2S_FIRST to T2S_LIMIT with the OpenCC then installed (the generated
 * t2s_chars.inc: t2s_files, t2s_chars). Converting a document's
 * characters to learn it was 1.5 ms of the seeds' run. */
#include "t2s_chars.inc"

_Static_assert(T2S_LIMIT >= CM_LIMIT, "the table covers every code point a charmap holds");

/* Whether OpenCC would read t2s from the very files the table was made
 * from: none of them in the working folder (OpenCC looks there first),
 * each in its data folder with the size and time recorded. */
static bool
t2s_table_current(void)
{
  bool ok = t2s_nfiles > 0;
  for (size_t i = 0; ok && i < t2s_nfiles; i++) {
    const struct t2s_file *f = &t2s_files[i];
    char path[4096];
    struct stat st;
    ok = stat(f->name, &st) != 0 && errno == ENOENT &&
         (size_t)snprintf(path, sizeof path, "%s/%s", T2S_DIR, f->name) < sizeof path &&
         stat(path, &st) == 0 && st.st_size == f->size && st.st_mtim.tv_sec == f->sec &&
         st.st_mtim.tv_nsec == f->nsec;
  }
  return ok;
}

static int
cmp_u32(const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

int
jb_convert_t2s_known(uint32_t cp)
{
  if (!t2s_table_current() || cp < T2S_FIRST || cp >= T2S_LIMIT)
    return -1;
  return bsearch(&cp, t2s_chars, t2s_nchars, sizeof *t2s_chars, cmp_u32) != NULL;
}

/* m from the table, when it answers for t2s as the run opens it: the
 * template adds no phrases of its own and the OpenCC files are the
 * table's. (Han code points only, as learn() records.) */
static bool
learn_from_table(const jb_ctx *ctx, charmap *m)
{
  const char *user = ctx->conf ? jb_conf_str(ctx->conf, JB_CONF_CONVERT_PHRASES) : "";
  if ((user && *user) || !t2s_table_current())
    return false;
  m->trad = jb_xcalloc(CM_LIMIT / 64, sizeof *m->trad);
  for (size_t i = 0; i < t2s_nchars; i++)
    if (t2s_chars[i] < CM_LIMIT && jb_cp_is_han(t2s_chars[i]))
      cm_set(m->trad, t2s_chars[i]);
  return true;
}

static bool
learn(jb_ctx *ctx, jb_converter *c, charmap *m, const jb_doc *doc)
{
  if (learn_from_table(ctx, m))
    return true;
  jb_buf in = JB_BUF_INIT;
  for (size_t k = 0; k < doc->nsrcs; k++) {
    const jb_source *src = &doc->srcs[k];
    if (src->skipped)
      continue;
    for (size_t i = 0; i < src->nblocks; i++)
      for (size_t j = 0; j < src->blocks[i].nspans; j++)
        for (jb_str it = src->blocks[i].spans[j].text; it.n;) {
          uint32_t cp = jb_utf8_next(&it);
          if (jb_cp_is_han(cp) && cm_add(m, cp)) {
            jb_buf_put_cp(&in, cp);
            jb_buf_putc(&in, '\n');
          }
        }
  }
  if (!in.n)
    return true;
  c->failed = false;
  jb_str b = convert_batch(ctx, c, jb_buf_str(&in));
  if (c->failed) {
    jb_buf_free(&in);
    return false; /* nothing learnt: not every character is Traditional */
  }
  jb_str a = jb_buf_str(&in);
  /* Line by line: each input line is one character. */
  while (a.n) {
    uint32_t x = jb_utf8_next(&a);
    jb_utf8_next(&a); /* the newline */
    uint32_t y = 0;
    for (size_t k = 0; b.n; k++) {
      uint32_t c2 = jb_utf8_next(&b);
      if (c2 == '\n')
        break;
      y = k == 0 ? c2 : JB_UTF8_BAD; /* several characters: it changes */
    }
    if (x != y && x < CM_LIMIT)
      cm_set(m->trad, x);
  }
  jb_buf_free(&in);
  return true;
}

static void
count_block(const charmap *m, const jb_block *b, size_t *han, size_t *trad)
{
  for (size_t j = 0; j < b->nspans; j++)
    for (jb_str it = b->spans[j].text; it.n;) {
      uint32_t cp = jb_utf8_next(&it);
      if (!jb_cp_is_han(cp))
        continue;
      (*han)++;
      *trad += cm_trad(m, cp);
    }
}

/* Conversions already made in this run: scraped corpora repeat whole
 * paragraphs, and OpenCC is the slow part (about 1 MB/s). */
typedef struct memo {
  jb_hmap index;   /* text -> its entry */
  jb_str *from, *to;
  size_t n, cap;
} memo;

typedef struct memo_key {
  const memo *m;
  jb_str text;
} memo_key;

static bool
same_text(const void *ctx, uint32_t v)
{
  const memo_key *k = ctx;
  return jb_str_eq(k->m->from[v], k->text);
}

static void
memo_put(memo *m, jb_str from, jb_str to)
{
  memo_key key = {m, from};
  uint64_t h = jb_hmap_hash(jb_str_hash(from));
  uint32_t v;
  if (jb_hmap_get(&m->index, h, same_text, &key, &v))
    return;
  if (m->n == m->cap) {
    m->cap = m->cap ? m->cap * 2 : 1024;
    m->from = jb_xrealloc(m->from, m->cap * sizeof *m->from);
    m->to = jb_xrealloc(m->to, m->cap * sizeof *m->to);
  }
  m->from[m->n] = from;
  m->to[m->n] = to;
  jb_hmap_put(&m->index, h, (uint32_t)m->n++);
}

static bool
memo_get(const memo *m, jb_str from, jb_str *to)
{
  memo_key key = {m, from};
  uint32_t v;
  if (!jb_hmap_get(&m->index, jb_hmap_hash(jb_str_hash(from)), same_text, &key, &v))
    return false;
  *to = m->to[v];
  return true;
}

static void
memo_free(memo *m)
{
  jb_hmap_free(&m->index);
  free(m->from);
  free(m->to);
}

/* Texts to convert in one batch: pointers to the strings, replaced in
 * place. */
typedef struct strv {
  jb_str **p;
  size_t n, cap;
} strv;

static void
strv_push(strv *v, jb_str *s)
{
  if (s->n)
    *JB_PUSH_HEAP(v->p, v->n, v->cap) = s;
}

/* OpenCC converts about 5 MB/s (s2tw); its converters may be shared
 * between threads (OpenCC issue 231). */
typedef struct half {
  jb_converter *c;
  jb_str in;
  char *out; /* OpenCC's */
} half;

static void *
convert_half(void *arg)
{
  half *h = arg;
  char *tmp = jb_xstrndup(h->in.p, h->in.n);
  h->out = opencc_convert_utf8(h->c->cc, tmp, h->in.n);
  free(tmp);
  if (!h->out)
    h->c->failed = true; /* (a bool both halves may only set) */
  return NULL;
}

/* Bytes below which a thread costs more than it saves: OpenCC converts
 * 2-5 MB/s, a helper starts within 0.1 ms. */
#define BATCH_SPLIT 4096

/* Convert lines (each ending in a newline; no phrase spans one), the later
 * half on a second thread when the batch is BATCH_SPLIT bytes or more. */
static jb_str
convert_batch(jb_ctx *ctx, jb_converter *c, jb_str lines)
{
  const char *mid = lines.n >= BATCH_SPLIT && ctx->threads > 1
                    ? memchr(lines.p + lines.n / 2, '\n', lines.n - lines.n / 2) : NULL;
  if (!mid || (size_t)(mid + 1 - lines.p) == lines.n)
    return jb_converter_text(c, ctx->arena, lines, NULL);
  size_t cut = (size_t)(mid + 1 - lines.p);
  half h[2] = {{c, jb_str_make(lines.p, cut), NULL}, {c, jb_str_skip(lines, cut), NULL}};
  pthread_t t;
  bool threaded = jb_thread_create(&t, convert_half, &h[1]) == 0;
  convert_half(&h[0]);
  if (threaded)
    pthread_join(t, NULL);
  else
    convert_half(&h[1]);
  jb_str r = lines;
  if (h[0].out && h[1].out) {
    size_t n0 = strlen(h[0].out), n1 = strlen(h[1].out);
    char *p = jb_arena_alloc(ctx->arena, n0 + n1 + 1);
    memcpy(p, h[0].out, n0);
    memcpy(p + n0, h[1].out, n1 + 1);
    r = jb_str_make(p, n0 + n1);
  }
  opencc_convert_utf8_free(h[0].out);
  opencc_convert_utf8_free(h[1].out);
  return r;
}

/* Convert every text of v. Texts not met before go to OpenCC in one call,
 * one per line (OpenCC never converts across a line end), and come back in
 * order; a text holding a line end goes alone. Returns the characters
 * changed. */
static size_t
convert_strs(jb_ctx *ctx, jb_converter *c, memo *mm, const strv *v)
{
  jb_buf in = JB_BUF_INIT;
  memo pending = {0}; /* sent once, even if repeated */
  for (size_t i = 0; i < v->n; i++) {
    jb_str t, text = *v->p[i];
    if (memchr(text.p, '\n', text.n)) {
      if (!memo_get(mm, text, &t))
        memo_put(mm, text, jb_converter_text(c, ctx->arena, text, NULL));
    } else if (!memo_get(mm, text, &t) && !memo_get(&pending, text, &t)) {
      jb_buf_put_str(&in, text);
      jb_buf_putc(&in, '\n');
      memo_put(&pending, text, text);
    }
  }
  memo_free(&pending);
  jb_str out = in.n ? convert_batch(ctx, c, jb_buf_str(&in)) : jb_str_make(NULL, 0);
  if (out.p == in.p) /* unchanged text comes back as the input buffer */
    out = jb_str_make(jb_arena_strndup(ctx->arena, in.p, in.n), in.n);
  size_t total = 0;
  for (size_t i = 0; i < v->n; i++) {
    jb_str t, *text = v->p[i];
    if (!memo_get(mm, *text, &t)) {
      const char *nl = memchr(out.p, '\n', out.n);
      size_t len = nl ? (size_t)(nl - out.p) : out.n;
      t = jb_str_make(out.p, len);
      out = jb_str_skip(out, nl ? len + 1 : len);
      memo_put(mm, *text, t);
    }
    if (!jb_str_eq(t, *text)) {
      total += count_changed(*text, t);
      *text = t;
    }
  }
  jb_buf_free(&in);
  return total;
}

/* Convert the spans of blocks[0..n) (those with want[i], or all if want
 * is NULL). Returns the characters changed. */
static size_t
convert_blocks(jb_ctx *ctx, jb_converter *c, memo *mm, jb_block *blocks, size_t n,
               const bool *want)
{
  strv v = {NULL, 0, 0};
  for (size_t i = 0; i < n; i++)
    if (!want || want[i])
      for (size_t j = 0; j < blocks[i].nspans; j++) {
        /* the source's own text stays for the zh-Hant edition */
        blocks[i].spans[j].orig = blocks[i].spans[j].text;
        strv_push(&v, &blocks[i].spans[j].text);
      }
  size_t total = convert_strs(ctx, c, mm, &v);
  free(v.p);
  return total;
}

/* The Simplified configurations, by standard; loaded when first needed. */
static const char *const std_config[] = {
    [JB_STANDARD_NONE] = JB_CONVERT_TO_HANS, [JB_STANDARD_GENERIC] = JB_CONVERT_TO_HANS,
    [JB_STANDARD_TW] = "tw2s.json", [JB_STANDARD_HK] = "hk2s.json"};

/* Character forms one region's standard writes and the other's does not
 * (Taiwan 裡 麵, Hong Kong 裏 説 衞 綫), and words and places only one
 * region writes so (a mainland text in Traditional script writes 網絡 and
 * 軟件 too: no evidence). */
static const char *const tw_forms[] = {"裡", "汙", "洩", "嫻", "麵", NULL};
static const char *const hk_forms[] = {"裏", "綫", "衞", "説", "啓", "閲", "鋭", "脱",
                                       "税", "兑", "户", "温", NULL};
static const char *const tw_words[] = {"網路", "軟體", "硬體", "臺灣", "台灣", "臺北", "台北",
                                       "高雄", "新北", "臺中", "台中", "臺南", "台南", "立法院",
                                       "行政院", NULL};
static const char *const hk_words[] = {"香港", "九龍", "新界", "港府", "特首", "立法會",
                                       "港元", NULL};

/* The characters tw2s or hk2s convert unlike t2s (著 -> 着 in 隨著, 衞 ->
 * 卫): in OpenCC 1.1.6, from TWVariantsRev and HKVariantsRev with their
 * phrase lists. test_convert.c checks them against the installed OpenCC
 * over the whole CJK block. Only the text around them can convert
 * differently. */
const char jb_convert_regional_chars[] = "么抬潀痺睪簷著顎鯰敍枱粧糭衞衹";
static uint32_t regional[32];
static size_t nregional;

/* The first characters of every entry, sorted: most characters start
 * none, and are passed after one search. */
static uint32_t region_first[64];
static size_t nregion_first;
static pthread_once_t region_once = PTHREAD_ONCE_INIT;

static int
cmp_cp(const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* A filter in front of both searches: bit cp % 4096 is set for every
 * character either list holds, so most characters cost one test. */
static uint64_t region_filter[64];
#define MAY_BE_REGIONAL(cp) ((region_filter[((cp) >> 6) & 63] >> ((cp) & 63)) & 1)

static void
region_firsts(void)
{
  for (jb_str it = jb_str_c(jb_convert_regional_chars); it.n;)
    regional[nregional++] = jb_utf8_next(&it);
  qsort(regional, nregional, sizeof *regional, cmp_cp);
  const char *const *lists[] = {tw_forms, hk_forms, tw_words, hk_words};
  for (int k = 0; k < 4; k++)
    for (int i = 0; lists[k][i]; i++) {
      jb_str w = jb_str_c(lists[k][i]);
      uint32_t cp = jb_utf8_next(&w);
      if (nregion_first < sizeof region_first / sizeof region_first[0] &&
          !bsearch(&cp, region_first, nregion_first, sizeof cp, cmp_cp)) {
        region_first[nregion_first++] = cp;
        qsort(region_first, nregion_first, sizeof cp, cmp_cp);
      }
    }
  for (size_t k = 0; k < nregional; k++)
    region_filter[(regional[k] >> 6) & 63] |= 1ull << (regional[k] & 63);
  for (size_t k = 0; k < nregion_first; k++)
    region_filter[(region_first[k] >> 6) & 63] |= 1ull << (region_first[k] & 63);
}

void
jb_convert_region_words(jb_str text, jb_region_count *c)
{
  pthread_once(&region_once, region_firsts);
  memset(c, 0, sizeof *c);
  const char *const *lists[] = {tw_forms, hk_forms, tw_words, hk_words};
  size_t *counts[] = {&c->tw_forms, &c->hk_forms, &c->tw_words, &c->hk_words};
  for (jb_str it = text; it.n;) {
    jb_str at = it;
    uint32_t cp = jb_utf8_next(&it);
    if (!MAY_BE_REGIONAL(cp) || !bsearch(&cp, region_first, nregion_first, sizeof cp, cmp_cp))
      continue;
    size_t n = 0;
    for (int k = 0; k < 4 && !n; k++)
      if ((n = jb_str_starts_any(at, lists[k])))
        (*counts[k])++;
    if (n)
      it = jb_str_skip(at, n);
  }
}

jb_standard
jb_convert_standard(const jb_region_count *c)
{
  /* What the regional configurations convert differently decides; then
   * the character forms; words and the address name the region when the
   * text has neither. */
  if (c->tw_changes != c->hk_changes)
    return c->tw_changes > c->hk_changes ? JB_STANDARD_TW : JB_STANDARD_HK;
  if (c->tw_forms != c->hk_forms)
    return c->tw_forms > c->hk_forms ? JB_STANDARD_TW : JB_STANDARD_HK;
  /* (a mainland story names Hong Kong once: that is no region) */
  if (c->tw_words >= c->hk_words + WORDS_MIN_LEAD)
    return JB_STANDARD_TW;
  if (c->hk_words >= c->tw_words + WORDS_MIN_LEAD)
    return JB_STANDARD_HK;
  return JB_STANDARD_GENERIC;
}

/* The converters of one run, by standard. */
typedef struct convset {
  jb_converter *conv[JB_STANDARD_HK + 1];
  memo memos[JB_STANDARD_HK + 1];
  const char *forced; /* convert.config, NULL for auto */
  bool failed;
} convset;

static jb_converter *
conv_get(jb_ctx *ctx, convset *cs, jb_standard st)
{
  if (st == JB_STANDARD_NONE)
    st = JB_STANDARD_GENERIC;
  if (!cs->conv[st] && !cs->failed) {
    cs->conv[st] = open_with_phrases(ctx->conf, std_config[st], false, &ctx->diags);
    cs->failed = !cs->conv[st];
  }
  return cs->conv[st];
}

#define WINDOW_CP 4     /* characters on each side of a regional form */
#define WINDOWS_MAX 32  /* of them read per document */

/* The evidence of a Traditional document's standard that needs no
 * conversion (forms, words, address) into rc; and the text around each
 * character tw2s or hk2s converts unlike t2s (著 in 隨著 but not in 著名:
 * phrases decide), a line each, onto windows. Returns the lines added. */
static size_t
gather(const jb_source *src, jb_region_count *rc, jb_buf *windows)
{
  size_t nwin = 0;
  for (size_t i = 0; i < src->nblocks; i++)
    for (size_t j = 0; j < src->blocks[i].nspans; j++) {
      jb_str text = src->blocks[i].spans[j].text;
      jb_region_count one;
      jb_convert_region_words(text, &one);
      rc->tw_forms += one.tw_forms;
      rc->hk_forms += one.hk_forms;
      rc->tw_words += one.tw_words;
      rc->hk_words += one.hk_words;
      /* where the last characters start, for a window's start */
      const char *back[WINDOW_CP + 1] = {0};
      size_t seen = 0;
      for (jb_str it = text; it.n && nwin < WINDOWS_MAX;) {
        const char *at = it.p;
        uint32_t cp = jb_utf8_next(&it);
        back[seen++ % (WINDOW_CP + 1)] = at;
        if (!MAY_BE_REGIONAL(cp) || !bsearch(&cp, regional, nregional, sizeof cp, cmp_cp))
          continue;
        const char *from = seen > WINDOW_CP ? back[seen % (WINDOW_CP + 1)] : text.p;
        jb_str after = it;
        for (int k = 0; k < WINDOW_CP && after.n; k++)
          jb_utf8_next(&after);
        for (const char *q = from; q < after.p; q++)
          jb_buf_putc(windows, *q == '\n' ? ' ' : *q);
        jb_buf_putc(windows, '\n');
        nwin++;
      }
    }
  jb_str host = src->meta.url.value;
  if (jb_str_starts(host, "http")) {
    long at = jb_str_find(host, "://");
    host = jb_str_skip(host, at >= 0 ? (size_t)at + 3 : 0);
    long slash = jb_str_find(host, "/");
    if (slash >= 0)
      host = jb_str_sub(host, 0, (size_t)slash);
    rc->tw_words += jb_str_ends(host, ".tw") * HOST_WEIGHT;
    rc->hk_words += jb_str_ends(host, ".hk") * HOST_WEIGHT;
  }
  return nwin;
}

/* The next line of *s (without its end). */
static jb_str
next_line(jb_str *s)
{
  const char *nl = memchr(s->p, '\n', s->n);
  jb_str l = jb_str_make(s->p, nl ? (size_t)(nl - s->p) : s->n);
  *s = jb_str_skip(*s, l.n + (nl != NULL));
  return l;
}

/* Every Traditional document's standard, its windows converted with the
 * three configurations in one call each. */
static void
decide_standards(jb_ctx *ctx, convset *cs, jb_doc *doc)
{
  jb_region_count *rc = jb_xcalloc(doc->nsrcs + 1, sizeof *rc);
  size_t *lines = jb_xcalloc(doc->nsrcs + 1, sizeof *lines);
  jb_buf windows = JB_BUF_INIT;
  for (size_t k = 0; k < doc->nsrcs; k++)
    if (!doc->srcs[k].skipped && doc->srcs[k].variant == JB_VARIANT_HANT)
      lines[k] = gather(&doc->srcs[k], &rc[k], &windows);
  if (windows.n) {
    jb_arena *a = jb_arena_new();
    jb_str w = jb_buf_str(&windows);
    jb_converter *tw = conv_get(ctx, cs, JB_STANDARD_TW), *hk = conv_get(ctx, cs, JB_STANDARD_HK);
    jb_str base = jb_converter_text(conv_get(ctx, cs, JB_STANDARD_GENERIC), a, w, NULL);
    jb_str t = tw ? jb_converter_text(tw, a, w, NULL) : base;
    jb_str h = hk ? jb_converter_text(hk, a, w, NULL) : base;
    for (size_t k = 0; k < doc->nsrcs; k++)
      for (size_t l = 0; l < lines[k]; l++) {
        jb_str b = next_line(&base);
        rc[k].tw_changes += count_changed(b, next_line(&t));
        rc[k].hk_changes += count_changed(b, next_line(&h));
      }
    jb_arena_free(a);
  }
  jb_buf_free(&windows);
  for (size_t k = 0; k < doc->nsrcs; k++) {
    jb_source *src = &doc->srcs[k];
    if (src->skipped || src->variant != JB_VARIANT_HANT)
      continue;
    src->standard = jb_convert_standard(&rc[k]);
    src->evidence = jb_arena_printf(ctx->arena,
                                    "characters tw2s and hk2s convert unlike t2s: %zu, %zu; "
                                    "Taiwan and Hong Kong forms: %zu, %zu; words: %zu, %zu",
                                    rc[k].tw_changes, rc[k].hk_changes, rc[k].tw_forms,
                                    rc[k].hk_forms, rc[k].tw_words, rc[k].hk_words);
  }
  free(rc);
  free(lines);
}

/* A document's variant, from the characters t2s changes. */
static void
variant_of(const charmap *m, jb_source *src)
{
  size_t han = 0, trad = 0;
  for (size_t i = 0; i < src->nblocks; i++)
    count_block(m, &src->blocks[i], &han, &trad);
  src->han_chars = han;
  src->variant = jb_convert_detect(han, trad);
  src->trad_chars = trad;
}

/* OpenCC returned nothing for some of src's text: the document is an
 * error (its text would stay Traditional), and what the memo kept of that
 * batch is forgotten so that no other document takes it. */
static void
conversion_failed(jb_ctx *ctx, convset *cs, jb_converter *c, jb_standard st, jb_source *src)
{
  if (!c->failed)
    return;
  jb_pos pos = {src->path, 0, 0, 0};
  jb_diag(&ctx->diags, JB_D_CONVERT, pos, "%s: %s", std_config[st], opencc_error());
  src->skipped = true;
  memo_free(&cs->memos[st]);
  memset(&cs->memos[st], 0, sizeof cs->memos[st]);
  c->failed = false;
}

/* Convert what is Traditional in src: the whole document with its
 * standard's configuration, or, in a Simplified one, its own Traditional
 * paragraphs (a quoted Taiwan statement) with t2s. */
static void
convert_source(jb_ctx *ctx, convset *cs, const charmap *m, jb_source *src)
{
  if (src->variant == JB_VARIANT_HANT) {
    jb_standard st = src->standard ? src->standard : JB_STANDARD_GENERIC;
    if (cs->forced) {
      for (int k = JB_STANDARD_GENERIC; k <= JB_STANDARD_HK; k++)
        if (!strcmp(cs->forced, std_config[k]))
          st = (jb_standard)k;
      src->evidence = "convert.config in the template";
    }
    jb_converter *c = conv_get(ctx, cs, st);
    if (!c)
      return;
    src->standard = st;
    src->opencc = std_config[st];
    jb_pos pos = {src->path, 0, 0, 0};
    jb_diag(&ctx->diags, JB_D_NOTE_TRAD, pos, "%zu of %zu Han characters "
            "change under %s; %s standard, converted with %s", src->trad_chars, src->han_chars,
            JB_CONVERT_TO_HANS,
            jb_standard_name(st), src->opencc);
    c->failed = false;
    src->converted += convert_blocks(ctx, c, &cs->memos[st], src->blocks, src->nblocks, NULL);
    src->converted += convert_meta(ctx, c, src);
    conversion_failed(ctx, cs, c, st, src);
    return;
  }
  bool *want = jb_xcalloc(src->nblocks + 1, sizeof *want);
  for (size_t i = 0; i < src->nblocks; i++) {
    size_t bh = 0, bt = 0;
    count_block(m, &src->blocks[i], &bh, &bt);
    if (jb_convert_detect(bh, bt) != JB_VARIANT_HANT)
      continue;
    jb_diag(&ctx->diags, JB_D_NOTE_TRAD, src->blocks[i].pos, "paragraph in "
            "Traditional script in a Simplified document");
    want[i] = true;
    src->mixed++;
  }
  jb_converter *c = src->mixed ? conv_get(ctx, cs, JB_STANDARD_GENERIC) : NULL;
  if (c) {
    c->failed = false;
    src->converted += convert_blocks(ctx, c, &cs->memos[JB_STANDARD_GENERIC], src->blocks,
                                     src->nblocks, want);
    conversion_failed(ctx, cs, c, JB_STANDARD_GENERIC, src);
  }
  free(want);
}

/* t2s, then the edition's config, loaded one after the other on a thread
 * of their own: OpenCC keeps its last error in one global string, so two
 * loads failing at once (its data missing) would race. */
#define NPRELOAD 2
struct jb_preload {
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int n;                          /* configs to load */
  const jb_conf *conf;            /* the phrase files to join them */
  const char *config[NPRELOAD];
  jb_converter *conv[NPRELOAD];
  bool done[NPRELOAD];
  bool taken[NPRELOAD];
  jb_diags diags[NPRELOAD];       /* the thread's, taken by the run's */
};

static void *
preload_run(void *arg)
{
  struct jb_preload *p = arg;
  for (int i = 0; i < p->n; i++) {
    /* slot 1 is the edition's */
    jb_converter *c = open_with_phrases(p->conf, p->config[i], i == 1, &p->diags[i]);
    pthread_mutex_lock(&p->mu);
    p->conv[i] = c;
    p->done[i] = true;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
  }
  return NULL;
}

void
jb_convert_preload(jb_ctx *ctx)
{
  if (ctx->threads < 2 || ctx->preload)
    return;
  struct jb_preload *p = jb_xcalloc(1, sizeof *p);
  p->conf = ctx->conf;
  p->config[p->n++] = JB_CONVERT_TO_HANS;
  /* The edition's dictionaries (s2tw: 17 ms) load while the master is made. */
  if (ctx->edition == JB_VARIANT_HANT)
    p->config[p->n++] = jb_conf_str(ctx->conf, JB_CONF_EDITION_CONFIG);
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->cv, NULL);
  if (jb_thread_create(&p->thread, preload_run, p) != 0) {
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p);
    return;
  }
  ctx->preload = p;
}

/* The converter for config: the preloaded one of slot, once loaded, its
 * diagnostics joining the run's; or else one loaded now. */
static jb_converter *
converter_take(jb_ctx *ctx, int slot, const char *config)
{
  struct jb_preload *p = ctx->preload;
  if (!p || slot >= p->n || p->taken[slot])
    return open_with_phrases(ctx->conf, config, slot == 1, &ctx->diags);
  pthread_mutex_lock(&p->mu);
  while (!p->done[slot])
    pthread_cond_wait(&p->cv, &p->mu);
  jb_converter *c = p->conv[slot];
  p->conv[slot] = NULL;
  p->taken[slot] = true;
  pthread_mutex_unlock(&p->mu);
  jb_diags_take(&ctx->diags, &p->diags[slot]);
  return c;
}

void
jb_convert_preload_end(jb_ctx *ctx)
{
  struct jb_preload *p = ctx->preload;
  if (!p)
    return;
  pthread_join(p->thread, NULL);
  for (int i = 0; i < p->n; i++) {
    jb_diags_free(&p->diags[i]);
    jb_converter_free(p->conv[i]);
  }
  pthread_mutex_destroy(&p->mu);
  pthread_cond_destroy(&p->cv);
  free(p);
  ctx->preload = NULL;
}

int
jb_convert_run(jb_ctx *ctx, jb_doc *doc)
{
  convset cs = {0};
  cs.conv[JB_STANDARD_GENERIC] = converter_take(ctx, 0, JB_CONVERT_TO_HANS);
  if (!cs.conv[JB_STANDARD_GENERIC])
    return -1;
  const char *forced = ctx->conf ? jb_conf_str(ctx->conf, JB_CONF_CONVERT_CONFIG) : "auto";
  cs.forced = strcmp(forced, "auto") ? forced : NULL;
  /* Detection reads the kept text only: page debris may be in another
   * script than the article. */
  charmap m = {0};
  if (!learn(ctx, cs.conv[JB_STANDARD_GENERIC], &m, doc)) {
    jb_pos pos = {JB_CONVERT_TO_HANS, 0, 0, 0};
    jb_diag(&ctx->diags, JB_D_OPENCC, pos, "cannot convert: %s", opencc_error());
    charmap_free(&m);
    jb_converter_free(cs.conv[JB_STANDARD_GENERIC]);
    return -1;
  }
  bool trad = false;
  for (size_t k = 0; k < doc->nsrcs; k++)
    if (!doc->srcs[k].skipped) {
      variant_of(&m, &doc->srcs[k]);
      trad |= doc->srcs[k].variant == JB_VARIANT_HANT;
    }
  if (trad && !cs.forced)
    decide_standards(ctx, &cs, doc);
  for (size_t k = 0; k < doc->nsrcs && !cs.failed; k++)
    if (!doc->srcs[k].skipped)
      convert_source(ctx, &cs, &m, &doc->srcs[k]);
  charmap_free(&m);
  for (int st = JB_STANDARD_GENERIC; st <= JB_STANDARD_HK; st++) {
    memo_free(&cs.memos[st]);
    jb_converter_free(cs.conv[st]);
  }
  return cs.failed ? -1 : 0;
}

/* Curly quotes in Chinese text as corner brackets: “” -> 「」, ‘’ -> 『』.
 * Text without Han is left alone, and so is an apostrophe between letters
 * (China’s). */
static jb_str
corner_quotes(jb_ctx *ctx, jb_str t)
{
  if (!jb_str_has_han(t) || (jb_str_find(t, "\xE2\x80\x9C") < 0 && jb_str_find(t, "\xE2\x80\x9D") < 0 &&
                      jb_str_find(t, "\xE2\x80\x98") < 0 && jb_str_find(t, "\xE2\x80\x99") < 0 &&
                      jb_str_find(t, "\"") < 0))
    return t;
  /* Straight quotes that pair up in Chinese text are quotes too. */
  jb_buf curled = JB_BUF_INIT;
  jb_buf_put_curled(&curled, t, 0, 0);
  jb_buf b = JB_BUF_INIT;
  uint32_t prev = 0;
  for (jb_str it = jb_buf_str(&curled); it.n;) {
    uint32_t cp = jb_utf8_next(&it);
    jb_str ahead = it;
    uint32_t next = it.n ? jb_utf8_next(&ahead) : 0;
    uint32_t out = cp;
    if (cp == 0x201C)
      out = 0x300C;
    else if (cp == 0x201D)
      out = 0x300D;
    else if (cp == 0x2018)
      out = 0x300E;
    else if (cp == 0x2019 && !(jb_cp_is_alnum(prev) && jb_cp_is_alnum(next)))
      out = 0x300F;
    jb_buf_put_cp(&b, out);
    prev = cp;
  }
  jb_str r = jb_str_make(jb_arena_strndup(ctx->arena, b.p, b.n), b.n);
  jb_buf_free(&b);
  jb_buf_free(&curled);
  return r;
}

static bool
has_orig(const jb_block *b)
{
  for (size_t k = 0; k < b->nspans; k++)
    if (b->spans[k].orig.n)
      return true;
  return false;
}

/* A paragraph kept from a Simplified source whose duplicate in a
 * Traditional source was merged into it takes that source's own text for
 * the zh-Hant edition (its citation marks stay its own). The first such
 * source in input order gives it. */
static void
twin_originals(jb_ctx *ctx, jb_doc *doc)
{
  for (size_t s = 0; s < doc->nsrcs; s++)
    for (size_t i = 0; i < doc->srcs[s].nblocks; i++) {
      const jb_block *d = &doc->srcs[s].blocks[i];
      jb_block *kept = (jb_block *)d->dup_of;
      if (!(d->flags & JB_BLOCK_DROPPED) || !kept || !has_orig(d) || has_orig(kept) ||
          kept->kind != d->kind)
        continue;
      jb_span *old = kept->spans;
      size_t n = kept->nspans;
      kept->spans = NULL;
      kept->nspans = kept->capspans = 0;
      for (size_t k = 0; k < d->nspans; k++) {
        jb_span *sp = jb_block_add_span(ctx, kept, d->spans[k].text, d->spans[k].flags);
        sp->orig = d->spans[k].orig;
        sp->url = d->spans[k].url;
        sp->target = d->spans[k].target;
      }
      for (size_t k = 0; k < n; k++)
        if (old[k].flags & JB_SPAN_CITE)
          *jb_block_add_span(ctx, kept, old[k].text, old[k].flags) = old[k];
    }
}

int
jb_convert_edition(jb_ctx *ctx, jb_doc *doc)
{
  if (ctx->edition != JB_VARIANT_HANT)
    return 0;
  jb_converter *c = converter_take(ctx, 1, jb_conf_str(ctx->conf, JB_CONF_EDITION_CONFIG));
  if (!c)
    return -1;
  /* Everything the reader sees passes through the briefing: its frame
   * (labels from the template too, so a Simplified template still gives a
   * consistent edition), chapter titles and the blocks in them. URLs are
   * addresses, and the other-form cells keep the master's form. */
  strv v = {NULL, 0, 0};
  jb_brief *br = &doc->brief;
  jb_str *frame[] = {&br->title, &br->subtitle, &br->org, &br->count, &br->toc_title,
                     &br->date_label, &br->keywords};
  for (size_t i = 0; i < sizeof frame / sizeof frame[0]; i++)
    strv_push(&v, frame[i]);
  twin_originals(ctx, doc);
  for (size_t i = 0; i < br->nchapters; i++) {
    jb_chapter *ch = &br->chapters[i];
    strv_push(&v, &ch->label);
    /* A Traditional source's own title, as it printed it. */
    if (ch->src && ch->src->meta.title.orig.n && jb_str_eq(ch->title, ch->src->meta.title.value))
      ch->title = ch->src->meta.title.orig;
    else
      strv_push(&v, &ch->title);
    for (size_t j = 0; j < ch->nblocks; j++)
      for (size_t k = 0; k < ch->blocks[j]->nspans; k++) {
        jb_span *sp = &ch->blocks[j]->spans[k];
        if (sp->orig.n)
          sp->text = sp->orig; /* no round trip through Simplified */
        else if (!(sp->flags & (JB_SPAN_URL | JB_SPAN_OTHER_FORM)))
          strv_push(&v, &sp->text);
      }
  }
  memo mm = {0};
  convert_strs(ctx, c, &mm, &v);
  memo_free(&mm);
  if (!strcmp(jb_conf_str(ctx->conf, JB_CONF_EDITION_QUOTES), "corner"))
    for (size_t i = 0; i < v.n; i++)
      *v.p[i] = corner_quotes(ctx, *v.p[i]);
  free(v.p);
  jb_converter_free(c);

  for (size_t i = 0; i < br->nchapters; i++)
    for (size_t j = 0; j < br->chapters[i].nblocks; j++) {
      jb_block *b = br->chapters[i].blocks[j];
      for (size_t k = 1; k < b->nspans; k++)
        if ((b->spans[k].flags & JB_SPAN_OTHER_FORM) && jb_str_eq(b->spans[k].text, b->spans[0].text))
          b->spans[k].text = JB_STR_LIT("—");
    }
  return 0;
}
