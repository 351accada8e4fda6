/* section.c - stage 4: headings, lists and paragraphs (SPEC §2.4). Markdown
 * heading levels are made relative; Chinese enumerations become headings
 * (一、 二、, 第三章 总则, short （一）), a chapter reference that opens a
 * paragraph (第四章“合作平台和机制”第五条提出，…) becomes a heading with the
 * rest as its paragraph; 一是/二是 lead-ins and 1./2. points become
 * numbered items; a run-on slide deck is rebuilt (section_deck.c); other
 * run-on text is split into paragraphs at sentence ends. */
#include "section.h"

#include <stdlib.h>
#include <string.h>

#include "par.h"
#include "utf8.h"

#define DECK_MIN_CP 1000 /* a deck run into one line is at least this long */

/* Read a Chinese numeral (一 … 九十九) at the start of *s; returns its value
 * (0 if none) and advances *s. */
static int
cn_number(jb_str *s)
{
  int value = 0, digit = -1;
  size_t k = 0;
  jb_str it = *s;
  while (it.n && k < 4) {
    jb_str before = it;
    uint32_t cp = jb_utf8_next(&it);
    int d = jb_cp_cn_digit(cp);
    if (d >= 0) {
      digit = d;
    } else if (cp == 0x5341) { /* 十 */
      value += (digit < 0 ? 1 : digit) * 10;
      digit = -1;
    } else {
      it = before;
      break;
    }
    k++;
  }
  if (!k)
    return 0;
  if (digit > 0)
    value += digit;
  *s = it;
  return value;
}

jb_enum_kind
jb_section_enum(jb_str text, size_t *len, int *num)
{
  jb_str s = text;
  *len = 0;
  *num = 0;
  if (jb_str_starts(s, "第")) {
    s = jb_str_skip(s, 3);
    int v = cn_number(&s);
    if (v) {
      static const char *const units[] = {"章", "部分", "节", "節", "篇", NULL};
      for (int u = 0; units[u]; u++)
        if (jb_str_starts(s, units[u])) {
          *len = (size_t)(s.p - text.p) + strlen(units[u]);
          *num = v;
          return JB_ENUM_CHAPTER;
        }
    }
    return JB_ENUM_NONE;
  }
  /* 1. 2、 12．: ASCII digits, then a point, not a decimal number. */
  size_t d = 0;
  int v = 0;
  while (d < s.n && d < 3 && s.p[d] >= '0' && s.p[d] <= '9')
    v = v * 10 + (s.p[d++] - '0');
  if (d && d < s.n && !(d < s.n && s.p[d] >= '0' && s.p[d] <= '9')) {
    jb_str rest = jb_str_skip(s, d);
    size_t mk = jb_str_starts(rest, ".") ? 1 : jb_str_starts(rest, "、") || jb_str_starts(rest, "．") ? 3 : 0;
    if (mk && !(mk == 1 && rest.n > 1 && rest.p[1] >= '0' && rest.p[1] <= '9') && v > 0) {
      *len = d + mk;
      *num = v;
      return JB_ENUM_POINT;
    }
  }
  bool paren = false;
  if (jb_str_starts(s, "（")) {
    s = jb_str_skip(s, 3);
    paren = true;
  } else if (jb_str_starts(s, "(")) {
    s = jb_str_skip(s, 1);
    paren = true;
  }
  v = cn_number(&s);
  if (!v)
    return JB_ENUM_NONE;
  *num = v;
  if (paren) {
    size_t close = jb_str_starts(s, "）") ? 3 : jb_str_starts(s, ")") ? 1 : 0;
    if (!close)
      return JB_ENUM_NONE;
    *len = (size_t)(s.p - text.p) + close;
    return JB_ENUM_PAREN;
  }
  if (jb_str_starts(s, "、")) {
    *len = (size_t)(s.p - text.p) + 3;
    return JB_ENUM_NUMERAL;
  }
  if (jb_str_starts(s, "是")) {
    *len = (size_t)(s.p - text.p) + 3;
    return JB_ENUM_LEADIN;
  }
  return JB_ENUM_NONE;
}

/* ---- blocks ------------------------------------------------------------- */

typedef struct blocks {
  jb_block *v;
  size_t n, cap;
} blocks;

static jb_block *
add(jb_ctx *ctx, blocks *out, const jb_block *like, jb_block_kind kind, int level)
{
  (void)ctx;
  jb_block *b = JB_PUSH_HEAP(out->v, out->n, out->cap);
  b->kind = kind;
  b->level = level;
  b->src = like->src;
  b->pos = like->pos;
  b->anchor = -1;
  b->flags = like->flags & JB_BLOCK_GENERATED;
  return b;
}

/* The spans of b that cover bytes [from, to) of its text. */
static void
slice(jb_ctx *ctx, jb_block *dst, const jb_block *b, size_t from, size_t to)
{
  size_t off = 0;
  for (size_t i = 0; i < b->nspans && off < to; i++) {
    const jb_span *sp = &b->spans[i];
    size_t a = off, e = off + sp->text.n;
    off = e;
    if (e <= from)
      continue;
    size_t s0 = from > a ? from - a : 0;
    size_t s1 = (to < e ? to : e) - a;
    jb_str t = jb_str_sub(sp->text, s0, s1 - s0);
    if (!t.n)
      continue;
    jb_span *n = jb_block_add_span(ctx, dst, t, sp->flags);
    n->url = sp->url;
    n->target = sp->target;
    /* The source's own text, cut at the same places where the conversion
     * kept every length (else the edition converts the master's). */
    if (sp->orig.n == sp->text.n)
      n->orig = jb_str_sub(sp->orig, s0, s1 - s0);
  }
  /* Trim the white space the cut leaves. */
  if (dst->nspans) {
    jb_span *first = &dst->spans[0], *last = &dst->spans[dst->nspans - 1];
    first->text = jb_str_trim(first->text);
    first->orig = jb_str_trim(first->orig);
    last->text = jb_str_trim(last->text);
    last->orig = jb_str_trim(last->orig);
  }
}

static bool
closing_quote(uint32_t cp)
{
  return cp == 0x201D || cp == 0x2019 || cp == 0x300D || cp == 0x300F || cp == 0xFF09 ||
         cp == '"';
}

/* Run-on text: cut after a sentence end (and its closing quotes) once a
 * paragraph has JB_SECTION_PARA_CP code points. */
static void
split_runon(jb_ctx *ctx, blocks *out, const jb_block *b, jb_str text, size_t total)
{
  size_t start = 0, cps = 0, done = 0;
  jb_str it = text;
  while (it.n) {
    uint32_t cp = jb_utf8_next(&it);
    cps++;
    done++;
    if (!jb_cp_ends_sentence(cp) || cps < JB_SECTION_PARA_CP)
      continue;
    jb_str look = it;
    while (look.n) {
      jb_str before = look;
      if (!closing_quote(jb_utf8_next(&look))) {
        look = before;
        break;
      }
    }
    done += jb_utf8_count(jb_str_make(it.p, (size_t)(look.p - it.p)));
    it = look;
    size_t end = (size_t)(it.p - text.p);
    if (total - done < JB_SECTION_PARA_CP / 2)
      break; /* leave a short tail with its paragraph */
    slice(ctx, add(ctx, out, b, JB_BLOCK_PARA, 0), b, start, end);
    start = end;
    cps = 0;
  }
  slice(ctx, add(ctx, out, b, JB_BLOCK_PARA, 0), b, start, text.n);
}

static void
expand_deck(jb_ctx *ctx, blocks *out, const jb_block *b, const jb_deck_item *it,
            size_t n, int base)
{
  for (size_t i = 0; i < n; i++) {
    jb_block *nb;
    if (it[i].level == 1 || it[i].level == 2)
      nb = add(ctx, out, b, JB_BLOCK_HEADING, base + it[i].level);
    else
      nb = add(ctx, out, b, JB_BLOCK_ITEM, it[i].number);
    jb_block_add_span(ctx, nb, it[i].text, 0);
  }
}

static void
section_source(jb_ctx *ctx, jb_source *src)
{
  /* Markdown levels are relative: the shallowest becomes 1. */
  int min = 0;
  for (size_t i = 0; i < src->nblocks; i++) {
    const jb_block *b = &src->blocks[i];
    if (b->kind == JB_BLOCK_HEADING && (min == 0 || b->level < min))
      min = b->level;
  }
  int base = min ? 1 : 0; /* enumerations nest below markdown headings */
  /* 一、 lines are headings when the document counts on: 一、 then 二、. */
  size_t numerals = 0;
  for (size_t i = 0; i < src->nblocks; i++) {
    const jb_block *b = &src->blocks[i];
    size_t len;
    int num;
    if (b->kind == JB_BLOCK_PARA && b->nspans &&
        jb_section_enum(b->spans[0].text, &len, &num) == JB_ENUM_NUMERAL)
      numerals++;
  }
  blocks out = {NULL, 0, 0};
  for (size_t i = 0; i < src->nblocks; i++) {
    jb_block *b = &src->blocks[i];
    if (b->kind == JB_BLOCK_HEADING) {
      *add(ctx, &out, b, JB_BLOCK_HEADING, 0) = *b;
      out.v[out.n - 1].level = b->level - min + 1;
      continue;
    }
    if (b->kind != JB_BLOCK_PARA || b->nspans == 0) {
      *add(ctx, &out, b, b->kind, b->level) = *b;
      continue;
    }
    jb_str text = jb_block_text(ctx->arena, b);
    size_t cps = jb_utf8_count(text);
    if (cps >= DECK_MIN_CP && (jb_str_find(text, "目录") >= 0 || jb_str_find(text, "目錄") >= 0)) {
      jb_str title;
      jb_deck_item *items;
      size_t n = jb_section_deck(ctx->arena, text, &title, &items);
      if (n) {
        expand_deck(ctx, &out, b, items, n, base);
        free(items);
        continue;
      }
    }
    size_t len;
    int num;
    jb_enum_kind k = jb_section_enum(text, &len, &num);
    bool stop = jb_str_find(text, "。") >= 0;
    jb_block *nb;
    switch (k) {
    case JB_ENUM_CHAPTER:
      /* "第三章 总则" is a heading. "第四章“合作平台和机制”第五条提出，…" is
       * that chapter's heading and then a paragraph. */
      if (cps <= JB_SECTION_HEADING_MAX_CP / 2 && !stop) {
        nb = add(ctx, &out, b, JB_BLOCK_HEADING, base + 1);
        slice(ctx, nb, b, 0, text.n);
        continue;
      }
      /* The quotes as typed: curly, or straight. */
      jb_str after = jb_str_skip(text, len);
      bool curly = jb_str_starts(after, "“");
      if (curly || jb_str_starts(after, "\"")) {
        size_t ql = curly ? 3 : 1;
        long close = jb_str_find(jb_str_skip(after, ql), curly ? "”" : "\"");
        if (close >= 0 && close < 3 * 30) {
          size_t cut = len + ql + (size_t)close + ql;
          slice(ctx, add(ctx, &out, b, JB_BLOCK_HEADING, base + 1), b, 0, cut);
          slice(ctx, add(ctx, &out, b, JB_BLOCK_PARA, 0), b, cut, text.n);
          continue;
        }
      }
      break;
    case JB_ENUM_NUMERAL:
      if (cps <= JB_SECTION_HEADING_MAX_CP && numerals >= 2) {
        nb = add(ctx, &out, b, JB_BLOCK_HEADING, base + 1);
        slice(ctx, nb, b, 0, text.n);
        continue;
      }
      break;
    case JB_ENUM_PAREN:
      /* Short and without a full stop: a subheading; else a paragraph
       * that starts with its own number, as in seed 002. */
      if (cps <= JB_SECTION_HEADING_MAX_CP / 2 && !stop) {
        nb = add(ctx, &out, b, JB_BLOCK_HEADING, base + 2);
        slice(ctx, nb, b, 0, text.n);
        continue;
      }
      break;
    case JB_ENUM_LEADIN:
      /* 一是…, 二是…: a numbered list whose text keeps its own marker. */
      nb = add(ctx, &out, b, JB_BLOCK_ITEM, num);
      nb->flags |= JB_BLOCK_UNMARKED;
      slice(ctx, nb, b, 0, text.n);
      continue;
    case JB_ENUM_POINT:
      nb = add(ctx, &out, b, JB_BLOCK_ITEM, num);
      slice(ctx, nb, b, len, text.n);
      continue;
    case JB_ENUM_NONE:
      break;
    }
    if (cps >= JB_SECTION_RUNON_CP) {
      split_runon(ctx, &out, b, text, cps);
      continue;
    }
    *add(ctx, &out, b, b->kind, b->level) = *b;
  }
  /* Built on the heap and moved to the arena at its final size: growing
   * it in the arena would leave every smaller copy behind. */
  src->blocks = jb_arena_alloc(ctx->arena, (out.n ? out.n : 1) * sizeof *out.v);
  if (out.n)
    memcpy(src->blocks, out.v, out.n * sizeof *out.v);
  src->nblocks = src->capblocks = out.n;
  free(out.v);
}

static void
section_range(jb_ctx *ctx, void *arg, size_t from, size_t to, int thread)
{
  (void)thread;
  jb_doc *doc = arg;
  for (size_t k = from; k < to; k++)
    if (!doc->srcs[k].skipped)
      section_source(ctx, &doc->srcs[k]);
}

/* Each source is sectioned on its own: split over two threads. */
int
jb_section_run(jb_ctx *ctx, jb_doc *doc)
{
  jb_par_sources(ctx, doc, section_range, doc);
  return 0;
}
