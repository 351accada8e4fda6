/* test_phrases.c - users' phrase dictionaries (phrases.c): the file is
 * checked line by line; the generated configurations convert as OpenCC's
 * own do, and a user's phrase comes first. */
#include "testlib.h"

#include <unistd.h>

#include "convert.h"
#include "phrases.h"

static size_t
check(jb_ctx *ctx, const char *text)
{
  return jb_phrases_check("p.txt", jb_str_c(text), &ctx->diags);
}

static void
bad_lines_are_named(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  assert_int_equal(check(ctx, "周一平\t周一平\n台积电\t台積電\n"), 0);
  assert_int_equal(check(ctx, "周一平\t周一平"), 0); /* no last line end */
  assert_int_equal(ctx->diags.n, 0);
  static const char *const bad[] = {
      "",                       /* an empty file */
      "周一平\t周一平\n\n",     /* an empty line */
      "周一平 周一平\n",        /* no tab */
      "周一平\t周一平\t週\n",   /* two tabs */
      "\t周一平\n",             /* no phrase */
      "周一平\t\n",             /* no conversion */
      "周一平\t周一 平\n",      /* two conversions */
      "周一平\t周一平\r\n",     /* a carriage return */
      "周一平\t周一平\n周一平\t週一平\n", /* twice */
      "\xff\t\xfe\n",           /* not UTF-8 */
  };
  for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
    size_t before = ctx->diags.n;
    if (check(ctx, bad[k]) != 1)
      fail_msg("not refused: case %zu", k);
    assert_int_equal(ctx->diags.n, before + 1);
    assert_int_equal(ctx->diags.recs[before].code, JB_D_PHRASES);
  }
  /* the line is named */
  assert_int_equal(ctx->diags.recs[1].pos.line, 2);
  assert_int_equal(ctx->diags.recs[8].pos.line, 2);
  test_ctx_free(ctx);
}

static jb_str
convert(jb_ctx *ctx, const char *config, const char *text)
{
  jb_converter *c = jb_converter_new(config, &ctx->diags);
  assert_non_null(c);
  jb_str r = jb_converter_text(c, ctx->arena, jb_str_c(text), NULL);
  jb_converter_free(c);
  return r;
}

/* A generated configuration without phrases of the user's but for one
 * that never occurs converts as OpenCC's own; with the user's phrase, that
 * phrase wins. */
static void
generated_configs_convert_as_opencc(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  static const char trad[] = "隨著科技發展，衞生署發言人説，臺灣的網路與軟體產業意味著更多機會，周一平先生著有多部著作。";
  static const char simp[] = "随着科技发展，卫生署发言人说，台湾的网络与软件产业意味着更多机会，周一平先生著有多部著作，台风来了。";
  static const struct {
    const char *config, *text;
  } cases[] = {{"t2s.json", trad},  {"tw2s.json", trad}, {"hk2s.json", trad}, {"s2t.json", simp},
               {"s2tw.json", simp}, {"s2hk.json", simp}, {"s2twp.json", simp}};
  char *unused = jb_phrases_temp(jb_str_c("甲乙丙丁\t甲乙丙丁\n"));
  assert_non_null(unused);
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
    const char *files[] = {unused};
    char *gen = jb_phrases_config(cases[k].config, files, 1, NULL, &ctx->diags);
    assert_non_null(gen);
    jb_str want = convert(ctx, cases[k].config, cases[k].text);
    jb_str got = convert(ctx, gen, cases[k].text);
    if (!jb_str_eq(want, got))
      fail_msg("%s: %.*s / %.*s", cases[k].config, (int)want.n, want.p, (int)got.n, got.p);
    unlink(gen);
    free(gen);
  }
  unlink(unused);
  free(unused);

  /* the user's phrase first; the 台 preference as a last step */
  char *names = jb_phrases_temp(jb_str_c("周一平\t周一平\n"));
  char *tai = jb_phrases_temp(jb_str_c(jb_phrases_tai));
  const char *files[] = {names};
  char *gen = jb_phrases_config("s2tw.json", files, 1, tai, &ctx->diags);
  jb_str out = convert(ctx, gen, "周一平说台湾的台风和平台");
  assert_true(jb_str_eq_c(out, "周一平說台灣的颱風和平台"));
  assert_true(jb_str_eq_c(convert(ctx, "s2tw.json", "周一平说台湾的台风和平台"),
                          "週一平說臺灣的颱風和平臺"));
  unlink(gen);
  unlink(names);
  unlink(tai);
  free(gen);
  free(names);
  free(tai);
  assert_null(jb_phrases_config("jp2t.json", files, 1, NULL, &ctx->diags));
  test_ctx_free(ctx);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(bad_lines_are_named),
      cmocka_unit_test(generated_configs_convert_as_opencc),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
