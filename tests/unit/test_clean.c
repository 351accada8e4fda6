/* test_clean.c - SPEC §2.2: page debris is classified by named features,
 * article lines are kept, inline markdown becomes spans, punctuation and
 * digits are normalised. Cases are real lines of the seeds. */
#include "testlib.h"

#include "buf.h"
#include "clean.h"
#include "ingest.h"

static const char *why;

static jb_drop
classify(const char *line)
{
  return jb_clean_classify(jb_str_c(line), &why);
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
  /* an account card's lines; not a sentence about an account */
  assert_int_equal(classify("微信号 some_id-2024"), JB_DROP_CHROME);
  assert_int_equal(classify("公众号ID：abc123"), JB_DROP_CHROME);
  assert_int_equal(classify("功能介绍 关注城市交通出行的资讯与服务"), JB_DROP_CHROME);
  assert_int_equal(classify("微信号是用户注册时设置的账号，可以修改一次。"), JB_DROP_NONE);
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
  /* seed 004: quotes stay as the page typed them (typesetting curls them) */
  N("打造安全清朗的\"第五空间\"", "打造安全清朗的\"第五空间\"");
  /* full-width Latin and digits */
  N("ＩＴＵ成立于１８６５年", "ITU成立于1865年");
  /* Latin text and times stay as they are */
  N("17:29:11 ITU, ISO (2024)", "17:29:11 ITU, ISO (2024)");
  N("https://a.b/c?d=1,2", "https://a.b/c?d=1,2");
  /* beside Han: after it, or before it after a Latin word or number */
  N("企业导入AI,强化竞争力", "企业导入AI，强化竞争力");
  N("（以下简称:GDPR）", "（以下简称：GDPR）");
  N("你知道GDPR吗?Yes!没错", "你知道GDPR吗？Yes！没错");
  N("收入增长2024,净利润", "收入增长2024，净利润");
  /* numbers, times, Latin phrases, addresses and code stay */
  N("营收1,000万元，会议3:30开始", "营收1,000万元，会议3:30开始");
  N("他说Hello, world是第一课", "他说Hello, world是第一课");
  N("详见https://example.org/a?b=1,c:2网页", "详见https://example.org/a?b=1,c:2网页");
  N("访问www.example.com/x,y的页面", "访问www.example.com/x,y的页面");
  N("运行`a,b:c`命令", "运行`a,b:c`命令");
#undef N
  test_ctx_free(ctx);
}

static void
phrase_families_name_the_reason(void **state)
{
  (void)state;
  assert_int_equal(classify("扫码关注，把安全装进口袋"), JB_DROP_CHROME);
  assert_string_equal(why, "qr-code");
  assert_int_equal(classify("征订热线：010-82341063"), JB_DROP_CHROME);
  assert_string_equal(why, "subscribe");
  assert_int_equal(classify("沪ICP备2024099014号"), JB_DROP_COPYRIGHT);
  assert_string_equal(why, "licence");
  assert_int_equal(classify("[报告](https://www.freebuf.com/report)[专辑](/column)"), JB_DROP_LINK_ONLY);
  assert_string_equal(why, "link density");
  /* Taiwan/Hong Kong news page chrome (not from the seeds) */
  assert_int_equal(classify("分享到：Facebook Line Twitter"), JB_DROP_CHROME);
  assert_int_equal(classify("上一則：立法會三讀通過網絡安全條例"), JB_DROP_CHROME);
  assert_string_equal(why, "navigation");
  assert_int_equal(classify("版權所有 © 2024 星島新聞集團"), JB_DROP_COPYRIGHT);
  /* a forum signature */
  assert_int_equal(classify("歡迎關注本版，轉載請註明出處"), JB_DROP_CHROME);
}

static void
entities_and_invisible_characters(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  assert_str_equal(jb_clean_normalise(ctx->arena, jb_str_c("网络&nbsp;安全&amp;治理&#8220;第五空间&#x201D;"), 0, 0),
                   "网络 安全&治理“第五空间”");
  assert_str_equal(jb_clean_normalise(ctx->arena, jb_str_c("网\xE2\x80\x8B络\xEF\xBB\xBF安全\x07"), 0, 0),
                   "网络安全");
  /* not entities */
  assert_str_equal(jb_clean_normalise(ctx->arena, jb_str_c("R&D &#xZZ; &#0;"), 0, 0), "R&D &#xZZ; &#0;");
  test_ctx_free(ctx);
}

/* ---- the document pass ---------------------------------------------------- */



static const char news_page[] =
    "首页\n\n国内\n\n国际\n\n财经\n\n科技\n\n"
    "多国签署网络安全合作备忘录\n"
    "2024-03-15 10:20:31 来源：新华网 编辑：张三\n\n"
    "3月14日，来自二十多个国家的代表在日内瓦签署网络安全合作备忘录，承诺加强信息共享。\n\n"
    "备忘录提出，各方将建立联络机制，定期交换网络威胁情报，并在重大事件中相互协助。\n\n"
    "与会代表认为，网络安全威胁具有跨国性，任何国家都无法独自应对，需要持续对话与合作。\n\n"
    "下一次会议将于明年在新加坡举行，届时各方将评估备忘录的落实情况并讨论新的合作领域。\n\n"
    "相关新闻\n"
    "- 网络安全周开幕\n- 数据安全法实施三周年\n- 专家解读跨境数据流动新规\n- 人工智能安全治理论坛举行\n\n"
    "Copyright © 2024 示例新闻网 版权所有\n"
    "京ICP证000000号\n";

static void
news_portal_page(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = test_add_doc(ctx, &doc, "news.txt", news_page);
  assert_int_equal(jb_clean_run(ctx, &doc), 0);
  assert_str_equal(s->meta.title.value, "多国签署网络安全合作备忘录");
  assert_int_equal(s->meta.title.origin, JB_ORIGIN_INFERRED);
  assert_str_equal(s->meta.date.value, "2024-03-15");
  assert_str_equal(s->meta.source.value, "新华网");
  assert_int_equal(s->nblocks, 4); /* exactly the four paragraphs */
  jb_str kept = jb_str_c(test_kept(ctx, s));
  assert_true(jb_str_starts(kept, "3月14日，来自二十多个国家"));
  assert_true(jb_str_find(kept, "并讨论新的合作领域。") >= 0);
  assert_true(jb_str_find(kept, "相关新闻") < 0);
  assert_true(jb_str_find(kept, "网络安全周开幕") < 0);
  assert_true(jb_str_find(kept, "ICP") < 0);
  /* every dropped line has a reason and a feature */
  for (size_t i = 0; i < s->nlines; i++)
    if (s->lines[i].drop && s->lines[i].drop != JB_DROP_FRONT_MATTER)
      assert_non_null(s->lines[i].why);
  test_ctx_free(ctx);
}

static void
hong_kong_byline(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = test_add_doc(ctx, &doc, "hk.txt",
                         "立法會通過網絡安全條例草案\n"
                         "2024年03月15日 星期五 記者：陳大文 來源：明報\n\n"
                         "立法會昨日三讀通過《保護關鍵基礎設施（電腦系統）條例草案》，條例將於明年一月生效。\n\n"
                         "保安局局長表示，條例旨在保障關鍵基礎設施的電腦系統安全，不會影響市民的個人資料。\n");
  jb_clean_run(ctx, &doc);
  assert_str_equal(s->meta.date.value, "2024-03-15");
  assert_str_equal(s->meta.source.value, "明報");
  assert_str_equal(s->meta.title.value, "立法會通過網絡安全條例草案");
  assert_int_equal(s->lines[1].drop, JB_DROP_BYLINE);
  assert_int_equal(s->nblocks, 2);
  test_ctx_free(ctx);
}

/* Site templates: a short line three documents of one host repeat; two
 * documents are not enough, another host does not count, and a platform
 * where every account publishes under one host is no site. */
static void
site_template_lines(void **state)
{
  (void)state;
  const char *body = "更多精彩內容，請關注本台\n\n"
                     "網絡安全是全球共同面對的挑戰，各方應該加強溝通，建立互信，共同應對威脅。\n\n"
                     "專家指出，關鍵基礎設施保護需要政府與企業合作，並要定期進行演練。\n";
  static const char *const hosts[][3] = {
      {"news.example.hk/a", "news.example.hk/b", "other.example.tw/c"}, /* two of one host */
      {"news.example.hk/a", "www.news.example.hk/b", "news.example.hk/c"}, /* three */
      {"mp.weixin.qq.com/s?a", "mp.weixin.qq.com/s?b", "mp.weixin.qq.com/s?c"}, /* a platform */
  };
  const jb_drop want[] = {JB_DROP_NONE, JB_DROP_SITE, JB_DROP_NONE};
  for (size_t c = 0; c < 3; c++) {
    jb_ctx *ctx = test_ctx_new();
    jb_doc doc = {0};
    jb_source *s[3];
    for (int k = 0; k < 3; k++) {
      char text[1024], name[8];
      snprintf(text, sizeof text, "---\nurl: https://%s.html\n---\n%s", hosts[c][k], body);
      snprintf(name, sizeof name, "%d.txt", k);
      s[k] = test_add_doc(ctx, &doc, jb_arena_strndup(ctx->arena, name, strlen(name)),
                     jb_arena_strndup(ctx->arena, text, strlen(text)));
    }
    jb_clean_run(ctx, &doc);
    /* the site's line is dropped for the repetition, or not at all */
    jb_drop got = s[0]->lines[3].drop;
    if (want[c] == JB_DROP_SITE)
      assert_int_equal(got, JB_DROP_SITE);
    else
      assert_int_not_equal(got, JB_DROP_SITE);
    test_ctx_free(ctx);
  }
}

static void
slogan_amid_debris_is_not_body(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  /* The shape of seed 000's header: a sentence between images and links. */
  jb_source *s = test_add_doc(ctx, &doc, "p.txt",
      "---\ntitle: 标题\n---\n![](/a.png)\n\nFreeBuf.COM网络安全行业门户，每日发布专业的安全资讯、技术剖析。\n\n"
      "![](/b.png)\n\n扫码关注\n\n![](/c.png)\n\n* [资讯](/news)\n\n标题\n\n2023-02-22 14:40:38\n\n"
      "2月21日，外交部长秦刚出席蓝厅论坛开幕式并发表主旨演讲，介绍全球安全倡议。\n\n"
      "秦刚指出，中方正式发布《全球安全倡议概念文件》，阐释倡议的核心理念和原则。\n");
  jb_clean_run(ctx, &doc);
  assert_int_equal(s->lines[5].drop, JB_DROP_OUTSIDE);
  assert_int_equal(s->lines[17].drop, JB_DROP_BYLINE);
  assert_int_equal(s->nblocks, 2);
  test_ctx_free(ctx);
}

/* A markdown table (as pandoc writes one) between paragraphs is the
 * article's data, set as table rows; a table of links is the page's. */
static void
markdown_tables(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  const char t[] =
      "# 某市公布上半年财政收支情况\n\n"
      "2024-07-20 来源：某某日报\n\n"
      "市财政局今天公布了上半年财政收支情况，收入和支出均保持增长，重点领域支出得到保障。\n\n"
      "| 项目 | 金额（亿元） | 增长 |\n"
      "|:-----|-----:|:---:|\n"
      "| 一般公共预算收入 | 120.5 | 3.2% |\n"
      "| 一般公共预算支出 | 150.8 | 4.1% |\n\n"
      "财政局有关负责人表示，下半年将继续落实各项政策，加强预算管理，提高资金使用效益。\n\n"
      "| [上一篇](/a/1.html) | [下一篇](/a/3.html) |\n"
      "|---|---|\n"
      "| [返回首页](/) | [网站地图](/map) |\n";
  jb_source *s = test_add_doc(ctx, &doc, "t.md", t);
  jb_clean_run(ctx, &doc);
  size_t rows = 0, heads = 0;
  for (size_t i = 0; i < s->nblocks; i++)
    if (s->blocks[i].kind == JB_BLOCK_ROW) {
      rows++;
      heads += s->blocks[i].level == 1;
      assert_true(s->blocks[i].spans[0].flags & JB_SPAN_CELL);
    }
  assert_int_equal(rows, 3);
  assert_int_equal(heads, 1);
  char *kept = test_kept(ctx, s);
  assert_non_null(strstr(kept, "一般公共预算收入"));
  assert_non_null(strstr(kept, "财政局有关负责人表示"));
  assert_null(strstr(kept, "上一篇"));
  assert_null(strstr(kept, "返回首页"));
  test_ctx_free(ctx);
}

/* A post that opens with its account's card: the bold name over the id
 * is the publisher; the card is not the article's. */
static void
account_card_heads_a_post(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  const char t[] =
      "## 城市地铁新线下月开通\n\n"
      "原创 张三 [城事观察](javascript:void%280%29;)\n\n"
      "**城事观察**\n\n"
      "微信号 chengshi_obs\n\n"
      "功能介绍 关注城市交通出行的资讯与服务\n\n"
      "前天\n\n"
      "记者从市轨道交通集团获悉，地铁新线将于下月底开通运营，全线设车站二十座，串联城东多个居住区。\n\n"
      "新线开通后，城东居民前往市中心的通勤时间将缩短约二十分钟，沿线公交线路也将同步优化调整。\n";
  jb_source *s = test_add_doc(ctx, &doc, "post.md", t);
  jb_clean_run(ctx, &doc);
  assert_str_equal(s->meta.source.value, "城事观察");
  assert_string_equal(s->meta.source.rule, "self-media account");
  char *kept = test_kept(ctx, s);
  assert_null(strstr(kept, "chengshi_obs"));
  assert_null(strstr(kept, "功能介绍"));
  assert_non_null(strstr(kept, "地铁新线将于下月底开通运营"));
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
      cmocka_unit_test(phrase_families_name_the_reason),
      cmocka_unit_test(entities_and_invisible_characters),
      cmocka_unit_test(news_portal_page),
      cmocka_unit_test(hong_kong_byline),
      cmocka_unit_test(site_template_lines),
      cmocka_unit_test(slogan_amid_debris_is_not_body),
      cmocka_unit_test(markdown_tables),
      cmocka_unit_test(account_card_heads_a_post),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
