/* clean.c - stage 2, the document pass (SPEC §2.2; research/cleaning.md
 * §1). Lines become paragraphs (clean_unit.c), each judged on its own by
 * the debris families and given a class (clean_family.c); lines that
 * three documents of one site repeat are its template; then per page the
 * article is found (clean_body.c) with its title, date and publisher
 * (clean_meta.c), uncertain results are reported, and the article's
 * paragraphs become blocks of spans (clean_norm.c). */
#include "clean.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clean_int.h"
#include "meta.h"
#include "par.h"
#include "utf8.h"

#define SITE_MAX_CP 60        /* site template lines are short */
#define SITE_MIN_DOCS 3       /* documents of one site repeating a line */
#define DECK_MIN_LINE_CP 1000 /* a run-on deck is at least this long */
#define TITLE_CLAUSE_MAX_CP 30
#define TITLE_CLAUSE_MIN_CP 4
#define REPORT_MIN_CP 60      /* a dropped paragraph this long with a stop is reported */
#define PLAYLIST_TITLE_MIN_CP 8 /* a video's title, not a label (直播) */

/* A source's paragraphs between the two passes. */
typedef struct srcwork {
  jb_unit *u;
  size_t n;
} srcwork;

/* Pass one: paragraphs, their features, verdicts and classes. */
#define TABLE_CELLS 32 /* cells of a row read; more are one */

/* The next row of a table unit's text (its rows a line each) into *row,
 * the delimiter row passed over (counted in *line when given); false at
 * the end. */
static bool
next_row(jb_str *rest, jb_str *row, size_t *line)
{
  while (rest->n) {
    long nl = jb_str_find(*rest, "\n");
    *row = nl >= 0 ? jb_str_sub(*rest, 0, (size_t)nl) : *rest;
    *rest = nl >= 0 ? jb_str_skip(*rest, (size_t)nl + 1) : jb_str_make(rest->p + rest->n, 0);
    if (!jb_clean_is_delimiter_row(*row))
      return true;
    if (line)
      ++*line;
  }
  return false;
}

/* A table's cells, a space between them, delimiter rows left out. */
static jb_str
table_text(jb_ctx *ctx, jb_str raw)
{
  jb_buf b = JB_BUF_INIT;
  jb_str row;
  for (jb_str rest = raw; next_row(&rest, &row, NULL);) {
    jb_str cells[TABLE_CELLS];
    size_t n = jb_clean_row_cells(row, cells, TABLE_CELLS);
    for (size_t c = 0; c < n; c++)
      if (cells[c].n) {
        if (b.n)
          jb_buf_putc(&b, ' ');
        jb_buf_put_str(&b, cells[c]);
      }
  }
  jb_str r = jb_str_make(jb_arena_strndup(ctx->arena, b.p ? b.p : "", b.n), b.n);
  jb_buf_free(&b);
  return r;
}

/* A table unit's rows as table-row blocks, the first the header. */
static void
table_blocks(jb_ctx *ctx, jb_source *src, const jb_unit *u)
{
  bool head = true;
  size_t line = u->first;
  jb_str row;
  for (jb_str rest = u->raw; next_row(&rest, &row, &line); line++) {
    jb_str cells[TABLE_CELLS];
    size_t n = jb_clean_row_cells(row, cells, TABLE_CELLS);
    jb_block *b = jb_doc_add_block(ctx, src, JB_BLOCK_ROW);
    b->level = head ? 1 : 0;
    head = false;
    b->pos.line = jb_source_line(src, line);
    b->pos.offset = src->markup_line ? 0 : src->lines[line].offset;
    for (size_t c = 0; c < n; c++) {
      size_t at = b->nspans;
      jb_clean_inline(ctx, b, cells[c]);
      if (b->nspans == at)
        jb_block_add_span(ctx, b, JB_STR_LIT(" "), 0);
      b->spans[at].flags |= JB_SPAN_CELL;
    }
    if (!b->nspans)
      src->nblocks--;
  }
}

static void
prepare(jb_ctx *ctx, jb_source *src, srcwork *w)
{
  w->n = jb_clean_units(ctx, src, &w->u);
  jb_buf vis = JB_BUF_INIT;
  for (size_t i = 0; i < w->n; i++) {
    jb_unit *u = &w->u[i];
    jb_buf_reset(&vis);
    if (u->flags & JB_UNIT_TABLE) {
      /* judged on its cells' text, a space between them */
      jb_str flat = table_text(ctx, u->raw);
      jb_clean_features(flat, &u->in, &vis);
      jb_str v = jb_str_trim(jb_buf_str(&vis));
      u->visible = jb_str_make(jb_arena_strndup(ctx->arena, v.p, v.n), v.n);
      jb_clean_table(u);
    } else {
      jb_clean_features(u->raw, &u->in, &vis);
      jb_str v = jb_str_trim(jb_buf_str(&vis));
      /* Most paragraphs carry no markup: their visible text is their own. */
      u->visible = jb_str_eq(v, u->raw) ? u->raw : jb_str_make(jb_arena_strndup(ctx->arena, v.p, v.n), v.n);
      jb_clean_judge(u);
      jb_clean_class(u);
    }
    if (src->markup_hint && u->first < src->markup_lines)
      jb_clean_hint(u, (jb_hint)src->markup_hint[u->first]);
  }
  jb_buf_free(&vis);
  for (size_t i = 0; i + 1 < w->n; i++)
    if (w->u[i].in.list_item && w->u[i + 1].in.list_item) {
      w->u[i].flags |= JB_UNIT_LISTED;
      w->u[i + 1].flags |= JB_UNIT_LISTED;
    }
}

/* ---- lines other pages of the site repeat ------------------------------------ */

/* Host of a URL without "www.", or empty. */
static jb_str
site_of(const jb_source *src)
{
  jb_str u = src->meta.url.value;
  long p = jb_str_find(u, "://");
  if (p < 0)
    return jb_str_make(NULL, 0);
  u = jb_str_skip(u, (size_t)p + 3);
  size_t n = 0;
  while (n < u.n && u.p[n] != '/' && u.p[n] != '?' && u.p[n] != '#' && u.p[n] != ':')
    n++;
  u.n = n;
  if (jb_str_starts(u, "www."))
    u = jb_str_skip(u, 4);
  return u;
}

/* Platforms where every account publishes under one host: lines their
 * pages share are the accounts' own (一、总体要求), not a site template. */
static bool
shared_host(jb_str host)
{
  static const char *const hosts[] = {
      "mp.weixin.qq.com", "weixin.qq.com", "baijiahao.baidu.com", "mbd.baidu.com",
      "toutiao.com", "m.toutiao.com", "dy.163.com", "c.m.163.com", "new.qq.com",
      "om.qq.com", "zhuanlan.zhihu.com", "zhihu.com", "weibo.com", "m.weibo.cn",
      "sohu.com", "m.sohu.com", "thepaper.cn", "m.thepaper.cn", "jianshu.com",
      "douban.com", "blog.csdn.net", "xueqiu.com", "163.com", NULL};
  for (int k = 0; hosts[k]; k++)
    if (jb_str_eq_c(host, hosts[k]))
      return true;
  return false;
}

typedef struct siteline {
  jb_str site, text;
  uint32_t src;
  size_t unit;
} siteline;

static int
cmp_str(jb_str a, jb_str b)
{
  size_t n = a.n < b.n ? a.n : b.n;
  int c = n ? memcmp(a.p, b.p, n) : 0;
  return c ? c : (a.n > b.n) - (a.n < b.n);
}

static int
cmp_siteline(const void *a, const void *b)
{
  const siteline *x = a, *y = b;
  int c = cmp_str(x->site, y->site);
  if (!c)
    c = cmp_str(x->text, y->text);
  if (!c)
    c = x->src != y->src ? (x->src < y->src ? -1 : 1) : (x->unit > y->unit) - (x->unit < y->unit);
  return c;
}

/* Short paragraphs that several documents of one site share are the site's
 * template (trafilatura's repetition filter, per site). Found by sorting
 * (site, text) keys, so the cost is n log n in the corpus. */
static void
mark_site_templates(jb_doc *doc, srcwork *work)
{
  siteline *v = NULL;
  size_t n = 0, cap = 0;
  for (size_t k = 0; k < doc->nsrcs; k++) {
    jb_source *src = &doc->srcs[k];
    jb_str site = site_of(src);
    if (src->skipped || !site.n || shared_host(site))
      continue;
    for (size_t i = 0; i < work[k].n; i++) {
      const jb_unit *u = &work[k].u[i];
      /* sentences are text, whoever repeats them (dedup merges copies) */
      if (u->in.cps > SITE_MAX_CP || u->in.stops || (u->flags & JB_UNIT_HEADING))
        continue;
      siteline *e = JB_PUSH_HEAP(v, n, cap);
      e->site = site;
      e->text = u->visible;
      e->src = (uint32_t)k;
      e->unit = i;
    }
  }
  if (n)
    qsort(v, n, sizeof *v, cmp_siteline);
  for (size_t i = 0; i < n;) {
    size_t j = i + 1, docs = 1;
    while (j < n && jb_str_eq(v[j].site, v[i].site) && jb_str_eq(v[j].text, v[i].text)) {
      docs += v[j].src != v[j - 1].src;
      j++;
    }
    if (docs >= SITE_MIN_DOCS)
      for (size_t m = i; m < j; m++)
        work[v[m].src].u[v[m].unit].flags |= JB_UNIT_REPEAT;
    i = j;
  }
  free(v);
}

/* ---- the document pass -------------------------------------------------------- */

/* A notice heading (温馨提示, 最新文档) and the list under it. */
static void
mark_notices(jb_article *art)
{
  for (size_t i = 0; i < art->n; i++) {
    if (art->u[i].drop != JB_DROP_NOTICE)
      continue;
    /* (to the next notice heading, which takes its own list) */
    for (size_t j = i + 1; j < art->n && art->u[j].in.list_item && art->u[j].drop != JB_DROP_NOTICE; j++)
      if (!art->u[j].drop || (art->u[j].flags & JB_UNIT_SOFT)) {
        art->u[j].drop = JB_DROP_NOTICE;
        art->u[j].why = "list under a notice heading";
        art->u[j].flags &= ~(unsigned)JB_UNIT_SOFT;
        art->u[j].cls = JB_U_BAD;
      }
  }
}

/* A video player's list: the line over each running time (01:02) is the
 * title of another video, not a line of the article. */
static void
mark_playlists(jb_article *art)
{
  for (size_t i = 1; i < art->n; i++) {
    if (!jb_clean_is_clock(art->u[i].visible))
      continue;
    size_t j = i;
    while (j > 0 && (art->u[j - 1].flags & (JB_UNIT_IMAGE | JB_UNIT_SOFT)))
      j--;
    jb_unit *t = j ? &art->u[j - 1] : NULL;
    if (!t || t->drop || t->in.sentence_end || t->in.heading || t->in.cps < PLAYLIST_TITLE_MIN_CP)
      continue;
    t->drop = JB_DROP_RELATED;
    t->why = "a video's title over its running time";
    t->cls = JB_U_BAD;
  }
}

/* The whole text, spaces removed: the evidence that a line is repeated. */
static jb_str
squeezed_text(jb_arena *a, const jb_article *art)
{
  jb_buf b = JB_BUF_INIT;
  for (size_t i = 0; i < art->n; i++)
    jb_buf_put_str(&b, art->u[i].visible);
  jb_str r = jb_clean_squeeze(a, jb_buf_str(&b));
  jb_buf_free(&b);
  return r;
}

/* Paragraphs that repeat the title are not text: the headline itself, a
 * copy in the article (an image's alt text), the title bar. */
static void
mark_title_repeats(jb_article *art)
{
  const jb_field *t = &art->src->meta.title;
  if (t->origin == JB_ORIGIN_NONE)
    return;
  jb_arena *scratch = jb_arena_new();
  jb_str title = jb_clean_squeeze(scratch, jb_clean_normalise(scratch, t->value, 0, 0));
  for (size_t i = 0; i < art->n; i++) {
    jb_unit *u = &art->u[i];
    if (u->drop && u->drop != JB_DROP_OUTSIDE && !(u->flags & JB_UNIT_SOFT))
      continue;
    jb_str v = jb_clean_squeeze(scratch, jb_clean_normalise(scratch, u->visible, 0, 0));
    bool headline = (long)i >= art->title && (long)i <= art->title_end;
    if (jb_str_eq(v, title) || headline) {
      u->drop = JB_DROP_TITLE;
      u->why = headline ? "the headline" : "equals the title";
      u->flags &= ~(unsigned)(JB_UNIT_BODY | JB_UNIT_SOFT);
      u->cls = JB_U_BAD;
    }
  }
  jb_arena_free(scratch);
}

/* First clause of s, at most TITLE_CLAUSE_MAX_CP code points. */
static jb_str
first_clause(jb_ctx *ctx, jb_str s)
{
  /* from the first letter; a clause of a word or two (他说：) runs on */
  while (s.n) {
    jb_str rest = s;
    uint32_t cp = jb_utf8_next(&rest);
    if (jb_cp_is_han(cp) || jb_cp_is_alnum(cp))
      break;
    s = rest;
  }
  jb_str it = s;
  size_t cps = 0;
  while (it.n) {
    jb_str before = it;
    uint32_t cp = jb_utf8_next(&it);
    if ((cp == 0xFF0C || cp == 0x3002 || cp == 0xFF1B || cp == 0xFF1A || cp == 0xFF01 ||
         cp == 0xFF1F || cp == ',' || cp == ':') && cps >= TITLE_CLAUSE_MIN_CP)
      return jb_str_sub(s, 0, (size_t)(before.p - s.p));
    if (++cps == TITLE_CLAUSE_MAX_CP) {
      jb_str head = jb_str_sub(s, 0, (size_t)(it.p - s.p));
      return jb_str_c(jb_arena_printf(ctx->arena, "%.*s…", (int)head.n, head.p));
    }
  }
  return s;
}

static uint32_t
unit_line(const jb_article *art, size_t i)
{
  return jb_source_line(art->src, art->u[i].first);
}

/* Without a headline: a slide deck's repeated title, or the article's
 * first clause; the file name when there is no text. A title from weak
 * evidence is reported. */
static void
fallback_title(jb_ctx *ctx, jb_article *art)
{
  jb_field *t = &art->src->meta.title;
  jb_pos pos = {art->src->path, 0, 0, 0};
  if (t->origin == JB_ORIGIN_NONE) {
    size_t i = 0;
    while (i < art->n && !(art->u[i].flags & JB_UNIT_BODY))
      i++;
    if (i == art->n) {
      jb_diag(&ctx->diags, JB_D_NO_TITLE, pos, NULL);
      t->value = jb_str_c(art->src->name);
      t->origin = JB_ORIGIN_FILE_NAME;
      t->rule = "file name";
      return;
    }
    const jb_unit *u = &art->u[i];
    /* A slide deck run into one line repeats its title on every slide. */
    jb_str value = u->in.cps >= DECK_MIN_LINE_CP ? jb_meta_deck_title(u->visible) : jb_str_make(NULL, 0);
    t->rule = "title the slides repeat";
    if (!value.n) {
      value = first_clause(ctx, u->visible);
      t->rule = "first clause of the text";
      art->title_weak = true;
    }
    t->value = jb_clean_normalise(ctx->arena, value, 0, 0);
    t->origin = JB_ORIGIN_INFERRED;
    t->line = unit_line(art, i);
  }
  if (art->title_weak) {
    pos.line = t->line;
    jb_diag(&ctx->diags, JB_D_WEAK_TITLE, pos, "%s: \"%.*s\"", t->rule, (int)t->value.n,
            t->value.p);
  }
}

/* A drop by position alone or by repetition is uncertain; one by a family
 * of debris, or after a named end of the article, is not. */
static bool
uncertain(const jb_unit *u)
{
  return (u->flags & JB_UNIT_WEAK) || u->drop == JB_DROP_SITE;
}

/* Report dropped punctuated paragraphs, a run sharing one rule at a time:
 * a warning when the rule was uncertain, a note otherwise. */
static void
report_drops(jb_ctx *ctx, const jb_article *art)
{
  size_t first = 0, count = 0;
  uint32_t from = 0, to = 0;
  const char *why = NULL;
  for (size_t i = 0; i <= art->n; i++) {
    const jb_unit *u = i < art->n ? &art->u[i] : NULL;
    bool big = u && u->drop && u->drop != JB_DROP_TITLE && u->in.cps >= REPORT_MIN_CP &&
               u->in.stops >= 1;
    if (count && (!u || (big && u->why != why) || (u->flags & JB_UNIT_BODY))) {
      const jb_unit *f = &art->u[first];
      jb_pos pos = {art->src->path, from, 0, 0};
      if (count == 1)
        jb_diag(&ctx->diags, uncertain(f) ? JB_D_DROPPED_TEXT : JB_D_DROPPED_CERTAIN, pos,
                "%s: %s", jb_drop_name(f->drop), why);
      else
        jb_diag(&ctx->diags, uncertain(f) ? JB_D_DROPPED_TEXT : JB_D_DROPPED_CERTAIN, pos,
                "%zu of them through line %u, %s: %s", count, to, jb_drop_name(f->drop), why);
      count = 0;
    }
    if (u && (u->flags & JB_UNIT_BODY) && (u->flags & JB_UNIT_WEAK)) {
      jb_pos pos = {art->src->path, unit_line(art, i), 0, 0};
      jb_diag(&ctx->diags, JB_D_KEPT_APART, pos, "no end of the article is named between them");
    }
    if (!big)
      continue;
    if (!count) {
      first = i;
      from = unit_line(art, i);
      why = u->why;
    }
    count++;
    to = unit_line(art, i);
  }
}

/* The article's last paragraph stops mid-sentence: the scrape cut it. */
static void
mark_truncated(jb_ctx *ctx, const jb_article *art)
{
  for (size_t i = art->n; i-- > 0;) {
    const jb_unit *u = &art->u[i];
    if (!(u->flags & JB_UNIT_BODY))
      continue;
    uint32_t last = jb_utf8_last(u->visible, NULL);
    if (u->cls == JB_U_GOOD && !u->in.sentence_end && (jb_cp_is_han(last) || last == 0xFF0C ||
                                                       last == 0x3001 || jb_cp_is_alnum(last))) {
      art->src->truncated = unit_line(art, i);
      jb_pos pos = {art->src->path, art->src->truncated, 0, 0};
      jb_diag(&ctx->diags, JB_D_TRUNCATED, pos, NULL);
    }
    return;
  }
}

static void
report_missing(jb_ctx *ctx, const jb_article *art)
{
  const jb_source *src = art->src;
  jb_pos pos = {src->path, 0, 0, 0};
  if (src->meta.date.origin == JB_ORIGIN_NONE)
    jb_diag(&ctx->diags, JB_D_NO_DATE, pos, NULL);
  if (art->date_weak) {
    pos.line = src->meta.date.line;
    jb_diag(&ctx->diags, JB_D_WEAK_DATE, pos, "%.*s", (int)src->meta.date.value.n,
            src->meta.date.value.p);
    pos.line = 0;
  }
  if (src->meta.source.origin == JB_ORIGIN_NONE)
    jb_diag(&ctx->diags, JB_D_NO_SOURCE, pos, NULL);
}

static void
build_blocks(jb_ctx *ctx, const jb_article *art)
{
  jb_source *src = art->src;
  /* At most a block a paragraph: room for all at once, so that the list
   * does not grow in the arena and leave its smaller copies behind. */
  size_t most = src->nblocks;
  for (size_t i = 0; i < art->n; i++)
    if (art->u[i].flags & JB_UNIT_BODY)
      most += (art->u[i].flags & JB_UNIT_TABLE) ? art->u[i].n : 1;
  if (most > src->capblocks) {
    jb_block *v = jb_arena_alloc(ctx->arena, most * sizeof *v);
    if (src->nblocks)
      memcpy(v, src->blocks, src->nblocks * sizeof *v);
    src->blocks = v;
    src->capblocks = most;
  }
  for (size_t i = 0; i < art->n; i++) {
    const jb_unit *u = &art->u[i];
    if (!(u->flags & JB_UNIT_BODY))
      continue;
    if (u->flags & JB_UNIT_TABLE) {
      table_blocks(ctx, src, u);
      continue;
    }
    int heading, number;
    bool item;
    jb_str t = jb_clean_block_marks(u->raw, &heading, &item, &number);
    jb_block *b = jb_doc_add_block(ctx, src, heading ? JB_BLOCK_HEADING
                                             : item  ? JB_BLOCK_ITEM
                                                     : JB_BLOCK_PARA);
    const jb_line *l = &src->lines[u->first];
    b->level = heading;
    b->pos.line = jb_source_line(src, u->first);
    b->pos.offset = src->markup_line ? 0 : l->offset;
    jb_clean_inline(ctx, b, t);
    if (b->nspans == 0)
      src->nblocks--; /* nothing visible after all */
  }
}

static void
clean_source(jb_ctx *ctx, jb_source *src, srcwork *w)
{
  jb_article art = {.src = src, .u = w->u, .n = w->n, .head = -1, .next_head = -1, .title = -1,
                     .title_end = -1};
  jb_arena *scratch = jb_arena_new();
  mark_notices(&art);
  mark_playlists(&art);
  art.squeezed = squeezed_text(scratch, &art);
  /* A title the front matter gives is known where the page repeats it:
   * those lines separate the article from what is above it. */
  if (jb_origin_stated(src->meta.title.origin))
    mark_title_repeats(&art);
  jb_clean_core(&art);
  jb_clean_title(ctx, &art);
  jb_clean_body(ctx, &art);
  mark_title_repeats(&art);
  fallback_title(ctx, &art);
  jb_clean_meta(ctx, &art);
  /* A page's site name when the text names no publisher. */
  if (src->meta.source.origin == JB_ORIGIN_NONE && src->markup_site.value.n)
    src->meta.source = src->markup_site;
  if (src->meta.date.origin == JB_ORIGIN_NONE && src->markup_date.value.n)
    src->meta.date = src->markup_date;
  jb_arena_free(scratch);
  report_drops(ctx, &art);
  report_missing(ctx, &art);
  mark_truncated(ctx, &art);
  for (size_t i = 0; i < art.n; i++)
    for (size_t k = 0; k < art.u[i].n; k++) {
      jb_line *l = &src->lines[art.u[i].first + k];
      l->drop = art.u[i].drop;
      l->why = art.u[i].why;
    }
  build_blocks(ctx, &art);
  for (size_t i = 0; i < src->nlines; i++)
    if (src->lines[i].drop && src->lines[i].drop != JB_DROP_FRONT_MATTER)
      src->dropped++;
}

/* The sources and their paragraphs, for jb_par_split. */
typedef struct clean_job {
  jb_doc *doc;
  srcwork *work;
} clean_job;

static void
prepare_range(jb_ctx *ctx, void *arg, size_t from, size_t to, int thread)
{
  (void)thread;
  clean_job *cj = arg;
  for (size_t k = from; k < to; k++)
    if (!cj->doc->srcs[k].skipped)
      prepare(ctx, &cj->doc->srcs[k], &cj->work[k]);
}

static void
clean_range(jb_ctx *ctx, void *arg, size_t from, size_t to, int thread)
{
  (void)thread;
  clean_job *cj = arg;
  for (size_t k = from; k < to; k++) {
    jb_source *src = &cj->doc->srcs[k];
    if (src->skipped)
      continue;
    clean_source(ctx, src, &cj->work[k]);
    if (src->nblocks == 0) {
      jb_pos pos = {src->path, 0, 0, 0};
      jb_diag(&ctx->diags, JB_D_NO_TEXT, pos, NULL);
      src->skipped = true;
    }
  }
}

/* Sources are cleaned independently but for the lines one site repeats
 * across them, so the two per-source passes are split over two threads. */
int
jb_clean_run(jb_ctx *ctx, jb_doc *doc)
{
  clean_job cj = {doc, jb_xcalloc(doc->nsrcs + 1, sizeof *cj.work)};
  jb_par_sources(ctx, doc, prepare_range, &cj);
  mark_site_templates(doc, cj.work);
  jb_par_sources(ctx, doc, clean_range, &cj);
  for (size_t k = 0; k < doc->nsrcs; k++)
    free(cj.work[k].u);
  free(cj.work);
  return 0;
}
