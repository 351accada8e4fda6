/* layout.c - stage 7: pages. The body is laid out first, so the table of
 * contents (second pass) knows every chapter's page; then the cover and the
 * TOC go in front, numbered i, ii, … while the body counts from 1. */
#include "layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "layout_int.h"
#include "par.h"
#include "utf8.h"

#define MM 2.8346457f          /* points per millimetre */
#define EM_TOP 0.88f           /* ideographic em box: 880/-120 of 1000 */
#define LEADER_STEP 0.5f       /* dot leader pitch, em */
#define TOC_NUM_EM 3.0f        /* width kept for page numbers in the TOC */
#define TOC_RUNT_EM 4          /* ems a TOC entry may give up to avoid a runt */
#define HEADER_GAP 0.45f       /* header baseline above the text area, in
                                  body line heights */

typedef struct styles {
  style body, item, meta, ref, h1, h2, h3;
  style chap_label, chap_title;
  style toc_title, toc_entry, toc_sub;
  style header, footer;
  style cell, cell_head;
  style cover_title, cover_title_en, cover_sub, cover_sub_en, cover_line;
} styles;

typedef struct pagelist {
  jb_page *v;
  size_t n, cap;
  int *chapter;        /* chapter shown in the running header, per page */
  bool *opens;         /* a chapter starts on the page */
  size_t capmeta;
} pagelist;

#define TABLE_MAX_CELLS 12

typedef struct builder {
  jb_ctx *ctx;
  const jb_doc *doc;
  setter set;
  styles st;
  float pw, ph, ml, mr, mt, mb, tw;
  pagelist *pl;        /* flow target */
  float cursor;        /* top of the free space on the current page */
  bool fresh;          /* nothing placed yet on the current page */
  int chapter;
  jb_anchor *anchors;  /* page indices within the flow's pagelist */
  int *anchor_flow;    /* 0 body, 1 toc */
  int nanchors;
  jb_outline *outl;
  size_t noutl, capoutl;
  int flow_id;
  float grid;          /* body leading when the grid is on, else 0 */
  bool parallel;       /* a worker thread sets half of each chapter */
  setter wset;         /* the worker's setter */
  jb_fontset *wfonts;  /* the worker's shaping fonts */
  /* The structure tree (tagged PDF): */
  jb_layout *lay;      /* where the elements go */
  int elem;            /* the element lines are placed in, or a JB_RUN_ code */
  int part;            /* the chapter's Part, the TOC, the cover's Document */
  int cells[TABLE_MAX_CELLS]; /* the current row's TH or TD, 0 until used */
  bool head_row;       /* the current row heads the table */
  int lbl;             /* the current list item's Lbl, 0 until used */
  int span;            /* the last English Span, and its parent */
  int span_parent;
  const jb_link *open; /* a link the last line ended in, and its element */
  int open_elem;
} builder;

/* ---- styles -------------------------------------------------------------- */

static style
mk(int font, float size, float leading)
{
  style s;
  memset(&s, 0, sizeof s);
  s.font = font;
  s.bold = font == JB_FONT_BODY ? JB_FONT_BOLD : font;
  s.size = size;
  s.leading = size * leading;
  return s;
}

static void
init_styles(builder *B)
{
  const jb_conf *c = B->ctx->conf;
  float sb = (float)jb_conf_num(c, JB_CONF_SIZE_BODY);
  float ls = (float)jb_conf_num(c, JB_CONF_LINE_SPACING);
  float small = (float)jb_conf_num(c, JB_CONF_SIZE_SMALL);
  styles *S = &B->st;
  S->body = mk(JB_FONT_BODY, sb, ls);
  S->body.indent = 2 * sb;
  S->body.justify = true;
  S->body.cite_size = sb * 0.7f;
  S->item = S->body;
  S->item.indent = 2 * sb;
  S->item.hang = 3.5f * sb;
  S->meta = mk(JB_FONT_SANS, small + 1, 1.5f);
  S->meta.gray = 0.35f;
  S->meta.after = sb;
  S->ref = mk(JB_FONT_BODY, sb * 0.9f, 1.55f);
  S->ref.hang = 2 * sb;
  S->ref.after = sb * 0.4f;
  float h1 = (float)jb_conf_num(c, JB_CONF_SIZE_SECTION);
  float h2 = (float)jb_conf_num(c, JB_CONF_SIZE_SUBSECTION);
  S->h1 = mk(JB_FONT_HEADING, h1, 1.4f);
  S->h1.before = sb * ls * 0.8f;
  S->h1.after = sb * ls * 0.25f;
  S->h2 = mk(JB_FONT_HEADING, h2, 1.45f);
  S->h2.before = sb * ls * 0.5f;
  S->h2.after = sb * ls * 0.15f;
  S->h3 = mk(JB_FONT_BOLD, sb, ls);
  S->h3.before = sb * ls * 0.3f;
  S->chap_label = mk(JB_FONT_SANS, sb, 1.6f);
  S->chap_label.gray = 0.4f;
  S->chap_title = mk(JB_FONT_HEADING, (float)jb_conf_num(c, JB_CONF_SIZE_CHAPTER), 1.35f);
  S->chap_title.after = sb * 0.6f;
  S->toc_title = mk(JB_FONT_HEADING, (float)jb_conf_num(c, JB_CONF_SIZE_CHAPTER), 1.4f);
  S->toc_title.after = sb * ls;
  S->toc_entry = mk(JB_FONT_BODY, sb, 1.6f);
  S->toc_entry.before = sb * 0.5f;
  S->toc_entry.hang = 3 * sb;
  S->toc_sub = mk(JB_FONT_BODY, sb * 0.92f, 1.6f);
  S->toc_sub.indent = 3 * sb;
  S->toc_sub.hang = 3 * sb + 1.5f * sb;
  S->toc_sub.gray = 0.15f;
  S->cell = mk(JB_FONT_SANS, sb * 0.8f, 1.5f);
  S->cell_head = mk(JB_FONT_HEADING, sb * 0.8f, 1.5f);
  S->cell_head.before = sb;
  S->header = mk(JB_FONT_SANS, small, 1.2f);
  S->header.gray = 0.35f;
  S->footer = S->header;
  S->footer.align = ALIGN_CENTER;
  S->cover_title = mk(JB_FONT_HEADING, 28, 1.3f);
  S->cover_title.align = ALIGN_CENTER;
  S->cover_title_en = mk(JB_FONT_SANS, 14, 1.4f);
  S->cover_title_en.align = ALIGN_CENTER;
  S->cover_title_en.gray = 0.25f;
  S->cover_sub = mk(JB_FONT_BODY, 15, 1.5f);
  S->cover_sub.align = ALIGN_CENTER;
  S->cover_sub_en = mk(JB_FONT_SANS, 11, 1.5f);
  S->cover_sub_en.align = ALIGN_CENTER;
  S->cover_sub_en.gray = 0.3f;
  S->cover_line = mk(JB_FONT_SANS, 11, 1.7f);
  S->cover_line.align = ALIGN_CENTER;
  S->cover_line.gray = 0.2f;
}

/* ---- flow ---------------------------------------------------------------- */

static jb_page *
new_page(builder *B)
{
  pagelist *pl = B->pl;
  jb_page *p = JB_PUSH(B->ctx->arena, pl->v, pl->n, pl->cap);
  if (pl->n > pl->capmeta) {
    pl->capmeta = pl->cap;
    pl->chapter = jb_xrealloc(pl->chapter, pl->capmeta * sizeof *pl->chapter);
    pl->opens = jb_xrealloc(pl->opens, pl->capmeta * sizeof *pl->opens);
  }
  pl->chapter[pl->n - 1] = B->chapter;
  pl->opens[pl->n - 1] = false;
  B->cursor = B->ph - B->mt;
  B->fresh = true;
  return p;
}

static jb_page *
cur_page(builder *B)
{
  return B->pl->n ? &B->pl->v[B->pl->n - 1] : new_page(B);
}

/* ---- structure ----------------------------------------------------------- */

static int
new_elem(builder *B, jb_tag tag, int parent)
{
  jb_layout *L = B->lay;
  jb_elem *e = JB_PUSH(B->ctx->arena, L->elems, L->nelems, L->capelems);
  e->tag = tag;
  e->parent = parent;
  return (int)(L->nelems - 1);
}

/* Lines placed from here on belong to a new element under the current
 * part; returns it. */
static int
open_elem(builder *B, jb_tag tag)
{
  B->elem = new_elem(B, tag, B->part);
  return B->elem;
}

static bool
same_target(const jb_link *a, const jb_link *b)
{
  return a->dest == b->dest && a->cite == b->cite && jb_str_eq(a->uri, b->uri);
}

/* The Link element of the line's link k, inside parent: made on first
 * use, and shared with the same link's piece on the line before. */
static int
link_elem(builder *B, tline *l, size_t k, int parent, bool starts)
{
  jb_link *lk = &l->links[k];
  if (lk->elem)
    return lk->elem;
  if (starts && B->open && same_target(B->open, lk)) {
    int up = B->lay->elems[B->open_elem].parent;
    if ((lk->cite ? B->lay->elems[up].parent : up) == parent)
      return lk->elem = B->open_elem;
  }
  if (lk->cite) /* a citation mark: a Reference holding the Link */
    parent = new_elem(B, JB_TAG_REFERENCE, parent);
  return lk->elem = new_elem(B, JB_TAG_LINK, parent);
}

/* Each run of a line gets its element: the block's, a table cell's, a
 * list label, a link, an English span inside them. */
static void
stamp_runs(builder *B, tline *l)
{
  int base = B->elem > 0 ? B->elem : B->elem == JB_RUN_PAGINATION ? JB_RUN_PAGINATION
                                                                   : JB_RUN_ARTIFACT;
  const jb_link *ends = NULL;
  int ends_elem = 0;
  for (size_t r = 0; r < l->pl.nruns; r++) {
    jb_run *run = &l->pl.runs[r];
    if (run->elem == JB_RUN_ARTIFACT || base < 0) {
      run->elem = base < 0 ? base : JB_RUN_ARTIFACT;
      continue;
    }
    int e = base;
    if (run->cell && run->cell <= TABLE_MAX_CELLS) {
      int *c = &B->cells[run->cell - 1];
      if (!*c) {
        *c = new_elem(B, B->head_row ? JB_TAG_TH : JB_TAG_TD, base);
        B->lay->elems[*c].column = B->head_row;
      }
      e = *c;
    }
    if (run->elem == JB_RUN_LABEL) { /* beside the item's body, in the item */
      if (!B->lbl)
        B->lbl = new_elem(B, JB_TAG_LBL, B->lay->elems[e].parent);
      e = B->lbl;
    }
    if (run->link && run->link <= l->nlinks) {
      e = link_elem(B, l, run->link - 1u, e, r == 0);
      ends = r + 1 == l->pl.nruns ? &l->links[run->link - 1] : NULL;
      ends_elem = e;
    }
    if (run->en) {
      if (!(B->span && B->span_parent == e && r > 0 && l->pl.runs[r - 1].en)) {
        B->span = new_elem(B, JB_TAG_SPAN, e);
        B->span_parent = e;
        B->lay->elems[B->span].en = true;
      }
      e = B->span;
    }
    run->elem = e;
  }
  B->open = ends;
  B->open_elem = ends_elem;
}

/* Put a set line on the current page at the cursor. */
static void
put_line(builder *B, tline *l, float x0)
{
  jb_page *pg = cur_page(B);
  float base = B->cursor - (l->leading - l->size) / 2 - EM_TOP * l->size;
  stamp_runs(B, l);
  for (size_t r = 0; r < l->pl.nruns; r++) {
    l->pl.runs[r].x += x0;
    l->pl.runs[r].y += base;
  }
  *JB_PUSH(B->ctx->arena, pg->lines, pg->nlines, pg->caplines) = l->pl;
  for (size_t k = 0; k < l->nlinks; k++) {
    jb_link *d = JB_PUSH(B->ctx->arena, pg->links, pg->nlinks, pg->caplinks);
    *d = l->links[k];
    d->x0 += x0;
    d->x1 += x0;
    d->y0 += base;
    d->y1 += base;
  }
  B->cursor -= l->leading;
  B->fresh = false;
}

static void
set_anchor(builder *B, int id)
{
  if (id < 0 || id >= B->nanchors)
    return;
  cur_page(B);
  B->anchors[id].page = (int)B->pl->n - 1;
  B->anchors[id].y = B->cursor;
  B->anchor_flow[id] = B->flow_id;
}

static void
add_outline(builder *B, jb_str title, int level, int dest)
{
  jb_outline *o = JB_PUSH(B->ctx->arena, B->outl, B->noutl, B->capoutl);
  /* Bookmarks show the quotes as the page sets them. */
  jb_buf q = JB_BUF_INIT;
  jb_buf_put_curled(&q, title, 0, 0);
  o->title = q.n == title.n ? title : jb_str_make(jb_arena_strndup(B->ctx->arena, q.p, q.n), q.n);
  jb_buf_free(&q);
  o->level = level;
  o->dest = dest;
}

static float
lines_height(const lines *L, size_t from, size_t n)
{
  float h = 0;
  for (size_t i = from; i < from + n && i < L->n; i++)
    h += L->v[i].leading;
  return h;
}

/* Place a block's lines with its spacing: no single first line at the foot
 * of a page (orphan), no single last line at the head (widow); keep is extra
 * height that must follow on the same page (a heading's next lines). The
 * anchor, if any, lands where the first line goes. */
static void
place(builder *B, lines *L, const style *st, float keep, int anchor)
{
  if (!L->n)
    return;
  float before = st->before, after = st->after;
  if (B->grid > 0 && st->leading != B->grid) {
    /* Off-grid text (headings, notes) takes a whole number of body lines,
     * its spacing shared out around it: two thirds above, one below. */
    float h = lines_height(L, 0, L->n);
    float want = (B->fresh ? 0 : before) + h + after;
    float k = roundf(want / B->grid);
    if (k * B->grid < h + 0.25f * B->grid)
      k += 1;
    float space = k * B->grid - h;
    before = B->fresh ? 0 : space * 2 / 3;
    after = space - before;
  }
  if (!B->fresh)
    B->cursor -= before;
  float first_need = keep > 0 ? lines_height(L, 0, L->n) + keep
                              : lines_height(L, 0, L->n < 2 ? L->n : 2);
  if (!B->pl->n || B->cursor - first_need < B->mb - 0.01f)
    new_page(B);
  set_anchor(B, anchor);
  for (size_t i = 0; i < L->n; i++) {
    float lead = L->v[i].leading;
    bool fits = B->cursor - lead >= B->mb - 0.01f;
    if (i > 0 && !fits)
      new_page(B);
    else if (i >= 2 && i == L->n - 2 && keep <= 0 &&
             B->cursor - lead - L->v[i + 1].leading < B->mb - 0.01f)
      new_page(B); /* carry one more line so the last is not alone */
    put_line(B, &L->v[i], B->ml);
  }
  B->cursor -= after;
  /* Body text sits on a grid of body lines from the top of the text area;
   * a page break inside a block may leave it off: put it back. */
  if (B->grid > 0) {
    float top = B->ph - B->mt;
    float k = ceilf((top - B->cursor) / B->grid - 0.001f);
    B->cursor = top - k * B->grid;
  }
}

/* A copy of L that can be placed again (placing moves its runs). */
static lines
copy_lines(builder *B, const lines *L)
{
  jb_arena *ar = B->ctx->arena;
  lines c = {jb_arena_alloc(ar, (L->n + 1) * sizeof *c.v), L->n, L->n};
  for (size_t i = 0; i < L->n; i++) {
    c.v[i] = L->v[i];
    c.v[i].pl.runs = jb_arena_alloc(ar, (L->v[i].pl.nruns + 1) * sizeof *c.v[i].pl.runs);
    memcpy(c.v[i].pl.runs, L->v[i].pl.runs, L->v[i].pl.nruns * sizeof *c.v[i].pl.runs);
    c.v[i].pl.capruns = L->v[i].pl.nruns;
    c.v[i].links = NULL;
    c.v[i].nlinks = c.v[i].caplinks = 0;
  }
  return c;
}

static void
add_rule(builder *B, float x0, float x1, float y, float w)
{
  jb_page *pg = cur_page(B);
  jb_rule *r = JB_PUSH(B->ctx->arena, pg->rules, pg->nrules, pg->caprules);
  r->x0 = x0;
  r->x1 = x1;
  r->y0 = r->y1 = y;
  r->width = w;
}

/* ---- blocks -------------------------------------------------------------- */

static const style *
block_style(builder *B, const jb_block *b)
{
  styles *S = &B->st;
  switch (b->kind) {
  case JB_BLOCK_HEADING:
    return b->level <= 1 ? &S->h1 : b->level == 2 ? &S->h2 : &S->h3;
  case JB_BLOCK_ITEM:
    return &S->item;
  case JB_BLOCK_META:
    return &S->meta;
  case JB_BLOCK_REF:
    return &S->ref;
  case JB_BLOCK_ROW:
    return b->level == 1 ? &S->cell_head : &S->cell;
  case JB_BLOCK_PARA:
    break;
  }
  return &S->body;
}

/* Runs moved into a line whose text has `at` bytes before theirs. */
static void
rebase(jb_run *run, size_t at)
{
  for (size_t g = 0; g < run->nglyphs; g++)
    run->glyphs[g].text += (uint32_t)at;
}

#define PARALLEL_MIN_BYTES 4096 /* text below which a second thread costs more */
#define TABLE_PAD 1.2f        /* em between columns: a cell never touches the next */
#define TABLE_MIN_COL 3.0f    /* em: the narrowest a squeezed column gets */

/* Where each cell of row b starts in its spans; returns the cells. */
static size_t
row_cells(const jb_block *b, size_t start[TABLE_MAX_CELLS + 1])
{
  size_t nc = 0;
  for (size_t i = 0; i < b->nspans && nc < TABLE_MAX_CELLS; i++)
    if ((b->spans[i].flags & JB_SPAN_CELL) || i == 0)
      start[nc++] = i;
  start[nc] = b->nspans;
  return nc;
}

/* Column widths for the table of rows bs[0..n) (CSS's automatic table
 * layout): a column is as wide as its widest cell when the measure allows;
 * when it does not, the columns narrower than a fair share keep their
 * width and the others share what is left in proportion to theirs. Room
 * to spare goes to the widest column. */
static void
table_widths(builder *B, jb_block *const *bs, size_t n, float *w, const lines *const *meas)
{
  float nat[TABLE_MAX_CELLS] = {0};
  size_t nc = 0, start[TABLE_MAX_CELLS + 1];
  for (size_t r = 0; r < n; r++) {
    size_t k = row_cells(bs[r], start);
    float size = block_style(B, bs[r])->size;
    for (size_t c = 0; c < k; c++) {
      const lines *m = &meas[r][c];
      /* half an em spare: a closing mark measured hanging fits set */
      float x = (m->n ? m->v[0].width : 0) + (TABLE_PAD + 0.5f) * size;
      if (x > nat[c])
        nat[c] = x;
    }
    if (k > nc)
      nc = k;
  }
  float total = 0, widest = 0;
  size_t wi = 0;
  for (size_t c = 0; c < nc; c++) {
    total += nat[c];
    if (nat[c] > widest) {
      widest = nat[c];
      wi = c;
    }
    w[c] = nat[c];
  }
  if (total <= B->tw) {
    if (nc)
      w[wi] += B->tw - total;
    return;
  }
  bool fixed[TABLE_MAX_CELLS] = {false};
  float left = B->tw, flex = total;
  for (bool changed = true; changed;) {
    changed = false;
    size_t k = 0;
    for (size_t c = 0; c < nc; c++)
      k += !fixed[c];
    for (size_t c = 0; c < nc && k; c++)
      if (!fixed[c] && nat[c] <= left / (float)k) {
        fixed[c] = changed = true;
        left -= nat[c];
        flex -= nat[c];
      }
  }
  float minw = TABLE_MIN_COL * block_style(B, bs[0])->size;
  for (size_t c = 0; c < nc; c++)
    if (!fixed[c])
      w[c] = fmaxf(minw, left * nat[c] / flex);
}

/* A table row: each cell set in its column (widths from table_widths),
 * the cells' lines side by side as the row's lines. */
static void
set_row(builder *B, const jb_block *b, const style *st, const float *widths, const lines *meas,
        lines *out)
{
  jb_arena *ar = B->ctx->arena;
  size_t start[TABLE_MAX_CELLS + 1];
  size_t nc = row_cells(b, start);
  if (!nc)
    return;
  lines cells[TABLE_MAX_CELLS];
  size_t rows = 0;
  for (size_t c = 0; c < nc; c++) {
    memset(&cells[c], 0, sizeof cells[c]);
    float w = widths[c] - TABLE_PAD * st->size;
    const lines *m = meas ? &meas[c] : NULL;
    jb_pos none = {NULL, 0, 0, 0}; /* measuring reported it */
    if (m && m->n <= 1 && (!m->n || m->v[0].width <= w))
      cells[c] = *m; /* it fits as measured: set once */
    else
      jb_set_para(&B->set, b->spans + start[c], start[c + 1] - start[c], st, w, m ? none : b->pos,
                  &cells[c]);
    if (cells[c].n > rows)
      rows = cells[c].n;
  }
  for (size_t r = 0; r < rows; r++) {
    tline *l = JB_PUSH(ar, out->v, out->n, out->cap);
    l->leading = st->leading;
    l->size = st->size;
    jb_buf text = JB_BUF_INIT;
    float x = 0;
    for (size_t c = 0; c < nc; c++) {
      if (r < cells[c].n) {
        tline *cl = &cells[c].v[r];
        if (text.n)
          jb_buf_puts(&text, "  ");
        size_t links = l->nlinks;
        for (size_t k = 0; k < cl->nlinks; k++) {
          jb_link *lk = JB_PUSH(ar, l->links, l->nlinks, l->caplinks);
          *lk = cl->links[k];
          lk->x0 += x;
          lk->x1 += x;
        }
        for (size_t k = 0; k < cl->pl.nruns; k++) {
          jb_run *run = JB_PUSH(ar, l->pl.runs, l->pl.nruns, l->pl.capruns);
          *run = cl->pl.runs[k];
          run->x += x;
          run->cell = (uint16_t)(c + 1);
          if (run->link)
            run->link = (uint16_t)(run->link + links);
          rebase(run, text.n);
        }
        jb_buf_put_str(&text, cl->pl.text);
      }
      x += widths[c];
    }
    l->pl.text = jb_str_make(jb_arena_strndup(ar, text.p ? text.p : "", text.n), text.n);
    l->width = B->tw;
    jb_buf_free(&text);
  }
}

/* A heading set balanced: where its last line would be shorter than a
 * third of the measure, the widest narrower measure (down to half) that
 * keeps the number of lines and gives a last line of a third of the full
 * measure or more. */
static void
set_balanced(builder *B, const jb_span *sp, size_t n, const style *st, float measure, jb_pos pos,
             lines *out)
{
  if (!n)
    return;
  size_t base = out->n;
  jb_para *jp = jb_para_prepare(&B->set, sp, n, st, pos); /* shaped once */
  jb_para_set(&B->set, jp, measure, out);
  size_t k = out->n - base;
  if (k < 2 || out->v[out->n - 1].width >= measure / 3) {
    jb_para_free(jp);
    return;
  }
  for (int step = 1; step <= 10; step++) {
    float m = measure * (1.0f - 0.05f * (float)step);
    lines t = {0};
    jb_para_set(&B->set, jp, m, &t);
    if (t.n > k)
      break;
    if (t.n == k && t.v[t.n - 1].width >= measure / 3) {
      out->n = base;
      for (size_t i = 0; i < t.n; i++)
        *JB_PUSH(B->ctx->arena, out->v, out->n, out->cap) = t.v[i];
      break;
    }
  }
  jb_para_free(jp);
}

/* "zh　en" on one line (or more), the English tagged as such: labels of
 * the bilingual frame. */
static size_t
bilingual(builder *B, jb_str zh, jb_str en, jb_span sp[2])
{
  size_t n = 0;
  if (zh.n)
    sp[n++] = (jb_span){.text = en.n ? jb_str_c(jb_arena_printf(B->ctx->arena, "%.*s　",
                                                                (int)zh.n, zh.p))
                                     : zh,
                        .target = -1};
  if (en.n)
    sp[n++] = (jb_span){.text = en, .target = -1, .flags = JB_SPAN_EN};
  return n;
}

static void
set_bilingual(builder *B, jb_str zh, jb_str en, const style *st, lines *out)
{
  jb_span sp[2];
  jb_pos none = {NULL, 0, 0, 0};
  jb_set_para(&B->set, sp, bilingual(B, zh, en, sp), st, B->tw, none, out);
}

static void
set_block(builder *B, const jb_block *b, const float *colw, const lines *meas, lines *out)
{
  const style *st = block_style(B, b);
  if (b->kind == JB_BLOCK_ROW) {
    set_row(B, b, st, colw, meas, out);
    return;
  }
  if (b->kind == JB_BLOCK_ITEM && !(b->flags & JB_BLOCK_UNMARKED)) {
    /* The bullet or number is drawn, not part of the model. */
    jb_span *sp = jb_xmalloc((b->nspans + 1) * sizeof *sp);
    jb_str mark = b->level > 0 ? jb_str_c(jb_arena_printf(B->ctx->arena, "%d. ", b->level))
                               : JB_STR_LIT("• ");
    sp[0] = (jb_span){.text = mark, .target = -1, .flags = JB_SPAN_LABEL};
    memcpy(sp + 1, b->spans, b->nspans * sizeof *sp);
    jb_set_para(&B->set, sp, b->nspans + 1, st, B->tw, b->pos, out);
    free(sp);
    return;
  }
  if (b->kind == JB_BLOCK_HEADING)
    set_balanced(B, b->spans, b->nspans, st, B->tw, b->pos, out);
  else
    jb_set_para(&B->set, b->spans, b->nspans, st, B->tw, b->pos, out);
}

/* The blocks to set, for jb_par_split. */
typedef struct block_set {
  builder *B;
  builder W[2];   /* each thread's own copy, made before the split */
  jb_block *const *blocks;
  const float *const *colw;
  const lines *const *meas; /* a table row's cells as measured */
  lines *out;
  lines *const *measure; /* when set, the pass measures rows into these */
} block_set;

/* A table row's cells, each set on one line: its natural width for the
 * column widths, and its line where it fits the column (set_row). The
 * measure reports what a cell lacks; set_row then does not. */
static void
measure_row(builder *B, const jb_block *b, lines *cells)
{
  size_t start[TABLE_MAX_CELLS + 1];
  size_t k = row_cells(b, start);
  style one = *block_style(B, b);
  one.justify = false;
  for (size_t c = 0; c < k; c++)
    jb_set_para(&B->set, b->spans + start[c], start[c + 1] - start[c], &one, 1e9f, b->pos, &cells[c]);
}

#define ROW_REUSE 16

static size_t
block_weight(void *arg, size_t i)
{
  const block_set *bs = arg;
  if (bs->measure && bs->blocks[i]->kind != JB_BLOCK_ROW)
    return 1;
  size_t w = 8;
  for (size_t s = 0; s < bs->blocks[i]->nspans; s++)
    w += bs->blocks[i]->spans[s].text.n;
  /* A row set after its measure mostly reuses the measured cells. */
  if (!bs->measure && bs->blocks[i]->kind == JB_BLOCK_ROW)
    w = w / ROW_REUSE + 1;
  return w;
}

/* Set blocks [from, to) with the thread's own copy of the builder (the
 * worker's setter over its context): nothing shared is written during the
 * split. */
static void
set_range(jb_ctx *ctx, void *arg, size_t from, size_t to, int thread)
{
  block_set *bs = arg;
  builder *W = &bs->W[thread];
  W->ctx = ctx;
  W->set.ctx = ctx;
  for (size_t i = from; i < to; i++)
    if (!bs->measure)
      set_block(W, bs->blocks[i], bs->colw[i], bs->meas[i], &bs->out[i]);
    else if (bs->blocks[i]->kind == JB_BLOCK_ROW)
      measure_row(W, bs->blocks[i], bs->measure[i]);
}

/* Set blocks[0..n) into out, the later half on a second thread where
 * there is one (with its own setter and shaping fonts). */
static void
set_blocks(builder *B, jb_block *const *blocks, size_t n, const float *const *colw,
           const lines *const *meas, lines *out, lines *const *measure)
{
  block_set bs = {.B = B, .blocks = blocks, .colw = colw, .meas = meas, .out = out,
                  .measure = measure};
  bs.W[0] = *B;
  bs.W[1] = *B;
  bs.W[1].set = B->wset;
  if (B->parallel)
    jb_par_split(B->ctx, n, block_weight, PARALLEL_MIN_BYTES, set_range, &bs);
  else
    set_range(B->ctx, &bs, 0, n, 0);
  /* After the join: what each setter grew (its list of reported glyphs);
   * the contexts lived only as long as the split. */
  B->set = bs.W[0].set;
  B->set.ctx = B->ctx;
  B->wset = bs.W[1].set;
  B->wset.ctx = B->ctx;
}

/* The lines of every block of every chapter, set before any is placed (a
 * heading sees its successor's lines; both threads get a long stretch of
 * text). Table columns are sized first, a table at a time. bl[k] holds
 * chapter k's blocks' lines; free with free_chapter_lines. */
static lines **
set_chapters(builder *B, const jb_brief *br)
{
  size_t n = 0;
  for (size_t k = 0; k < br->nchapters; k++)
    n += br->chapters[k].nblocks;
  jb_block **all = jb_xcalloc(n + 1, sizeof *all);
  const float **colw = jb_xcalloc(n + 1, sizeof *colw);
  lines **meas = jb_xcalloc(n + 1, sizeof *meas);
  lines *out = jb_xcalloc(n + 1, sizeof *out);
  lines **bl = jb_xcalloc(br->nchapters + 1, sizeof *bl);
  size_t at = 0, rows = 0;
  for (size_t k = 0; k < br->nchapters; k++)
    for (size_t i = 0; i < br->chapters[k].nblocks; i++, at++) {
      all[at] = br->chapters[k].blocks[i];
      rows += all[at]->kind == JB_BLOCK_ROW;
    }
  /* Every table row measured first, on both threads; then each table's
   * columns; then every block set. */
  lines *cells = rows ? jb_arena_alloc(B->ctx->arena, rows * TABLE_MAX_CELLS * sizeof *cells) : NULL;
  for (size_t i = 0, r = 0; i < n; i++)
    if (all[i]->kind == JB_BLOCK_ROW)
      meas[i] = cells + TABLE_MAX_CELLS * r++;
  if (rows)
    set_blocks(B, all, n, colw, (const lines *const *)meas, out, meas);
  at = 0;
  for (size_t k = 0; k < br->nchapters; k++) {
    const jb_chapter *c = &br->chapters[k];
    bl[k] = out + at;
    for (size_t i = 0; i < c->nblocks; i++, at++) {
      if (c->blocks[i]->kind != JB_BLOCK_ROW)
        continue;
      if (i == 0 || c->blocks[i - 1]->kind != JB_BLOCK_ROW) {
        size_t j = i;
        while (j < c->nblocks && c->blocks[j]->kind == JB_BLOCK_ROW)
          j++;
        float *w = jb_arena_alloc(B->ctx->arena, TABLE_MAX_CELLS * sizeof *w);
        table_widths(B, c->blocks + i, j - i, w, (const lines *const *)meas + at);
        colw[at] = w;
      } else {
        colw[at] = colw[at - 1];
      }
    }
  }
  set_blocks(B, all, n, colw, (const lines *const *)meas, out, NULL);
  free(all);
  free(colw);
  free(meas);
  return bl;
}

static void
free_chapter_lines(lines **bl)
{
  if (bl)
    free(bl[0]);
  free(bl);
}

static void
chapter_pages(builder *B, const jb_chapter *c, int index, lines *bl)
{
  jb_ctx *ctx = B->ctx;
  styles *S = &B->st;
  B->chapter = index;
  new_page(B);
  B->pl->opens[B->pl->n - 1] = true;
  set_anchor(B, c->anchor);
  B->part = new_elem(B, JB_TAG_PART, 0);

  /* The chapter head is set as one group; the grid resumes below it. */
  float grid = B->grid;
  B->grid = 0;
  lines L = {0};
  if (c->kind == JB_CHAPTER_SOURCE ? c->label.n || c->label_en.n : c->title_en.n) {
    open_elem(B, JB_TAG_P);
    if (c->kind == JB_CHAPTER_SOURCE)
      set_bilingual(B, c->label, c->label_en, &S->chap_label, &L);
    else
      set_bilingual(B, JB_STR_LIT(""), c->title_en, &S->chap_label, &L);
    place(B, &L, &S->chap_label, 0, -1);
  }
  L.n = 0;
  jb_span tsp = {.text = c->title, .target = -1};
  jb_pos tpos = {c->src ? c->src->path : NULL, c->src ? c->src->meta.title.line : 0, 0, 0};
  set_balanced(B, &tsp, 1, &S->chap_title, B->tw, tpos, &L);
  open_elem(B, JB_TAG_H1);
  place(B, &L, &S->chap_title, 0, -1);
  add_outline(B, c->title, 0, c->anchor);
  B->grid = grid;

  size_t head = SIZE_MAX; /* the current table's head row */
  lines head_lines = {0};
  int list = 0, table = 0;
  for (size_t i = 0; i < c->nblocks; i++) {
    const jb_block *b = c->blocks[i];
    const style *st = block_style(B, b);
    float keep = 0;
    if (b->kind == JB_BLOCK_HEADING && i + 1 < c->nblocks) {
      const style *nst = block_style(B, c->blocks[i + 1]);
      keep = nst->before + lines_height(&bl[i + 1], 0, 2);
    }
    if (b->kind == JB_BLOCK_ROW) {
      if (b->level == 1) {
        head = i;
        head_lines = copy_lines(B, &bl[i]); /* before placing moves it */
      } else if (i == 0 || c->blocks[i - 1]->kind != JB_BLOCK_ROW) {
        head = SIZE_MAX;
      }
      /* A row stays whole; a head row keeps the first row below it. */
      float h = lines_height(&bl[i], 0, bl[i].n);
      if (b->level == 1 && i + 1 < c->nblocks && c->blocks[i + 1]->kind == JB_BLOCK_ROW)
        h += lines_height(&bl[i + 1], 0, bl[i + 1].n);
      if (B->cursor - h < B->mb - 0.01f) {
        new_page(B);
        /* The table goes on under its column heads again. */
        if (head != SIZE_MAX && head != i) {
          lines again = copy_lines(B, &head_lines);
          B->elem = JB_RUN_ARTIFACT; /* read once, where it first stood */
          place(B, &again, block_style(B, c->blocks[head]), -1, -1);
          add_rule(B, B->ml, B->pw - B->mr, B->cursor + st->leading * 0.15f, 0.6f);
        }
      }
      keep = -1; /* no widow move inside a row */
    }
    bool follows = i > 0 && c->blocks[i - 1]->kind == b->kind;
    switch (b->kind) {
    case JB_BLOCK_HEADING:
      open_elem(B, (jb_tag)(JB_TAG_H1 + (b->level < 1 ? 1 : b->level > 5 ? 5 : b->level)));
      break;
    case JB_BLOCK_ITEM:
      if (!follows)
        list = new_elem(B, JB_TAG_L, B->part);
      B->elem = new_elem(B, JB_TAG_LBODY, new_elem(B, JB_TAG_LI, list));
      B->lbl = 0;
      break;
    case JB_BLOCK_ROW:
      if (!follows)
        table = new_elem(B, JB_TAG_TABLE, B->part);
      B->elem = new_elem(B, JB_TAG_TR, table);
      memset(B->cells, 0, sizeof B->cells);
      B->head_row = b->level == 1;
      break;
    default:
      open_elem(B, JB_TAG_P);
    }
    place(B, &bl[i], st, keep, b->anchor);
    if (b->kind == JB_BLOCK_ROW &&
        (b->level == 1 || i + 1 == c->nblocks || c->blocks[i + 1]->kind != JB_BLOCK_ROW))
      add_rule(B, B->ml, B->pw - B->mr, B->cursor + st->leading * 0.15f, b->level == 1 ? 0.6f : 0.8f);
    if (b->kind == JB_BLOCK_HEADING && b->anchor >= 0)
      add_outline(B, jb_block_text(ctx->arena, b), b->level, b->anchor);
    if (b->kind == JB_BLOCK_META && i == 0) /* the source line under the title */
      add_rule(B, B->ml, B->pw - B->mr, B->cursor + S->meta.after * 0.5f, 0.5f);
  }
}

/* ---- TOC ----------------------------------------------------------------- */

jb_str
jb_layout_roman(jb_arena *a, int n)
{
  static const struct {
    int v;
    const char *s;
  } digits[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"},
                {50, "l"},   {40, "xl"},  {10, "x"},  {9, "ix"},   {5, "v"},   {4, "iv"},
                {1, "i"}};
  if (n < 1 || n > 3999)
    return jb_str_c(jb_arena_printf(a, "%d", n));
  char buf[32];
  size_t k = 0;
  for (size_t d = 0; d < sizeof digits / sizeof digits[0]; d++)
    for (; n >= digits[d].v; n -= digits[d].v)
      for (const char *p = digits[d].s; *p; p++)
        buf[k++] = *p;
  return jb_str_make(jb_arena_strndup(a, buf, k), k);
}

static jb_str
roman(jb_ctx *ctx, int n)
{
  return jb_layout_roman(ctx->arena, n);
}

/* Dot leaders from x0 to x1 on the last line of an entry, aligned to a
 * grid so they line up down the page; then the number, right-aligned. */
static void
finish_entry(builder *B, tline *l, const style *st, jb_str num)
{
  jb_ctx *ctx = B->ctx;
  const jb_font *f = &B->set.fonts->fonts[st->font];
  style right = *st; /* the number: flush right, no indent */
  right.align = ALIGN_RIGHT;
  right.indent = right.hang = 0;
  float numw = jb_measure(&B->set, num, &right);
  float step = LEADER_STEP * st->size;
  float start = l->end + st->size * 0.5f;
  float stop = B->tw - numw - st->size * 0.5f;
  uint32_t dot = jb_font_glyph(f, '.');
  float dotw = (float)jb_font_advance(f, dot) * st->size / (float)f->upem;
  size_t ndots = 0;
  float first = (float)((int)(start / step) + 1) * step;
  for (float x = first; x + dotw <= stop; x += step)
    ndots++;
  /* The number before the leaders in the stream: the entry's text and
   * number are one sequence, the leaders an artifact after them. */
  lines tmp = {0};
  jb_set_text(&B->set, num, &right, B->tw, &tmp);
  bool en = l->pl.nruns && l->pl.runs[l->pl.nruns - 1].en; /* one span with "Glossary" */
  if (tmp.n)
    for (size_t r = 0; r < tmp.v[0].pl.nruns; r++) {
      jb_run *run = JB_PUSH(ctx->arena, l->pl.runs, l->pl.nruns, l->pl.capruns);
      *run = tmp.v[0].pl.runs[r];
      run->en = en;
      rebase(run, l->pl.text.n + 1); /* the number follows "text " */
      const jb_font *nf = &B->set.fonts->fonts[run->font];
      uint32_t space = jb_font_glyph(nf, ' ');
      if (r == 0 && run->nglyphs && space) {
        /* A space glyph just before the number, so text taken from the
         * structure reads "title 12", not "title12". */
        jb_glyph *g = jb_arena_alloc(ctx->arena, (run->nglyphs + 1) * sizeof *g);
        memcpy(g + 1, run->glyphs, run->nglyphs * sizeof *g);
        g[0] = (jb_glyph){.gid = (uint16_t)space, .ntext = 1, .text = (uint32_t)l->pl.text.n,
                          .x = run->glyphs[0].x -
                               (float)jb_font_advance(nf, space) * run->size / (float)nf->upem,
                          .y = run->glyphs[0].y};
        run->glyphs = g;
        run->nglyphs++;
      }
    }
  if (ndots && dot) {
    jb_run *run = JB_PUSH(ctx->arena, l->pl.runs, l->pl.nruns, l->pl.capruns);
    run->elem = JB_RUN_ARTIFACT;
    run->font = st->font;
    run->size = st->size;
    run->gray = 0.45f;
    run->glyphs = jb_arena_alloc(ctx->arena, ndots * sizeof *run->glyphs);
    for (size_t k = 0; k < ndots; k++) {
      run->glyphs[k].gid = (uint16_t)dot;
      run->glyphs[k].x = first + (float)k * step;
    }
    run->nglyphs = ndots;
  }
  l->pl.text = jb_str_c(jb_arena_printf(ctx->arena, "%.*s %.*s", (int)l->pl.text.n,
                                        l->pl.text.p, (int)num.n, num.p));
}

/* An entry "zh　en" of the TOC element toc; returns its TOCI. */
static int
toc_entry(builder *B, jb_str zh, jb_str en, const style *st, int dest, int page, int toc)
{
  jb_ctx *ctx = B->ctx;
  lines L = {0};
  jb_span sp[2];
  size_t nsp = bilingual(B, zh, en, sp);
  jb_pos pos = {NULL, 0, 0, 0};
  float measure = B->tw - TOC_NUM_EM * st->size;
  jb_set_para(&B->set, sp, nsp, st, measure, pos, &L);
  if (!L.n)
    return 0;
  /* An entry is set ragged; a last line of one or two characters (挑|戰。)
   * reads as a stray: narrow the measure until it holds more, as long as
   * the entry keeps its number of lines. */
  for (int em = 1; em <= TOC_RUNT_EM && L.n >= 2 && jb_utf8_count(L.v[L.n - 1].pl.text) < 3; em++) {
    lines M = {0};
    jb_set_para(&B->set, sp, nsp, st, measure - (float)em * st->size, pos, &M);
    if (M.n == L.n)
      L = M;
  }
  jb_str num = jb_str_c(jb_arena_printf(ctx->arena, "%d", page));
  finish_entry(B, &L.v[L.n - 1], st, num);
  /* The whole entry links to its target: TOCI > Reference > Link. */
  int item = new_elem(B, JB_TAG_TOCI, toc);
  B->elem = new_elem(B, JB_TAG_LINK, new_elem(B, JB_TAG_REFERENCE, item));
  for (size_t i = 0; i < L.n; i++) {
    jb_link *k = JB_PUSH(ctx->arena, L.v[i].links, L.v[i].nlinks, L.v[i].caplinks);
    k->x0 = 0;
    k->x1 = B->tw;
    k->y0 = -0.25f * st->size;
    k->y1 = 0.95f * st->size;
    k->dest = dest;
    k->elem = B->elem;
  }
  place(B, &L, st, 0, -1);
  return item;
}

static void
toc_pages(builder *B, const jb_brief *br, const jb_anchor *body_anchor)
{
  jb_ctx *ctx = B->ctx;
  styles *S = &B->st;
  B->chapter = -1;
  new_page(B);
  int toc_anchor = B->nanchors - 1;
  set_anchor(B, toc_anchor);
  lines L = {0};
  set_bilingual(B, br->toc_title, br->toc_title_en, &S->toc_title, &L);
  B->part = 0;
  open_elem(B, JB_TAG_H1);
  place(B, &L, &S->toc_title, 0, -1);
  int toc = new_elem(B, JB_TAG_TOC, 0);
  for (size_t i = 0; i < br->nchapters; i++) {
    const jb_chapter *c = &br->chapters[i];
    int page = body_anchor[c->anchor].page + 1;
    int item = c->kind == JB_CHAPTER_SOURCE
                   ? toc_entry(B,
                               jb_str_c(jb_arena_printf(ctx->arena, "%.*s　%.*s", (int)c->label.n,
                                                        c->label.p, (int)c->title.n, c->title.p)),
                               JB_STR_LIT(""), &S->toc_entry, c->anchor, page, toc)
                   : toc_entry(B, c->title, c->title_en, &S->toc_entry, c->anchor, page, toc);
    int sub = 0; /* the sections' TOC, inside the chapter's entry */
    for (size_t j = 0; j < c->nblocks; j++) {
      const jb_block *b = c->blocks[j];
      if (b->kind != JB_BLOCK_HEADING || b->level != 1 || b->anchor < 0)
        continue;
      if (!sub)
        sub = new_elem(B, JB_TAG_TOC, item ? item : toc);
      toc_entry(B, jb_block_text(ctx->arena, b), JB_STR_LIT(""), &S->toc_sub, b->anchor,
                body_anchor[b->anchor].page + 1, sub);
    }
  }
}

/* ---- cover, headers, footers --------------------------------------------- */

/* Set spans centred with its first line box at y, as an element tag
 * (English throughout if en); returns the lines used. */
static size_t
centered(builder *B, const jb_span *sp, size_t n, const style *st, float y, jb_tag tag, bool en)
{
  size_t bytes = 0;
  for (size_t i = 0; i < n; i++)
    bytes += sp[i].text.n;
  if (!bytes)
    return 0;
  lines L = {0};
  jb_pos none = {NULL, 0, 0, 0};
  jb_set_para(&B->set, sp, n, st, B->tw, none, &L);
  B->lay->elems[open_elem(B, tag)].en = en;
  for (size_t i = 0; i < L.n; i++) {
    B->cursor = y - (float)i * st->leading;
    put_line(B, &L.v[i], B->ml);
  }
  return L.n;
}

static void
cover_page(builder *B, const jb_brief *br)
{
  jb_ctx *ctx = B->ctx;
  styles *S = &B->st;
  B->chapter = -1;
  new_page(B);
  B->part = 0;
  float y = B->ph * 0.70f;
  jb_span sp[3];
  sp[0] = (jb_span){.text = br->title, .target = -1};
  size_t n = centered(B, sp, 1, &S->cover_title, y, JB_TAG_H1, false);
  y -= (float)(n ? n : 1) * S->cover_title.leading + 6;
  sp[0].text = br->title_en;
  centered(B, sp, 1, &S->cover_title_en, y, JB_TAG_P, true);
  y -= S->cover_title_en.leading * 2.2f;
  add_rule(B, B->pw * 0.35f, B->pw * 0.65f, y + S->cover_sub.leading * 0.6f, 0.6f);
  sp[0].text = br->subtitle;
  centered(B, sp, 1, &S->cover_sub, y, JB_TAG_P, false);
  y -= S->cover_sub.leading;
  sp[0].text = br->subtitle_en;
  centered(B, sp, 1, &S->cover_sub_en, y, JB_TAG_P, true);

  float yb = B->mb + S->cover_line.leading * 5;
  if (br->org.n || br->org_en.n)
    centered(B, sp, bilingual(B, br->org, br->org_en, sp), &S->cover_line, yb, JB_TAG_P, false);
  yb -= S->cover_line.leading;
  sp[0] = (jb_span){.text = jb_str_c(jb_arena_printf(ctx->arena, "%.*s ", (int)br->date_label.n,
                                                     br->date_label.p)),
                    .target = -1};
  sp[1] = (jb_span){.text = br->date_label_en, .target = -1, .flags = JB_SPAN_EN};
  sp[2] = (jb_span){.text = jb_str_c(jb_arena_printf(ctx->arena, "　%.*s", (int)br->date.n,
                                                     br->date.p)),
                    .target = -1};
  centered(B, sp, 3, &S->cover_line, yb, JB_TAG_P, false);
  yb -= S->cover_line.leading;
  sp[0] = (jb_span){.text = jb_str_c(jb_arena_printf(ctx->arena, "%.*s / ", (int)br->count.n,
                                                     br->count.p)),
                    .target = -1};
  sp[1] = (jb_span){.text = br->count_en, .target = -1, .flags = JB_SPAN_EN};
  centered(B, sp, 2, &S->cover_line, yb, JB_TAG_P, false);
}

/* Cut text to fit width, ending in "…" when shortened. */
static jb_str
fit(builder *B, jb_str text, const style *st, float width)
{
  if (jb_measure(&B->set, text, st) <= width)
    return text;
  size_t n = jb_utf8_count(text);
  while (n > 1) {
    n--;
    jb_str it = text;
    for (size_t i = 0; i < n; i++)
      jb_utf8_next(&it);
    jb_str cut = jb_str_c(jb_arena_printf(B->ctx->arena, "%.*s…",
                                          (int)(it.p - text.p), text.p));
    if (jb_measure(&B->set, cut, st) <= width)
      return cut;
  }
  return text;
}

static void
frame_page(builder *B, jb_page *pg, jb_str head, jb_str side, jb_str num)
{
  styles *S = &B->st;
  /* put_line works on the current page; point the flow at pg. */
  pagelist one = {pg, 1, 1, NULL, NULL, 0};
  pagelist *saved = B->pl;
  B->pl = &one;
  B->elem = JB_RUN_PAGINATION;
  if (head.n) {
    /* The chapter's title on the left, shortened to leave room for its
     * bilingual label on the right. */
    float y = B->ph - B->mt + S->body.leading * HEADER_GAP + S->header.leading;
    lines R = {0}, L = {0};
    if (side.n)
      jb_set_text(&B->set, side, &S->header, B->tw, &R);
    float room = B->tw - (R.n ? R.v[0].width + S->header.size * 2 : 0);
    jb_set_text(&B->set, fit(B, head, &S->header, room), &S->header, room, &L);
    if (L.n) {
      B->cursor = y;
      put_line(B, &L.v[0], B->ml);
      if (R.n) {
        B->cursor = y;
        put_line(B, &R.v[0], B->ml + B->tw - R.v[0].width);
      }
      add_rule(B, B->ml, B->pw - B->mr, B->cursor + S->header.leading * 0.1f, 0.4f);
    }
  }
  if (num.n) {
    lines L = {0};
    jb_set_text(&B->set, num, &S->footer, B->tw, &L);
    if (L.n) {
      B->cursor = B->mb - S->body.leading * 0.8f;
      put_line(B, &L.v[0], B->ml);
    }
  }
  B->pl = saved;
}

/* ---- the run ------------------------------------------------------------- */

/* The body pages' running heads (the chapter's title and label, except
 * on the page a chapter opens) and page numbers, with B's setter. */
static void
frame_body(builder *B, const jb_brief *br, pagelist *body)
{
  jb_ctx *ctx = B->ctx;
  for (size_t i = 0; i < body->n; i++) {
    int ch = body->chapter[i];
    jb_str head = {NULL, 0}, side = {NULL, 0};
    if (!body->opens[i] && ch >= 0) {
      const jb_chapter *hc = &br->chapters[ch];
      head = hc->title;
      side = hc->label.n ? jb_str_c(jb_arena_printf(ctx->arena, "%.*s　%.*s", (int)hc->label.n,
                                                    hc->label.p, (int)hc->label_en.n,
                                                    hc->label_en.p))
                         : hc->title_en;
    }
    frame_page(B, &body->v[i], head, side, jb_str_c(jb_arena_printf(ctx->arena, "%zu", i + 1)));
  }
}

/* The last pass: the cover and the TOC on the builder's thread (item 0),
 * the body's frames (item 1) on the worker's copy where there is one
 * (frame text reports no missing glyph: its source lines do). */
typedef struct finish_job {
  builder *B;
  builder W;
  const jb_brief *br;
  pagelist *body;
  const jb_anchor *body_anchor;
} finish_job;

static size_t
finish_weight(void *arg, size_t i)
{
  (void)arg;
  (void)i;
  return 1;
}

static void
finish_range(jb_ctx *ctx, void *arg, size_t from, size_t to, int thread)
{
  finish_job *fj = arg;
  for (size_t i = from; i < to; i++) {
    if (i == 0) {
      cover_page(fj->B, fj->br);
      toc_pages(fj->B, fj->br, fj->body_anchor);
    } else {
      builder *W = thread ? &fj->W : fj->B;
      W->ctx = ctx;
      W->set.ctx = ctx;
      frame_body(W, fj->br, fj->body);
    }
  }
}

/* "a sep b", or whichever of them is not empty. */
static jb_str
pair(jb_ctx *ctx, jb_str a, jb_str b, const char *sep)
{
  if (!a.n || !b.n)
    return a.n ? a : b;
  return jb_str_c(jb_arena_printf(ctx->arena, "%.*s%s%.*s", (int)a.n, a.p, sep, (int)b.n, b.p));
}

static void
free_pagelist(pagelist *pl)
{
  free(pl->chapter);
  free(pl->opens);
}

int
jb_layout_run(jb_ctx *ctx, const jb_doc *doc, jb_layout *out)
{
  builder B;
  memset(&B, 0, sizeof B);
  B.ctx = ctx;
  B.doc = doc;
  B.lay = out;
  new_elem(&B, JB_TAG_DOCUMENT, -1);
  jb_setter_init(&B.set, ctx, ctx->fonts);
  if (ctx->threads > 1) {
    B.wfonts = jb_fontset_view(ctx->fonts);
    B.parallel = jb_setter_init(&B.wset, ctx, B.wfonts) == 0;
  }
  init_styles(&B);
  const jb_conf *c = ctx->conf;
  double pw, ph;
  jb_conf_page_size(c, &pw, &ph);
  B.pw = (float)pw;
  B.ph = (float)ph;
  B.mt = (float)jb_conf_num(c, JB_CONF_MARGIN_TOP) * MM;
  B.mb = (float)jb_conf_num(c, JB_CONF_MARGIN_BOTTOM) * MM;
  B.ml = (float)jb_conf_num(c, JB_CONF_MARGIN_INNER) * MM;
  B.mr = (float)jb_conf_num(c, JB_CONF_MARGIN_OUTER) * MM;
  B.tw = B.pw - B.ml - B.mr;
  const jb_brief *br = &doc->brief;
  B.nanchors = br->nanchors + 1; /* + the TOC */
  B.anchors = jb_arena_alloc(ctx->arena, (size_t)B.nanchors * sizeof *B.anchors);
  B.anchor_flow = jb_xcalloc((size_t)B.nanchors, sizeof *B.anchor_flow);
  for (int i = 0; i < B.nanchors; i++)
    B.anchors[i].page = -1;

  /* Pass 1: the body. */
  pagelist body = {0}, front = {0};
  B.pl = &body;
  B.flow_id = 0;
  B.grid = B.st.body.leading;
  lines **bl = set_chapters(&B, br);
  for (size_t i = 0; i < br->nchapters; i++)
    chapter_pages(&B, &br->chapters[i], (int)i, bl[i]);
  free_chapter_lines(bl);
  size_t nbody_outl = B.noutl;

  /* Pass 2: cover and TOC, now that every page number is known, and
   * meanwhile the body's running heads and page numbers. */
  jb_anchor *body_anchor = jb_xmalloc((size_t)B.nanchors * sizeof *body_anchor);
  memcpy(body_anchor, B.anchors, (size_t)B.nanchors * sizeof *body_anchor);
  B.pl = &front;
  B.flow_id = 1;
  B.grid = 0;
  finish_job fj = {&B, B, br, &body, body_anchor};
  fj.W.set = B.wset;
  if (B.parallel) {
    jb_par_split(ctx, 2, finish_weight, 0, finish_range, &fj);
    B.wset = fj.W.set; /* (what the worker's setter grew) */
    B.wset.ctx = ctx;
  } else {
    finish_range(ctx, &fj, 0, 2, 0);
  }
  free(body_anchor);

  /* Assemble: front pages, then the body. */
  out->width = B.pw;
  out->height = B.ph;
  out->front = front.n;
  for (size_t i = 0; i < front.n; i++)
    *JB_PUSH(ctx->arena, out->pages, out->npages, out->cappages) = front.v[i];
  for (size_t i = 0; i < body.n; i++)
    *JB_PUSH(ctx->arena, out->pages, out->npages, out->cappages) = body.v[i];
  for (int i = 0; i < B.nanchors; i++) {
    jb_anchor *a = JB_PUSH(ctx->arena, out->anchors, out->nanchors, out->capanchors);
    *a = B.anchors[i];
    if (a->page >= 0 && B.anchor_flow[i] == 0)
      a->page += (int)front.n;
  }
  /* Outline: the TOC entry first, then chapters and sections. */
  jb_outline *o = JB_PUSH(ctx->arena, out->outlines, out->noutlines, out->capoutlines);
  o->title = br->toc_title;
  o->level = 0;
  o->dest = B.nanchors - 1;
  for (size_t i = 0; i < nbody_outl; i++)
    *JB_PUSH(ctx->arena, out->outlines, out->noutlines, out->capoutlines) = B.outl[i];

  /* Running headers and page numbers. */
  for (size_t i = 1; i < front.n; i++)
    frame_page(&B, &out->pages[i], jb_str_make(NULL, 0), jb_str_make(NULL, 0),
               roman(ctx, (int)i + 1));
  /* Document info in both languages, Chinese first. */
  out->title = pair(ctx, br->title, br->title_en, " / ");
  out->subject = pair(ctx, br->subtitle, br->subtitle_en, " / ");
  out->keywords = pair(ctx, br->keywords, br->keywords_en, "; ");
  out->author = pair(ctx, br->org, br->org_en, " / ");
  ctx->pages = out->npages;
  free_pagelist(&body);
  free_pagelist(&front);
  free(B.anchor_flow);
  jb_setter_free(&B.set);
  if (ctx->threads > 1) {
    jb_setter_free(&B.wset);
    jb_fontset_view_free(B.wfonts);
  }
  return 0;
}
