/* clean_line.c - clean stage: what one line is. The inline markdown
 * scanner, the line's features, and the context-free verdict from named
 * features and phrase families (research/cleaning.md §1). */
#include <stdlib.h>

#include "buf.h"
#include "clean.h"
#include "clean_int.h"
#include "utf8.h"

#define CHROME_MAX_CP 40      /* phrases count only on short lines */
#define COPYRIGHT_MAX_CP 200  /* footers run longer */
#define LINK_SHARE_TENTHS 8   /* link text share that makes a link line */
#define LINK_SCAN_MAX 4096    /* bytes searched for a link's end */
#define INLINE_DEPTH 2        /* link labels may hold one nested level */

/* ---- phrase families ------------------------------------------------------ */

/* Phrases are evidence, not rules: each only fires on a short line
 * (CHROME_MAX_CP, or COPYRIGHT_MAX_CP for footers), and each belongs to a
 * named family that the build report gives as the reason. Both scripts are
 * listed because cleaning runs before conversion. */
typedef struct phrase {
  const char *text;
  const char *family;
} phrase;

static const phrase footer_phrases[] = {
    {"©", "copyright"}, {"Copyright", "copyright"}, {"COPYRIGHT", "copyright"},
    {"copyright", "copyright"}, {"版权所有", "copyright"}, {"版權所有", "copyright"},
    {"All Rights Reserved", "copyright"}, {"All rights reserved", "copyright"},
    {"ICP备", "licence"}, {"ICP備", "licence"}, {"ICP证", "licence"},
    {"ICP證", "licence"}, {"公网安备", "licence"}, {"公網安備", "licence"},
    {"网安备", "licence"}, {"增值电信业务", "licence"}, {"新闻信息服务许可", "licence"},
    {NULL, NULL}};

static const phrase chrome_phrases[] = {
    {"扫一扫", "qr-code"}, {"掃一掃", "qr-code"}, {"扫码", "qr-code"},
    {"掃碼", "qr-code"}, {"二维码", "qr-code"}, {"二維碼", "qr-code"},
    {"分享到", "share"}, {"分享本文", "share"}, {"朋友圈", "share"},
    {"点赞", "share"}, {"點讚", "share"}, {"转发", "share"}, {"轉發", "share"},
    {"订阅", "subscribe"}, {"訂閱", "subscribe"}, {"征订", "subscribe"},
    {"邮发代号", "subscribe"}, {"欢迎关注", "subscribe"}, {"歡迎關注", "subscribe"},
    {"公众号", "subscribe"}, {"公眾號", "subscribe"}, {"倾力推荐", "subscribe"},
    {"加入会员", "subscribe"}, {"加入會員", "subscribe"},
    {"阅读原文", "app-ui"}, {"閱讀原文", "app-ui"}, {"轻点两下", "app-ui"},
    {"滑动看下一个", "app-ui"}, {"标签不可点", "app-ui"}, {"小程序", "app-ui"},
    {"下载APP", "app-ui"}, {"下載APP", "app-ui"}, {"打开APP", "app-ui"},
    {"点击下图", "app-ui"}, {"點擊下圖", "app-ui"}, {"了解详情", "app-ui"},
    {"当前位置", "navigation"}, {"當前位置", "navigation"}, {"上一篇", "navigation"},
    {"下一篇", "navigation"}, {"上一則", "navigation"}, {"下一則", "navigation"},
    {"返回顶部", "navigation"}, {"回到顶部", "navigation"}, {"回到頂部", "navigation"},
    {"返回首页", "navigation"}, {"設為首頁", "navigation"}, {"设为首页", "navigation"},
    {"收藏本站", "navigation"}, {"关闭窗口", "navigation"}, {"關閉窗口", "navigation"},
    {"打印本页", "navigation"}, {"字号", "navigation"}, {"字號", "navigation"},
    {"关键字", "tags"}, {"關鍵字", "tags"}, {"关键词", "tags"}, {"關鍵詞", "tags"},
    {"责任编辑", "editor"}, {"責任編輯", "editor"},
    {"未经授权", "rights"}, {"未經授權", "rights"}, {"禁止转载", "rights"},
    {"禁止轉載", "rights"}, {"如需授权", "rights"}, {"版权说明", "rights"},
    {"版權說明", "rights"}, {"转载请注明", "rights"}, {"轉載請註明", "rights"},
    {"免责", "disclaimer"}, {"免責", "disclaimer"}, {"举报", "disclaimer"},
    {"舉報", "disclaimer"},
    {"浏览数", "counter"}, {"瀏覽數", "counter"}, {"阅读数", "counter"},
    {"閱讀數", "counter"}, {"阅读量", "counter"}, {"閱讀量", "counter"},
    {"微信：", "contact"}, {"微信:", "contact"}, {"热线", "contact"},
    {"熱線", "contact"}, {"电话：", "contact"}, {"電話：", "contact"},
    {"邮箱：", "contact"}, {"郵箱：", "contact"}, {"客服", "contact"},
    {"文档简介", "document-site"}, {"文檔簡介", "document-site"},
    {"提供计算与安全服务", "hosting"}, {"技术支持：", "hosting"},
    {"技術支持：", "hosting"},
    {NULL, NULL}};

/* Whole lines that are UI widgets. */
static const phrase widget_lines[] = {
    {"取消", "app-ui"}, {"允许", "app-ui"}, {"知道了", "app-ui"}, {"赞", "app-ui"},
    {"在看", "app-ui"}, {"分享", "share"}, {"留言", "comment"}, {"收藏", "app-ui"},
    {"听过", "app-ui"}, {"视频", "app-ui"}, {"评论", "comment"}, {"评 论", "comment"},
    {"評論", "comment"}, {"搜索", "navigation"}, {"登录", "navigation"},
    {"登錄", "navigation"}, {"注册", "navigation"}, {"註冊", "navigation"},
    {"关注", "subscribe"}, {"关 注", "subscribe"}, {"修改于", "app-ui"},
    {"展开更多", "app-ui"}, {"提交评论", "comment"}, {"分析", "app-ui"},
    {"首页", "navigation"}, {"首頁", "navigation"}, {"更多", "navigation"},
    {"返回", "navigation"}, {"打印", "navigation"}, {"列印", "navigation"},
    {"纠错", "app-ui"}, {"×", "app-ui"}, {"x", "app-ui"}, {"X", "app-ui"},
    {NULL, NULL}};

/* Headings of notice blocks whose following list is not article text. */
static const char *const notice_heads[] = {
    "温馨提示", "溫馨提示", "免责声明", "免責聲明", "最新文档", "最新文檔",
    "相关推荐", "相關推薦", "相关文章", "相關文章", "相关阅读", "相關閱讀",
    "相关新闻", "相關新聞", "热门文章", "熱門文章", "热门推荐", "猜你喜欢",
    "延伸阅读", "延伸閱讀", "推荐阅读", "推薦閱讀", "版权声明", "版權聲明",
    "特别声明", "特別聲明", "精彩推荐", "最新文章", "评论", "評論", NULL};

static const char *
phrase_in(jb_str s, const phrase *list)
{
  for (int k = 0; list[k].text; k++)
    if (jb_str_find(s, list[k].text) >= 0)
      return list[k].family;
  return NULL;
}

static const char *
phrase_is(jb_str s, const phrase *list)
{
  for (int k = 0; list[k].text; k++)
    if (jb_str_eq_c(s, list[k].text))
      return list[k].family;
  return NULL;
}

bool
jb_clean_is_notice_head(jb_str visible)
{
  for (int k = 0; notice_heads[k]; k++)
    if (jb_str_eq_c(visible, notice_heads[k]))
      return true;
  return false;
}

/* ---- inline markdown scanner --------------------------------------------- */


static bool
is_ascii_punct(char c)
{
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
         (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/* At s[i] == '[': find the label end and the (url). Sets the ranges and
 * returns the index after ')', or 0 if this is not a link. */
static size_t
match_link(jb_str s, size_t i, jb_str *label, jb_str *url)
{
  size_t limit = s.n < i + LINK_SCAN_MAX ? s.n : i + LINK_SCAN_MAX;
  int depth = 0;
  size_t j = i;
  for (; j < limit; j++) {
    if (s.p[j] == '\\') {
      j++;
      continue;
    }
    if (s.p[j] == '[')
      depth++;
    else if (s.p[j] == ']' && --depth == 0)
      break;
  }
  if (j >= limit || j + 1 >= s.n || s.p[j + 1] != '(')
    return 0;
  size_t k = j + 2;
  int pd = 1;
  for (; k < limit; k++) {
    if (s.p[k] == '(')
      pd++;
    else if (s.p[k] == ')' && --pd == 0)
      break;
  }
  if (k >= limit)
    return 0;
  *label = jb_str_make(s.p + i + 1, j - i - 1);
  jb_str u = jb_str_trim(jb_str_make(s.p + j + 2, k - j - 2));
  /* Drop an optional "title" after the URL. */
  long sp = jb_str_find(u, " ");
  if (sp > 0)
    u.n = (size_t)sp;
  *url = u;
  return k + 1;
}


typedef struct label_acc {
  jb_buf text;
  size_t images;
} label_acc;

static void
label_tok(void *ud, jb_tok t, jb_str text, jb_str url)
{
  (void)url;
  label_acc *acc = ud;
  if (t == JB_TOK_TEXT || t == JB_TOK_LINK)
    jb_buf_put_str(&acc->text, text);
  else if (t == JB_TOK_IMAGE)
    acc->images++;
}

/* Emit tokens for s. Link labels are scanned once more so nested images and
 * emphasis markers vanish from them. */
void
jb_clean_scan(jb_str s, int depth, jb_tok_fn fn, void *ud)
{
  size_t i = 0, start = 0;
  jb_str none = {NULL, 0};
  while (i < s.n) {
    char c = s.p[i];
    if (c == '\\' && i + 1 < s.n && is_ascii_punct(s.p[i + 1])) {
      if (i > start)
        fn(ud, JB_TOK_TEXT, jb_str_make(s.p + start, i - start), none);
      fn(ud, JB_TOK_TEXT, jb_str_make(s.p + i + 1, 1), none);
      i += 2;
      start = i;
      continue;
    }
    jb_str label, url;
    size_t end;
    if (c == '!' && i + 1 < s.n && s.p[i + 1] == '[' &&
        (end = match_link(s, i + 1, &label, &url)) != 0) {
      if (i > start)
        fn(ud, JB_TOK_TEXT, jb_str_make(s.p + start, i - start), none);
      fn(ud, JB_TOK_IMAGE, label, url);
      i = start = end;
      continue;
    }
    if (c == '[' && (end = match_link(s, i, &label, &url)) != 0) {
      if (i > start)
        fn(ud, JB_TOK_TEXT, jb_str_make(s.p + start, i - start), none);
      if (depth < INLINE_DEPTH) {
        label_acc acc = {JB_BUF_INIT, 0};
        jb_clean_scan(label, depth + 1, label_tok, &acc);
        for (size_t k = 0; k < acc.images; k++)
          fn(ud, JB_TOK_IMAGE, none, url); /* a linked image */
        fn(ud, JB_TOK_LINK, jb_buf_str(&acc.text), url);
        jb_buf_free(&acc.text);
      }
      i = start = end;
      continue;
    }
    /* Residue of a link split over two lines: "](url)". */
    if (c == ']' && i + 1 < s.n && s.p[i + 1] == '(') {
      size_t k = i + 2;
      while (k < s.n && s.p[k] != ')' && s.p[k] != ' ')
        k++;
      if (k < s.n && s.p[k] == ')') {
        if (i > start)
          fn(ud, JB_TOK_TEXT, jb_str_make(s.p + start, i - start), none);
        fn(ud, JB_TOK_IMAGE, none, jb_str_make(s.p + i + 2, k - i - 2));
        i = start = k + 1;
        continue;
      }
    }
    if (c == '*' && i + 1 < s.n && s.p[i + 1] == '*') {
      if (i > start)
        fn(ud, JB_TOK_TEXT, jb_str_make(s.p + start, i - start), none);
      fn(ud, JB_TOK_BOLD, none, none);
      i = start = i + 2;
      continue;
    }
    i++;
  }
  if (i > start)
    fn(ud, JB_TOK_TEXT, jb_str_make(s.p + start, i - start), none);
}

/* Markdown heading level and list marker at the start of a line; returns
 * the line without them. */
jb_str
jb_clean_block_marks(jb_str t, int *heading, bool *item, int *number)
{
  *heading = 0;
  *item = false;
  *number = 0;
  t = jb_str_trim(t);
  size_t h = 0;
  while (h < t.n && h < 7 && t.p[h] == '#')
    h++;
  if (h >= 1 && h <= 6 && h < t.n && t.p[h] == ' ') {
    *heading = (int)h;
    return jb_str_trim(jb_str_skip(t, h));
  }
  if (t.n >= 2 && (t.p[0] == '-' || t.p[0] == '*' || t.p[0] == '+') &&
      t.p[1] == ' ') {
    *item = true;
    return jb_str_trim(jb_str_skip(t, 2));
  }
  if (jb_str_starts(t, "• ") || jb_str_starts(t, "· ")) {
    *item = true;
    return jb_str_trim(jb_str_skip(t, jb_str_starts(t, "• ") ? 4 : 3));
  }
  return t;
}

/* ---- features ------------------------------------------------------------ */

typedef struct feat_acc {
  jb_line_info *info;
  jb_buf *visible; /* may be NULL */
  uint32_t last;   /* last visible non-space code point */
  uint32_t before; /* the one before it */
} feat_acc;

static void
count_text(feat_acc *acc, jb_str text, bool link)
{
  jb_line_info *in = acc->info;
  jb_str it = text;
  while (it.n) {
    jb_str before = it;
    uint32_t cp = jb_utf8_next(&it);
    /* A bare URL counts as link text. */
    if (!link && (cp == 'h' || cp == 'w') && (jb_str_starts(before, "http://") ||
                  jb_str_starts(before, "https://") ||
                  jb_str_starts(before, "www."))) {
      size_t k = 0;
      while (k < before.n && !jb_cp_is_space((unsigned char)before.p[k]) &&
             (unsigned char)before.p[k] < 0x80)
        k++;
      in->links++;
      in->link_cps += k;
      in->cps += k;
      if (acc->visible)
        jb_buf_put(acc->visible, before.p, k);
      it = jb_str_skip(before, k);
      acc->before = acc->last;
      acc->last = '/';
      continue;
    }
    if (acc->visible)
      jb_buf_put(acc->visible, before.p, (size_t)(it.p - before.p));
    if (cp == '*' || cp == '#' || jb_cp_is_space(cp))
      continue;
    in->cps++;
    if (link)
      in->link_cps++;
    if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F)
      in->stops++;
    if (jb_cp_is_han(cp)) {
      in->han++;
      in->letters++;
    } else if (jb_cp_is_alnum(cp) || (cp >= 0xFF10 && cp <= 0xFF5A && !jb_cp_is_cjk_punct(cp))) {
      in->letters++;
    }
    acc->before = acc->last;
    acc->last = cp;
  }
}

static void
feat_tok(void *ud, jb_tok t, jb_str text, jb_str url)
{
  (void)url;
  feat_acc *acc = ud;
  switch (t) {
  case JB_TOK_TEXT:
    count_text(acc, text, false);
    break;
  case JB_TOK_LINK:
    acc->info->links++;
    count_text(acc, text, true);
    break;
  case JB_TOK_IMAGE:
    acc->info->images++;
    break;
  case JB_TOK_BOLD:
    break;
  }
}

static bool
sentence_final(uint32_t cp)
{
  return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' ||
         cp == '?' || cp == 0x2026 || cp == 0xFF1B || cp == 0x201D ||
         cp == 0x300D || cp == 0x300F;
}

void
jb_clean_features(jb_str line, jb_line_info *info, jb_buf *visible)
{
  memset(info, 0, sizeof *info);
  bool item;
  int number;
  jb_str t = jb_clean_block_marks(line, &info->heading, &item, &number);
  info->list_item = item;
  if (!item && t.n >= 3) {
    size_t k = 0;
    while (k < t.n && t.p[k] >= '0' && t.p[k] <= '9')
      k++;
    if (k && k <= 3 && k + 1 < t.n && t.p[k] == '.' && t.p[k + 1] == ' ')
      info->list_item = true;
  }
  feat_acc acc = {info, visible, 0, 0};
  jb_clean_scan(t, 0, feat_tok, &acc);
  /* A straight quote closing a sentence: 他说："好。" */
  info->sentence_end = sentence_final(acc.last) ||
                       ((acc.last == '"' || acc.last == '\'') && sentence_final(acc.before));
}

void
jb_clean_line_info(jb_str line, jb_line_info *info)
{
  jb_clean_features(line, info, NULL);
}

jb_drop
jb_clean_verdict(const jb_line_info *in, jb_str visible, const char **why)
{
  *why = NULL;
  if (in->cps == 0 || in->letters == 0) {
    *why = in->images ? "no text but images" : in->cps ? "no letters" : "markup only";
    return in->images ? JB_DROP_IMAGE : in->links && !in->cps ? JB_DROP_LINK_ONLY
                                                             : JB_DROP_PUNCT;
  }
  /* Link density (jusText, trafilatura): mostly link text and no sentence. */
  if (in->links && in->link_cps * 10 >= in->cps * LINK_SHARE_TENTHS &&
      !in->sentence_end) {
    *why = "link density";
    return JB_DROP_LINK_ONLY;
  }
  if (in->cps <= COPYRIGHT_MAX_CP && (*why = phrase_in(visible, footer_phrases)))
    return JB_DROP_COPYRIGHT;
  jb_str v = jb_str_trim(visible);
  if ((*why = phrase_is(v, widget_lines)))
    return JB_DROP_CHROME;
  if (in->cps <= CHROME_MAX_CP && (*why = phrase_in(v, chrome_phrases)))
    return JB_DROP_CHROME;
  return JB_DROP_NONE;
}

jb_drop
jb_clean_classify(jb_str line, const jb_line_info *info, const char **why)
{
  jb_buf vis = JB_BUF_INIT;
  jb_line_info tmp;
  jb_clean_features(line, &tmp, &vis);
  jb_drop d = jb_clean_verdict(info, jb_buf_str(&vis), why);
  jb_buf_free(&vis);
  return d;
}
