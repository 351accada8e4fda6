/* section.c - stage 4: headings from markdown and Chinese enumerations
 * (SPEC §2.4). */
#include "section.h"

#include "utf8.h"

static bool
is_cn_numeral(uint32_t cp)
{
  static const uint32_t nums[] = {0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                                  0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
                                  0x5341, 0x767E};
  for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++)
    if (cp == nums[i])
      return true;
  return false;
}

/* Skip Chinese numerals at the start of *s; returns how many. */
static size_t
skip_numerals(jb_str *s)
{
  size_t k = 0;
  while (s->n && k < 4) {
    jb_str before = *s;
    if (!is_cn_numeral(jb_utf8_next(s))) {
      *s = before;
      break;
    }
    k++;
  }
  return k;
}

jb_enum_kind
jb_section_enum(jb_str text, size_t *len)
{
  jb_str s = text;
  *len = 0;
  if (jb_str_starts(s, "第")) {
    s = jb_str_skip(s, 3);
    if (skip_numerals(&s)) {
      static const char *const units[] = {"章", "部分", "节", "節", "篇", NULL};
      for (int u = 0; units[u]; u++)
        if (jb_str_starts(s, units[u])) {
          *len = (size_t)(s.p - text.p) + strlen(units[u]);
          return JB_ENUM_CHAPTER;
        }
    }
    return JB_ENUM_NONE;
  }
  bool paren = false;
  if (jb_str_starts(s, "（")) {
    s = jb_str_skip(s, 3);
    paren = true;
  } else if (jb_str_starts(s, "(")) {
    s = jb_str_skip(s, 1);
    paren = true;
  }
  if (!skip_numerals(&s))
    return JB_ENUM_NONE;
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
  return JB_ENUM_NONE;
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
    if (b->kind == JB_BLOCK_PARA && b->nspans &&
        jb_section_enum(b->spans[0].text, &len) == JB_ENUM_NUMERAL)
      numerals++;
  }
  for (size_t i = 0; i < src->nblocks; i++) {
    jb_block *b = &src->blocks[i];
    if (b->kind == JB_BLOCK_HEADING) {
      b->level = b->level - min + 1;
      continue;
    }
    if (b->kind != JB_BLOCK_PARA || b->nspans == 0)
      continue;
    jb_str text = jb_block_text(ctx, b);
    size_t len;
    jb_enum_kind k = jb_section_enum(text, &len);
    size_t cps = jb_utf8_count(text);
    bool stop = jb_str_find(text, "。") >= 0;
    switch (k) {
    case JB_ENUM_CHAPTER:
      /* "第三章 总则" is a heading; "第三章“…”第十三提出，…。" is a sentence. */
      if (cps <= JB_SECTION_HEADING_MAX_CP / 2 && !stop) {
        b->kind = JB_BLOCK_HEADING;
        b->level = base + 1;
      }
      break;
    case JB_ENUM_NUMERAL:
      if (cps <= JB_SECTION_HEADING_MAX_CP && numerals >= 2) {
        b->kind = JB_BLOCK_HEADING;
        b->level = base + 1;
      }
      break;
    case JB_ENUM_PAREN:
      /* Short and without a full stop: a subheading; else a paragraph
       * that starts with its own number, as in seed 002. */
      if (cps <= JB_SECTION_HEADING_MAX_CP / 2 && !stop) {
        b->kind = JB_BLOCK_HEADING;
        b->level = base + 2;
      }
      break;
    case JB_ENUM_NONE:
      break;
    }
  }
}

int
jb_section_run(jb_ctx *ctx, jb_doc *doc)
{
  for (size_t k = 0; k < doc->nsrcs; k++)
    if (!doc->srcs[k].skipped)
      section_source(ctx, &doc->srcs[k]);
  return 0;
}
