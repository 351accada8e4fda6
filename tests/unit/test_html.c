/* test_html.c - HTML seeds (SPEC §1): sniffing, charsets, the rendering
 * the clean stage reads, the markup's metadata and debris hints, and bad
 * pages. Every page here is invented. */
#include "testlib.h"

#include <iconv.h>

#include "clean.h"
#include "html.h"

/* Render html as ingest does and split it into lines; NULL when the page
 * was refused. */
static jb_source *
page(jb_ctx *ctx, jb_doc *doc, const char *name, const char *html, size_t n)
{
  jb_source *src = JB_PUSH(ctx->arena, doc->srcs, doc->nsrcs, doc->capsrcs);
  src->index = (uint32_t)(doc->nsrcs - 1);
  src->path = src->name = name;
  char *text;
  size_t len;
  if (jb_html_render(ctx, src, html, n, &text, &len) != 0) {
    src->skipped = true;
    return NULL;
  }
  jb_ingest_text(ctx, src, text, len);
  return src;
}

static jb_source *
page_c(jb_ctx *ctx, jb_doc *doc, const char *html)
{
  return page(ctx, doc, "t.html", html, strlen(html));
}

/* The rendered line that contains needle, or -1. */
static long
line_with(const jb_source *s, const char *needle)
{
  for (size_t i = 0; i < s->nlines; i++)
    if (jb_str_find(s->lines[i].text, needle) >= 0)
      return (long)i;
  return -1;
}

static void
sniffs_by_name_and_content(void **state)
{
  (void)state;
  assert_true(jb_html_sniff("a.html", "x", 1));
  assert_true(jb_html_sniff("a.HTM", "x", 1));
  assert_true(jb_html_sniff("a.shtml", "x", 1));
  const char *d = "\xEF\xBB\xBF  \n<!DOCTYPE html><html>";
  assert_true(jb_html_sniff("a.txt", d, strlen(d)));
  assert_true(jb_html_sniff("feed", "<html lang=zh>", 14));
  assert_false(jb_html_sniff("a.txt", "正文。<b>粗体</b>", 22));
  assert_false(jb_html_sniff("a.txt", "---\ntitle: x\n---\n", 18));
}

/* s in UTF-8 converted to cs. */
static char *
encode(const char *s, const char *cs, size_t *n)
{
  iconv_t cd = iconv_open(cs, "UTF-8");
  assert_true(cd != (iconv_t)-1);
  size_t il = strlen(s), ol = il * 2 + 8;
  char *out = jb_xmalloc(ol + 1), *op = out, *ip = (char *)s;
  assert_int_not_equal(iconv(cd, &ip, &il, &op, &ol), (size_t)-1);
  iconv_close(cd);
  *n = (size_t)(op - out);
  out[*n] = '\0';
  return out;
}

static void
charsets(void **state)
{
  (void)state;
  char decl[32];
  const char body[] = "<p>国务院新闻办公室今天举行发布会，介绍经济运行情况。记者从会上了解到，上半年国内生产总值同比增长。</p>";
  /* declared, legacy bytes */
  char html[512];
  snprintf(html, sizeof html, "<html><head><meta charset=\"GB2312\"></head><body>%s</body></html>", body);
  size_t n, gbk_n;
  char *gbk = encode(html, "GB18030", &gbk_n);
  assert_string_equal(jb_html_charset(gbk, gbk_n, decl), "GB18030");
  assert_string_equal(decl, "gb2312");
  /* undeclared: GB18030 and Big5 told apart by what they read as */
  snprintf(html, sizeof html, "<html><body>%s</body></html>", body);
  char *gb = encode(html, "GB18030", &n);
  assert_string_equal(jb_html_charset(gb, n, decl), "GB18030");
  assert_string_equal(decl, "");
  free(gb);
  const char trad[] = "<html><body><p>國務院新聞辦公室今天舉行發布會，介紹經濟運行情況。記者從會上了解到，上半年國內生產總值同比增長。</p></body></html>";
  char *big5 = encode(trad, "BIG5-HKSCS", &n);
  assert_string_equal(jb_html_charset(big5, n, decl), "BIG5-HKSCS");
  free(big5);
  /* a page saved as UTF-8 whatever it declares */
  snprintf(html, sizeof html, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">%s", body);
  assert_string_equal(jb_html_charset(html, strlen(html), decl), "UTF-8");
  assert_string_equal(decl, "gbk");
  /* an XML declaration's encoding */
  char xml[512];
  snprintf(xml, sizeof xml, "<?xml version=\"1.0\" encoding=\"GBK\"?><html><body>%s</body></html>", body);
  char *xg = encode(xml, "GB18030", &n);
  assert_string_equal(jb_html_charset(xg, n, decl), "GB18030");
  assert_string_equal(decl, "gbk");
  free(xg);
  /* a Chinese page a template declared Western reads as Chinese; a
   * Western one stays Western */
  snprintf(html, sizeof html, "<meta charset=\"ISO-8859-1\"><body>%s</body>", body);
  char *west = encode(html, "GB18030", &n);
  assert_string_equal(jb_html_charset(west, n, decl), "GB18030");
  free(west);
  const char latin[] = "<meta charset=\"iso-8859-1\"><p>Caf\351 cr\350me br\373l\351e, na\357ve fa\347ade.</p>";
  assert_string_equal(jb_html_charset(latin, strlen(latin), decl), "iso-8859-1");
  /* declared GB2312, written in Big5: the declaration does not read it */
  snprintf(html, sizeof html, "<meta charset=\"gb2312\">%s", trad);
  char *b5 = encode(html, "BIG5-HKSCS", &n);
  assert_string_equal(jb_html_charset(b5, n, decl), "BIG5-HKSCS");
  free(b5);
  /* a label iconv does not know */
  char bad[64] = "<meta charset=\"x-klingon\"><p>\xB9\xFA\xCE\xF1</p>";
  assert_null(jb_html_charset(bad, strlen(bad), decl));

  /* The whole page through ingest: decoded, with a note for the
   * mismatch, and the unknown charset an error that skips the page. */
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  jb_source *s = page(ctx, &doc, "gbk.html", gbk, gbk_n);
  assert_non_null(s);
  assert_true(line_with(s, "国务院新闻办公室") >= 0);
  assert_string_equal(s->charset, "GB18030"); /* for the build report */
  assert_string_equal(s->charset_declared, "gb2312");
  free(gbk);
  s = page_c(ctx, &doc, html);
  assert_non_null(s);
  assert_int_equal(test_diag_count(ctx, JB_D_NOTE_CHARSET), 1);
  assert_null(page_c(ctx, &doc, bad));
  assert_int_equal(test_diag_count(ctx, JB_D_CHARSET), 1);
  assert_true(strstr(ctx->diags.recs[ctx->diags.n - 1].msg, "x-klingon") != NULL);
  test_ctx_free(ctx);
}

static void
renders_blocks_as_markdown(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  const char html[] =
      "<!doctype html>\n<html><head><title>标题</title>\n"
      "<style>p { color: red }\n.x{}</style>\n"
      "<script>var a = '<p>不是正文</p>';\n</script>\n"
      "</head><body>\n"
      "<!-- 注释\n里的字 -->\n"
      "<h2>第一部分</h2>\n"
      "<p>这是<b>重要</b>的一段话，<a href=\"/x\">链接文字</a>在中间。</p>\n"
      "<ul><li>第一项</li><li>第二项</li></ul>\n"
      "<ol><li>甲</li><li>乙</li></ol>\n"
      "<p>第一行<br>第二行</p>\n"
      "<p>星号*和[方括号]</p>\n"
      "<a href=\"/card\"><div>卡片标题</div><div>卡片摘要</div></a>\n"
      "<p><img src=\"\">无图<img src=\"/a.jpg\" alt=\"图[1]\"></p>\n"
      "<p>中文\n换行</p>\n"
      "</body></html>\n";
  jb_source *s = page_c(ctx, &doc, html);
  assert_non_null(s);
  assert_true(line_with(s, "## 第一部分") >= 0);
  assert_true(line_with(s, "这是**重要**的一段话，[链接文字](/x)在中间。") >= 0);
  assert_true(line_with(s, "- 第一项") >= 0);
  assert_true(line_with(s, "- 第二项") >= 0);
  assert_true(line_with(s, "1. 甲") >= 0);
  assert_true(line_with(s, "2. 乙") >= 0);
  /* a <br> parts paragraphs */
  long a = line_with(s, "第一行"), b = line_with(s, "第二行");
  assert_true(a >= 0 && b == a + 2);
  assert_true(line_with(s, "星号\\*和\\[方括号\\]") >= 0);
  /* a link's blocks run together, as a related story's card */
  assert_true(line_with(s, "[卡片标题卡片摘要](/card)") >= 0);
  /* a picture without a source shows nothing */
  assert_true(line_with(s, "无图![图1](/a.jpg)") >= 0);
  /* a newline between Chinese characters is no space */
  assert_true(line_with(s, "中文换行") >= 0);
  assert_int_equal(line_with(s, "不是正文"), -1);
  assert_int_equal(line_with(s, "color"), -1);
  assert_int_equal(line_with(s, "注释"), -1);
  /* each rendered line knows its line in the page, comments and code
   * cut out or not */
  assert_int_equal(jb_source_line(s, (size_t)line_with(s, "## 第一部分")), 10);
  assert_int_equal(jb_source_line(s, (size_t)line_with(s, "中文换行")), 18);
  test_ctx_free(ctx);
}

static void
metadata_from_markup(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  const char html[] =
      "<html><head>\n"
      "<title>某市发布新规 十月起施行_某某新闻网</title>\n"
      "<meta property=\"og:site_name\" content=\"某某新闻网\">\n"
      "<meta property=\"article:published_time\" content=\"2024-03-01T18:30:00Z\">\n"
      "<link rel=\"canonical\" href=\"https://news.example.cn/a/1.html\">\n"
      "</head><body>\n"
      "<h1>某某新闻网</h1>\n"
      "<h1>某市发布新规 十月起施行</h1>\n"
      "<p>正文。</p></body></html>\n";
  jb_source *s = page_c(ctx, &doc, html);
  /* the headline that agrees with <title> once its site suffix is off;
   * not the site's banner */
  assert_str_equal(s->meta.title.value, "某市发布新规 十月起施行");
  assert_int_equal(s->meta.title.origin, JB_ORIGIN_MARKUP);
  assert_string_equal(s->meta.title.rule, "heading agreeing with <title>");
  assert_int_equal(s->meta.title.line, 8);
  /* 18:30 UTC is the next day where the page is read */
  assert_str_equal(s->meta.date.value, "2024-03-02");
  assert_string_equal(s->meta.date.rule, "article:published_time");
  assert_str_equal(s->meta.url.value, "https://news.example.cn/a/1.html");
  /* the site's name waits for the text rules */
  assert_int_equal(s->meta.source.origin, JB_ORIGIN_NONE);
  assert_str_equal(s->markup_site.value, "某某新闻网");

  const char ld[] =
      "<html><head><script type=\"application/ld+json\">\n"
      "{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebPage\"},\n"
      " {\"@type\":[\"NewsArticle\"],\"headline\":\"新规解读\",\"datePublished\":\"2024-03-05\",\n"
      "  \"publisher\":{\"@type\":\"Organization\",\"name\":\"某某日报\"}}]}\n"
      "</script>\n"
      "<script type=\"application/ld+json\">{\"headline\": \"坏的\",}</script>\n"
      "</head><body><h2>别的标题</h2><p>正文。</p></body></html>\n";
  s = page_c(ctx, &doc, ld);
  assert_str_equal(s->meta.title.value, "新规解读");
  assert_string_equal(s->meta.title.rule, "JSON-LD headline");
  assert_str_equal(s->meta.date.value, "2024-03-05");
  assert_str_equal(s->markup_site.value, "某某日报");
  /* JSON that does not parse is named, with its line */
  assert_int_equal(test_diag_count(ctx, JB_D_HTML_JSONLD), 1);
  assert_int_equal(ctx->diags.recs[ctx->diags.n - 1].pos.line, 6);

  /* a site's own date meta only stands in for the text's */
  const char own[] = "<html><head><meta name=\"firstpublishedtime\" content=\"2007-08-20-23:59:59\">"
                     "</head><body><p>正文。</p></body></html>";
  s = page_c(ctx, &doc, own);
  assert_int_equal(s->meta.date.origin, JB_ORIGIN_NONE);
  assert_str_equal(s->markup_date.value, "2007-08-20");
  test_ctx_free(ctx);
}

static void
debris_hints(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  const char para[] = "<p>这是一段足够长的正文，讲述了事件的经过和各方的反应，记者在现场进行了采访。</p>";
  char html[8192];
  snprintf(html, sizeof html,
           "<html><body>"
           "<nav><a href=\"/\">首页</a></nav>"
           "<div class=\"article-body\">%s%s"
           "<p><img src=\"/p.jpg\"></p><p style=\"text-align: Center\">会议现场一角</p>"
           "<figure><img src=\"/q.jpg\"><figcaption>资料图</figcaption></figure>"
           "%s%s</div>"
           "<div class=\"shareBox\"><span>微信</span></div>"
           "<div id=\"comment-list\"><p>沙发</p></div>"
           "<div class=\"main comment-enabled\"><p>不长</p></div>"
           "<p><span id=\"copyright_logo\">原创</span> 作者 王五</p>"
           "</body></html>",
           para, para, para, para);
  jb_source *s = page_c(ctx, &doc, html);
  assert_non_null(s);
  assert_int_equal(s->markup_hint[line_with(s, "首页")], JB_HINT_NAV);
  assert_int_equal(s->markup_hint[line_with(s, "会议现场一角")], JB_HINT_CAPTION);
  assert_int_equal(s->markup_hint[line_with(s, "资料图")], JB_HINT_CAPTION);
  assert_int_equal(s->markup_hint[line_with(s, "微信")], JB_HINT_SHARE);
  assert_int_equal(s->markup_hint[line_with(s, "沙发")], JB_HINT_COMMENT);
  assert_int_equal(s->markup_hint[line_with(s, "这是一段")], JB_HINT_NONE);
  /* a span's class names a piece of its line, not the line */
  assert_int_equal(s->markup_hint[line_with(s, "作者 王五")], JB_HINT_NONE);
  /* an element holding much of the page's text is the article's,
   * whatever its class says */
  const char big[] = "<html><body><div class=\"share-wrap\">"
                     "<p>这是一段足够长的正文，讲述了事件的经过和各方的反应。</p>"
                     "<p>短句</p></div><p>页脚</p></body></html>";
  jb_source *t = page_c(ctx, &doc, big);
  assert_int_equal(t->markup_hint[line_with(t, "短句")], JB_HINT_NONE);

  /* The clean stage weighs them: captions and widgets go, sentences stay. */
  jb_clean_run(ctx, &doc);
  char *kept = test_kept(ctx, s);
  assert_non_null(strstr(kept, "这是一段足够长的正文"));
  assert_null(strstr(kept, "会议现场一角"));
  assert_null(strstr(kept, "资料图"));
  assert_null(strstr(kept, "沙发"));
  bool named = false;
  for (size_t i = 0; i < s->nlines; i++)
    named |= s->lines[i].drop == JB_DROP_CAPTION && s->lines[i].why &&
             !strcmp(s->lines[i].why, "a caption by the page's markup");
  assert_true(named);
  test_ctx_free(ctx);
}

static void
tables(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  const char html[] =
      "<html><body><h1>数据发布</h1>"
      "<p>国家统计局今天发布了经济运行数据，主要指标总体平稳，就业和物价保持稳定，具体如下。</p>"
      "<table><thead><tr><th>指标</th><th>数值</th><th>增长</th></tr></thead>"
      "<tbody><tr><td>总值</td><td>949746</td><td>4.8%</td></tr>"
      "<tr><td>第一|产业</td><td>57733</td></tr></tbody></table>"
      "<p>发言人表示，前三季度国民经济运行总体平稳、稳中有进，但外部环境的不利影响增多。</p>"
      "<table><tr><td><p>这是一个用表格排版的页面里的一整段正文，很长很长，远远超过一个数据格子应有的长度，"
      "所以这张表是排版用的，它的格子要当作段落来读，而不是表格的一行。这样的页面在老网站上很常见，"
      "政府网站尤其多见，内容都放在一个大表格里。</p></td><td>侧栏</td></tr>"
      "<tr><td>页脚</td><td>其他</td></tr></table>"
      "</body></html>";
  jb_source *s = page_c(ctx, &doc, html);
  assert_non_null(s);
  /* a data table is a markdown table, short rows padded */
  long h = line_with(s, "| 指标 | 数值 | 增长 |");
  assert_true(h >= 0);
  assert_true(jb_str_eq_c(s->lines[h + 1].text, "| --- | --- | --- |"));
  assert_true(line_with(s, "| 第一\\|产业 | 57733 |   |") == h + 3);
  /* a layout table's cells are paragraphs */
  assert_int_equal(line_with(s, "| 侧栏"), -1);
  assert_true(line_with(s, "侧栏") >= 0);

  /* the clean stage makes the table rows, the first the header */
  jb_clean_run(ctx, &doc);
  size_t rows = 0;
  for (size_t i = 0; i < s->nblocks; i++) {
    const jb_block *b = &s->blocks[i];
    if (b->kind != JB_BLOCK_ROW)
      continue;
    size_t cells = 0;
    for (size_t k = 0; k < b->nspans; k++)
      cells += (b->spans[k].flags & JB_SPAN_CELL) != 0;
    assert_int_equal(cells, 3);
    assert_int_equal(b->level, rows == 0 ? 1 : 0);
    if (rows == 2)
      assert_str_equal(b->spans[0].text, "第一|产业");
    rows++;
  }
  assert_int_equal(rows, 3);
  char *kept = test_kept(ctx, s);
  assert_non_null(strstr(kept, "发言人表示"));
  test_ctx_free(ctx);
}

static void
bad_pages(void **state)
{
  (void)state;
  jb_ctx *ctx = test_ctx_new();
  jb_doc doc = {0};
  /* a JavaScript shell: a warning, and the page skipped */
  const char shell[] = "<html><head><script src=\"app.js\"></script><script>boot()</script></head>"
                       "<body><div id=\"app\"></div><noscript>请启用</noscript></body></html>";
  jb_source *s = page_c(ctx, &doc, shell);
  assert_null(s);
  assert_int_equal(test_diag_count(ctx, JB_D_HTML_SCRIPT), 1);
  assert_int_equal(test_diag_count(ctx, JB_D_NO_TEXT), 1);
  /* nested far past the limit: cut there, named, no crash */
  size_t depth = 5000;
  jb_buf b = JB_BUF_INIT;
  jb_buf_puts(&b, "<html><body><p>开头的正文。</p>");
  for (size_t i = 0; i < depth; i++)
    jb_buf_puts(&b, "<div>");
  jb_buf_puts(&b, "深处");
  jb_buf_puts(&b, "<p>之后</p></body></html>");
  s = page(ctx, &doc, "deep.html", b.p, b.n);
  assert_non_null(s);
  assert_true(line_with(s, "开头的正文") >= 0);
  assert_int_equal(line_with(s, "深处"), -1);
  assert_int_equal(test_diag_count(ctx, JB_D_HTML_LIMIT), 1);
  jb_buf_free(&b);
  /* malformed markup is repaired as a browser does */
  const char broken[] = "<p>一段<b>没有闭合的<i>标签</p><p>第二段</td></tr><p>第三段</html><p>之后还有";
  s = page_c(ctx, &doc, broken);
  assert_true(line_with(s, "第二段") >= 0);
  assert_true(line_with(s, "之后还有") >= 0);
  /* bytes that are not the declared charset: replaced, counted */
  const char mixed[] = "<meta charset=\"gbk\"><p>\xD6\xD0\xCE\xC4\xFF</p>";
  s = page_c(ctx, &doc, mixed);
  assert_non_null(s);
  assert_true(line_with(s, "中文") >= 0);
  assert_int_equal(test_diag_count(ctx, JB_D_HTML_BYTES), 1);
  test_ctx_free(ctx);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(sniffs_by_name_and_content),
      cmocka_unit_test(charsets),
      cmocka_unit_test(renders_blocks_as_markdown),
      cmocka_unit_test(metadata_from_markup),
      cmocka_unit_test(debris_hints),
      cmocka_unit_test(tables),
      cmocka_unit_test(bad_pages),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
