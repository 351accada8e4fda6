/* test_clean.c - SPEC §2.2: page debris is classified by named features,
 * article lines are kept, inline markdown becomes spans, punctuation and
 * digits are normalised. Cases are real lines of the seeds. */
#include "testlib.h"

#include "clean.h"

static const char *why;

static jb_drop
classify(const char *line)
{
  jb_line_info in;
  jb_clean_line_info(jb_str_c(line), &in);
  return jb_clean_classify(jb_str_c(line), &in, &why);
}

static void
image_and_link_lines(void **state)
{
  (void)state;
  assert_int_equal(classify("![cover_image](https://mmbiz.qpic.cn/sz_mmbiz_jpg/1brj/0?wx_fmt=jpeg)"),
                   JB_DROP_IMAGE);
  assert_int_equal(classify("[![freeBuf](/images/logoMax.png)](/)"), JB_DROP_IMAGE);
  assert_int_equal(classify("![](/freebuf/img/7aa3bf7.svg) ![](/freebuf/img/181d733.svg)"),
                   JB_DROP_IMAGE);
  assert_int_equal(classify("[报告](https://www.freebuf.com/report)[专辑](/column)"),
                   JB_DROP_LINK_ONLY);
  assert_int_equal(classify("* [有奖投稿](https://www.freebuf.com/write)"), JB_DROP_LINK_ONLY);
  /* the tail of a link split over two lines */
  assert_int_equal(classify("![](https://image.3001.net/images/x.png)](http://www.beian.gov.cn/portal)"),
                   JB_DROP_IMAGE);
}

static void
copyright_and_licence_lines(void **state)
{
  (void)state;
  assert_int_equal(classify("Copyright © 2025 WWW.FREEBUF.COM All Rights Reserved"),
                   JB_DROP_COPYRIGHT);
  assert_int_equal(classify("企业网版权所有 ©2010-2024 京ICP备09108050号-6 京公网安备 11010502049343号"),
                   JB_DROP_COPYRIGHT);
  /* a news portal footer (not from the seeds) */
  assert_int_equal(classify("本网站所刊载信息，不代表本站观点。 粤ICP备12345678号"),
                   JB_DROP_COPYRIGHT);
}

static void
chrome_and_punctuation_lines(void **state)
{
  (void)state;
  assert_int_equal(classify("微信扫一扫可打开此内容，"), JB_DROP_CHROME);
  assert_int_equal(classify("，轻点两下取消赞"), JB_DROP_CHROME);
  assert_int_equal(classify("取消"), JB_DROP_CHROME);
  assert_int_equal(classify("分享本文到朋友圈"), JB_DROP_CHROME);
  assert_int_equal(classify("，"), JB_DROP_PUNCT);
  assert_int_equal(classify("* ···"), JB_DROP_PUNCT);
  /* a forum signature (not from the seeds) */
  assert_int_equal(classify("扫码关注我们的公众号"), JB_DROP_CHROME);
}

static void
article_lines_are_kept(void **state)
{
  (void)state;
  assert_int_equal(classify("其中，网络安全被多次提及。"), JB_DROP_NONE);
  assert_int_equal(classify("**一是**坚定维护网络空间和平属性，反对将网络空间定为军事行动疆域。"),
                   JB_DROP_NONE);
  assert_int_equal(classify("# 重磅！《全球安全倡议概念文件》发布，多项涉及网络安全"), JB_DROP_NONE);
  /* mentions a licence but is a long body sentence */
  assert_int_equal(classify("他说，网络安全许可证制度需要国际协调，各国应当互认证书，这一点在双边对话中多次提到。"),
                   JB_DROP_NONE);
}

static void
inline_markdown_to_spans(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_source src = {0};
  src.path = "t";
  jb_block *b = jb_doc_add_block(ctx, &src, JB_BLOCK_PARA);
  jb_clean_inline(ctx, b, jb_str_c("**一是**坚定维护[网络空间](https://example.org/a)和平![](x.png)属性"));
  assert_int_equal(b->nspans, 4);
  assert_str_equal(b->spans[0].text, "一是");
  assert_int_equal(b->spans[0].flags, JB_SPAN_BOLD);
  assert_str_equal(b->spans[1].text, "坚定维护");
  assert_str_equal(b->spans[2].text, "网络空间");
  assert_int_equal(b->spans[2].flags, JB_SPAN_LINK);
  assert_str_equal(b->spans[2].url, "https://example.org/a");
  assert_str_equal(b->spans[3].text, "和平属性");
  test_ctx_free(ctx);
}

static void
normalises_punctuation_and_digits(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
#define N(in, out) assert_str_equal(jb_clean_normalise(ctx->arena, jb_str_c(in), 0, 0), out)
  /* seed 002 */
  N("新戰場,推行威懾進攻理念,將軍事", "新戰場，推行威懾進攻理念，將軍事");
  N("(一)應致力於維護", "（一）應致力於維護");
  /* seed 003 */
  N("国际电信联盟(ITU)、国际刑警组织(INTERPOL)等", "国际电信联盟（ITU）、国际刑警组织（INTERPOL）等");
  N("中國於2 0 2 0年向聯大提交", "中國於2020年向聯大提交");
  N("中方認為,各方應遵守以下行為準則:", "中方認為，各方應遵守以下行為準則：");
  /* seed 004 */
  N("打造安全清朗的\"第五空间\"", "打造安全清朗的“第五空间”");
  /* full-width Latin and digits */
  N("ＩＴＵ成立于１８６５年", "ITU成立于1865年");
  /* Latin text and times stay as they are */
  N("17:29:11 ITU, ISO (2024)", "17:29:11 ITU, ISO (2024)");
  N("https://a.b/c?d=1,2", "https://a.b/c?d=1,2");
#undef N
  test_ctx_free(ctx);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(image_and_link_lines),
      cmocka_unit_test(copyright_and_licence_lines),
      cmocka_unit_test(chrome_and_punctuation_lines),
      cmocka_unit_test(article_lines_are_kept),
      cmocka_unit_test(inline_markdown_to_spans),
      cmocka_unit_test(normalises_punctuation_and_digits),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
