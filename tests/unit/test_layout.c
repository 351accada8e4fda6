/* test_layout.c - SPEC §2.7: line breaking between Han characters under the
 * clreq line-start/line-end prohibitions, Latin words kept whole, justified
 * lines, shaping with language zh-Hans. Uses the pinned fonts. */
#include "testlib.h"

#include "buf.h"
#include "conf.h"
#include "font.h"
#include "layout.h"
#include "layout_int.h"
#include "utf8.h"

static jb_conf *conf;
static jb_fontset *fonts;

static int
setup(void **state)
{
  (void)state;
  jb_diags d = {0};
  conf = jb_conf_load("templates/briefing.conf", &d);
  fonts = conf ? jb_fontset_new(conf, &d) : NULL;
  jb_diags_free(&d);
  return fonts ? 0 : -1;
}

static int
teardown(void **state)
{
  (void)state;
  jb_fontset_free(fonts);
  jb_conf_free(conf);
  return 0;
}

static void
prohibition_tables(void **state)
{
  (void)state;
  const char *no_start = "，。、；：？！）」』》";
  for (jb_str it = jb_str_c(no_start); it.n;)
    assert_true(jb_layout_no_start(jb_utf8_next(&it)));
  const char *no_end = "（「『《“‘";
  for (jb_str it = jb_str_c(no_end); it.n;)
    assert_true(jb_layout_no_end(jb_utf8_next(&it)));
  assert_false(jb_layout_no_start(0x7F51));
  assert_false(jb_layout_no_end(0x7F51));
}

static void
break_opportunities(void **state)
{
  (void)state;
  assert_true(jb_layout_can_break(0x7F51, 0x7EDC));   /* 网|络 */
  assert_false(jb_layout_can_break(0x7EDC, 0xFF0C));  /* 络|， */
  assert_true(jb_layout_can_break(0xFF0C, 0x7F51));   /* ，|网 */
  assert_false(jb_layout_can_break(0x300A, 0x5168));  /* 《|全 */
  assert_false(jb_layout_can_break(0x2014, 0x2014));  /* —|— */
  assert_false(jb_layout_can_break(0x2026, 0x2026));  /* …|… */
  assert_false(jb_layout_can_break('I', 'T'));        /* inside ITU */
  assert_false(jb_layout_can_break('3', '.'));        /* 3.5% */
  assert_true(jb_layout_can_break(0x76DF, 'I'));      /* 盟|ITU */
  assert_true(jb_layout_can_break(' ', 'h'));         /* after a space */
  assert_false(jb_layout_can_break('a', ' '));        /* not before it */
}

static void
set(jb_ctx *ctx, const char *text, float width_em, lines *out, style *st)
{
  memset(st, 0, sizeof *st);
  st->font = JB_FONT_BODY;
  st->bold = JB_FONT_BOLD;
  st->size = 10;
  st->leading = 17;
  st->justify = true;
  setter s = {ctx, fonts, hb_buffer_create(), NULL, 0, 0};
  jb_span sp = {jb_str_c(text), {NULL, 0}, 0, -1};
  jb_pos pos = {"test", 1, 1, 0};
  memset(out, 0, sizeof *out);
  jb_set_para(&s, &sp, 1, st, width_em * st->size, pos, out);
  hb_buffer_destroy(s.buf);
  free(s.reported);
}

/* Seed 000: commas, book-title marks and quotes in a long sentence. */
static const char para[] =
    "第三章“重点合作方向”第十三提出，深化信息安全领域国际合作。中方已提出《全球数据安全倡议》，"
    "希望推动达成反映各方意愿、尊重各方利益的全球数字治理规则。持续推进落实《中国－阿拉伯联盟数据安全"
    "合作倡议》和《“中国+中亚五国”数据安全合作倡议》，共同应对各类网络威胁，构建开放包容、公平合理、"
    "安全稳定、富有生机活力的全球网络空间治理体系。促进网络安全立法的国际harmonization，确保一致性。";

static void
lines_respect_prohibitions_and_keep_text(void **state)
{
  (void)state;
  for (float w = 9; w <= 31; w += 1) {
    jb_ctx *ctx = test_ctx_new();
    lines L;
    style st;
    set(ctx, para, w, &L, &st);
    assert_true(L.n >= 2);
    jb_buf all = JB_BUF_INIT;
    for (size_t i = 0; i < L.n; i++) {
      jb_str t = L.v[i].pl.text;
      jb_buf_put_str(&all, t);
      uint32_t first = jb_utf8_next(&(jb_str){t.p, t.n});
      uint32_t last = jb_utf8_last(t, NULL);
      if (i > 0 && jb_layout_no_start(first))
        fail_msg("width %g: line %zu starts with a closing mark: %.*s", w, i, (int)t.n, t.p);
      if (i + 1 < L.n && jb_layout_no_end(last))
        fail_msg("width %g: line %zu ends with an opening mark", w, i);
      /* justified to the measure, the last line excepted */
      if (i + 1 < L.n && L.v[i].width > 0)
        assert_true(L.v[i].width <= w * st.size + 0.05f);
    }
    /* nothing lost or doubled */
    assert_int_equal(all.n, strlen(para));
    assert_memory_equal(all.p, para, all.n);
    /* the Latin word is never split */
    bool whole = false;
    for (size_t i = 0; i < L.n; i++)
      whole |= jb_str_find(L.v[i].pl.text, "harmonization") >= 0;
    assert_true(whole);
    jb_buf_free(&all);
    test_ctx_free(ctx);
  }
}

static void
full_lines_are_justified(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  lines L;
  style st;
  set(ctx, para, 25, &L, &st);
  size_t justified = 0;
  for (size_t i = 0; i + 1 < L.n; i++) {
    float right = 0;
    for (size_t r = 0; r < L.v[i].pl.nruns; r++) {
      const jb_run *run = &L.v[i].pl.runs[r];
      const jb_glyph *g = &run->glyphs[run->nglyphs - 1];
      const jb_font *f = &fonts->fonts[run->font];
      float end = g->x + (float)jb_font_advance(f, g->gid) * run->size / (float)f->upem;
      if (end > right)
        right = end;
    }
    if (right > 25 * st.size - 0.05f && right < 25 * st.size + 0.05f)
      justified++;
  }
  assert_int_equal(justified, L.n - 1);
  test_ctx_free(ctx);
}

static void
two_em_dash_is_one_glyph(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  lines L;
  style st;
  set(ctx, "网络——空间", 30, &L, &st);
  assert_int_equal(L.n, 1);
  size_t glyphs = 0;
  for (size_t r = 0; r < L.v[0].pl.nruns; r++)
    glyphs += L.v[0].pl.runs[r].nglyphs;
  /* 网 络 —— 空 间: the ZHS locl + ccmp give one 2-em dash */
  assert_int_equal(glyphs, 5);
  test_ctx_free(ctx);
}

static void
missing_character_is_reported(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  lines L;
  style st;
  set(ctx, "吉\xF0\xA0\xAE\xB7野家", 30, &L, &st); /* 𠮷: in no Noto SC face */
  assert_int_equal(test_diag_count(ctx, JB_D_MISSING_GLYPH), 1);
  assert_int_equal(ctx->diags.recs[0].pos.line, 1);
  /* still drawn (as .notdef) and still in the text */
  assert_true(jb_str_find(L.v[0].pl.text, "\xF0\xA0\xAE\xB7") >= 0);
  test_ctx_free(ctx);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(prohibition_tables),
      cmocka_unit_test(break_opportunities),
      cmocka_unit_test(lines_respect_prohibitions_and_keep_text),
      cmocka_unit_test(full_lines_are_justified),
      cmocka_unit_test(two_em_dash_is_one_glyph),
      cmocka_unit_test(missing_character_is_reported),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
