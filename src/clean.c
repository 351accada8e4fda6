/* clean.c - stage 2, the document pass (SPEC §2.2; research/cleaning.md
 * §1). Each line gets context-free features and a verdict (clean_line.c);
 * then context rules run: lines other documents of the same site repeat,
 * bylines, notice blocks (温馨提示 + its list), runs of short lines (menus,
 * headline lists), and the position relative to the article body, found as
 * the largest clusters of sentence-like lines (jusText's neighbourhood idea
 * for Chinese text without tags). Kept lines become blocks of spans
 * (clean_norm.c). */
#include "clean.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clean_int.h"
#include "meta.h"
#include "par.h"
#include "utf8.h"

#define GOOD_MIN_CP 30        /* a body line has at least this many */
#define SHORT_MAX_CP 16       /* menu entries are at most this long */
#define LIST_RUN_MAX_CP 80    /* headline-list entries */
#define RUN_MIN 3             /* lines in a menu or headline run */
#define CLUSTER_GAP 4         /* other lines allowed between body lines */
#define CLUSTER_SHARE 4       /* keep clusters >= 1/4 of the largest */
#define LONE_MIN_CP 150       /* a one-line cluster this long may be body */
#define BYLINE_MAX_CP 150     /* longest byline */
#define SITE_MAX_CP 60        /* site template lines are short */
#define SITE_MIN_DOCS 2       /* documents of one site repeating a line */
#define TITLE_MAX_CP 60
#define DECK_MIN_LINE_CP 1000 /* a run-on deck is at least this long */
#define TITLE_SCAN 8          /* non-blank lines searched above the body */
#define TITLE_CLAUSE_MAX_CP 30

/* ---- the document pass --------------------------------------------------- */

typedef struct linefeat {
  jb_line_info in;
  jb_str visible; /* markup removed, trimmed (arena) */
  bool blank;
} linefeat;

/* Sentence-like text: long enough, mostly Han, and ends a sentence or holds
 * several (a run-on page can stop mid-sentence). */
static bool
is_good(const linefeat *f)
{
  return !f->blank && f->in.cps >= GOOD_MIN_CP && f->in.han * 2 >= f->in.cps &&
         (f->in.sentence_end || f->in.stops >= 2);
}

static bool
is_short(const linefeat *f)
{
  return f->in.cps <= SHORT_MAX_CP && !f->in.sentence_end;
}

/* Chinese enumeration heading: 一、 二、 … 十二、 */
static bool
is_enum_heading(jb_str v)
{
  static const uint32_t nums[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                  0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341};
  jb_str it = v;
  size_t k = 0;
  for (; it.n && k < 3; k++) {
    jb_str before = it;
    uint32_t cp = jb_utf8_next(&it);
    bool numeral = false;
    for (size_t m = 0; m < sizeof nums / sizeof nums[0]; m++)
      numeral |= cp == nums[m];
    if (!numeral) {
      it = before;
      break;
    }
  }
  return k > 0 && jb_str_starts(it, "、");
}

/* Mark runs (in kept, non-blank lines) of at least RUN_MIN lines that
 * satisfy pred with reason. */
static void
mark_runs(jb_source *src, linefeat *f, bool (*pred)(const linefeat *),
          jb_drop reason, const char *why)
{
  size_t i = 0;
  while (i < src->nlines) {
    if (src->lines[i].drop || f[i].blank || !pred(&f[i])) {
      i++;
      continue;
    }
    size_t j = i, count = 0, last = i;
    while (j < src->nlines) {
      if (f[j].blank || src->lines[j].drop) {
        j++;
        continue;
      }
      if (!pred(&f[j]))
        break;
      count++;
      last = j;
      j++;
    }
    if (count >= RUN_MIN)
      for (size_t m = i; m <= last; m++)
        if (!src->lines[m].drop && !f[m].blank) {
          src->lines[m].drop = reason;
          src->lines[m].why = why;
        }
    i = last + 1;
  }
}

static bool
pred_short(const linefeat *f)
{
  return is_short(f);
}

static bool
pred_list(const linefeat *f)
{
  return f->in.list_item && f->in.cps <= LIST_RUN_MAX_CP && !f->in.sentence_end;
}

/* Notice heading and the list under it. */
static void
mark_notices(jb_source *src, linefeat *f)
{
  for (size_t i = 0; i < src->nlines; i++) {
    if (f[i].blank || !jb_clean_is_notice_head(f[i].visible))
      continue;
    if (src->lines[i].drop == JB_DROP_NONE || src->lines[i].drop == JB_DROP_CHROME) {
      src->lines[i].drop = JB_DROP_NOTICE;
      src->lines[i].why = "notice heading";
    }
    size_t j = i + 1;
    for (; j < src->nlines; j++) {
      if (f[j].blank)
        continue;
      if (!f[j].in.list_item)
        break;
      if (src->lines[j].drop == JB_DROP_NONE) {
        src->lines[j].drop = JB_DROP_NOTICE;
        src->lines[j].why = "list under a notice heading";
      }
    }
  }
}

/* Find the article body as clusters of good lines; mark kept lines outside
 * it. Returns the first body line (or nlines). */
static size_t
mark_outside(jb_source *src, linefeat *f)
{
  size_t n = src->nlines;
  /* Clusters: [start, end] of good lines with at most CLUSTER_GAP other
   * non-blank lines between neighbours, kept or not: a sentence amid page
   * debris (a site's slogan) is not article text. */
  size_t *cs = jb_xmalloc((n + 1) * sizeof *cs), *ce = jb_xmalloc((n + 1) * sizeof *ce);
  size_t *cw = jb_xmalloc((n + 1) * sizeof *cw), *cn = jb_xmalloc((n + 1) * sizeof *cn);
  size_t nc = 0, gap = 0;
  bool open = false;
  for (size_t i = 0; i < n; i++) {
    if (f[i].blank)
      continue;
    if (!src->lines[i].drop && is_good(&f[i])) {
      if (open && gap <= CLUSTER_GAP) {
        ce[nc - 1] = i;
        cw[nc - 1] += f[i].in.cps;
        cn[nc - 1]++;
      } else {
        cs[nc] = ce[nc] = i;
        cw[nc] = f[i].in.cps;
        cn[nc] = 1;
        nc++;
        open = true;
      }
      gap = 0;
    } else {
      gap++;
    }
  }
  size_t best = 0;
  for (size_t c = 0; c < nc; c++)
    if (cw[c] > best)
      best = cw[c];
  size_t first = n, last = 0;
  for (size_t c = 0; c < nc; c++) {
    /* A lone short sentence away from the body is a slogan or a caption. */
    if (cw[c] * CLUSTER_SHARE < best || (cw[c] < best && cn[c] < 2 && cw[c] < LONE_MIN_CP))
      continue;
    if (cs[c] < first)
      first = cs[c];
    if (ce[c] > last)
      last = ce[c];
  }
  free(cs);
  free(ce);
  free(cw);
  free(cn);
  if (first == n)
    return n; /* no body found: leave the lines to the other rules */
  /* A heading right above the body belongs to it. */
  size_t start = first;
  for (size_t i = first, seen = 0; i-- > 0 && seen < 2;) {
    if (f[i].blank)
      continue;
    if (src->lines[i].drop)
      break;
    if (f[i].in.heading || is_enum_heading(f[i].visible))
      start = i;
    else
      break;
    seen++;
  }
  for (size_t i = 0; i < n; i++) {
    if (src->lines[i].drop || f[i].blank)
      continue;
    if (i < start || i > last) {
      src->lines[i].drop = JB_DROP_OUTSIDE;
      src->lines[i].why = i < start ? "before the body" : "after the body";
    }
  }
  return start;
}

/* Visible text with every space removed, for comparisons. */
static jb_str
squeeze(jb_arena *a, jb_str s)
{
  char *p = jb_arena_alloc(a, s.n + 1);
  size_t k = 0;
  for (jb_str it = s; it.n;) {
    jb_str before = it;
    uint32_t cp = jb_utf8_next(&it);
    if (jb_cp_is_space(cp))
      continue;
    memcpy(p + k, before.p, (size_t)(it.p - before.p));
    k += (size_t)(it.p - before.p);
  }
  return jb_str_make(p, k);
}

/* First clause of s, at most TITLE_CLAUSE_MAX_CP code points. */
static jb_str
first_clause(jb_ctx *ctx, jb_str s)
{
  jb_str it = s;
  size_t cps = 0;
  while (it.n) {
    jb_str before = it;
    uint32_t cp = jb_utf8_next(&it);
    if (cp == 0xFF0C || cp == 0x3002 || cp == 0xFF1B || cp == 0xFF1A ||
        cp == 0xFF01 || cp == 0xFF1F || cp == ',' || cp == ':') {
      return jb_str_sub(s, 0, (size_t)(before.p - s.p));
    }
    if (++cps == TITLE_CLAUSE_MAX_CP) {
      jb_str head = jb_str_sub(s, 0, (size_t)(it.p - s.p));
      char *t = jb_arena_printf(ctx->arena, "%.*s…", (int)head.n, head.p);
      return jb_str_c(t);
    }
  }
  return s;
}

static void
infer_title(jb_ctx *ctx, jb_source *src, linefeat *f, size_t body)
{
  jb_field *t = &src->meta.title;
  if (t->origin != JB_ORIGIN_NONE)
    return;
  size_t pick = src->nlines;
  for (size_t i = 0; i < src->nlines && pick == src->nlines; i++)
    if (!f[i].blank && f[i].in.heading && src->lines[i].drop != JB_DROP_FRONT_MATTER)
      pick = i;
  /* The title line sits above the body and its byline; the menu rule may
   * have taken it as the last of a run of short lines. */
  for (size_t i = body, seen = 0; pick == src->nlines && seen < TITLE_SCAN && i-- > 0;) {
    const linefeat *g = &f[i];
    jb_drop d = src->lines[i].drop;
    if (g->blank || d == JB_DROP_BYLINE)
      continue;
    seen++;
    if (d != JB_DROP_NONE && d != JB_DROP_OUTSIDE && d != JB_DROP_MENU)
      continue;
    if (g->in.cps >= 6 && g->in.cps <= TITLE_MAX_CP && g->in.han >= 4 &&
        !g->in.sentence_end && !g->in.list_item &&
        jb_str_find(g->visible, ":") < 0 && jb_str_find(g->visible, "：") < 0)
      pick = i;
  }
  jb_str value;
  if (pick < src->nlines) {
    value = f[pick].visible;
  } else {
    size_t i = body;
    while (i < src->nlines && (f[i].blank || src->lines[i].drop))
      i++;
    if (i == src->nlines) {
      jb_pos pos = {src->path, 0, 0, 0};
      jb_diag(&ctx->diags, JB_D_NO_TITLE, pos, NULL);
      t->value = jb_str_c(src->name);
      t->origin = JB_ORIGIN_FILE_NAME;
      return;
    }
    /* A slide deck run into one line repeats its title on every slide. */
    value = f[i].in.cps >= DECK_MIN_LINE_CP ? jb_meta_deck_title(f[i].visible)
                                              : jb_str_make(NULL, 0);
    if (!value.n)
      value = first_clause(ctx, f[i].visible);
    pick = i;
  }
  t->value = jb_clean_normalise(ctx->arena, value, 0, 0);
  t->origin = JB_ORIGIN_INFERRED;
  t->line = src->lines[pick].lineno;
}

static void
mark_title_repeats(jb_ctx *ctx, jb_source *src, linefeat *f)
{
  (void)ctx;
  if (src->meta.title.origin == JB_ORIGIN_NONE)
    return;
  /* The normalised copies are only compared: a scratch arena holds them. */
  jb_arena *scratch = jb_arena_new();
  jb_str title = squeeze(scratch, jb_clean_normalise(scratch, src->meta.title.value, 0, 0));
  for (size_t i = 0; i < src->nlines; i++) {
    jb_drop d = src->lines[i].drop;
    if (f[i].blank || (d != JB_DROP_NONE && d != JB_DROP_OUTSIDE && d != JB_DROP_MENU))
      continue;
    jb_str v = squeeze(scratch, jb_clean_normalise(scratch, f[i].visible, 0, 0));
    if (jb_str_eq(v, title)) {
      src->lines[i].drop = JB_DROP_TITLE;
      src->lines[i].why = "equals the title";
    }
  }
  jb_arena_free(scratch);
}

static void
build_blocks(jb_ctx *ctx, jb_source *src, linefeat *f)
{
  /* At most a block a line: room for all at once, so that the list does
   * not grow in the arena and leave its smaller copies behind. */
  size_t most = src->nblocks;
  for (size_t i = 0; i < src->nlines; i++)
    most += !src->lines[i].drop && !f[i].blank;
  if (most > src->capblocks) {
    jb_block *v = jb_arena_alloc(ctx->arena, most * sizeof *v);
    if (src->nblocks)
      memcpy(v, src->blocks, src->nblocks * sizeof *v);
    src->blocks = v;
    src->capblocks = most;
  }
  for (size_t i = 0; i < src->nlines; i++) {
    jb_line *l = &src->lines[i];
    if (l->drop || f[i].blank)
      continue;
    int heading, number;
    bool item;
    jb_str t = jb_clean_block_marks(l->text, &heading, &item, &number);
    jb_block *b = jb_doc_add_block(ctx, src, heading ? JB_BLOCK_HEADING
                                             : item  ? JB_BLOCK_ITEM
                                                     : JB_BLOCK_PARA);
    b->level = heading;
    b->pos.line = l->lineno;
    b->pos.offset = l->offset;
    jb_clean_inline(ctx, b, t);
    if (b->nspans == 0)
      src->nblocks--; /* nothing visible after all */
  }
}

/* Context-free pass: features, visible text and verdict of every line. */
static linefeat *
features(jb_ctx *ctx, jb_source *src)
{
  size_t n = src->nlines;
  linefeat *f = jb_xcalloc(n ? n : 1, sizeof *f);
  jb_buf vis = JB_BUF_INIT;
  for (size_t i = 0; i < n; i++) {
    jb_line *l = &src->lines[i];
    f[i].blank = jb_str_trim(l->text).n == 0;
    if (l->drop || f[i].blank)
      continue;
    jb_buf_reset(&vis);
    jb_clean_features(l->text, &f[i].in, &vis);
    jb_str v = jb_str_trim(jb_buf_str(&vis));
    /* Most lines carry no markup: their visible text is the line's own. */
    jb_str t = jb_str_trim(l->text);
    f[i].visible = jb_str_eq(v, t) ? t : jb_str_make(jb_arena_strndup(ctx->arena, v.p, v.n), v.n);
    l->drop = jb_clean_verdict(&f[i].in, f[i].visible, &l->why);
  }
  jb_buf_free(&vis);
  return f;
}

static void
clean_source(jb_ctx *ctx, jb_source *src, linefeat *f)
{
  size_t n = src->nlines;
  /* Bylines the ingest stage read metadata from, and attribution lines. */
  const jb_meta *m = &src->meta;
  for (size_t i = 0; i < n; i++) {
    jb_line *l = &src->lines[i];
    if (l->drop || f[i].blank)
      continue;
    bool byline = (m->date.origin == JB_ORIGIN_INFERRED && m->date.line == l->lineno) ||
                  (m->source.origin == JB_ORIGIN_INFERRED && m->source.line == l->lineno);
    if (byline && !is_good(&f[i])) {
      l->drop = JB_DROP_BYLINE;
      l->why = "date or publisher line";
    } else if (f[i].in.cps <= BYLINE_MAX_CP && f[i].in.stops == 0 &&
               jb_meta_byline_fields(f[i].visible) >= 2) {
      l->drop = JB_DROP_BYLINE;
      l->why = "byline fields";
    } else if (jb_meta_is_date_line(f[i].visible)) {
      l->drop = JB_DROP_BYLINE;
      l->why = "date alone";
    } else if (jb_meta_is_attribution(f[i].visible)) {
      l->drop = JB_DROP_BYLINE;
      l->why = "attribution";
    }
  }
  mark_notices(src, f);
  mark_title_repeats(ctx, src, f); /* a front-matter title is known already */
  mark_runs(src, f, pred_list, JB_DROP_MENU, "run of unpunctuated list items");
  mark_runs(src, f, pred_short, JB_DROP_MENU, "run of short lines");
  size_t body = mark_outside(src, f);
  infer_title(ctx, src, f, body);
  mark_title_repeats(ctx, src, f);
  build_blocks(ctx, src, f);
  for (size_t i = 0; i < n; i++)
    if (src->lines[i].drop && src->lines[i].drop != JB_DROP_FRONT_MATTER)
      src->dropped++;
}

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

/* Lines that several documents of one site share are the site's template
 * (trafilatura's repetition filter, per site). Found by sorting (site, line)
 * keys, so the cost is n log n in the corpus. */
typedef struct siteline {
  jb_str site, text;
  uint32_t src;
  size_t line;
} siteline;

static int
cmp_siteline(const void *a, const void *b)
{
  const siteline *x = a, *y = b;
  size_t n = x->site.n < y->site.n ? x->site.n : y->site.n;
  int c = memcmp(x->site.p, y->site.p, n);
  if (c || x->site.n != y->site.n)
    return c ? c : (x->site.n < y->site.n ? -1 : 1);
  n = x->text.n < y->text.n ? x->text.n : y->text.n;
  c = n ? memcmp(x->text.p, y->text.p, n) : 0;
  if (c || x->text.n != y->text.n)
    return c ? c : (x->text.n < y->text.n ? -1 : 1);
  return x->src != y->src ? (x->src < y->src ? -1 : 1) : (x->line < y->line ? -1 : 1);
}

static void
mark_site_templates(jb_doc *doc, linefeat **feats)
{
  siteline *v = NULL;
  size_t n = 0, cap = 0;
  for (size_t k = 0; k < doc->nsrcs; k++) {
    jb_source *src = &doc->srcs[k];
    jb_str site = site_of(src);
    if (src->skipped || !site.n)
      continue;
    for (size_t i = 0; i < src->nlines; i++) {
      const linefeat *f = &feats[k][i];
      if (src->lines[i].drop || f->blank || f->in.cps > SITE_MAX_CP)
        continue;
      siteline *e = JB_PUSH_HEAP(v, n, cap);
      e->site = site;
      e->text = f->visible;
      e->src = (uint32_t)k;
      e->line = i;
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
      for (size_t m = i; m < j; m++) {
        jb_line *l = &doc->srcs[v[m].src].lines[v[m].line];
        l->drop = JB_DROP_SITE;
        l->why = "repeated across the site's pages";
      }
    i = j;
  }
  free(v);
}

/* The sources and their line features, for jb_par_split. */
typedef struct clean_job {
  jb_doc *doc;
  linefeat **feats;
} clean_job;

static void
features_range(jb_ctx *ctx, void *arg, size_t from, size_t to, int thread)
{
  (void)thread;
  clean_job *cj = arg;
  for (size_t k = from; k < to; k++)
    if (!cj->doc->srcs[k].skipped)
      cj->feats[k] = features(ctx, &cj->doc->srcs[k]);
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
    clean_source(ctx, src, cj->feats[k]);
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
  clean_job cj = {doc, jb_xcalloc(doc->nsrcs + 1, sizeof *cj.feats)};
  jb_par_sources(ctx, doc, features_range, &cj);
  mark_site_templates(doc, cj.feats);
  jb_par_sources(ctx, doc, clean_range, &cj);
  for (size_t k = 0; k < doc->nsrcs; k++)
    free(cj.feats[k]);
  free(cj.feats);
  return 0;
}
