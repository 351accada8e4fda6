/* test_convert.c - SPEC §2.3: Traditional documents are detected by the
 * share of Han characters t2s changes, and converted with t2s, which keeps
 * the publisher's words where tw2sp would rewrite them. */
#include "testlib.h"

#include <unistd.h>

#include "buf.h"
#include "convert.h"
#include "utf8.h"

/* Real lines of seed 002 (Traditional) and seed 004 (Simplified). */
static const char trad[] =
    "一些國家將網絡空間作為謀求軍事優勢的新戰場，推行威懾進攻理念，將軍事同盟引入網絡空間，"
    "推動制定網絡交戰規則，推升國家間網絡摩擦和沖突風險，威脅國際和平與安全。";
static const char simp[] =
    "信息技术的飞速发展，让网络营造的虚拟空间与现实社会深度融合。然而网络的独特属性也让这个"
    "虚拟“第五空间”给人类生活带来很多此前未曾想到过的挑战。";
static const char trad_words[] =
    "各國有權平等參與國際互聯網基礎資源管理和分配，建立多邊、民主、透明的國際互聯網治理體系。"
    "歡迎聯合國信息安全開放式工作組2021年達成最後文件。";

static size_t
han_count(const char *s)
{
  size_t k = 0;
  for (jb_str it = jb_str_c(s); it.n;)
    k += jb_cp_is_han(jb_utf8_next(&it));
  return k;
}

static void
detects_traditional_and_simplified(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_converter *c = jb_converter_new(JB_CONVERT_TO_HANS, &ctx->diags);
  assert_non_null(c);
  size_t changed;
  jb_str out = jb_converter_text(c, ctx->arena, jb_str_c(trad), &changed);
  assert_true(changed >= 20);
  assert_int_equal(jb_convert_detect(han_count(trad), changed), JB_VARIANT_HANT);
  assert_true(jb_str_find(out, "一些国家将网络空间作为谋求军事优势的新战场") == 0);

  out = jb_converter_text(c, ctx->arena, jb_str_c(simp), &changed);
  assert_int_equal(changed, 0);
  assert_int_equal(jb_convert_detect(han_count(simp), changed), JB_VARIANT_HANS);
  assert_string_equal(out.p, simp);
  /* No Han at all: nothing to decide. */
  assert_int_equal(jb_convert_detect(0, 0), JB_VARIANT_UNKNOWN);
  jb_converter_free(c);
  test_ctx_free(ctx);
}

static void
latin_digits_and_urls_untouched(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_converter *c = jb_converter_new(JB_CONVERT_TO_HANS, &ctx->diags);
  size_t changed;
  jb_str out = jb_converter_text(c, ctx->arena,
                                 jb_str_c("聯合國國際電信聯盟(ITU) 2021年 https://www.itu.int/zh/"), &changed);
  assert_str_equal(out, "联合国国际电信联盟(ITU) 2021年 https://www.itu.int/zh/");
  assert_int_equal(changed, 6); /* 聯國國際電聯 */
  jb_converter_free(c);
  test_ctx_free(ctx);
}

/* The config choice in convert.c: tw2sp rewrites 建立 and 文件 in seed 002;
 * t2s keeps them. */
static void
t2s_keeps_words_tw2sp_rewrites(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_converter *t2s = jb_converter_new("t2s.json", &ctx->diags);
  jb_converter *tw2sp = jb_converter_new("tw2sp.json", &ctx->diags);
  assert_non_null(t2s);
  assert_non_null(tw2sp);
  jb_str a = jb_converter_text(t2s, ctx->arena, jb_str_c(trad_words), NULL);
  jb_str b = jb_converter_text(tw2sp, ctx->arena, jb_str_c(trad_words), NULL);
  assert_true(jb_str_find(a, "建立多边") >= 0);
  assert_true(jb_str_find(a, "最后文件") >= 0);
  assert_true(jb_str_find(b, "创建多边") >= 0);
  assert_true(jb_str_find(b, "最后文档") >= 0);
  jb_converter_free(t2s);
  jb_converter_free(tw2sp);
  test_ctx_free(ctx);
}

static void
missing_config_is_fatal(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  assert_null(jb_converter_new("no-such-config.json", &ctx->diags));
  assert_int_equal(test_diag_count(ctx, JB_D_OPENCC), 1);
  assert_int_equal(ctx->diags.worst, JB_SEV_FATAL);
  test_ctx_free(ctx);
}

static void
run_converts_traditional_documents_only(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  const char *texts[] = {trad, simp};
  for (int i = 0; i < 2; i++) {
    jb_source *s = JB_PUSH(ctx->arena, doc.srcs, doc.nsrcs, doc.capsrcs);
    s->index = (uint32_t)i;
    s->path = s->name = i ? "simp.txt" : "trad.txt";
    jb_block *b = jb_doc_add_block(ctx, s, JB_BLOCK_PARA);
    jb_block_add_span(ctx, b, jb_str_c(texts[i]), 0);
  }
  assert_int_equal(jb_convert_run(ctx, &doc), 0);
  assert_int_equal(doc.srcs[0].variant, JB_VARIANT_HANT);
  assert_int_equal(doc.srcs[1].variant, JB_VARIANT_HANS);
  assert_true(doc.srcs[0].converted >= 20);
  assert_int_equal(doc.srcs[1].converted, 0);
  assert_true(jb_str_starts(doc.srcs[0].blocks[0].spans[0].text, "一些国家将网络空间"));
  assert_true(doc.srcs[1].blocks[0].spans[0].text.p == simp);
  test_ctx_free(ctx);
}

/* One document of one paragraph, converted by a run. */
static jb_source *
run_one(jb_ctx *ctx, jb_doc *doc, const char *text)
{
  jb_source *s = JB_PUSH(ctx->arena, doc->srcs, doc->nsrcs, doc->capsrcs);
  s->path = s->name = "page.txt";
  jb_block *b = jb_doc_add_block(ctx, s, JB_BLOCK_PARA);
  jb_block_add_span(ctx, b, jb_str_c(text), 0);
  assert_int_equal(jb_convert_run(ctx, doc), 0);
  return s;
}

/* A Taiwan text writes 著 for the particle 着: tw2s gives 随着, where t2s
 * would leave 随著; a Hong Kong text's forms (衞, 説) go with hk2s; a text
 * without regional evidence with t2s. */
static void
each_document_by_its_standard(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = run_one(ctx, &doc, "隨著科技發展，民眾的生活意味著更多便利，帶著手機就能處理大部分事務，"
                                    "網路服務也越來越普及。");
  assert_int_equal(s->standard, JB_STANDARD_TW);
  assert_string_equal(s->opencc, "tw2s.json");
  jb_str t = s->blocks[0].spans[0].text;
  assert_true(jb_str_find(t, "随着科技发展") >= 0);
  assert_true(jb_str_find(t, "意味着") >= 0);
  assert_true(jb_str_find(t, "带着") >= 0);
  assert_true(jb_str_find(t, "网路") >= 0); /* the words stay the publisher's */
  test_ctx_free(ctx);

  ctx = test_ctx_new();
  memset(&doc, 0, sizeof doc);
  s = run_one(ctx, &doc, "衞生署發言人説，政府會繼續加強社區的衞生教育，呼籲市民保持個人衞生，"
                         "並留意最新的健康資訊。");
  assert_int_equal(s->standard, JB_STANDARD_HK);
  assert_true(jb_str_find(s->blocks[0].spans[0].text, "卫生署发言人说") == 0);
  test_ctx_free(ctx);

  ctx = test_ctx_new();
  memset(&doc, 0, sizeof doc);
  s = run_one(ctx, &doc, trad);
  assert_int_equal(s->standard, JB_STANDARD_GENERIC);
  assert_string_equal(s->opencc, "t2s.json");
  test_ctx_free(ctx);
}

/* The evidence in its order of strength: conversions, forms, words (a
 * single place name is no region). */
static void
standard_from_evidence(void **state)
{
  (void)state;
  jb_region_count c;
  jb_convert_region_words(jb_str_c("這裡的網路很快，台北的朋友說。"), &c);
  assert_int_equal(c.tw_forms, 1);
  assert_int_equal(c.tw_words, 2);
  assert_int_equal(c.hk_forms + c.hk_words, 0);
  assert_int_equal(jb_convert_standard(&c), JB_STANDARD_TW);
  jb_convert_region_words(jb_str_c("他説香港的綫路已經修好。"), &c);
  assert_int_equal(c.hk_forms, 2);
  assert_int_equal(jb_convert_standard(&c), JB_STANDARD_HK);
  c = (jb_region_count){.tw_changes = 1, .hk_forms = 5};
  assert_int_equal(jb_convert_standard(&c), JB_STANDARD_TW);
  c = (jb_region_count){.hk_words = 1};
  assert_int_equal(jb_convert_standard(&c), JB_STANDARD_GENERIC);
}

/* The characters the regional configurations convert unlike t2s, listed
 * in convert.c, are exactly those of the installed OpenCC over the CJK
 * Unified Ideographs block (and its extension A). */
static void
regional_chars_match_opencc(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_buf all = JB_BUF_INIT;
  for (uint32_t cp = 0x3400; cp <= 0x9FFF; cp++) {
    if (cp > 0x4DBF && cp < 0x4E00)
      continue;
    jb_buf_put_cp(&all, cp);
    jb_buf_putc(&all, '\n');
  }
  jb_str in = jb_buf_str(&all), out[3];
  const char *configs[] = {"t2s.json", "tw2s.json", "hk2s.json"};
  for (int k = 0; k < 3; k++) {
    jb_converter *c = jb_converter_new(configs[k], &ctx->diags);
    assert_non_null(c);
    out[k] = jb_converter_text(c, ctx->arena, in, NULL);
    jb_converter_free(c);
  }
  jb_buf found = JB_BUF_INIT;
  for (jb_str a = in; a.n;) {
    uint32_t cp = jb_utf8_next(&a);
    jb_utf8_next(&a);
    jb_str line[3];
    for (int k = 0; k < 3; k++) {
      const char *nl = memchr(out[k].p, '\n', out[k].n);
      assert_non_null(nl);
      line[k] = jb_str_make(out[k].p, (size_t)(nl - out[k].p));
      out[k] = jb_str_skip(out[k], line[k].n + 1);
    }
    if (!jb_str_eq(line[0], line[1]) || !jb_str_eq(line[0], line[2]))
      jb_buf_put_cp(&found, cp);
  }
  /* the same set, in any order */
  jb_str listed = jb_str_c(jb_convert_regional_chars), got = jb_buf_str(&found);
  assert_int_equal(jb_utf8_count(listed), jb_utf8_count(got));
  for (jb_str it = got; it.n;) {
    const char *at = it.p;
    jb_utf8_next(&it);
    jb_str one = jb_str_make(at, (size_t)(it.p - at));
    if (jb_str_find_str(listed, one) < 0)
      fail_msg("%.*s converts apart but is not listed", (int)one.n, one.p);
  }
  jb_buf_free(&all);
  jb_buf_free(&found);
  test_ctx_free(ctx);
}

/* The build's table of what t2s changes answers here (the OpenCC it was
 * made from is installed), and answers as OpenCC does for every Han
 * character, one per line as learn() asks. */
static void
t2s_table_matches_opencc(void **state)
{
  (void)state;
  assert_int_equal(jb_convert_t2s_known(0x9AD4), 1); /* 體 */
  assert_int_equal(jb_convert_t2s_known(0x4F53), 0); /* 体 */
  assert_int_equal(jb_convert_t2s_known(0x41), -1);  /* not in the table */
  jb_ctx *ctx = test_ctx_new();
  jb_buf all = JB_BUF_INIT;
  for (uint32_t cp = 0; cp < 0x40000; cp++)
    if (jb_cp_is_han(cp)) {
      jb_buf_put_cp(&all, cp);
      jb_buf_putc(&all, '\n');
    }
  jb_converter *c = jb_converter_new("t2s.json", &ctx->diags);
  assert_non_null(c);
  jb_str out = jb_converter_text(c, ctx->arena, jb_buf_str(&all), NULL);
  size_t changes = 0;
  for (jb_str in = jb_buf_str(&all); in.n;) {
    uint32_t cp = jb_utf8_next(&in);
    jb_utf8_next(&in);
    const char *nl = memchr(out.p, '\n', out.n);
    assert_non_null(nl);
    jb_str line = jb_str_make(out.p, (size_t)(nl - out.p));
    out = jb_str_skip(out, line.n + 1);
    jb_str alone = line;
    bool same = line.n && jb_utf8_next(&alone) == cp && !alone.n;
    int known = jb_convert_t2s_known(cp);
    if (known != !same)
      fail_msg("U+%04X: the table says %d, OpenCC gives %.*s", cp, known, (int)line.n, line.p);
    changes += !same;
  }
  assert_true(changes > 1000);
  jb_converter_free(c);
  jb_buf_free(&all);
  test_ctx_free(ctx);
}

/* OpenCC reads a t2s.json in the working folder before its own: the
 * table, made from its own, does not answer there. */
static void
t2s_table_refused_for_other_files(void **state)
{
  (void)state;
  char dir[] = "/tmp/jb-t2s-XXXXXX", cwd[4096], path[4200];
  assert_non_null(getcwd(cwd, sizeof cwd));
  assert_non_null(mkdtemp(dir));
  snprintf(path, sizeof path, "%s/t2s.json", dir);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs("{}\n", f);
  fclose(f);
  assert_int_equal(chdir(dir), 0);
  int there = jb_convert_t2s_known(0x9AD4);
  assert_int_equal(chdir(cwd), 0);
  unlink(path);
  rmdir(dir);
  assert_int_equal(there, -1);
  assert_int_equal(jb_convert_t2s_known(0x9AD4), 1);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(detects_traditional_and_simplified),
      cmocka_unit_test(latin_digits_and_urls_untouched),
      cmocka_unit_test(t2s_keeps_words_tw2sp_rewrites),
      cmocka_unit_test(missing_config_is_fatal),
      cmocka_unit_test(run_converts_traditional_documents_only),
      cmocka_unit_test(each_document_by_its_standard),
      cmocka_unit_test(standard_from_evidence),
      cmocka_unit_test(regional_chars_match_opencc),
      cmocka_unit_test(t2s_table_matches_opencc),
      cmocka_unit_test(t2s_table_refused_for_other_files),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
