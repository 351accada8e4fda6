/* convert.c - stage 3: OpenCC (SPEC §2.3; research/cleaning.md §2).
 *
 * Why t2s: measured on seed 002 (a mainland text in Traditional script)
 * with Debian's OpenCC 1.1.6, hk2s and tw2s give exactly the t2s result,
 * while tw2sp rewrites vocabulary a mainland reader does not expect of the
 * original: 建立 -> 创建, 文件 -> 文档. On Taiwan and Hong Kong news pages
 * tw2sp also turns 數位發展部 into 数字发展部. t2s converts characters and
 * standard phrases only, which keeps the publisher's words. */
#include "convert.h"

#include <opencc/opencc.h>
#include <stdlib.h>

#include "utf8.h"

struct jb_converter {
  opencc_t cc;
};

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

void
jb_converter_free(jb_converter *c)
{
  if (!c)
    return;
  opencc_close(c->cc);
  free(c);
}

static bool
has_han(jb_str s)
{
  for (jb_str it = s; it.n;)
    if (jb_cp_is_han(jb_utf8_next(&it)))
      return true;
  return false;
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
  if (!s.n || !has_han(s))
    return s;
  char *tmp = jb_xstrndup(s.p, s.n);
  char *out = opencc_convert_utf8(c->cc, tmp, s.n);
  free(tmp);
  if (!out)
    return s;
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

static size_t
count_han(jb_str s)
{
  size_t k = 0;
  for (jb_str it = s; it.n;)
    k += jb_cp_is_han(jb_utf8_next(&it));
  return k;
}

/* Convert the text metadata of src; returns characters changed. */
static size_t
convert_meta(jb_ctx *ctx, jb_converter *c, jb_source *src)
{
  size_t total = 0, ch;
  jb_field *fields[] = {&src->meta.title, &src->meta.source};
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
    fields[i]->value = jb_converter_text(c, ctx->arena, fields[i]->value, &ch);
    total += ch;
  }
  return total;
}

/* Convert the spans of src with c. With detect, the document's variant is
 * decided on its kept text, and a Simplified document still has any
 * Traditional paragraph of its own converted (a quoted Taiwan statement, a
 * page stored in both scripts). Without detect, everything is converted. */
static void
convert_source(jb_ctx *ctx, jb_converter *c, jb_source *src, bool detect)
{
  size_t nspans = 0;
  for (size_t i = 0; i < src->nblocks; i++)
    nspans += src->blocks[i].nspans;
  jb_str *out = jb_xmalloc((nspans ? nspans : 1) * sizeof *out);
  size_t *bhan = jb_xcalloc(src->nblocks + 1, sizeof *bhan);
  size_t *bchg = jb_xcalloc(src->nblocks + 1, sizeof *bchg);
  size_t han = 0, changed = 0, ch, k = 0;
  for (size_t i = 0; i < src->nblocks; i++) {
    const jb_block *b = &src->blocks[i];
    for (size_t j = 0; j < b->nspans; j++) {
      bhan[i] += count_han(b->spans[j].text);
      out[k++] = jb_converter_text(c, ctx->arena, b->spans[j].text, &ch);
      bchg[i] += ch;
    }
    han += bhan[i];
    changed += bchg[i];
  }
  bool all = true;
  if (detect) {
    src->han_chars = han;
    src->variant = jb_convert_detect(han, changed);
    all = src->variant == JB_VARIANT_HANT;
    if (all) {
      jb_pos pos = {src->path, 0, 0, 0};
      jb_diag(&ctx->diags, JB_D_NOTE_TRAD, pos, "%zu of %zu Han characters "
              "change under %s", changed, han, JB_CONVERT_TO_HANS);
    }
  }
  k = 0;
  for (size_t i = 0; i < src->nblocks; i++) {
    jb_block *b = &src->blocks[i];
    bool apply = all || jb_convert_detect(bhan[i], bchg[i]) == JB_VARIANT_HANT;
    if (apply && detect) {
      src->converted += bchg[i];
      if (!all) {
        jb_diag(&ctx->diags, JB_D_NOTE_TRAD, b->pos, "paragraph in Traditional "
                "script in a Simplified document");
        src->mixed++;
      }
    }
    for (size_t j = 0; j < b->nspans; j++, k++)
      if (apply)
        b->spans[j].text = out[k];
  }
  if (all) {
    size_t meta = convert_meta(ctx, c, src);
    if (detect)
      src->converted += meta;
  }
  free(out);
  free(bhan);
  free(bchg);
}

int
jb_convert_run(jb_ctx *ctx, jb_doc *doc)
{
  jb_converter *t2s = jb_converter_new(JB_CONVERT_TO_HANS, &ctx->diags);
  if (!t2s)
    return -1;
  /* Detection reads the kept text only: page debris may be in another
   * script than the article. */
  for (size_t k = 0; k < doc->nsrcs; k++)
    if (!doc->srcs[k].skipped)
      convert_source(ctx, t2s, &doc->srcs[k], true);
  jb_converter_free(t2s);

  if (ctx->edition != JB_VARIANT_HANT)
    return 0;
  jb_converter *s2t = jb_converter_new(JB_CONVERT_TO_HANT, &ctx->diags);
  if (!s2t)
    return -1;
  for (size_t k = 0; k < doc->nsrcs; k++)
    if (!doc->srcs[k].skipped)
      convert_source(ctx, s2t, &doc->srcs[k], false);
  jb_converter_free(s2t);
  return 0;
}
