/* test_ingest.c - SPEC §1 and §2.1: bytes are checked, front matter is
 * parsed, missing metadata is inferred from bylines of the seeds' kinds. */
#include "testlib.h"

#include "clean.h"
#include "ingest.h"
#include "meta.h"

static jb_source *
ingest(jb_ctx *ctx, jb_doc *doc, const char *text, size_t n)
{
  jb_source *src = JB_PUSH(ctx->arena, doc->srcs, doc->nsrcs, doc->capsrcs);
  src->index = (uint32_t)(doc->nsrcs - 1);
  src->path = src->name = "test.txt";
  char *copy = jb_arena_strndup(ctx->arena, text, n);
  jb_ingest_text(ctx, src, copy, n);
  return src;
}

static void
front_matter_fields(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  /* The head of seed 000. */
  const char t[] = "---\n"
                   "title: 重磅！《全球安全倡议概念文件》发布，多项涉及网络安全\n"
                   "url: https://www.freebuf.com/news/358362.html\n"
                   "source: FreeBuf网络安全行业门户\n"
                   "date: 2023-02-23\n"
                   "fetch_date: 2025-10-04T07:51:12.159560\n"
                   "---\n"
                   "\n"
                   "# 重磅！《全球安全倡议概念文件》发布，多项涉及网络安全\n";
  jb_source *s = ingest(ctx, &doc, t, sizeof t - 1);
  assert_false(s->skipped);
  assert_str_equal(s->meta.title.value, "重磅！《全球安全倡议概念文件》发布，多项涉及网络安全");
  assert_int_equal(s->meta.title.origin, JB_ORIGIN_FRONT_MATTER);
  assert_int_equal(s->meta.title.line, 2);
  assert_str_equal(s->meta.url.value, "https://www.freebuf.com/news/358362.html");
  assert_str_equal(s->meta.source.value, "FreeBuf网络安全行业门户");
  assert_str_equal(s->meta.date.value, "2023-02-23");
  assert_str_equal(s->meta.fetch_date.value, "2025-10-04");
  assert_int_equal(s->nlines, 9);
  for (size_t i = 0; i < 7; i++)
    assert_int_equal(s->lines[i].drop, JB_DROP_FRONT_MATTER);
  assert_int_equal(s->lines[8].drop, JB_DROP_NONE);
  assert_int_equal(ctx->diags.n, 0);
  test_ctx_free(ctx);
}

static void
front_matter_quotes_bom_crlf(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  const char t[] = "\xEF\xBB\xBF---\r\ntitle: \"引号标题\"\r\nauthor: x\r\n---\r\n正文。\r\n";
  jb_source *s = ingest(ctx, &doc, t, sizeof t - 1);
  assert_str_equal(s->meta.title.value, "引号标题");
  assert_str_equal(s->lines[4].text, "正文。");
  /* author is not a key we know: a warning with its line */
  assert_int_equal(test_diag_count(ctx, JB_D_FRONT_KEY), 1);
  assert_int_equal(ctx->diags.recs[0].pos.line, 3);
  test_ctx_free(ctx);
}

static void
front_matter_never_closes(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  const char t[] = "---\ntitle: 没有结尾\n正文第一段。\n";
  jb_source *s = ingest(ctx, &doc, t, sizeof t - 1);
  assert_false(s->skipped);
  assert_int_equal(test_diag_count(ctx, JB_D_FRONT_UNCLOSED), 1);
  assert_int_equal(s->meta.title.origin, JB_ORIGIN_NONE);
  /* Nothing is swallowed: every line stays text. */
  for (size_t i = 0; i < s->nlines; i++)
    assert_int_equal(s->lines[i].drop, JB_DROP_NONE);
  test_ctx_free(ctx);
}

static void
bad_date_in_front_matter_is_reported(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  const char t[] = "---\ndate: 2023-02-30\n---\n2017-11-07 17:29:11 本文摘自:国际在线\n";
  jb_source *s = ingest(ctx, &doc, t, sizeof t - 1);
  assert_int_equal(test_diag_count(ctx, JB_D_BAD_DATE), 1);
  assert_int_equal(ctx->diags.recs[0].pos.line, 2);
  /* ...and the byline supplies one instead (the clean stage reads it). */
  jb_clean_run(ctx, &doc);
  assert_str_equal(s->meta.date.value, "2017-11-07");
  assert_int_equal(s->meta.date.origin, JB_ORIGIN_INFERRED);
  assert_string_equal(s->meta.date.rule, "byline above the article");
  test_ctx_free(ctx);
}

static void
byline_date_and_source_traditional(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  /* Seed 002's byline. */
  const char t[] = "- 產品\n時間:2022-07-22來源:豆蔻瀏覽數:253次\n"
                   "一些國家將網絡空間作為謀求軍事優勢的新戰場,推行威懾進攻理念,將軍事同盟引入網絡空間,"
                   "推動制定網絡交戰規則,推升國家間網絡摩擦和沖突風險,威脅國際和平與安全。\n";
  jb_source *s = ingest(ctx, &doc, t, sizeof t - 1);
  jb_clean_run(ctx, &doc);
  assert_str_equal(s->meta.date.value, "2022-07-22");
  assert_int_equal(s->meta.date.line, 2);
  assert_str_equal(s->meta.source.value, "豆蔻");
  assert_int_equal(s->meta.source.origin, JB_ORIGIN_INFERRED);
  assert_string_equal(s->meta.source.rule, "source label in the byline");
  test_ctx_free(ctx);
}

static void
finds_dates_in_many_forms(void **state)
{
  (void)state;
  char d[11];
  jb_str byline = jb_str_c("责任编辑:editor006 |来源:企业网D1Net  2017-11-07 17:29:11");
  long at = jb_meta_find_date(byline, d);
  assert_true(at > 0);
  assert_memory_equal(byline.p + at, "2017-11-07", 10);
  assert_string_equal(d, "2017-11-07");
  assert_true(jb_meta_find_date(jb_str_c("发布时间：2023年2月22日 14:40"), d) >= 0);
  assert_string_equal(d, "2023-02-22");
  assert_true(jb_meta_find_date(jb_str_c("2024/11/12"), d) == 0);
  assert_string_equal(d, "2024-11-12");
  /* not dates */
  assert_int_equal(jb_meta_find_date(jb_str_c("2024年度年福建省高校教师资格证"), d), -1);
  assert_int_equal(jb_meta_find_date(jb_str_c("2023-13-01"), d), -1);
  assert_int_equal(jb_meta_find_date(jb_str_c("2023-02-29"), d), -1);
  assert_int_equal(jb_meta_find_date(jb_str_c("12024-01-01"), d), -1);
  assert_true(jb_meta_find_date(jb_str_c("2024-02-29"), d) == 0);
}

static void
finds_sources(void **state)
{
  (void)state;
  assert_str_equal(jb_meta_find_source(jb_str_c(
                       "责任编辑:editor006 作者: 兰旻 胡逸静 |来源:企业网D1Net  2017-11-07 17:29:11 本文摘自:国际在线")),
                   "企业网D1Net");
  assert_str_equal(jb_meta_find_source(jb_str_c("（来源：中国新闻网）")), "中国新闻网");
  assert_str_equal(jb_meta_find_source(jb_str_c("资料来源：人民日报")), "人民日报");
  assert_str_equal(jb_meta_find_source(jb_str_c("本文摘自:国际在线")), "国际在线");
  assert_int_equal(jb_meta_find_source(jb_str_c("数据来源于公开报道，未注明出处。")).n, 0);
  assert_true(jb_meta_is_attribution(jb_str_c("（来源：中国新闻网）")));
  assert_false(jb_meta_is_attribution(jb_str_c("时间:2022-07-22来源:豆蔻")));
}

static void
rejects_empty_binary_and_bad_utf8(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = ingest(ctx, &doc, " \n\r\n", 4);
  assert_true(s->skipped);
  assert_int_equal(test_diag_count(ctx, JB_D_EMPTY), 1);

  const char bin[] = "正文\n二行\0xyz";
  s = ingest(ctx, &doc, bin, sizeof bin - 1);
  assert_true(s->skipped);
  assert_int_equal(test_diag_count(ctx, JB_D_BINARY), 1);
  const jb_diag_rec *r = &ctx->diags.recs[ctx->diags.n - 1];
  assert_int_equal(r->pos.offset, 13);
  assert_int_equal(r->pos.line, 2);

  const char bad[] = "第一行\n第二\xC3行\n";
  s = ingest(ctx, &doc, bad, sizeof bad - 1);
  assert_true(s->skipped);
  r = &ctx->diags.recs[ctx->diags.n - 1];
  assert_int_equal(r->code, JB_D_UTF8);
  assert_int_equal(r->pos.offset, 16);
  assert_int_equal(r->pos.line, 2);
  assert_int_equal(r->pos.col, 3);
  assert_int_equal(ctx->diags.worst, JB_SEV_ERROR);
  test_ctx_free(ctx);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(front_matter_fields),
      cmocka_unit_test(front_matter_quotes_bom_crlf),
      cmocka_unit_test(front_matter_never_closes),
      cmocka_unit_test(bad_date_in_front_matter_is_reported),
      cmocka_unit_test(byline_date_and_source_traditional),
      cmocka_unit_test(finds_dates_in_many_forms),
      cmocka_unit_test(finds_sources),
      cmocka_unit_test(rejects_empty_binary_and_bad_utf8),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
