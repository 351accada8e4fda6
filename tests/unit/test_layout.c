/* test_layout.c - SPEC §2.7 and the clreq rules (research/typesetting.md):
 * break opportunities from ICU with the Chinese tailoring, punctuation
 * widths in context, Han-Latin glue, total-fit justification against the
 * first-fit oracle, runts, the fallback face. Positions come from the
 * engine itself, with the pinned fonts, at 10 pt (1 em = 10 pt). */
#include "testlib.h"

#include <math.h>

#include <ft2build.h>
#include FT_OUTLINE_H

#include "buf.h"
#include "conf.h"
#include "font.h"
#include "layout.h"
#include "layout_int.h"
#include "utf8.h"

static jb_conf *conf;
static jb_fontset *fonts;
static jb_ctx *ctx;
static setter S;

static int
setup(void **state)
{
  (void)state;
  jb_diags d = {0};
  conf = jb_conf_load("templates/briefing.conf", NULL, &d);
  fonts = conf ? jb_fontset_new(conf, &d) : NULL;
  jb_diags_free(&d);
  ctx = test_ctx_new();
  ctx->conf = conf;
  return fonts && jb_setter_init(&S, ctx, fonts) == 0 ? 0 : -1;
}

static int
teardown(void **state)
{
  (void)state;
  jb_setter_free(&S);
  test_ctx_free(ctx);
  jb_fontset_free(fonts);
  jb_conf_free(conf);
  return 0;
}

static style
body(bool justify)
{
  style st;
  memset(&st, 0, sizeof st);
  st.font = JB_FONT_BODY;
  st.bold = JB_FONT_BOLD;
  st.size = 10;
  st.leading = 17;
  st.justify = justify;
  return st;
}

/* The break opportunities of text as a string of marks: "|" where a line
 * may break, between the characters. */
static char *
breaks(const char *text)
{
  style st = body(false);
  size_t off[256];
  size_t n = jb_breaks(&S, jb_str_c(text), &st, off, 256);
  jb_buf b = JB_BUF_INIT;
  size_t k = 0;
  for (size_t i = 0; text[i]; i++) {
    if (k < n && off[k] == i) {
      jb_buf_putc(&b, '|');
      k++;
    }
    jb_buf_putc(&b, text[i]);
  }
  return b.p;
}

#define BREAKS(in, want)                                                       \
  do {                                                                         \
    char *got_ = breaks(in);                                                   \
    if (strcmp(got_, want))                                                    \
      fail_msg("breaks of %s:\n got  %s\n want %s", in, got_, want);          \
    free(got_);                                                                \
  } while (0)

static void
break_opportunities(void **state)
{
  (void)state;
  /* Between Han characters; never before a closing or pause mark, never
   * after an opening one. */
  BREAKS("中文，排版。", "中|文，|排|版。");
  BREAKS("他说：“引号”（括号）", "他|说：|“引|号”|（括|号）");
  BREAKS("《全球安全倡议》，", "《全|球|安|全|倡|议》，");
  /* —— and …… are one mark and never start a line (strict level). */
  BREAKS("破折——号……省略", "破|折——|号……|省|略");
  /* Latin words and numbers stay whole; Han-Latin boundaries break. */
  BREAKS("联盟ITU的3.5%增长", "联|盟|ITU|的|3.5%|增|长");
  BREAKS("国际harmonization，确保", "国|际|harmonization，|确|保");
  /* No break before an interpunct, a full-width tilde or solidus, or a
   * connector dash between numbers. */
  BREAKS("马克·吐温", "马|克·|吐|温");
  BREAKS("2020—2024年", "2020—2024|年");
  BREAKS("甲～乙／丙", "甲～乙／丙");
  /* After a space. */
  BREAKS("ITU and ENISA", "ITU |and |ENISA");
}

typedef struct placed {
  uint32_t gid;
  float x;
  int font;
} placed;

/* Set text and return the glyphs of line `line` with their x positions. */
static size_t
set(const char *text, float width_em, bool justify, size_t line, placed *out, size_t max,
    lines *L)
{
  style st = body(justify);
  jb_span sp = {.text = jb_str_c(text), .target = -1};
  jb_pos pos = {"test", 1, 1, 0};
  memset(L, 0, sizeof *L);
  jb_set_para(&S, &sp, 1, &st, width_em * st.size, pos, L);
  size_t n = 0;
  if (line >= L->n)
    return 0;
  for (size_t r = 0; r < L->v[line].pl.nruns; r++) {
    const jb_run *run = &L->v[line].pl.runs[r];
    for (size_t g = 0; g < run->nglyphs && n < max; g++) {
      out[n].gid = run->glyphs[g].gid;
      out[n].x = run->x + run->glyphs[g].x;
      out[n].font = run->font;
      n++;
    }
  }
  return n;
}

#define NEAR(a, b) (fabsf((a) - (b)) < 0.01f)

/* text set as one paragraph 30 em wide with HarfBuzz given every run, and
 * with the plain ideographs set without it: the same lines, glyphs and
 * positions, bit for bit. */
static void
same_as_harfbuzz(const char *text, size_t n)
{
  style st = body(true);
  jb_span sp = {.text = jb_str_make(text, n), .target = -1};
  jb_pos pos = {"test", 1, 1, 0};
  lines a = {0}, b = {0};
  S.hb_only = true;
  jb_set_para(&S, &sp, 1, &st, 300, pos, &a);
  S.hb_only = false;
  jb_set_para(&S, &sp, 1, &st, 300, pos, &b);
  assert_int_equal(a.n, b.n);
  for (size_t l = 0; l < a.n; l++) {
    const jb_pline *x = &a.v[l].pl, *y = &b.v[l].pl;
    assert_int_equal(x->nruns, y->nruns);
    for (size_t r = 0; r < x->nruns; r++) {
      assert_int_equal(x->runs[r].font, y->runs[r].font);
      assert_int_equal(x->runs[r].nglyphs, y->runs[r].nglyphs);
      assert_memory_equal(&x->runs[r].x, &y->runs[r].x, sizeof x->runs[r].x);
      assert_memory_equal(x->runs[r].glyphs, y->runs[r].glyphs,
                          x->runs[r].nglyphs * sizeof *x->runs[r].glyphs);
    }
  }
}

static void
plain_ideographs_shape_as_harfbuzz(void **state)
{
  (void)state;
  static const char *const texts[] = {
      "网络空间命运共同体",                          /* ideographs only */
      "中，“文”。（括号）《书名》——破折号……省略号、顿号",
      "联盟ITU的3.5%增长，harmonization与AI Act；2020—2024年",
      "𠀀𠀁丽丽𪚲「引號」『雙引號』", /* beyond the BMP, compatibility forms */
      "一〇二三年，第Ⅲ号：“quoted” ‘single’ ·马克·吐温 ～ ／",
  };
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
    same_as_harfbuzz(texts[i], strlen(texts[i]));
  assert_non_null(S.plain[JB_FONT_BODY]);
  assert_true(S.plain[JB_FONT_BODY]->usable);
  /* and every paragraph of the seeds */
  for (int k = 0; k < 5; k++) {
    char path[64];
    static const char *const seeds[] = {"000_456459ae4fa477de", "001_0f5b9ea44002eab6",
                                        "002_6d3311f39d628d28", "003_a4e8ef4e5f959a1a",
                                        "004_e911f1219a7a6dc5"};
    snprintf(path, sizeof path, "seeds/%s.txt", seeds[k]);
    size_t n = 0;
    char *all = jb_read_all(path, &n);
    assert_non_null(all);
    for (jb_str rest = jb_str_make(all, n); rest.n;) {
      const char *nl = memchr(rest.p, '\n', rest.n);
      size_t len = nl ? (size_t)(nl - rest.p) : rest.n;
      if (len)
        same_as_harfbuzz(rest.p, len);
      rest = jb_str_skip(rest, nl ? len + 1 : len);
    }
    free(all);
  }
}

static void
adjacent_marks_take_one_and_a_half_em(void **state)
{
  (void)state;
  placed g[16];
  lines L;
  /* ，“ : the comma keeps its inked half, the quote its full width. */
  size_t n = set("中，“文”。", 30, false, 0, g, 16, &L);
  assert_int_equal(n, 6);
  assert_true(NEAR(g[0].x, 0));
  assert_true(NEAR(g[1].x, 10));  /* ， */
  assert_true(NEAR(g[2].x, 15));  /* “ : 0.5 em after the comma's start */
  assert_true(NEAR(g[3].x, 25));  /* 文 */
  assert_true(NEAR(g[4].x, 35));  /* ” */
  assert_true(NEAR(g[5].x, 40));  /* 。 right after the quote's ink half */
  /* （“ : the second opening mark loses its blank. */
  n = set("中（“文", 30, false, 0, g, 16, &L);
  assert_true(NEAR(g[1].x, 10));
  assert_true(NEAR(g[2].x, 15));
  assert_true(NEAR(g[3].x, 25));
  /* A single mark mid-line is always full width: one width per context. */
  n = set("一，二，三，四", 30, false, 0, g, 16, &L);
  for (size_t i = 0; i < n; i++)
    assert_true(NEAR(g[i].x, (float)i * 10));
}

static void
mark_at_line_end_is_half_em(void **state)
{
  (void)state;
  placed g[16];
  lines L;
  /* Five characters and a comma fit in 5.5 em: the comma's blank half
   * goes at the line end (push in, not push out). */
  set("一二三四五，六七八", 5.5f, true, 0, g, 16, &L);
  assert_str_equal(L.v[0].pl.text, "一二三四五，");
  /* A paragraph's last mark keeps its blank: no break after it that would
   * leave an empty last line (ragged, as in the TOC). */
  set("一二三四五。", 5.5f, false, 0, g, 16, &L);
  for (size_t i = 0; i < L.n; i++)
    assert_true(L.v[i].pl.text.n > 0 && L.v[i].pl.nruns > 0);
  assert_str_equal(L.v[L.n - 1].pl.text, "五。");
  /* An opening bracket at a line start loses its blank half: its glyph
   * origin sits half an em left of the line. */
  size_t n = set("一二三四五（六）", 5.5f, true, 1, g, 16, &L);
  assert_true(n >= 1);
  assert_str_equal(L.v[1].pl.text, "（六）");
  assert_true(NEAR(g[0].x, -5));
}

/* The zh-Hant edition (Taiwan placement): stops and pauses sit in the
 * middle of their em, so none has a blank half to lose, at a line end or
 * beside another mark; a bracket beside one still loses its blank. */
static void
centred_stops_keep_their_em(void **state)
{
  (void)state;
  placed g[16];
  lines L;
  /* Simplified: the stop's blank half goes at the line end. */
  set("一二三四五六七八九。十一", 9.6f, true, 0, g, 16, &L);
  assert_str_equal(L.v[0].pl.text, "一二三四五六七八九。");

  jb_diags d = {0};
  jb_conf *tc = jb_conf_load("templates/briefing-zh-Hant.conf", NULL, &d);
  jb_fontset *tf = tc ? jb_fontset_new(tc, &d) : NULL;
  assert_non_null(tf);
  jb_ctx *hc = test_ctx_new();
  hc->conf = tc;
  hc->edition = JB_VARIANT_HANT;
  setter sc = S;
  assert_int_equal(jb_setter_init(&S, hc, tf), 0);
  /* Traditional: 。 keeps its em, so 九。 go to the next line together. */
  set("一二三四五六七八九。十一", 9.6f, true, 0, g, 16, &L);
  assert_str_equal(L.v[0].pl.text, "一二三四五六七八");
  assert_str_equal(L.v[1].pl.text, "九。十一");
  /* ）； : the bracket loses its blank, the centred mark keeps its em. */
  size_t n = set("中）；文", 30, false, 0, g, 16, &L);
  assert_int_equal(n, 4);
  assert_true(NEAR(g[1].x, 10));
  assert_true(NEAR(g[2].x, 15));
  assert_true(NEAR(g[3].x, 25));
  /* ，「 : the comma's full em, then the bracket without its blank. */
  n = set("中，「文", 30, false, 0, g, 16, &L);
  assert_true(NEAR(g[1].x, 10));
  assert_true(NEAR(g[2].x, 15));
  assert_true(NEAR(g[3].x, 25));
  /* The TC faces draw them centred: the comma's ink is mid-em. */
  const jb_font *f = &tf->fonts[JB_FONT_BODY];
  FT_Load_Glyph(f->ft, jb_font_glyph(f, 0xFF0C), FT_LOAD_NO_SCALE);
  FT_BBox box;
  FT_Outline_Get_CBox(&f->ft->glyph->outline, &box);
  assert_true(box.xMin > (long)f->upem / 4 && box.xMax < (long)f->upem * 3 / 4);
  jb_setter_free(&S);
  S = sc;
  test_ctx_free(hc);
  jb_fontset_free(tf);
  jb_conf_free(tc);
  jb_diags_free(&d);
}

static void
han_latin_glue(void **state)
{
  (void)state;
  placed a[16], b[16];
  lines L;
  size_t na = set("中ITU文", 30, false, 0, a, 16, &L);
  size_t nb = set("中 ITU 文", 30, false, 0, b, 16, &L);
  assert_int_equal(na, 5);
  /* The spaces are glue: the glyphs stand where they stand without them;
   * each space's own glyph is drawn where its glue starts (so text taken
   * from the glyphs keeps its word spaces). */
  assert_int_equal(nb, 7);
  assert_true(NEAR(a[1].x, 12.5f)); /* 1/4 em after 中 */
  const jb_font *f = &S.fonts->fonts[a[0].font];
  uint32_t space = jb_font_glyph(f, ' ');
  assert_int_equal(b[1].gid, space);
  assert_int_equal(b[5].gid, space);
  assert_true(NEAR(b[1].x, 10));      /* right after 中 */
  size_t k = 0;
  for (size_t i = 0; i < nb; i++)
    if (i != 1 && i != 5)
      assert_true(NEAR(a[k++].x, b[i].x));
  /* None next to full-width punctuation. */
  set("中，ITU", 30, false, 0, a, 16, &L);
  assert_true(NEAR(a[2].x, 20)); /* ， is 1 em wide: no extra glue */
}

static void
fallback_face_and_missing_report(void **state)
{
  (void)state;
  placed g[16];
  lines L;
  size_t before = ctx->diags.n;
  size_t n = set("吉\xF0\xA0\xAE\xB7野家 Łódź", 30, false, 0, g, 16, &L); /* 𠮷 */
  assert_true(n >= 4);
  assert_int_equal(g[1].font, JB_FONT_FALLBACK);
  assert_true(g[1].gid != 0);
  bool lslash = false;
  for (size_t i = 0; i < n; i++)
    lslash |= g[i].font == JB_FONT_FALLBACK && i > 3;
  assert_true(lslash);
  assert_int_equal(ctx->diags.n, before); /* nothing missing */
  /* A symbol no face has (U+1F9FF): reported with its position, drawn
   * as a box. */
  set("好\xF0\x9F\xA7\xBF", 30, false, 0, g, 16, &L);
  assert_int_equal(ctx->diags.n, before + 1);
  assert_int_equal(ctx->diags.recs[before].code, JB_D_MISSING_GLYPH);
  assert_int_equal(ctx->diags.recs[before].pos.line, 1);
  assert_true(jb_str_find(L.v[0].pl.text, "\xF0\x9F\xA7\xBF") >= 0);
}

static void
two_em_dash_is_one_glyph(void **state)
{
  (void)state;
  placed g[16];
  lines L;
  assert_int_equal(set("网络——空间", 30, false, 0, g, 16, &L), 5);
  assert_true(NEAR(g[3].x, 40)); /* the dash is 2 em */
}

/* Seed 000: long sentences with book-title marks, quotes and a Latin word. */
static const char para[] =
    "第三章“重点合作方向”第十三提出，深化信息安全领域国际合作。中方已提出《全球数据安全倡议》，"
    "希望推动达成反映各方意愿、尊重各方利益的全球数字治理规则。持续推进落实《中国－阿拉伯联盟数据安全"
    "合作倡议》和《“中国+中亚五国”数据安全合作倡议》，共同应对各类网络威胁，构建开放包容、公平合理、"
    "安全稳定、富有生机活力的全球网络空间治理体系。促进网络安全立法的国际harmonization，确保一致性。";

/* Right edge of a line: the end of its last glyph's advance. */
static float
right_edge(const tline *l)
{
  float right = 0;
  for (size_t r = 0; r < l->pl.nruns; r++) {
    const jb_run *run = &l->pl.runs[r];
    const jb_glyph *g = &run->glyphs[run->nglyphs - 1];
    const jb_font *f = &fonts->fonts[run->font];
    float end = run->x + g->x + (float)jb_font_advance(f, g->gid) * run->size / (float)f->upem;
    if (end > right)
      right = end;
  }
  return right;
}

static uint32_t
last_inked(jb_str t)
{
  return jb_utf8_last(t, NULL);
}

static void
lines_respect_prohibitions_and_fill_the_measure(void **state)
{
  (void)state;
  for (float w = 9; w <= 31; w += 1) {
    placed g[4];
    lines L;
    set(para, w, true, 0, g, 4, &L);
    assert_true(L.n >= 2);
    jb_buf all = JB_BUF_INIT;
    for (size_t i = 0; i < L.n; i++) {
      jb_str t = L.v[i].pl.text;
      jb_buf_put_str(&all, t);
      jb_str head = t;
      uint32_t first = jb_utf8_next(&head);
      if (i > 0 && jb_layout_no_start(first))
        fail_msg("width %g: line %zu starts with a closing mark: %.*s", w, i, (int)t.n, t.p);
      if (i + 1 < L.n && jb_layout_no_end(last_inked(t)))
        fail_msg("width %g: line %zu ends with an opening mark", w, i);
      /* Every line but the last ends at the measure: a right-blank mark
       * ends at its inked half, which is the margin. */
      if (i + 1 < L.n) {
        float edge = right_edge(&L.v[i]);
        uint32_t last = last_inked(t);
        bool half = last == 0xFF0C || last == 0x3002 || last == 0x3001 || last == 0x201D ||
                    last == 0x300B || last == 0xFF09;
        float want = w * 10 + (half ? 5 : 0);
        if (fabsf(edge - want) > 0.05f)
          fail_msg("width %g: line %zu ends at %g, not %g: %.*s", w, i, edge, want, (int)t.n, t.p);
      }
    }
    assert_int_equal(all.n, strlen(para)); /* nothing lost or doubled */
    assert_memory_equal(all.p, para, all.n);
    bool whole = false;
    for (size_t i = 0; i < L.n; i++)
      whole |= jb_str_find(L.v[i].pl.text, "harmonization") >= 0;
    assert_true(whole);
    jb_buf_free(&all);
  }
}

/* Widest inter-glyph spacing added in a line, over its natural set. */
static void
compare(const char *text, float w, size_t *lines_tf, size_t *lines_ff, int *runt_tf,
        int *runt_ff)
{
  style st = body(true);
  jb_span sp = {.text = jb_str_c(text), .target = -1};
  jb_pos pos = {"t", 1, 1, 0};
  lines a = {0}, b = {0};
  jb_set_para(&S, &sp, 1, &st, w * 10, pos, &a);
  jb_set_para_first_fit(&S, &sp, 1, &st, w * 10, pos, &b);
  *lines_tf = a.n;
  *lines_ff = b.n;
  *runt_tf = jb_utf8_count(a.v[a.n - 1].pl.text) <= 2;
  *runt_ff = jb_utf8_count(b.v[b.n - 1].pl.text) <= 2;
}

static void
total_fit_against_first_fit(void **state)
{
  (void)state;
  int runts_tf = 0, runts_ff = 0;
  for (float w = 9; w <= 40; w += 0.5f) {
    size_t ltf, lff;
    int rtf, rff;
    compare(para, w, &ltf, &lff, &rtf, &rff);
    /* Never more than one line longer than first fit. */
    assert_true(ltf <= lff + 1);
    runts_tf += rtf;
    runts_ff += rff;
  }
  /* First fit leaves one- or two-character last lines at some widths;
   * total fit avoids them. */
  assert_true(runts_ff > 0);
  assert_int_equal(runts_tf, 0);
}

/* Where a line's content ends, with a first-line indent and a hang: the
 * TOC starts its leaders there. */
static void
line_end_counts_indent_once(void **state)
{
  (void)state;
  style st = body(false);
  st.indent = 30;
  st.hang = 45;
  jb_span sp = {.text = jb_str_c("网络空间与现实世界深度融合，给人们带来巨大发展机遇，同时也带来不少风险和挑战。"),
                .target = -1};
  jb_pos pos = {NULL, 0, 0, 0};
  lines L = {0};
  jb_set_para(&S, &sp, 1, &st, 200, pos, &L);
  assert_true(L.n >= 2);
  for (size_t i = 0; i < L.n; i++) {
    const jb_pline *pl = &L.v[i].pl;
    const jb_run *first = &pl->runs[0], *last = &pl->runs[pl->nruns - 1];
    const jb_glyph *g = &last->glyphs[last->nglyphs - 1];
    const jb_font *f = &fonts->fonts[last->font];
    float adv = g->adv ? g->adv : (float)jb_font_advance(f, g->gid) * last->size / (float)f->upem;
    assert_float_equal(first->glyphs[0].x, i == 0 ? 30 : 45, 0.01);
    assert_float_equal(L.v[i].end, g->x + adv, 0.01);
  }
}

/* Front matter pages are numbered in roman numerals however long the
 * table of contents grows. */
static void
roman_page_numbers(void **state)
{
  (void)state;
  jb_arena *a = jb_arena_new();
  static const struct {
    int n;
    const char *r;
  } cases[] = {{1, "i"},    {4, "iv"},    {9, "ix"},     {14, "xiv"},      {20, "xx"},
               {21, "xxi"}, {40, "xl"},   {49, "xlix"},  {90, "xc"},       {400, "cd"},
               {1994, "mcmxciv"}, {3999, "mmmcmxcix"}, {4000, "4000"}, {0, "0"}};
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    jb_str r = jb_layout_roman(a, cases[k].n);
    if (!jb_str_eq_c(r, cases[k].r))
      fail_msg("%d: %.*s, not %s", cases[k].n, (int)r.n, r.p, cases[k].r);
  }
  jb_arena_free(a);
}

/* A glossary-like table with long pinyin and glosses: in every row, each
 * cell's glyphs end a clear gap (0.8 em) before the next cell's begin
 * (glyph boxes from the layout: origin plus advance). */
static void
table_cells_never_touch(void **state)
{
  (void)state;
  jb_doc doc;
  memset(&doc, 0, sizeof doc);
  static const char *const rows[][4] = {
      {"词语 Term", "拼音 Pinyin", "释义 English", "章 Ch."},
      {"国际电信联盟", "guójì diànxìn liánméng", "International Telecommunications Union; ITU", "5"},
      {"中华人民共和国", "Zhōnghuá Rénmín Gònghéguó", "People's Republic of China", "1, 2, 3, 4, 5"},
      {"安全", "ānquán", "safe; secure; safety; security", "1"},
      {"可持续发展", "kěchíxù fāzhǎn", "sustainable development", "2, 5"},
  };
  jb_chapter ch;
  memset(&ch, 0, sizeof ch);
  ch.kind = JB_CHAPTER_GLOSSARY;
  ch.title = jb_str_c("术语表");
  ch.label = jb_str_c("");
  jb_block *blocks[5];
  for (int r = 0; r < 5; r++) {
    jb_block *b = jb_arena_alloc(ctx->arena, sizeof *b);
    memset(b, 0, sizeof *b);
    b->kind = JB_BLOCK_ROW;
    b->level = r == 0;
    b->anchor = -1;
    for (int c = 0; c < 4; c++)
      jb_block_add_span(ctx, b, jb_str_c(rows[r][c]), JB_SPAN_CELL);
    blocks[r] = b;
  }
  ch.blocks = blocks;
  ch.nblocks = 5;
  ch.anchor = 0;
  doc.brief.chapters = &ch;
  doc.brief.nchapters = 1;
  doc.brief.nanchors = 1;
  doc.brief.title = jb_str_c("简报");
  ctx->fonts = fonts;
  jb_layout lay;
  memset(&lay, 0, sizeof lay);
  assert_int_equal(jb_layout_run(ctx, &doc, &lay), 0);
  size_t rows_seen = 0;
  for (size_t p = 0; p < lay.npages; p++)
    for (size_t l = 0; l < lay.pages[p].nlines; l++) {
      const jb_pline *pl = &lay.pages[p].lines[l];
      /* cells are joined by two spaces in the line's text */
      size_t seps[8], ns = 0;
      for (size_t i = 0; i + 1 < pl->text.n && ns < 8; i++)
        if (pl->text.p[i] == ' ' && pl->text.p[i + 1] == ' ')
          seps[ns++] = i, i++;
      if (ns != 3)
        continue; /* not a row */
      rows_seen++;
      float lo[4], hi[4];
      for (int c = 0; c < 4; c++)
        lo[c] = 1e9f, hi[c] = -1e9f;
      for (size_t r = 0; r < pl->nruns; r++) {
        const jb_run *run = &pl->runs[r];
        const jb_font *f = &fonts->fonts[run->font];
        for (size_t g = 0; g < run->nglyphs; g++) {
          const jb_glyph *gl = &run->glyphs[g];
          int c = 0;
          while (c < 3 && gl->text >= seps[c])
            c++;
          float adv = gl->adv ? gl->adv : jb_font_advance(f, gl->gid) * run->size / (float)f->upem;
          float x0 = run->x + gl->x, x1 = x0 + adv;
          lo[c] = fminf(lo[c], x0);
          hi[c] = fmaxf(hi[c], x1);
        }
      }
      for (int c = 0; c + 1 < 4; c++)
        if (hi[c] > -1e9f && lo[c + 1] < 1e9f && lo[c + 1] - hi[c] < 0.8f * 9)
          fail_msg("row %zu: cell %d ends at %.1f, cell %d begins at %.1f", rows_seen, c, hi[c],
                   c + 1, lo[c + 1]);
    }
  assert_int_equal(rows_seen, 5);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(roman_page_numbers),
      cmocka_unit_test(table_cells_never_touch),
      cmocka_unit_test(break_opportunities),
      cmocka_unit_test(adjacent_marks_take_one_and_a_half_em),
      cmocka_unit_test(mark_at_line_end_is_half_em),
      cmocka_unit_test(centred_stops_keep_their_em),
      cmocka_unit_test(han_latin_glue),
      cmocka_unit_test(plain_ideographs_shape_as_harfbuzz),
      cmocka_unit_test(fallback_face_and_missing_report),
      cmocka_unit_test(two_em_dash_is_one_glyph),
      cmocka_unit_test(lines_respect_prohibitions_and_fill_the_measure),
      cmocka_unit_test(total_fit_against_first_fit),
      cmocka_unit_test(line_end_counts_indent_once),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
