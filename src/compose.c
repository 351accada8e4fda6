/* compose.c - stage 6: the frame around the sources (SPEC §2.6, §5). */
#include "compose.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "conf.h"

#define CITE_SHOW 5 /* citation markers shown before "等 N 篇" */
#define KEYWORDS 8  /* glossary terms in the document's keywords */

static jb_str
arena_str(jb_ctx *ctx, const char *s)
{
  return jb_str_c(jb_arena_strndup(ctx->arena, s, strlen(s)));
}

/* "%d" formats from the template: exactly one %d, checked by conf. */
static jb_str
format_num(jb_ctx *ctx, jb_conf_key k, long n)
{
  const char *fmt = jb_conf_str(ctx->conf, k);
  const char *p = strstr(fmt, "%d");
  return jb_str_c(jb_arena_printf(ctx->arena, "%.*s%ld%s", (int)(p - fmt), fmt,
                                  n, p + 2));
}

/* b's text in the arena; b is freed. */
static jb_str
take_buf(jb_ctx *ctx, jb_buf *b)
{
  jb_str s = jb_str_make(jb_arena_strndup(ctx->arena, b->p ? b->p : "", b->n), b->n);
  jb_buf_free(b);
  return s;
}

static jb_block *
new_block(jb_ctx *ctx, jb_block_kind kind, uint32_t src)
{
  jb_block *b = jb_arena_alloc(ctx->arena, sizeof *b);
  b->kind = kind;
  b->flags = JB_BLOCK_GENERATED;
  b->src = src;
  b->anchor = -1;
  return b;
}

static jb_span *
add_text(jb_ctx *ctx, jb_block *b, const char *text)
{
  return jb_block_add_span(ctx, b, arena_str(ctx, text), 0);
}

static jb_span *
add_link(jb_ctx *ctx, jb_block *b, jb_str url)
{
  jb_span *s = jb_block_add_span(ctx, b, url, JB_SPAN_LINK | JB_SPAN_URL);
  s->url = url;
  return s;
}

static jb_chapter *
add_chapter(jb_ctx *ctx, jb_brief *br, jb_chapter_kind kind)
{
  jb_chapter *c = JB_PUSH(ctx->arena, br->chapters, br->nchapters, br->capchapters);
  c->kind = kind;
  c->anchor = br->nanchors++;
  return c;
}

/* A back-matter chapter titled by the template's labels. */
static jb_chapter *
add_back_chapter(jb_ctx *ctx, jb_brief *br, jb_chapter_kind kind, jb_conf_key title,
                 jb_conf_key title_en)
{
  jb_chapter *c = add_chapter(ctx, br, kind);
  c->title = arena_str(ctx, jb_conf_str(ctx->conf, title));
  c->title_en = arena_str(ctx, jb_conf_str(ctx->conf, title_en));
  return c;
}

static void
chapter_add(jb_ctx *ctx, jb_chapter *c, jb_block *b)
{
  *JB_PUSH(ctx->arena, c->blocks, c->nblocks, c->capblocks) = b;
}

/* A table row (level 1: the head) of cells already in the arena or
 * static, added to c. */
static void
add_row(jb_ctx *ctx, jb_chapter *c, uint32_t src, int level, const char *const *cells, size_t n)
{
  jb_block *row = new_block(ctx, JB_BLOCK_ROW, src);
  row->level = level;
  for (size_t k = 0; k < n; k++)
    jb_block_add_span(ctx, row, jb_str_c(cells[k]), JB_SPAN_CELL);
  chapter_add(ctx, c, row);
}

/* Sources in report order: by date, undated last, then by file name. */
static int
cmp_source(const void *a, const void *b)
{
  const jb_source *x = *(const jb_source *const *)a;
  const jb_source *y = *(const jb_source *const *)b;
  bool dx = x->meta.date.value.n, dy = y->meta.date.value.n;
  if (dx != dy)
    return dx ? -1 : 1;
  if (dx) {
    int c = strncmp(x->meta.date.value.p, y->meta.date.value.p, 10);
    if (c)
      return c;
  }
  int c = strcmp(x->name, y->name);
  return c ? c : (x->index < y->index ? -1 : 1);
}

static jb_str
fmt_date(jb_ctx *ctx, long long epoch)
{
  time_t t = (time_t)epoch;
  struct tm tm;
  gmtime_r(&t, &tm);
  return jb_str_c(jb_arena_printf(ctx->arena, "%04d-%02d-%02d", tm.tm_year + 1900,
                                  tm.tm_mon + 1, tm.tm_mday));
}

/* A label in both languages: "来源 Source", or the Chinese alone when the
 * template leaves the English empty. */
static const char *
label2(jb_ctx *ctx, jb_conf_key zh, jb_conf_key en)
{
  const char *e = jb_conf_str(ctx->conf, en);
  return *e ? jb_arena_printf(ctx->arena, "%s %s", jb_conf_str(ctx->conf, zh), e)
            : jb_conf_str(ctx->conf, zh);
}

/* A metadata value as a span of its own, so that a Traditional source's
 * own form goes with it to the zh-Hant edition; with * when it was
 * inferred rather than given, if starred. */
static void
add_value(jb_ctx *ctx, jb_block *b, const jb_field *f, bool starred)
{
  jb_span *sp = jb_block_add_span(ctx, b, f->value, 0);
  sp->orig = f->orig;
  if (starred && (f->origin == JB_ORIGIN_INFERRED || f->origin == JB_ORIGIN_FILE_NAME))
    add_text(ctx, b, "*");
}

/* The line under a chapter title: publisher, date, URL. */
static jb_block *
meta_block(jb_ctx *ctx, const jb_source *s)
{
  jb_block *b = new_block(ctx, JB_BLOCK_META, s->index);
  const jb_meta *m = &s->meta;
  const char *sep = "";
  if (m->source.value.n) {
    add_text(ctx, b, jb_arena_printf(ctx->arena, "%s：",
             label2(ctx, JB_CONF_LABEL_PUBLISHER, JB_CONF_LABEL_PUBLISHER_EN)));
    add_value(ctx, b, &m->source, false);
    sep = "　";
  }
  if (m->date.value.n) {
    add_text(ctx, b, jb_arena_printf(ctx->arena, "%s%s：%.*s", sep,
             label2(ctx, JB_CONF_LABEL_PUBLISHED, JB_CONF_LABEL_PUBLISHED_EN),
             (int)m->date.value.n, m->date.value.p));
    sep = "　";
  }
  if (m->url.value.n) {
    if (*sep)
      add_text(ctx, b, sep);
    add_link(ctx, b, m->url.value);
  }
  if (!b->nspans)
    add_text(ctx, b, s->name);
  return b;
}


/* GB/T 7714-style entry: [n] Title[EB/OL]. Publisher, date. URL. */
static jb_block *
ref_block(jb_ctx *ctx, const jb_source *s, int anchor)
{
  jb_block *b = new_block(ctx, JB_BLOCK_REF, s->index);
  const jb_meta *m = &s->meta;
  b->anchor = anchor;
  b->level = (int)s->number;
  add_text(ctx, b, jb_arena_printf(ctx->arena, "[%u] ", s->number));
  add_value(ctx, b, &m->title, true);
  add_text(ctx, b, "[EB/OL].");
  if (m->source.value.n) {
    add_text(ctx, b, " ");
    add_value(ctx, b, &m->source, true);
    add_text(ctx, b, m->date.value.n ? "," : ".");
  }
  if (m->date.value.n) {
    add_text(ctx, b, " ");
    add_value(ctx, b, &m->date, true);
    add_text(ctx, b, ".");
  }
  if (m->url.value.n) {
    add_text(ctx, b, " ");
    add_link(ctx, b, m->url.value);
    add_text(ctx, b, ".");
  }
  if (m->fetch_date.value.n)
    add_text(ctx, b, jb_arena_printf(ctx->arena, " (%s %.*s)",
             label2(ctx, JB_CONF_LABEL_FETCHED, JB_CONF_LABEL_FETCHED_EN),
             (int)m->fetch_date.value.n, m->fetch_date.value.p));
  add_text(ctx, b, jb_arena_printf(ctx->arena, " [%s]", s->name));
  return b;
}

static void
appendix(jb_ctx *ctx, jb_doc *doc, jb_chapter *c, const jb_source **order, size_t n)
{
  const jb_conf *cf = ctx->conf;
  size_t reasons[JB_DROP__COUNT] = {0};
  for (size_t k = 0; k < doc->nsrcs; k++)
    for (size_t i = 0; i < doc->srcs[k].nlines; i++)
      reasons[doc->srcs[k].lines[i].drop]++;
  /* One row per document: what each stage did to it, and the totals. */
  static const jb_conf_key head[] = {JB_CONF_LABEL_DOCUMENT, JB_CONF_LABEL_SCRIPT,
                                     JB_CONF_LABEL_CONVERTED, JB_CONF_LABEL_DROPPED,
                                     JB_CONF_LABEL_MERGED, JB_CONF_LABEL_SECTIONS};
  const char *names[sizeof head / sizeof head[0]];
  for (size_t k = 0; k < sizeof head / sizeof head[0]; k++)
    names[k] = arena_str(ctx, jb_conf_str(cf, head[k])).p;
  add_row(ctx, c, UINT32_MAX, 1, names, sizeof names / sizeof names[0]);
  size_t tot[6] = {0};
  for (size_t i = 0; i < n; i++) {
    const jb_source *s = order[i];
    size_t sections = 0, forms[JB_MERGE__COUNT] = {0};
    for (size_t j = 0; j < s->nblocks; j++) {
      const jb_block *sb = &s->blocks[j];
      sections += sb->kind == JB_BLOCK_HEADING && !(sb->flags & JB_BLOCK_DROPPED);
      forms[sb->merge]++;
    }
    const char *cells[] = {
        jb_arena_printf(ctx->arena, "[%u] %s", s->number, s->name),
        jb_variant_name(s->variant),
        jb_arena_printf(ctx->arena, "%zu", s->converted),
        jb_arena_printf(ctx->arena, "%zu / %zu", s->dropped, s->nlines),
        jb_arena_printf(ctx->arena, "%zu (%zu+%zu+%zu)", s->merged, forms[JB_MERGE_EXACT],
                        forms[JB_MERGE_NEAR], forms[JB_MERGE_CONTAINED]),
        jb_arena_printf(ctx->arena, "%zu", sections),
    };
    add_row(ctx, c, s->index, 0, cells, sizeof cells / sizeof cells[0]);
    tot[0]++;
    tot[1] += s->variant == JB_VARIANT_HANT;
    tot[2] += s->converted;
    tot[3] += s->dropped;
    tot[4] += s->merged;
    tot[5] += sections;
  }
  const char *cells[] = {
      jb_arena_printf(ctx->arena, "Σ %zu", tot[0]),
      jb_arena_printf(ctx->arena, "zh-Hant %zu", tot[1]),
      jb_arena_printf(ctx->arena, "%zu", tot[2]),
      jb_arena_printf(ctx->arena, "%zu", tot[3]),
      jb_arena_printf(ctx->arena, "%zu", tot[4]),
      jb_arena_printf(ctx->arena, "%zu", tot[5]),
  };
  add_row(ctx, c, UINT32_MAX, 0, cells, sizeof cells / sizeof cells[0]);

  jb_block *note = new_block(ctx, JB_BLOCK_META, UINT32_MAX);
  add_text(ctx, note, jb_conf_str(cf, JB_CONF_LABEL_APPENDIX_NOTE));
  chapter_add(ctx, c, note);
  jb_block *r = new_block(ctx, JB_BLOCK_META, UINT32_MAX);
  add_text(ctx, r, jb_conf_str(cf, JB_CONF_LABEL_DROP_REASONS));
  const char *sep = "";
  for (int d = JB_DROP_NONE + 1; d < JB_DROP__COUNT; d++) {
    if (d == JB_DROP_FRONT_MATTER || !reasons[d])
      continue;
    add_text(ctx, r, jb_arena_printf(ctx->arena, "%s%s %zu", sep, jb_drop_name((jb_drop)d),
                                     reasons[d]));
    sep = ", ";
  }
  chapter_add(ctx, c, r);
}

static int
by_u32(const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

/* The glossary: a table of the terms, with the dictionary's credit. */
static void
glossary(jb_ctx *ctx, const jb_doc *doc, jb_chapter *c, uint32_t nchap)
{
  const jb_conf *cf = ctx->conf;
  jb_block *note = new_block(ctx, JB_BLOCK_META, UINT32_MAX);
  add_text(ctx, note, jb_conf_str(cf, JB_CONF_LABEL_GLOSSARY_NOTE));
  chapter_add(ctx, c, note);
  static const jb_conf_key head[] = {JB_CONF_LABEL_TERM, JB_CONF_LABEL_OTHER_FORM,
                                     JB_CONF_LABEL_PINYIN, JB_CONF_LABEL_ENGLISH,
                                     JB_CONF_LABEL_CHAPTERS};
  jb_block *h = new_block(ctx, JB_BLOCK_ROW, UINT32_MAX);
  h->level = 1;
  /* The column with the other script's form is optional: a Simplified
   * edition may have to stay free of Traditional characters. */
  bool other = jb_conf_bool(cf, JB_CONF_GLOSSARY_OTHER_FORM);
  bool hant = ctx->edition == JB_VARIANT_HANT;
  for (size_t k = 0; k < sizeof head / sizeof head[0]; k++)
    if (other || head[k] != JB_CONF_LABEL_OTHER_FORM)
      jb_block_add_span(ctx, h, arena_str(ctx, jb_conf_str(cf, head[k])), JB_SPAN_CELL);
  chapter_add(ctx, c, h);
  for (size_t i = 0; i < doc->nterms; i++) {
    const jb_term *t = &doc->terms[i];
    /* The chapters where it occurs, in reading order. */
    uint32_t *num = jb_xmalloc((t->nsrcs + 1) * sizeof *num);
    size_t nn = 0;
    for (size_t k = 0; k < t->nsrcs; k++)
      if (doc->srcs[t->srcs[k]].number <= nchap) /* a chapter's, not one carried whole */
        num[nn++] = doc->srcs[t->srcs[k]].number;
    qsort(num, nn, sizeof *num, by_u32);
    jb_buf ch = JB_BUF_INIT;
    for (size_t k = 0; k < nn; k++)
      if (!k || num[k] != num[k - 1])
        jb_buf_printf(&ch, "%s%u", k ? ", " : "", num[k]);
    free(num);
    jb_block *row = new_block(ctx, JB_BLOCK_ROW, UINT32_MAX);
    /* The Traditional edition's headword is made by the edition stage from
     * the Simplified one, which this cell keeps (it knows the form the
     * body has, which may differ from the dictionary's). */
    jb_str form = hant ? t->simp : t->trad.n ? t->trad : JB_STR_LIT("—");
    jb_str cells[] = {t->simp, form, t->pinyin, t->gloss, take_buf(ctx, &ch)};
    for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++)
      if (other || k != 1)
        jb_block_add_span(ctx, row, cells[k],
                          JB_SPAN_CELL | (k == 1 ? JB_SPAN_OTHER_FORM : 0) | (k == 3 ? JB_SPAN_EN : 0));
    chapter_add(ctx, c, row);
  }
}

/* The document that holds an absorbed one's first block. */
static uint32_t
holder(const jb_source *s)
{
  for (size_t j = 0; j < s->nblocks; j++)
    if (s->blocks[j].dup_of)
      return s->blocks[j].dup_of->src;
  return UINT32_MAX;
}

static bool
text_block(const jb_block *b)
{
  return b->kind != JB_BLOCK_META && b->kind != JB_BLOCK_REF;
}

/* Another document carries all of s's text: its paragraphs are duplicates
 * kept there, and what dedup left (lines too short to compare: 目前, 此外)
 * occurs in that document's text too. Not when the two took text from
 * each other. */
static bool
absorbed(jb_ctx *ctx, const jb_doc *doc, const jb_source *s)
{
  uint32_t h = holder(s);
  if (h == UINT32_MAX || h == s->index)
    return false;
  const jb_source *hs = &doc->srcs[h];
  for (size_t j = 0; j < hs->nblocks; j++)
    if (hs->blocks[j].dup_of && hs->blocks[j].dup_of->src == s->index)
      return false;
  jb_buf kept = JB_BUF_INIT;
  bool all = true, any = false;
  for (size_t j = 0; j < s->nblocks && all; j++) {
    const jb_block *b = &s->blocks[j];
    if (!text_block(b))
      continue;
    any = true;
    if ((b->flags & JB_BLOCK_DROPPED) && b->dup_of && b->dup_of->src != s->index)
      continue;
    if (!kept.n)
      for (size_t k = 0; k < hs->nblocks; k++)
        if (text_block(&hs->blocks[k]) && !(hs->blocks[k].flags & JB_BLOCK_DROPPED)) {
          jb_buf_put_str(&kept, jb_block_text(ctx->arena, &hs->blocks[k]));
          jb_buf_putc(&kept, '\n');
        }
    jb_str t = jb_str_trim(jb_block_text(ctx->arena, b));
    all = t.n && jb_str_find_str(jb_buf_str(&kept), t) >= 0;
  }
  jb_buf_free(&kept);
  return all && any;
}

static int
by_rank(const void *a, const void *b)
{
  const jb_term *x = *(const jb_term *const *)a, *y = *(const jb_term *const *)b;
  bool sx = x->nsrcs > 1, sy = y->nsrcs > 1;
  if (sx != sy)
    return sx ? -1 : 1;
  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  size_t n = x->simp.n < y->simp.n ? x->simp.n : y->simp.n;
  int c = memcmp(x->simp.p, y->simp.p, n);
  return c ? c : (x->simp.n > y->simp.n) - (x->simp.n < y->simp.n);
}

/* The document's keywords: the highest-ranked glossary terms that more
 * than one source uses, and the first English gloss of each without its
 * parenthesis. */
static void
keywords(jb_ctx *ctx, const jb_doc *doc, jb_brief *br)
{
  const jb_term **t = jb_xmalloc((doc->nterms + 1) * sizeof *t);
  for (size_t i = 0; i < doc->nterms; i++)
    t[i] = &doc->terms[i];
  qsort(t, doc->nterms, sizeof *t, by_rank);
  jb_buf zh = JB_BUF_INIT, en = JB_BUF_INIT;
  for (size_t i = 0; i < doc->nterms && i < KEYWORDS; i++) {
    jb_str g = t[i]->gloss;
    long cut = jb_str_find(g, ";");
    if (cut >= 0)
      g = jb_str_sub(g, 0, (size_t)cut);
    long paren = jb_str_find(g, " (");
    if (paren > 0)
      g = jb_str_sub(g, 0, (size_t)paren);
    jb_buf_printf(&zh, "%s%.*s", i ? ", " : "", (int)t[i]->simp.n, t[i]->simp.p);
    jb_buf_printf(&en, "%s%.*s", i ? ", " : "", (int)g.n, g.p);
  }
  br->keywords = take_buf(ctx, &zh);
  br->keywords_en = take_buf(ctx, &en);
  free(t);
}

int
jb_compose_run(jb_ctx *ctx, jb_doc *doc)
{
  jb_brief *br = &doc->brief;
  const jb_conf *cf = ctx->conf;
  br->title = arena_str(ctx, jb_conf_str(cf, JB_CONF_TITLE));
  br->title_en = arena_str(ctx, jb_conf_str(cf, JB_CONF_TITLE_EN));
  br->subtitle = arena_str(ctx, jb_conf_str(cf, JB_CONF_SUBTITLE));
  br->subtitle_en = arena_str(ctx, jb_conf_str(cf, JB_CONF_SUBTITLE_EN));
  br->org = arena_str(ctx, jb_conf_str(cf, JB_CONF_ORGANISATION));
  br->org_en = arena_str(ctx, jb_conf_str(cf, JB_CONF_ORGANISATION_EN));
  br->toc_title = arena_str(ctx, jb_conf_str(cf, JB_CONF_LABEL_CONTENTS));
  br->toc_title_en = arena_str(ctx, jb_conf_str(cf, JB_CONF_LABEL_CONTENTS_EN));
  br->date = fmt_date(ctx, ctx->epoch);
  br->date_label = arena_str(ctx, jb_conf_str(cf, JB_CONF_LABEL_DATE));
  br->date_label_en = arena_str(ctx, jb_conf_str(cf, JB_CONF_LABEL_DATE_EN));
  keywords(ctx, doc, br);

  const jb_source **order = jb_xmalloc((doc->nsrcs + 1) * sizeof *order);
  size_t n = 0;
  for (size_t k = 0; k < doc->nsrcs; k++)
    if (!doc->srcs[k].skipped)
      order[n++] = &doc->srcs[k];
  qsort(order, n, sizeof *order, cmp_source);
  /* A document whose whole text others carry (the same article saved as
   * a page and as text, a verbatim reprint) has no chapter of its own: it
   * is cited where its text is, and numbered after the chapters so that
   * chapter N is source [N]. */
  uint32_t *held_by = jb_xmalloc((doc->nsrcs + 1) * sizeof *held_by); /* UINT32_MAX: not */
  const jb_source **whole = jb_xmalloc((n + 1) * sizeof *whole);
  size_t nchap = 0, nwhole = 0;
  for (size_t i = 0; i < n; i++) {
    bool in = absorbed(ctx, doc, order[i]);
    held_by[order[i]->index] = in ? holder(order[i]) : UINT32_MAX;
    if (in)
      whole[nwhole++] = order[i];
    else
      order[nchap++] = order[i];
  }
  memcpy(order + nchap, whole, nwhole * sizeof *whole); /* still in date order */
  free(whole);
  for (size_t i = 0; i < n; i++)
    doc->srcs[order[i]->index].number = (uint32_t)(i + 1);
  br->count = format_num(ctx, JB_CONF_LABEL_SOURCE_COUNT, (long)n);
  br->count_en = format_num(ctx, JB_CONF_LABEL_SOURCE_COUNT_EN, (long)n);

  /* Anchors: one per chapter (given by add_chapter), one per reference,
   * and the sources list's, reserved now for the citations. */
  int sources_anchor = -1;
  int *ref_anchor = jb_xmalloc((doc->nsrcs + 1) * sizeof *ref_anchor);
  for (size_t i = 0; i < nchap; i++) {
    jb_source *s = &doc->srcs[order[i]->index];
    jb_chapter *c = add_chapter(ctx, br, JB_CHAPTER_SOURCE);
    c->label = format_num(ctx, JB_CONF_LABEL_CHAPTER, (long)(i + 1));
    c->label_en = format_num(ctx, JB_CONF_LABEL_CHAPTER_EN, (long)(i + 1));
    c->title = s->meta.title.value;
    c->src = s;
    chapter_add(ctx, c, meta_block(ctx, s));
  }
  for (size_t k = 0; k < doc->nsrcs; k++)
    ref_anchor[k] = -1;
  for (size_t i = 0; i < n; i++)
    ref_anchor[order[i]->index] = br->nanchors++;
  sources_anchor = br->nanchors++;

  /* Citations that inform: merged (the default) cites a chapter's source
   * once, in its source line, and a paragraph only when it was merged from
   * several documents; paragraph cites every paragraph; chapter only the
   * source line. */
  const char *cite_mode = jb_conf_str(ctx->conf, JB_CONF_CITATIONS);
  bool cite_line = strcmp(cite_mode, "paragraph") != 0;
  size_t cite_min = !strcmp(cite_mode, "paragraph") ? 1 : !strcmp(cite_mode, "merged") ? 2 : SIZE_MAX;
  for (size_t i = 0; i < nchap; i++) {
    jb_chapter *c = &br->chapters[i];
    jb_source *s = &doc->srcs[order[i]->index];
    if (cite_line && c->nblocks) {
      jb_span *sp = jb_block_add_span(ctx, c->blocks[0], jb_str_c(jb_arena_printf(
                                      ctx->arena, "[%u]", s->number)), JB_SPAN_CITE);
      sp->target = ref_anchor[s->index];
      /* and the documents it carries whole */
      for (size_t a = nchap; a < n; a++) {
        if (held_by[order[a]->index] != s->index)
          continue;
        sp = jb_block_add_span(ctx, c->blocks[0], jb_str_c(jb_arena_printf(
                               ctx->arena, "[%u]", order[a]->number)), JB_SPAN_CITE);
        sp->target = ref_anchor[order[a]->index];
      }
    }
    for (size_t j = 0; j < s->nblocks; j++) {
      jb_block *b = &s->blocks[j];
      if (b->flags & JB_BLOCK_DROPPED)
        continue;
      if (b->kind == JB_BLOCK_HEADING)
        b->anchor = br->nanchors++;
      if ((b->kind == JB_BLOCK_PARA || b->kind == JB_BLOCK_ITEM) && b->ncites >= cite_min) {
        /* A paragraph many sources repeat cites the first few and
         * says how many there are; the sources list has them all. */
        size_t show = b->ncites > CITE_SHOW + 1 ? CITE_SHOW : b->ncites;
        for (size_t m = 0; m < show; m++) {
          const jb_source *cs = &doc->srcs[b->cites[m]];
          jb_span *sp = jb_block_add_span(ctx, b, jb_str_c(jb_arena_printf(
                                          ctx->arena, "[%u]", cs->number)), JB_SPAN_CITE);
          sp->target = ref_anchor[cs->index];
        }
        if (show < b->ncites) {
          jb_span *sp = jb_block_add_span(ctx, b, format_num(ctx, JB_CONF_LABEL_MORE_SOURCES,
                                          (long)b->ncites), JB_SPAN_CITE);
          sp->target = sources_anchor;
        }
      }
      chapter_add(ctx, c, b);
    }
  }

  jb_chapter *refs = add_back_chapter(ctx, br, JB_CHAPTER_SOURCES, JB_CONF_LABEL_SOURCES,
                                      JB_CONF_LABEL_SOURCES_EN);
  refs->anchor = sources_anchor; /* the one citations point to */
  br->nanchors--;
  bool inferred = false;
  for (size_t i = 0; i < n; i++) {
    const jb_meta *m = &order[i]->meta;
    inferred |= m->title.origin >= JB_ORIGIN_INFERRED || m->source.origin >= JB_ORIGIN_INFERRED ||
                m->date.origin >= JB_ORIGIN_INFERRED;
  }
  if (inferred) {
    jb_block *note = new_block(ctx, JB_BLOCK_META, UINT32_MAX);
    add_text(ctx, note, jb_arena_printf(ctx->arena, "%s %s",
             jb_conf_str(cf, JB_CONF_LABEL_INFERRED), jb_conf_str(cf, JB_CONF_LABEL_INFERRED_EN)));
    chapter_add(ctx, refs, note);
  }
  for (size_t i = 0; i < n; i++)
    chapter_add(ctx, refs, ref_block(ctx, order[i], ref_anchor[order[i]->index]));

  if (jb_conf_bool(cf, JB_CONF_GLOSSARY) && doc->nterms) {
    jb_chapter *gl = add_back_chapter(ctx, br, JB_CHAPTER_GLOSSARY, JB_CONF_LABEL_GLOSSARY,
                                      JB_CONF_LABEL_GLOSSARY_EN);
    glossary(ctx, doc, gl, (uint32_t)nchap);
  }
  if (jb_conf_bool(cf, JB_CONF_APPENDIX)) {
    jb_chapter *app = add_back_chapter(ctx, br, JB_CHAPTER_APPENDIX, JB_CONF_LABEL_APPENDIX,
                                       JB_CONF_LABEL_APPENDIX_EN);
    appendix(ctx, doc, app, order, n);
  }

  free(ref_anchor);
  free(held_by);
  free(order);
  return 0;
}
