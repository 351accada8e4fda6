/* doc.c - helpers and the invariant checker for the document model. */
#include "doc.h"

#include <stdio.h>

#include "utf8.h"

const char *
jb_drop_name(jb_drop d)
{
  static const char *const names[JB_DROP__COUNT] = {
      [JB_DROP_NONE] = "kept",
      [JB_DROP_FRONT_MATTER] = "front-matter",
      [JB_DROP_IMAGE] = "image",
      [JB_DROP_LINK_ONLY] = "link-only",
      [JB_DROP_COPYRIGHT] = "copyright-licence",
      [JB_DROP_CHROME] = "page-chrome",
      [JB_DROP_MENU] = "menu-list",
      [JB_DROP_BYLINE] = "byline",
      [JB_DROP_PUNCT] = "punctuation-only",
      [JB_DROP_TITLE] = "title-repeat",
      [JB_DROP_NOTICE] = "notice-block",
      [JB_DROP_OUTSIDE] = "outside-body",
      [JB_DROP_SITE] = "site-template",
      [JB_DROP_CAPTION] = "caption",
      [JB_DROP_EDITOR] = "editor-tag",
      [JB_DROP_RELATED] = "related",
      [JB_DROP_COMMENT] = "comment",
      [JB_DROP_NAV] = "navigation",
  };
  return d < JB_DROP__COUNT ? names[d] : "?";
}

const char *
jb_origin_name(jb_origin o)
{
  static const char *const names[] = {"none", "front-matter", "markup", "inferred",
                                      "file-name"};
  return names[o];
}

const char *
jb_variant_name(jb_variant v)
{
  static const char *const names[] = {"unknown", "zh-Hans", "zh-Hant"};
  return names[v];
}

const char *
jb_standard_name(jb_standard s)
{
  switch (s) {
  case JB_STANDARD_GENERIC:
    return "generic";
  case JB_STANDARD_TW:
    return "tw";
  case JB_STANDARD_HK:
    return "hk";
  case JB_STANDARD_NONE:
    break;
  }
  return NULL;
}

const char *
jb_merge_name(jb_merge m)
{
  static const char *const names[JB_MERGE__COUNT] = {"none", "exact", "near",
                                                    "contained"};
  return m < JB_MERGE__COUNT ? names[m] : "?";
}

const char *
jb_stage_name(jb_stage s)
{
  static const char *const names[JB_STAGE__COUNT] = {
      "ingest", "clean", "convert", "section", "dedup", "glossary",
      "compose", "edition", "layout", "pdf", "output"};
  return names[s];
}

jb_block *
jb_doc_add_block(jb_ctx *ctx, jb_source *src, jb_block_kind kind)
{
  jb_block *b = JB_PUSH(ctx->arena, src->blocks, src->nblocks, src->capblocks);
  b->kind = kind;
  b->src = src->index;
  b->pos.file = src->path;
  b->anchor = -1;
  return b;
}

jb_span *
jb_block_add_span(jb_ctx *ctx, jb_block *b, jb_str text, unsigned flags)
{
  jb_span *s = JB_PUSH(ctx->arena, b->spans, b->nspans, b->capspans);
  s->text = text;
  s->flags = flags;
  s->target = -1;
  return s;
}

void
jb_block_cite(jb_ctx *ctx, jb_block *b, uint32_t s)
{
  for (size_t i = 0; i < b->ncites; i++)
    if (b->cites[i] == s)
      return;
  *JB_PUSH(ctx->arena, b->cites, b->ncites, b->capcites) = s;
}

jb_str
jb_block_text(jb_arena *a, const jb_block *b)
{
  if (b->nspans == 1) /* most blocks: no copy */
    return b->spans[0].text;
  size_t n = 0;
  for (size_t i = 0; i < b->nspans; i++)
    n += b->spans[i].text.n;
  char *p = jb_arena_alloc(a, n + 1);
  size_t k = 0;
  for (size_t i = 0; i < b->nspans; i++) {
    if (b->spans[i].text.n)
      memcpy(p + k, b->spans[i].text.p, b->spans[i].text.n);
    k += b->spans[i].text.n;
  }
  return jb_str_make(p, n);
}

static bool
fail(const char *what, const jb_source *s, size_t i)
{
  fprintf(stderr, "jianbao: model check: %s (%s, item %zu)\n", what,
          s ? s->path : "-", i);
  return false;
}

bool
jb_doc_check(const jb_doc *doc)
{
  for (size_t k = 0; k < doc->nsrcs; k++) {
    const jb_source *s = &doc->srcs[k];
    if (s->index != k)
      return fail("source index out of order", s, k);
    for (size_t i = 0; i < s->nlines; i++) {
      if (s->lines[i].lineno != i + 1)
        return fail("line numbers not consecutive", s, i);
      if (s->lines[i].drop >= JB_DROP__COUNT)
        return fail("bad drop reason", s, i);
    }
    for (size_t i = 0; i < s->nblocks; i++) {
      const jb_block *b = &s->blocks[i];
      if (b->src != s->index)
        return fail("block names the wrong source", s, i);
      if ((b->flags & JB_BLOCK_DROPPED) && !b->dup_of)
        return fail("dropped block without the block it duplicates", s, i);
      if (b->kind == JB_BLOCK_HEADING && b->level < 1)
        return fail("heading level below 1", s, i);
      for (size_t j = 0; j < b->nspans; j++)
        if (jb_utf8_check(b->spans[j].text.p, b->spans[j].text.n) >= 0)
          return fail("span is not valid UTF-8", s, i);
      for (size_t j = 0; j < b->ncites; j++)
        if (b->cites[j] >= doc->nsrcs)
          return fail("citation of an unknown source", s, i);
    }
  }
  for (size_t c = 0; c < doc->brief.nchapters; c++) {
    const jb_chapter *ch = &doc->brief.chapters[c];
    for (size_t i = 0; i < ch->nblocks; i++)
      if (ch->blocks[i]->flags & JB_BLOCK_DROPPED)
        return fail("chapter holds a dropped block", NULL, c);
  }
  return true;
}

const char *
jb_tag_name(jb_tag t)
{
  static const char *const names[JB_TAG__COUNT] = {
      "Document", "Part", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI", "LBody",
      "Table", "TR", "TH", "TD", "TOC", "TOCI", "Link", "Reference", "Lbl", "Span"};
  return t < JB_TAG__COUNT ? names[t] : "Span";
}
