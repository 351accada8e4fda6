/* glossary.c - the glossary stage (SPEC §5): key terms with CC-CEDICT
 * entries, ranked against general text. The dictionary and segmentation
 * are lexicon.c's, pinyin formatting pinyin.c's. */
#include "glossary.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "conf.h"
#include "hmap.h"
#include "par.h"
#include "pinyin.h"
#include "utf8.h"

#define GLOSSES 2           /* English glosses shown per term */
#define FREQ_SMOOTH 10.0    /* added to a general-text frequency */

/* A gloss worth showing: not a classifier note or a cross-reference. */
static bool
useful_gloss(jb_str g)
{
  return g.n && !jb_str_starts(g, "CL:") && !jb_str_starts(g, "variant of") &&
         !jb_str_starts(g, "old variant") && !jb_str_starts(g, "see ") &&
         !jb_str_starts(g, "used in") && !jb_str_starts(g, "surname ");
}

/* Function words and generic verbs that a dictionary lists as words but a
 * reader does not look up. */
static const char *const stop_words[] = {
    "我们", "他们", "它们", "这些", "那些", "这个", "一个", "以及", "可以", "进行",
    "已经", "没有", "通过", "其中", "同时", "以来", "之间", "方面", "问题", "情况",
    "不断", "共同", "相关", "重要", "主要", "提出", "表示", "认为", "指出", "成为",
    "需要", "能够", "各国", "国家", "其他", "包括", "如何", "为了", "由于", "因此",
    "但是", "而且", "并且", "或者", "如果", "这样", "一些", "所有", "自身", "有效",
    "发展", "加强", "推动", "促进", "建立", "开展", "实现", "提升", "维护", "应对", NULL};

typedef struct tally {
  jb_ctx *ctx;
  jb_doc *doc;
  const jb_lexicon *lx;
  uint32_t src;
  jb_str text;      /* the span being segmented */
  jb_hmap words;    /* word -> its term's index */
  size_t total;     /* words counted */
} tally;

typedef struct word_key {
  const jb_doc *doc;
  jb_str w;
} word_key;

static bool
same_word(const void *ctx, uint32_t v)
{
  const word_key *k = ctx;
  return jb_str_eq(k->doc->terms[v].simp, k->w);
}

/* The word w of text starts inside a number or a date: right after a
 * digit (2020年中 -> 年中), or at a date's unit after a Chinese numeral
 * (三月二日电 -> 日电). Such a split is the segmenter's, not the text's. */
static bool
crosses_number(jb_str text, jb_str w)
{
  if (w.p <= text.p)
    return false;
  uint32_t prev = jb_utf8_last(jb_str_make(text.p, (size_t)(w.p - text.p)), NULL);
  if ((prev >= '0' && prev <= '9') || (prev >= 0xFF10 && prev <= 0xFF19))
    return true;
  static const char *const units[] = {"年", "月", "日", "号", "時", "时", "点", "點", "分", "秒",
                                      NULL};
  return jb_str_starts_any(w, units) && jb_cp_is_cn_numeral(prev);
}

static void
count_word(void *ud, jb_str w)
{
  tally *t = ud;
  t->total++;
  /* (the table grows: every word of a large corpus counts) */
  uint64_t h = jb_hmap_hash(jb_str_hash(w));
  word_key key = {t->doc, w};
  uint32_t v;
  if (!jb_hmap_get(&t->words, h, same_word, &key, &v)) {
    jb_term *term = JB_PUSH(t->ctx->arena, t->doc->terms, t->doc->nterms, t->doc->capterms);
    term->simp = w;
    v = (uint32_t)(t->doc->nterms - 1);
    jb_hmap_put(&t->words, h, v);
  }
  jb_term *term = &t->doc->terms[v];
  term->count++;
  term->crossing += crosses_number(t->text, w);
  if (!term->nsrcs || term->srcs[term->nsrcs - 1] != t->src)
    *JB_PUSH(t->ctx->arena, term->srcs, term->nsrcs, term->capsrcs) = t->src;
}

/* CC-CEDICT capitalises these though they name no one thing: the Internet
 * is written hùliánwǎng. */
static const char *const generic_capitals[] = {"Internet", "the Internet", "World Wide Web",
                                               "Web", NULL};

/* Where the words of headword w start, as Hanyu Pinyin joins them: its
 * longest dictionary word shorter than itself (two characters or more),
 * then the rest the same way; a lone character joins the word before. */
static void
word_starts(const jb_lexicon *lx, jb_str w, bool *start, size_t n)
{
  size_t off[JB_PINYIN_MAX_SYLLABLES + 1], k = 0;
  for (jb_str it = w; it.n && k < JB_PINYIN_MAX_SYLLABLES;) {
    off[k++] = (size_t)(it.p - w.p);
    jb_utf8_next(&it);
  }
  off[k] = w.n;
  for (size_t i = 0; i < n; i++)
    start[i] = false;
  for (size_t i = 0; i < k;) {
    start[i] = true;
    size_t len = k - i;
    /* (the whole headword is a word of its own: look inside it) */
    if (i == 0)
      len = k - 1;
    while (len >= 2 && !jb_lexicon_lookup(lx, jb_str_make(w.p + off[i], off[i + len] - off[i]),
                                          NULL))
      len--;
    if (len < 2)
      len = 1;
    if (i + len == k - 1)
      len++; /* a lone last character stays with its word */
    i += len;
  }
  /* a single syllable between words belongs to the word before it */
  for (size_t i = 1; i < k; i++)
    if (start[i] && (i + 1 == k || start[i + 1]) && !start[i - 1])
      start[i] = false;
}

jb_str
jb_glossary_orthography(jb_arena *a, const jb_lexicon *lx, const jb_lex_entry *e)
{
  bool start[JB_PINYIN_MAX_SYLLABLES] = {false};
  size_t n = jb_pinyin_count(e->pinyin);
  bool caps = false;
  for (size_t i = 0; i < n; i++)
    caps |= jb_pinyin_capital(e->pinyin, i);
  jb_str first = e->glosses;
  while (first.n && first.p[0] == '/')
    first = jb_str_skip(first, 1);
  long sl = jb_str_find(first, "/");
  if (sl >= 0)
    first = jb_str_sub(first, 0, (size_t)sl);
  bool proper = caps && !jb_str_eq_any(first, generic_capitals);
  /* a pair of names shortened (中美 China-USA): Zhōng-Měi */
  bool pair = false;
  long dash = jb_str_find(first, "-");
  if (proper && dash > 0 && (size_t)dash + 1 < first.n && first.p[0] >= 'A' && first.p[0] <= 'Z' &&
      first.p[dash + 1] >= 'A' && first.p[dash + 1] <= 'Z' && jb_str_find(first, " ") < 0)
    pair = true;
  if (proper) {
    /* a proper noun: CC-CEDICT capitalises each of its words */
    for (size_t i = 0; i < n; i++)
      start[i] = jb_pinyin_capital(e->pinyin, i);
  } else if (n >= 4 && jb_utf8_count(e->simp) == n) {
    word_starts(lx, e->simp, start, n);
  }
  return jb_pinyin_orthography(a, e->pinyin, start, proper, pair);
}

static int
by_score(const void *a, const void *b)
{
  const jb_term *x = a, *y = b;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return x->simp.n != y->simp.n ? (x->simp.n > y->simp.n ? -1 : 1)
                                : memcmp(x->simp.p, y->simp.p, x->simp.n);
}

/* Alphabetical by the numbered pinyin (plain ASCII), then by the word. */
static int
by_pinyin(const void *a, const void *b)
{
  const jb_term *x = a, *y = b;
  size_t n = x->sortkey.n < y->sortkey.n ? x->sortkey.n : y->sortkey.n;
  int c = strncasecmp(x->sortkey.p, y->sortkey.p, n);
  if (c)
    return c;
  if (x->sortkey.n != y->sortkey.n)
    return x->sortkey.n < y->sortkey.n ? -1 : 1;
  c = memcmp(x->simp.p, y->simp.p, x->simp.n < y->simp.n ? x->simp.n : y->simp.n);
  return c ? c : (x->simp.n < y->simp.n ? -1 : x->simp.n > y->simp.n);
}

/* A gloss with its cross-references in the edition's script only:
 * "麵包車|面包车[mian4 bao1 che1]" becomes "面包车"; "X[pin1]" becomes "X". */
static void
put_gloss(jb_buf *b, jb_str g)
{
  size_t han = SIZE_MAX; /* where the current run of Han began in b */
  for (size_t i = 0; i < g.n; i++) {
    unsigned char c = (unsigned char)g.p[i];
    if (c == '|' && han != SIZE_MAX) {
      b->n = han; /* drop the Traditional form */
      continue;
    }
    if (c == '[' && han != SIZE_MAX) {
      const char *e = memchr(g.p + i, ']', g.n - i);
      if (e) {
        i = (size_t)(e - g.p);
        han = SIZE_MAX;
        continue;
      }
    }
    if (c >= 0x80 && han == SIZE_MAX)
      han = b->n;
    else if (c < 0x80)
      han = SIZE_MAX;
    jb_buf_putc(b, (char)c);
  }
}

/* The first useful glosses of an entry, "; " between. */
static jb_str
glosses_of(jb_arena *a, jb_str all)
{
  jb_buf b = JB_BUF_INIT;
  size_t shown = 0;
  for (jb_str rest = all; rest.n && shown < GLOSSES;) {
    if (rest.p[0] == '/') {
      rest = jb_str_skip(rest, 1);
      continue;
    }
    long sl = jb_str_find(rest, "/");
    jb_str g = jb_str_trim(jb_str_sub(rest, 0, sl < 0 ? rest.n : (size_t)sl));
    rest = jb_str_skip(rest, sl < 0 ? rest.n : (size_t)sl);
    if (!useful_gloss(g))
      continue;
    if (shown++)
      jb_buf_puts(&b, "; ");
    put_gloss(&b, g);
  }
  jb_str out = jb_str_make(jb_arena_strndup(a, b.p ? b.p : "", b.n), b.n);
  jb_buf_free(&b);
  return out;
}

/* The words of every span of the sources not skipped, in document order,
 * as segmented beside dedup (which only marks blocks): the tally then
 * reads the kept blocks' words, the calls count_word would have had. */
typedef struct segword {
  uint32_t off, len; /* in its span's text */
} segword;

typedef struct segmented {
  bool *done;        /* per source: its spans are here */
  uint32_t *nwords;  /* per span */
  size_t nspans, capspans;
  segword *w;
  size_t nw, capw;
  jb_str text;       /* the span being segmented */
} segmented;

static void
keep_word(void *ud, jb_str w)
{
  segmented *sg = ud;
  segword *x = JB_PUSH_HEAP(sg->w, sg->nw, sg->capw);
  x->off = (uint32_t)(w.p - sg->text.p);
  x->len = (uint32_t)w.n;
  sg->nwords[sg->nspans - 1]++;
}

static void
segment_all(segmented *sg, const jb_doc *doc, const jb_lexicon *lx)
{
  sg->done = jb_xcalloc(doc->nsrcs + 1, sizeof *sg->done);
  for (size_t k = 0; k < doc->nsrcs; k++) {
    const jb_source *s = &doc->srcs[k];
    if (s->skipped)
      continue;
    sg->done[k] = true;
    for (size_t i = 0; i < s->nblocks; i++)
      for (size_t j = 0; j < s->blocks[i].nspans; j++) {
        *JB_PUSH_HEAP(sg->nwords, sg->nspans, sg->capspans) = 0;
        sg->text = s->blocks[i].spans[j].text;
        jb_lexicon_segment(lx, sg->text, keep_word, sg);
      }
  }
}

static void
segmented_free(segmented *sg)
{
  free(sg->done);
  free(sg->nwords);
  free(sg->w);
}

/* Count the words of the kept blocks: from sg where it has a source, else
 * segmented now. */
static void
count_words(tally *t, const segmented *sg)
{
  const jb_doc *doc = t->doc;
  size_t span = 0, w = 0;
  for (size_t k = 0; k < doc->nsrcs; k++) {
    const jb_source *s = &doc->srcs[k];
    bool recorded = sg && sg->done[k];
    t->src = s->index;
    for (size_t i = 0; i < s->nblocks; i++) {
      const jb_block *b = &s->blocks[i];
      bool count = !s->skipped && !(b->flags & JB_BLOCK_DROPPED);
      for (size_t j = 0; j < b->nspans; j++) {
        t->text = b->spans[j].text;
        if (!recorded) {
          if (count)
            jb_lexicon_segment(t->lx, t->text, count_word, t);
          continue;
        }
        size_t end = w + sg->nwords[span++];
        for (; count && w < end; w++)
          count_word(t, jb_str_make(t->text.p + sg->w[w].off, sg->w[w].len));
        w = end;
      }
    }
  }
}

static void
choose(jb_ctx *ctx, jb_doc *doc, const jb_lexicon *lx, size_t max, const segmented *sg)
{
  tally t = {ctx, doc, lx, 0, {NULL, 0}, {0}, 0};
  doc->nterms = 0;
  count_words(&t, sg);
  doc->words = doc->nterms;
  /* Score: share here over share in general text. */
  size_t keep = 0;
  for (size_t i = 0; i < doc->nterms; i++) {
    jb_term *term = &doc->terms[i];
    /* The counts first: most words occur once or twice, and need no
     * look-up. (A word read across a number or a date in most places:
     * 日电.) */
    if (term->count < JB_GLOSSARY_MIN_COUNT || term->crossing * 2 > term->count ||
        jb_str_eq_any(term->simp, stop_words))
      continue;
    jb_lex_entry found;
    const jb_lex_entry *e = jb_lexicon_lookup(lx, term->simp, &found) ? &found : NULL;
    if (!e)
      continue;
    term->gloss = glosses_of(ctx->arena, e->glosses);
    if (!term->gloss.n)
      continue; /* no gloss to show: never invent one */
    double f = jb_lexicon_freq(lx, term->simp);
    /* Share here over frequency in general text; the general total is the
     * same for every term, so it drops out of the ranking. */
    term->score = ((double)term->count / (double)t.total) / (f + FREQ_SMOOTH);
    doc->terms[keep++] = *term;
  }
  doc->nterms = keep;
  qsort(doc->terms, doc->nterms, sizeof *doc->terms, by_score);
  if (doc->nterms > max)
    doc->nterms = max;
  /* Pinyin and the other form for the terms kept only (by_score is a
   * total order, so which they are does not depend on this). */
  for (size_t i = 0; i < doc->nterms; i++) {
    jb_term *term = &doc->terms[i];
    jb_lex_entry e;
    jb_lexicon_lookup(lx, term->simp, &e);
    term->pinyin = jb_glossary_orthography(ctx->arena, lx, &e);
    term->sortkey = jb_str_make(jb_arena_strndup(ctx->arena, e.pinyin.p, e.pinyin.n), e.pinyin.n);
    term->trad = jb_str_eq(e.trad, e.simp)
                     ? jb_str_make(NULL, 0)
                     : jb_str_make(jb_arena_strndup(ctx->arena, e.trad.p, e.trad.n), e.trad.n);
  }
  qsort(doc->terms, doc->nterms, sizeof *doc->terms, by_pinyin);
  jb_hmap_free(&t.words);
}

void
jb_glossary_choose(jb_ctx *ctx, jb_doc *doc, const jb_lexicon *lx, size_t max)
{
  choose(ctx, doc, lx, max, NULL);
}

/* The lexicon loaded and its pages mapped on a spare core while ingest,
 * clean and convert run: segmentation's lookups then find every page in
 * place (about 4 ms of page faults on the seeds). The same thread then
 * segments the text while dedup runs, once jb_glossary_segment has
 * handed it over, and unmaps the lexicon when jb_glossary_release says
 * (0.5 ms on the seeds) while the run goes on. */
struct jb_lexload {
  pthread_t thread;
  const jb_conf *conf;
  jb_lexicon *lx;
  jb_diags diags; /* the loader's, taken once it is done */
  pthread_mutex_t mu;
  pthread_cond_t cv;
  const jb_doc *doc; /* set: segment it */
  bool stop;         /* set: no text is coming */
  bool done;         /* set by the thread: lx, diags and sg are the run's */
  bool released;     /* set: free lx and end */
  segmented sg;      /* what the thread segmented (sg.done set) */
};

static void *
lexload_run(void *arg)
{
  struct jb_lexload *l = arg;
  jb_thread_defer(); /* behind OpenCC's load, which convert waits for */
  l->lx = jb_lexicon_load(jb_conf_str(l->conf, JB_CONF_GLOSSARY_DICTIONARY),
                          jb_conf_str(l->conf, JB_CONF_GLOSSARY_FREQUENCIES), &l->diags);
  jb_lexicon_warm(l->lx);
  pthread_mutex_lock(&l->mu);
  while (!l->doc && !l->stop)
    pthread_cond_wait(&l->cv, &l->mu);
  const jb_doc *doc = l->stop ? NULL : l->doc;
  pthread_mutex_unlock(&l->mu);
  if (doc && l->lx)
    segment_all(&l->sg, doc, l->lx);
  pthread_mutex_lock(&l->mu);
  l->done = true;
  pthread_cond_broadcast(&l->cv);
  while (!l->released)
    pthread_cond_wait(&l->cv, &l->mu);
  pthread_mutex_unlock(&l->mu);
  jb_lexicon_free(l->lx);
  return NULL;
}

void
jb_glossary_preload(jb_ctx *ctx)
{
  if (ctx->threads < 2 || ctx->lexload || !jb_conf_bool(ctx->conf, JB_CONF_GLOSSARY))
    return;
  struct jb_lexload *l = jb_xcalloc(1, sizeof *l);
  l->conf = ctx->conf;
  pthread_mutex_init(&l->mu, NULL);
  pthread_cond_init(&l->cv, NULL);
  if (jb_thread_create(&l->thread, lexload_run, l) != 0) {
    pthread_mutex_destroy(&l->mu);
    pthread_cond_destroy(&l->cv);
    free(l);
    return;
  }
  ctx->lexload = l;
}

void
jb_glossary_segment(jb_ctx *ctx, const jb_doc *doc)
{
  struct jb_lexload *l = ctx->lexload;
  if (!l)
    return;
  pthread_mutex_lock(&l->mu);
  l->doc = doc;
  pthread_cond_broadcast(&l->cv);
  pthread_mutex_unlock(&l->mu);
}

/* The preloaded lexicon (NULL if none was started) and what its thread
 * segmented, once it is done, its messages joined to the run's. The
 * lexicon stays the thread's to free (jb_glossary_release). */
static jb_lexicon *
lexload_take(jb_ctx *ctx, bool *started, segmented *sg)
{
  struct jb_lexload *l = ctx->lexload;
  *started = l != NULL;
  if (!l)
    return NULL;
  pthread_mutex_lock(&l->mu);
  l->stop = true; /* (no effect once the text is handed over) */
  pthread_cond_broadcast(&l->cv);
  while (!l->done)
    pthread_cond_wait(&l->cv, &l->mu);
  pthread_mutex_unlock(&l->mu);
  jb_diags_take(&ctx->diags, &l->diags);
  if (l->sg.done && sg) {
    *sg = l->sg;
    memset(&l->sg, 0, sizeof l->sg);
  }
  return l->lx;
}

/* Let the thread free the lexicon and end; joined by preload_end. */
static void
lexload_release(struct jb_lexload *l)
{
  if (!l)
    return;
  pthread_mutex_lock(&l->mu);
  l->stop = true;
  l->released = true;
  pthread_cond_broadcast(&l->cv);
  pthread_mutex_unlock(&l->mu);
}

void
jb_glossary_release(jb_ctx *ctx)
{
  lexload_release(ctx->lexload);
}

void
jb_glossary_preload_end(jb_ctx *ctx)
{
  struct jb_lexload *l = ctx->lexload;
  if (!l)
    return;
  lexload_release(l);
  pthread_join(l->thread, NULL);
  jb_diags_free(&l->diags); /* (empty once taken) */
  segmented_free(&l->sg);
  pthread_mutex_destroy(&l->mu);
  pthread_cond_destroy(&l->cv);
  free(l);
  ctx->lexload = NULL;
}

int
jb_glossary_run(jb_ctx *ctx, jb_doc *doc)
{
  if (!jb_conf_bool(ctx->conf, JB_CONF_GLOSSARY))
    return 0;
  bool started;
  segmented sg = {0};
  jb_lexicon *lx = lexload_take(ctx, &started, &sg);
  if (!started)
    lx = jb_lexicon_load(jb_conf_str(ctx->conf, JB_CONF_GLOSSARY_DICTIONARY),
                         jb_conf_str(ctx->conf, JB_CONF_GLOSSARY_FREQUENCIES), &ctx->diags);
  if (lx)
    choose(ctx, doc, lx, (size_t)jb_conf_num(ctx->conf, JB_CONF_GLOSSARY_TERMS),
           sg.done ? &sg : NULL);
  segmented_free(&sg);
  if (!started)
    jb_lexicon_free(lx);
  return lx ? 0 : -1;
}
