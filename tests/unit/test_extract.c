/* test_extract.c - SPEC §2.1-2.2, the extraction rules (issue: extraction
 * that holds on unseen pages): each family of page debris, paragraphs
 * rejoined from wrapped lines, the article found among the debris, and
 * title, date and source read with their evidence. Every line here is
 * invented; the patterns are the ones real pages show. */
#include "testlib.h"

#include "buf.h"
#include "clean.h"
#include "ingest.h"
#include "meta.h"

static const char *why;

static jb_drop
classify(const char *line)
{
  return jb_clean_classify(jb_str_c(line), &why);
}

/* ---- families of debris, one line each ----------------------------------- */

static void
captions_and_credits(void **state)
{
  (void)state;
  static const char *const lines[] = {
      "（图／某某基金会提供）", "图为市民在湖边公园散步。", "▲会场外景",
      "本报记者 王某某 摄", "图片来源：某某社", "资料图：某地街景",
      "(图/某某网)", "某某社记者 李某 摄影：张某", "上图：新建成的大桥",
      "市民在公园赏花（图片来源：某某社）"};
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
    if (classify(lines[i]) != JB_DROP_CAPTION)
      fail_msg("not a caption: %s", lines[i]);
  }
  /* a sentence that mentions a photograph is not one */
  assert_int_equal(classify("展览共展出摄影作品二百余幅，吸引了大批市民前来参观。"), JB_DROP_NONE);
}

static void
editor_and_end_tags(void **state)
{
  (void)state;
  static const char *const lines[] = {"（责任编辑：王某某_NN5678）", "（完）", "(ab)",
                                      "编辑|李某", "责编：张某", "【编辑：赵某】",
                                      "（責任編輯：陳某）", "-END-", "校对 / 刘某"};
  for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
    if (classify(lines[i]) != JB_DROP_EDITOR)
      fail_msg("not an editor tag: %s", lines[i]);
  }
  assert_int_equal(classify("编辑部收到读者来信，反映小区停车难的问题。"), JB_DROP_NONE);
}

static void
related_links_and_lists(void **state)
{
  (void)state;
  assert_int_equal(classify("（延伸阅读：某某事件始末）"), JB_DROP_RELATED);
  assert_int_equal(classify("相关阅读：某地推出新政"), JB_DROP_RELATED);
  assert_int_equal(classify("相关新闻"), JB_DROP_RELATED);
  assert_int_equal(classify("## 猜你喜欢"), JB_DROP_RELATED);
  assert_int_equal(classify("更多新闻 |"), JB_DROP_RELATED);
  assert_int_equal(classify("推荐视频"), JB_DROP_RELATED);
}

static void
breadcrumbs_and_location(void **state)
{
  (void)state;
  assert_int_equal(classify("首页 > 国际 > 正文"), JB_DROP_NAV);
  assert_int_equal(classify("当前位置：首页 > 新闻中心"), JB_DROP_NAV);
  assert_int_equal(classify("您的位置：新闻 » 本地"), JB_DROP_NAV);
  assert_int_equal(classify("[首頁](/) > [要聞](/ym/) > 正文"), JB_DROP_NAV);
  /* an arrow in a sentence is not a breadcrumb */
  assert_int_equal(classify("报告指出，产值从120亿元增至180亿元，增幅达到百分之五十。"), JB_DROP_NONE);
}

static void
comment_prompts_and_sections(void **state)
{
  (void)state;
  assert_int_equal(classify("我要评论"), JB_DROP_COMMENT);
  assert_int_equal(classify("热门评论 12条"), JB_DROP_COMMENT);
  assert_int_equal(classify("网友评论(3)"), JB_DROP_COMMENT);
  assert_int_equal(classify("128人参与 36评论"), JB_DROP_CHROME);
  assert_int_equal(classify("3小时前"), JB_DROP_CHROME);
  assert_int_equal(classify("回复 赞12 踩0"), JB_DROP_CHROME);
}

static void
app_banners_tickers_and_quotes(void **state)
{
  (void)state;
  assert_int_equal(classify("打开APP阅读全文"), JB_DROP_CHROME);
  assert_int_equal(classify("下载客户端，看更多新闻"), JB_DROP_CHROME);
  assert_int_equal(classify("本文已超过免费查阅期限，欢迎加入某某付费会员阅读全文。"), JB_DROP_CHROME);
  assert_int_equal(classify("某某科技 12.34 +5.67%"), JB_DROP_CHROME);
  assert_string_equal(why, "price ticker");
  assert_int_equal(classify("上证指数 3021.45 -0.38%"), JB_DROP_CHROME);
  assert_int_equal(classify("您的浏览器暂时无法播放此视频。"), JB_DROP_CHROME);
  /* a sentence with figures is not a ticker */
  assert_int_equal(classify("全年营收增长12.5%，净利润同比下降3.2%。"), JB_DROP_NONE);
  /* a player's clock and a video's running time */
  assert_int_equal(classify("01:02"), JB_DROP_CHROME);
  assert_int_equal(classify("00:00/02:28"), JB_DROP_CHROME);
  assert_int_equal(classify("1:02:33"), JB_DROP_CHROME);
  assert_int_equal(classify("会议于10:30开始。"), JB_DROP_NONE);
  assert_int_equal(classify("3:2"), JB_DROP_NONE);
}

static void
keyword_lists_and_placeholders(void **state)
{
  (void)state;
  char soup[4096] = "";
  for (int i = 0; i < 30; i++)
    strcat(soup, "手机报价 装修设计 刷机教程 ");
  assert_int_equal(classify(soup), JB_DROP_MENU);
  assert_int_equal(classify("[5c7f7d82bd]"), JB_DROP_IMAGE);
  assert_int_equal(classify("[W020200310838318651557.jpg] [logo.png]"), JB_DROP_IMAGE);
  assert_int_equal(classify("(BUTTON) (BUTTON)"), JB_DROP_IMAGE);
  assert_int_equal(classify("![](data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==)"), JB_DROP_IMAGE);
}

static void
notices_and_original_titles(void **state)
{
  (void)state;
  assert_int_equal(classify("（原标题：某某会议在京召开）"), JB_DROP_TITLE);
  assert_string_equal(why, "original title");
  assert_int_equal(classify("免责声明：本文仅代表作者观点，与本站无关。"), JB_DROP_NOTICE);
  assert_int_equal(classify("本文为某某网原创，未经允许不得转载。"), JB_DROP_CHROME);
}

/* A phrase rule never reaches inside a heading, and a common word counts
 * only where no Han character touches it. */
static void
phrases_spare_headings_and_words(void **state)
{
  (void)state;
  assert_int_equal(classify("## 老字号企业的数字化转型"), JB_DROP_NONE);
  assert_int_equal(classify("## 小程序安全检测规范发布"), JB_DROP_NONE);
  assert_int_equal(classify("## 分析"), JB_DROP_NONE);
  assert_int_equal(classify("老字号企业的数字化转型"), JB_DROP_NONE);
  assert_int_equal(classify("小程序安全检测规范发布"), JB_DROP_NONE);
  assert_int_equal(classify("字号：大 中 小"), JB_DROP_CHROME);
  assert_string_equal(why, "navigation");
  /* a widget word alone is only weak evidence */
  assert_int_equal(classify("分析"), JB_DROP_CHROME);
  assert_string_equal(why, "widget word");
}

static void
bylines_and_credits(void **state)
{
  (void)state;
  assert_int_equal(classify("记者 王某 李某"), JB_DROP_BYLINE);
  assert_int_equal(classify("某某新闻记者 王某某"), JB_DROP_BYLINE);
  assert_int_equal(classify("发布时间：2024-03-02 10:20"), JB_DROP_BYLINE);
  assert_int_equal(classify("原创 某某科技 2024-03-02 10:20:31"), JB_DROP_BYLINE);
  assert_int_equal(classify("来源 : 某某日报 点击数 : 1024"), JB_DROP_BYLINE);
}

/* ---- pages ------------------------------------------------------------------ */


/* One page cleaned alone. */
static jb_source *
clean_page(jb_ctx *ctx, jb_doc *doc, const char *text)
{
  jb_source *s = test_add_doc(ctx, doc, "page.txt", text);
  jb_clean_run(ctx, doc);
  return s;
}


#define KEEPS(text, what)                                                      \
  do {                                                                         \
    if (!strstr((text), (what)))                                               \
      fail_msg("lost: %s\n--- kept:\n%s", (what), (text));                     \
  } while (0)
#define DROPS(text, what)                                                      \
  do {                                                                         \
    if (strstr((text), (what)))                                                \
      fail_msg("kept: %s\n--- kept:\n%s", (what), (text));                     \
  } while (0)

/* A plain-text feed wrapped at 40 columns: the paragraphs come back whole,
 * a blank line and a heading still part them. */
static void
fixed_width_wrap_is_rejoined(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = clean_page(ctx, &doc,
                            "某市举办科技创新成果展\n"
                            "2024-05-06 来源：某某日报\n\n"
                            "五月六日，某市科技创新成果展在会展中心开\n"
                            "幕，来自全国的三百余家企业参展，展品涵盖\n"
                            "人工智能、新能源和生物医药等领域。\n\n"
                            "一、展会亮点\n"
                            "主办方介绍，本届展会首次设立青年创业专区\n"
                            "，为初创企业提供免费展位和投资对接服务。\n");
  const char *t = test_kept(ctx, s);
  KEEPS(t, "在会展中心开幕，来自全国的三百余家企业参展，展品涵盖人工智能、新能源和生物医药等领域。\n");
  KEEPS(t, "\n一、展会亮点\n");
  KEEPS(t, "首次设立青年创业专区，为初创企业提供免费展位和投资对接服务。\n");
  assert_int_equal(s->nblocks, 3);
  test_ctx_free(ctx);
}

/* Markdown wrapped at spaces: a soft break inside a paragraph, with the
 * space between two Latin words kept; a bracket left open continues. */
static void
soft_wraps_and_open_brackets(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = clean_page(ctx, &doc,
                            "# 某公司发布新一代芯片\n\n"
                            "某公司今天在发布会上推出新一代芯片，首席执行官**张某**（John\n"
                            "Smith）表示，新品的能效比上一代提高了一倍。\n\n"
                            "分析人士认为，这款芯片将主要用于数据中心（据某\n"
                            "研究机构估计，明年的市场规模将超过千亿元）。\n");
  const char *t = test_kept(ctx, s);
  KEEPS(t, "（John Smith）表示，新品的能效比上一代提高了一倍。");
  KEEPS(t, "（据某研究机构估计");
  assert_int_equal(s->nblocks, 2);
  test_ctx_free(ctx);
}

/* The headline, a standfirst above the byline, the article, a caption under
 * its picture, the end tag, then a comment section full of sentences. */
static void
article_between_headline_and_comments(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = clean_page(ctx, &doc,
                            "首页 > 社会 > 正文\n\n"
                            "某地暴雨致多条道路积水 交通部门发布绕行提示\n\n"
                            "记者从市交通部门获悉，受强降雨影响，城区十余条道路出现积水，部分公交线路临时改道。\n\n"
                            "2024-06-11 08:30 来源：某某晚报\n\n"
                            "分享到：微信 微博\n\n"
                            "十日夜间至十一日清晨，本市普降暴雨，局部地区降雨量超过一百毫米。\n\n"
                            "![](rain.jpg)\n\n"
                            "积水路段。\n\n"
                            "交通部门提醒市民，尽量避开低洼路段，驾车经过积水区域时应减速慢行。\n\n"
                            "（责任编辑：王某）\n\n"
                            "网友评论\n\n"
                            "这雨下得太大了，我家楼下的车都被淹了一半，希望有关部门尽快排水。\n\n"
                            "3小时前 回复 赞12\n\n"
                            "每年都是这样，排水系统什么时候能改造好？真是让人着急啊。\n");
  const char *t = test_kept(ctx, s);
  assert_str_equal(s->meta.title.value, "某地暴雨致多条道路积水 交通部门发布绕行提示");
  assert_string_equal(s->meta.title.rule, "headline above the article");
  assert_str_equal(s->meta.date.value, "2024-06-11");
  assert_str_equal(s->meta.source.value, "某某晚报");
  KEEPS(t, "记者从市交通部门获悉"); /* the standfirst */
  KEEPS(t, "局部地区降雨量超过一百毫米。");
  KEEPS(t, "驾车经过积水区域时应减速慢行。");
  DROPS(t, "积水路段。");
  DROPS(t, "责任编辑");
  DROPS(t, "我家楼下的车");
  DROPS(t, "排水系统什么时候");
  DROPS(t, "分享到");
  test_ctx_free(ctx);
}

/* A post of one-line paragraphs: the short lines between them are the
 * article's; a last paragraph cut off by the scrape is kept and marked. */
static void
short_lines_and_a_truncated_end(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = clean_page(ctx, &doc,
                            "---\ntitle: 周末去哪儿\n---\n"
                            "这个周末，城西的湿地公园正式开园了，园内种植了上百种水生植物。\n\n"
                            "开园时间\n\n"
                            "每天早上八点\n\n"
                            "到晚上六点\n\n"
                            "公园管理处表示，开园首月免费，市民可以通过小程序提前预约入园时间，每日限流三千人，以保证游览体验和生态保护的需要，今后还将陆续开放\n");
  const char *t = test_kept(ctx, s);
  KEEPS(t, "开园时间\n");
  KEEPS(t, "每天早上八点\n");
  KEEPS(t, "今后还将陆续开放\n");
  assert_int_equal(s->truncated, 12);
  assert_int_equal(test_diag_count(ctx, JB_D_TRUNCATED), 1);
  test_ctx_free(ctx);
}

/* A paragraph of sentences dropped for where it stands is reported. */
static void
dropped_sentences_are_reported(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  clean_page(ctx, &doc,
             "本站是一个关注城市生活的网站，每天为读者提供本地新闻、天气、交通和美食等各类资讯服务，欢迎广大读者投稿，也欢迎各界朋友提供新闻线索。\n\n"
             "首页\n\n财经\n\n科技\n\n体育\n\n娱乐\n\n汽车\n\n房产\n\n教育\n\n"
             "某地开通首条跨江隧道\n\n2024-07-01 来源：某某日报\n\n"
             "七月一日，某地首条跨江隧道正式通车，两岸之间的车程由四十分钟缩短到八分钟。\n\n"
             "隧道全长三千二百米，设计时速六十公里，建设历时四年，总投资约四十亿元。\n");
  assert_int_equal(test_diag_count(ctx, JB_D_DROPPED_TEXT) + test_diag_count(ctx, JB_D_DROPPED_CERTAIN), 1);
  test_ctx_free(ctx);
}

/* A long paragraph of sentences is never dropped for where it stands
 * alone: apart from the article, with no end named between, it is kept
 * and reported. */
static void
sentences_apart_are_kept_and_reported(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = clean_page(ctx, &doc,
                            "某市地铁三号线开通\n\n"
                            "2024-09-01 来源：某某日报\n\n"
                            "九月一日，某市地铁三号线正式开通运营，全线共设车站二十四座，贯通城市南北。\n\n"
                            "三号线开通后，市民从南站到北站的通勤时间将由一个半小时缩短为四十分钟左右。\n\n"
                            "首页\n\n交通\n\n天气\n\n美食\n\n房产\n\n汽车\n\n教育\n\n旅游\n\n"
                            "分享到：微信 微博\n\n扫一扫，手机看新闻\n\n返回顶部\n\n"
                            "记者注意到，新线的车站普遍设置了无障碍电梯和母婴室，部分车站还引入了智能安检设备，乘客进站时间明显缩短，早高峰的排队现象也少了许多。\n");
  const char *t = test_kept(ctx, s);
  KEEPS(t, "部分车站还引入了智能安检设备");
  DROPS(t, "美食");
  assert_int_equal(test_diag_count(ctx, JB_D_KEPT_APART), 1);
  test_ctx_free(ctx);
}

/* An endless page: the story, a video player's playlist inside it, then
 * the next story with its own headline and dated byline. The first story
 * is the page's, all of it; the playlist and the next story are not. */
static void
endless_page_keeps_the_first_story(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = clean_page(ctx, &doc,
                            "# 河畔老街｜百年茶馆重新开门 老街坊：终于等到今天\n\n"
                            "撰文：某甲 某乙\n\n"
                            "出版：2024-05-06 10:20更新：2024-05-06 12:00\n\n"
                            "河畔老街的百年茶馆经过两年修缮，今天重新开门迎客，不少老街坊一早便来排队。\n\n"
                            "Continue to video\n\n"
                            "【一分钟看城事】新桥合龙 市民：终于不用绕路｜城事\n\n01:02\n\n"
                            "Now Playing\n\n"
                            "【一分钟看城事】夜市回归 摊主：生意翻了一倍｜城事｜夜市\n\n00:58\n\n"
                            "【一分钟看城事】旧楼加装电梯 长者：落街方便好多｜城事\n\n01:15\n\n"
                            "茶馆第三代传人说，修缮时保留了原来的木梁和花窗，连门口的石阶也是一块块编号后原样放回去的。\n\n"
                            "开门第一天，茶馆只卖三款老茶，价钱和十年前一样，他说这是给老街坊的一份心意。\n\n"
                            "不少年轻人也专程赶来打卡，有人说小时候跟着爷爷来过，如今带着自己的孩子再来一次，感觉很特别。\n\n"
                            "茶馆以后每天早上六点开门，晚上九点关门，逢周末还会请说书先生来讲评书，重现当年的热闹。\n\n"
                            "1. [城事](/city)\n2. [社区](/community)\n\n"
                            "# 河畔老街｜社区图书馆延长开放时间 学生：温书有去处\n\n"
                            "撰文：某丙\n\n"
                            "出版：2024-05-05 09:00更新：2024-05-05 09:30\n\n"
                            "社区图书馆宣布，由下月起延长开放时间至晚上十点，方便附近的学生和上班族在夜间温书和阅读，馆方同时增设了五十个座位。\n\n"
                            "馆长表示，过去一年夜间到访的读者明显增多，不少学生在图书馆关门后只能到快餐店温书，延长开放时间正是回应他们的需要。\n\n"
                            "有中学生说，家里地方小，弟弟妹妹又吵，图书馆开到晚上十点，以后放学吃过饭就可以过来，一直温到关门，非常方便。\n\n"
                            "馆方又指，延长开放时间后会增聘两名夜班职员，并加强巡逻，确保读者的安全，经费由区内的社区基金资助，为期两年。\n");
  const char *t = test_kept(ctx, s);
  assert_string_equal(s->meta.title.value.p, "河畔老街｜百年茶馆重新开门 老街坊：终于等到今天");
  assert_string_equal(s->meta.date.value.p, "2024-05-06");
  KEEPS(t, "不少老街坊一早便来排队");
  KEEPS(t, "原样放回去的");
  KEEPS(t, "感觉很特别");
  KEEPS(t, "重现当年的热闹");
  DROPS(t, "夜市回归");
  DROPS(t, "01:15");
  DROPS(t, "延长开放时间至晚上十点");
  DROPS(t, "为期两年");
  test_ctx_free(ctx);
}

/* A markdown heading is a line of its own, and a clause ending before an
 * ideographic space still ends there. */
static void
headings_and_wide_spaces_end_lines(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = clean_page(ctx, &doc,
                            "# 关于社区治理的几点思考\n\n"
                            "这是正文的第一段，我们今天在这里讨论社区治理，是为了总结过去一年的经验。\n"
                            "## 第一部分 工作回顾\n"
                            "过去一年，我们在社区治理方面取得了显著成绩，参与了多项[试点](http://a.b/c)工作。\u3000\n"
                            "**第二段**也很重要，这里写的是明年的任务和打算，内容同样很长很长。\n");
  size_t heads = 0, paras = 0;
  for (size_t i = 0; i < s->nblocks; i++) {
    heads += s->blocks[i].kind == JB_BLOCK_HEADING;
    paras += s->blocks[i].kind == JB_BLOCK_PARA;
  }
  assert_int_equal(heads, 1);
  assert_int_equal(paras, 3);
  test_ctx_free(ctx);
}

/* An attribution or a byline with an editor in it, under the headline, is
 * the header, not the end of an article; a statement the article quotes
 * (声明：…) ends nothing either. */
static void
header_lines_and_quoted_statements_end_nothing(void **state)
{
  (void)state;
  static const char *const headers[] = {"来源：某某社", "2023-05-01 08:00 来源：某某网 责任编辑：王某"};
  for (int k = 0; k < 2; k++) {
    jb_ctx *ctx = test_ctx_new();
    jb_doc doc = {0};
    char page[2048];
    snprintf(page, sizeof page,
             "本网是经批准的重点新闻网站，致力于为广大读者提供权威、及时、准确的新闻资讯服务，欢迎您的访问。\n\n"
             "首页\n\n国内\n\n国际\n\n"
             "某地新建跨海大桥今日通车\n\n%s\n\n"
             "某社某地5月1日电，某地新建跨海大桥今天正式通车，两岸车程由一小时缩短至十五分钟。\n\n"
             "大桥全长十二公里，设计时速一百公里，是当地迄今投资规模最大的交通工程。\n",
             headers[k]);
    jb_source *s = clean_page(ctx, &doc, page);
    const char *t = test_kept(ctx, s);
    KEEPS(t, "两岸车程由一小时缩短至十五分钟");
    KEEPS(t, "迄今投资规模最大的交通工程");
    DROPS(t, "欢迎您的访问");
    assert_str_equal(s->meta.title.value, "某地新建跨海大桥今日通车");
    test_ctx_free(ctx);
  }
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = clean_page(ctx, &doc,
                            "某公司发布年度业绩公告\n\n"
                            "某公司今日发布年度业绩公告，全年实现营业收入一百亿元，同比增长百分之二十，净利润十亿元。\n\n"
                            "声明：公司董事会及全体董事保证本公告内容不存在任何虚假记载、误导性陈述或者重大遗漏。\n\n"
                            "分析人士认为，该公司在行业内具有较强的竞争优势，业绩有望继续保持较快增长。\n\n"
                            "另据了解，该公司计划明年推出多款新产品，进一步拓展海外市场。\n");
  const char *t = test_kept(ctx, s);
  KEEPS(t, "业绩有望继续保持较快增长");
  KEEPS(t, "进一步拓展海外市场");
  test_ctx_free(ctx);
}

/* The page's one paragraph is its text, never its headline; a headline
 * cut into two lines leaves neither line in the body. */
static void
headlines_are_not_text(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = clean_page(ctx, &doc,
                            "首页 > 新闻 > 正文\n\n联系我们\n\n关于我们\n\n"
                            "他说：“我们今天在这里开会是为了总结过去一年的工作也是为了部署明年的任务”\n\n"
                            "版权所有 某某网\n");
  const char *t = test_kept(ctx, s);
  KEEPS(t, "部署明年的任务");
  DROPS(t, "联系我们");
  assert_true(strncmp(s->meta.title.value.p, "他说：", strlen("他说：")) == 0);
  test_ctx_free(ctx);

  ctx = test_ctx_new();
  memset(&doc, 0, sizeof doc);
  s = clean_page(ctx, &doc,
                 "某地新建跨海大桥 今日正式通车_某某网\n\n首页\n\n"
                 "## 某地新建跨海大桥\n今日正式通车\n\n"
                 "2023-05-01 08:00 来源：某某社\n\n"
                 "某社某地5月1日电，某地新建跨海大桥今天正式通车，两岸车程由一小时缩短至十五分钟。\n\n"
                 "大桥全长十二公里，设计时速一百公里，是当地迄今投资规模最大的交通工程。\n");
  t = test_kept(ctx, s);
  assert_str_equal(s->meta.title.value, "某地新建跨海大桥今日正式通车");
  DROPS(t, "今日正式通车");
  test_ctx_free(ctx);
}

/* ---- metadata ------------------------------------------------------------------ */

/* A reporter's name in the byline yields to the lead's dateline; a
 * title from the first clause starts at a letter and is more than a word. */
static void
person_in_byline_and_first_clause(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = clean_page(ctx, &doc,
                            "某地新建跨海大桥今日通车\n\n"
                            "王某明 2023-05-01 08:00\n\n"
                            "某某社某地5月1日电，某地新建跨海大桥今天正式通车，两岸车程由一小时缩短至十五分钟。\n\n"
                            "大桥全长十二公里，设计时速一百公里，是当地迄今投资规模最大的交通工程。\n");
  assert_str_equal(s->meta.source.value, "某某社");
  test_ctx_free(ctx);
  ctx = test_ctx_new();
  memset(&doc, 0, sizeof doc);
  s = clean_page(ctx, &doc, "：我们今天在这里开会，是为了总结过去一年的工作，也是为了部署明年的任务。\n");
  assert_str_equal(s->meta.title.value, "我们今天在这里开会");
  test_ctx_free(ctx);
}

static void
wire_story_title_line(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = clean_page(ctx, &doc,
                            "新闻中心 > 国内\n\n"
                            "某某社北京3月2日电 题：从一条街看一座城的变化\n\n"
                            "某某社记者 王某\n\n"
                            "清晨六点，老街上的早点铺已经飘出香味，这条街三十年来的变化是这座城市发展的缩影。\n\n"
                            "街道负责人介绍，近五年来老街先后完成了管网改造和立面整治，吸引了大批年轻人回流。\n");
  assert_str_equal(s->meta.title.value, "从一条街看一座城的变化");
  assert_string_equal(s->meta.title.rule, "题 line of a wire story");
  assert_str_equal(s->meta.source.value, "某某社");
  test_ctx_free(ctx);
}

static void
sources_from_datelines(void **state)
{
  (void)state;
  static const char *const leads[][2] = {
      {"中新社上海3月2日电 上海市今天发布了新一轮城市更新计划，涉及十二个区。", "中新社"},
      {"（路透社倫敦5日電）英國央行週四宣布維持利率不變，符合市場預期。", "路透社"},
      {"【某某報專訊】本港昨日錄得今年最高氣溫，天文台發出酷熱天氣警告。", "某某報"},
      {"某某网10月4日讯 国庆假期过半，本市各大景区接待游客超过百万人次。", "某某网"},
      {"据某某网9月9日报道，某公司日前回应了外界的质疑，表示将配合调查。", "某某网"},
      {"某某之家9月30日消息 据外媒报道，某国最后一家传呼机公司正式停止服务。", "某某之家"},
  };
  for (size_t i = 0; i < sizeof leads / sizeof leads[0]; i++) {
    jb_str got = jb_meta_dateline_source(jb_str_c(leads[i][0]));
    if (!jb_str_eq_c(got, leads[i][1]))
      fail_msg("%s: got \"%.*s\"", leads[i][0], (int)got.n, got.p);
  }
  /* an ordinary opening is no dateline */
  assert_int_equal(jb_meta_dateline_source(jb_str_c("据了解，该项目于去年开工，预计明年完工。")).n, 0);
  assert_int_equal(jb_meta_dateline_source(jb_str_c("本报讯 记者从市教育局获悉，新学期将增加学位。")).n, 0);
}

static void
sources_from_labels_and_sites(void **state)
{
  (void)state;
  bool reprint, bare;
  assert_str_equal(jb_meta_source(jb_str_c("来源 : 某某日报 点击数 : 1024"), &reprint, &bare), "某某日报");
  assert_false(reprint);
  assert_str_equal(jb_meta_source(jb_str_c("本文转载自：某某周刊"), &reprint, &bare), "某某周刊");
  assert_true(reprint);
  assert_str_equal(jb_meta_source(jb_str_c("來源: 某某報舉報"), &reprint, &bare), "某某報");
  jb_meta_source(jb_str_c("来源："), &reprint, &bare);
  assert_true(bare);
  assert_true(jb_meta_is_self(jb_str_c("本站原创")));
  assert_str_equal(jb_meta_site_name(jb_str_c("版权所有：某某市政府网站 主办：某某市人民政府办公室")),
                   "某某市政府网站");
  assert_str_equal(jb_meta_site_name(jb_str_c("某某报业集团 版权所有 京ICP备00000000号")), "某某报业集团");
  assert_str_equal(jb_meta_site_name(jb_str_c("© 2010 - 2016 某某财经网 京ICP备00000000号-1")), "某某财经网");
  assert_str_equal(jb_meta_site_name(jb_str_c("某某報網站 · 版權所有 · 不得轉載")), "某某報");
  assert_str_equal(jb_meta_site_name(jb_str_c("2019某某网 版权所有")), "某某网");
  assert_str_equal(jb_meta_site_name(jb_str_c("某某01有限公司版權所有 © 2025")), "某某01有限公司");
  assert_str_equal(jb_meta_own_statement(jb_str_c("本文为某某科技原创文章，未经允许不得转载")), "某某科技");
  assert_str_equal(jb_meta_breadcrumb_site(jb_str_c("当前位置：某某新闻网 > 新闻资讯 > 正文")), "某某新闻网");
  assert_str_equal(jb_meta_breadcrumb_site(jb_str_c("某某新闻网>新闻资讯>正文")), "某某新闻网");
  assert_str_equal(jb_meta_breadcrumb_site(jb_str_c("某某新闻网»新闻资讯»正文")), "某某新闻网");
}

static void
dates_from_urls_and_datelines(void **state)
{
  (void)state;
  static const char *const urls[][2] = {
      {"http://www.example.com/world/2021-03/05/c_1127170000.htm", "2021-03-05"},
      {"https://example.com/news/20240611/abc.shtml", "2024-06-11"},
      {"https://example.tw/news/202406110012.aspx", "2024-06-11"},
      {"https://example.cn/n1/2019/0615/c1013-31153719.html", "2019-06-15"},
      {"https://www.example.cn/Column/2019_09_07_516891.shtml", "2019-09-07"},
  };
  char d[11];
  for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
    if (!jb_meta_url_date(jb_str_c(urls[i][0]), d) || strcmp(d, urls[i][1]) != 0)
      fail_msg("%s", urls[i][0]);
  }
  assert_false(jb_meta_url_date(jb_str_c("https://example.com/a/12345678901.html"), d));
  /* a dateline's day takes the fetch date's year */
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = clean_page(ctx, &doc,
                            "---\nfetch_date: 2024-03-10T08:00:00\n---\n"
                            "某市出台新规\n\n"
                            "某某社某市3月2日电 某市今天出台新规，明确了共享单车停放的区域和管理责任。\n\n"
                            "新规将于四月一日起施行，违规停放的企业将被处以罚款并限期整改。\n");
  assert_str_equal(s->meta.date.value, "2024-03-02");
  assert_string_equal(s->meta.date.rule, "dateline, year of the fetch date");
  test_ctx_free(ctx);
}

/* The byline's date, not a date a sentence of the article mentions. */
static void
byline_date_before_text_dates(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = clean_page(ctx, &doc,
                            "某区召开防汛工作会议\n\n"
                            "2019年2月27日下午，某区召开防汛工作会议，部署今年汛期的各项准备工作。\n\n"
                            "会议要求各部门落实责任，确保安全度汛。\n\n"
                            "发布日期：2019-03-06 责任编辑：某某\n");
  assert_str_equal(s->meta.date.value, "2019-03-06");
  assert_string_equal(s->meta.date.rule, "labelled publication date");
  test_ctx_free(ctx);
}

/* Neither navigation, a byline, a caption nor a site banner is a title. */
static void
title_is_not_debris(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = clean_page(ctx, &doc,
                            "某某新闻网_权威新闻门户\n\n"
                            "首页 > 本地 > 正文\n\n"
                            "老城区改造项目全面启动\n\n"
                            "记者 王某 李某\n\n"
                            "2024-04-02 来源：某某新闻网\n\n"
                            "![](a.jpg)\n\n"
                            "（图／某某提供）\n\n"
                            "四月二日，老城区改造项目正式启动，涉及居民两千余户，计划三年内完成。\n\n"
                            "项目负责人表示，改造将保留街区原有的格局和历史建筑，同时完善配套设施。\n");
  assert_str_equal(s->meta.title.value, "老城区改造项目全面启动");
  test_ctx_free(ctx);
}

/* A self-media account's name above its byline. */
static void
account_name_above_the_byline(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = clean_page(ctx, &doc,
                            "## 旅行者在雪山脚下发现罕见花海\n\n"
                            "![](a.jpg)\n\n"
                            "山野漫游记\n\n"
                            "发布时间：06-1209:30\n\n"
                            "六月的雪山脚下，一片罕见的高山花海吸引了众多游客，花期大约只有两周。\n\n"
                            "当地向导说，今年雨水充足，花开得比往年更加茂盛，颜色也更加鲜艳。\n");
  assert_str_equal(s->meta.source.value, "山野漫游记");
  test_ctx_free(ctx);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(captions_and_credits),
      cmocka_unit_test(editor_and_end_tags),
      cmocka_unit_test(related_links_and_lists),
      cmocka_unit_test(breadcrumbs_and_location),
      cmocka_unit_test(comment_prompts_and_sections),
      cmocka_unit_test(app_banners_tickers_and_quotes),
      cmocka_unit_test(keyword_lists_and_placeholders),
      cmocka_unit_test(notices_and_original_titles),
      cmocka_unit_test(phrases_spare_headings_and_words),
      cmocka_unit_test(bylines_and_credits),
      cmocka_unit_test(fixed_width_wrap_is_rejoined),
      cmocka_unit_test(soft_wraps_and_open_brackets),
      cmocka_unit_test(article_between_headline_and_comments),
      cmocka_unit_test(short_lines_and_a_truncated_end),
      cmocka_unit_test(dropped_sentences_are_reported),
      cmocka_unit_test(sentences_apart_are_kept_and_reported),
      cmocka_unit_test(endless_page_keeps_the_first_story),
      cmocka_unit_test(headings_and_wide_spaces_end_lines),
      cmocka_unit_test(header_lines_and_quoted_statements_end_nothing),
      cmocka_unit_test(headlines_are_not_text),
      cmocka_unit_test(person_in_byline_and_first_clause),
      cmocka_unit_test(wire_story_title_line),
      cmocka_unit_test(sources_from_datelines),
      cmocka_unit_test(sources_from_labels_and_sites),
      cmocka_unit_test(dates_from_urls_and_datelines),
      cmocka_unit_test(byline_date_before_text_dates),
      cmocka_unit_test(title_is_not_debris),
      cmocka_unit_test(account_name_above_the_byline),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
