/* clean_family.c - clean stage: the families of page debris, each a named
 * rule on one paragraph without context (research/cleaning.md §1), and the
 * class of what is left. Phrases are evidence, not rules: they count only
 * on short paragraphs, never in a markdown heading, and a common word
 * counts only where no Han character touches it (字号 is page chrome in
 * "字号：大 中 小", not in "老字号"). Both scripts are listed because
 * cleaning runs before conversion. */
#include <pthread.h>
#include <stdlib.h>

#include "clean_int.h"
#include "meta.h"
#include "utf8.h"

#define CHROME_MAX_CP 40     /* chrome phrases count only on short paragraphs */
#define PLACEHOLDER_MAX_CP 300 /* file names of pictures in brackets */
#define CHROME_TWO_MAX_CP 100 /* or with two of them */
#define COPYRIGHT_MAX_CP 200 /* footers run longer */
#define CAPTION_MAX_CP 80    /* a caption is a line or two */
#define ACCOUNT_ABOUT_MAX_CP 150 /* an account card's description */
#define LABEL_MAX_CP 60      /* editor tags, inline related links */
#define RELATED_MAX_CP 120   /* （延伸阅读：…） with its title */
#define BYLINE_MAX_CP 150    /* longest byline */
#define HEAD_MAX_CP 24       /* the heading of a comment or related block */
#define LINK_SHARE_TENTHS 8  /* link text share that makes a link line */
#define GOOD_MIN_CP 25       /* sentence text is at least this long */
#define MARK_GAP_MAX 100     /* text runs no longer than this between marks */
#define SOUP_MIN_CP 200      /* an unpunctuated run this long is a keyword list */

/* ---- matching ---------------------------------------------------------------- */

typedef enum pmode {
  P_ANY,   /* anywhere in the paragraph: a phrase only page chrome uses */
  P_DELIM  /* a common word: no Han character against either end */
} pmode;

typedef struct phrase {
  const char *text;
  const char *family; /* the reason the report gives */
  pmode mode;
} phrase;

/* Code point before offset i of s (0 at the start). */
static uint32_t
cp_before(jb_str s, size_t i)
{
  return i ? jb_utf8_last(jb_str_make(s.p, i), NULL) : 0;
}

static uint32_t
cp_at(jb_str s, size_t i)
{
  jb_str it = jb_str_skip(s, i);
  return it.n ? jb_utf8_next(&it) : 0;
}

/* True if needle occurs in s with no Han character against either end. */
static bool
find_delim(jb_str s, const char *needle)
{
  size_t n = strlen(needle);
  for (jb_str rest = s; rest.n >= n;) {
    long at = jb_str_find(rest, needle);
    if (at < 0)
      return false;
    size_t i = (size_t)(rest.p - s.p) + (size_t)at;
    if (!jb_cp_is_han(cp_before(s, i)) && !jb_cp_is_han(cp_at(s, i + n)))
      return true;
    rest = jb_str_skip(s, i + 1);
  }
  return false;
}

/* A 64-bit sketch of the characters in s: a phrase whose sketch has a bit
 * the paragraph's lacks cannot be in it, and is not searched for. */
static uint64_t
sketch(jb_str s)
{
  uint64_t m = 0;
  for (jb_str it = s; it.n;)
    m |= 1ull << ((jb_utf8_next(&it) * 2654435761u) >> 26 & 63);
  return m;
}

/* A list of phrases with the sketch of each, made once. */
typedef struct phrases {
  const phrase *list;
  uint64_t *sk;
} phrases;

static bool
phrase_at(jb_str s, uint64_t sk, const phrases *ps, int k)
{
  if (ps->sk[k] & ~sk)
    return false;
  const phrase *p = &ps->list[k];
  return p->mode == P_ANY ? jb_str_find(s, p->text) >= 0 : find_delim(s, p->text);
}

/* Phrases of the list in s that only page chrome uses (not common words). */
static size_t
phrases_in(jb_str s, const phrases *ps)
{
  size_t n = 0;
  uint64_t sk = sketch(s);
  for (int k = 0; ps->list[k].text; k++)
    n += ps->list[k].mode == P_ANY && phrase_at(s, sk, ps, k);
  return n;
}

static const char *
phrase_in(jb_str s, const phrases *ps)
{
  uint64_t sk = sketch(s);
  for (int k = 0; ps->list[k].text; k++)
    if (phrase_at(s, sk, ps, k))
      return ps->list[k].family;
  return NULL;
}

/* Decoration around a label or heading: brackets, separators, marks. */
static bool
is_decor(uint32_t cp)
{
  switch (cp) {
  case ' ': case '\t': case 0x3000: case 0xA0: case '[': case ']': case '(': case ')':
  case 0x3010: case 0x3011: case 0xFF08: case 0xFF09: case 0x300C: case 0x300D:
  case 0x300E: case 0x300F: case '<': case '>': case 0xFF1C: case 0xFF1E: case ':':
  case 0xFF1A: case '|': case 0x4E28: case 0xFF5C: case '/': case 0xFF0F: case 0xB7:
  case 0x2022: case '*': case '#': case '-': case 0x2014: case '_': case '~':
  case 0xFF5E: case 0x25A0: case 0x25A1: case 0x25CF: case 0x25C6: case 0x25B6:
  case 0x25BA: case 0x2605: case 0x2606: case '=': case 0x3001: case 0xFF0C: case ',':
  case 0x3002: case '.': case 0xFF01: case '!': case 0x300A: case 0x300B:
    return true;
  default:
    return false;
  }
}

/* s without decoration at either end. */
static jb_str
bare(jb_str s)
{
  while (s.n) {
    jb_str it = s;
    if (!is_decor(jb_utf8_next(&it)))
      break;
    s = it;
  }
  while (s.n) {
    size_t len;
    if (!is_decor(jb_utf8_last(s, &len)))
      break;
    s.n -= len;
  }
  return s;
}




static bool
is_colon_or_bar(uint32_t cp)
{
  return cp == ':' || cp == 0xFF1A || cp == '|' || cp == 0xFF5C || cp == 0x4E28 ||
         cp == '/' || cp == 0xFF0F;
}

/* A label of list before a colon, bar or slash, with no Han character
 * against its start: "责任编辑：张三". Returns the offset after the
 * separator, or -1. Only separators are looked for, then the labels that
 * end there: most paragraphs have none. */
static long
label_at(jb_str s, const char *const *list)
{
  for (jb_str it = s; it.n;) {
    size_t at = (size_t)(it.p - s.p);
    if (!is_colon_or_bar(jb_utf8_next(&it)))
      continue;
    size_t end = at;
    while (end && s.p[end - 1] == ' ')
      end--;
    if (end >= 3 && !memcmp(s.p + end - 3, "\xE3\x80\x80", 3))
      end -= 3;
    for (int k = 0; list[k]; k++) {
      size_t n = strlen(list[k]);
      if (n <= end && !memcmp(s.p + end - n, list[k], n) && !jb_cp_is_han(cp_before(s, end - n)))
        return (long)(it.p - s.p);
    }
  }
  return -1;
}

/* ---- the families -------------------------------------------------------------- */

static const phrase footer_phrases[] = {
    {"©", "copyright", P_ANY}, {"Copyright", "copyright", P_ANY},
    {"COPYRIGHT", "copyright", P_ANY}, {"copyright", "copyright", P_ANY},
    {"版权所有", "copyright", P_ANY}, {"版權所有", "copyright", P_ANY},
    {"All Rights Reserved", "copyright", P_ANY}, {"All rights reserved", "copyright", P_ANY},
    {"ICP备", "licence", P_ANY}, {"ICP備", "licence", P_ANY}, {"ICP证", "licence", P_ANY},
    {"ICP證", "licence", P_ANY}, {"公网安备", "licence", P_ANY}, {"公網安備", "licence", P_ANY},
    {"网安备", "licence", P_ANY}, {"增值电信业务", "licence", P_ANY},
    {"新闻信息服务许可", "licence", P_ANY}, {"互联网新闻信息服务", "licence", P_ANY},
    {NULL, NULL, P_ANY}};

static const phrase chrome_phrases[] = {
    {"扫一扫", "qr-code", P_ANY}, {"掃一掃", "qr-code", P_ANY}, {"扫码", "qr-code", P_DELIM},
    {"掃碼", "qr-code", P_DELIM}, {"扫码关注", "qr-code", P_ANY}, {"扫码下载", "qr-code", P_ANY},
    {"微信扫码", "qr-code", P_ANY}, {"扫描二维码", "qr-code", P_ANY},
    {"长按识别", "qr-code", P_ANY}, {"長按識別", "qr-code", P_ANY},
    {"长按二维码", "qr-code", P_ANY}, {"二维码", "qr-code", P_DELIM}, {"二維碼", "qr-code", P_DELIM},
    {"分享到", "share", P_ANY}, {"分享至", "share", P_ANY}, {"分享本文", "share", P_ANY},
    {"分享給", "share", P_ANY}, {"朋友圈", "share", P_DELIM}, {"点赞", "share", P_DELIM},
    {"點讚", "share", P_DELIM}, {"转发", "share", P_DELIM}, {"轉發", "share", P_DELIM},
    {"订阅", "subscribe", P_DELIM}, {"訂閱", "subscribe", P_DELIM}, {"征订", "subscribe", P_ANY},
    {"邮发代号", "subscribe", P_ANY}, {"欢迎关注", "subscribe", P_ANY},
    {"歡迎關注", "subscribe", P_ANY}, {"公众号", "subscribe", P_DELIM},
    {"公眾號", "subscribe", P_DELIM}, {"倾力推荐", "subscribe", P_ANY},
    {"加入会员", "subscribe", P_DELIM}, {"加入會員", "subscribe", P_DELIM},
    {"付费会员", "paywall", P_ANY}, {"付費會員", "paywall", P_ANY},
    {"会员专享", "paywall", P_ANY}, {"會員專享", "paywall", P_ANY},
    {"付费阅读", "paywall", P_ANY}, {"付費閱讀", "paywall", P_ANY},
    {"阅读原文", "app-ui", P_ANY}, {"閱讀原文", "app-ui", P_ANY}, {"轻点两下", "app-ui", P_ANY},
    {"滑动看下一个", "app-ui", P_ANY}, {"标签不可点", "app-ui", P_ANY},
    {"小程序", "app-ui", P_DELIM}, {"下载APP", "app-ui", P_ANY}, {"下載APP", "app-ui", P_ANY},
    {"打开APP", "app-ui", P_ANY}, {"打開APP", "app-ui", P_ANY}, {"APP专享", "app-ui", P_ANY},
    {"APP專享", "app-ui", P_ANY}, {"下载客户端", "app-ui", P_ANY},
    {"下載客戶端", "app-ui", P_ANY}, {"客户端下载", "app-ui", P_ANY},
    {"客戶端下載", "app-ui", P_ANY}, {"点击下图", "app-ui", P_ANY},
    {"點擊下圖", "app-ui", P_ANY}, {"了解详情", "app-ui", P_DELIM},
    {"无法播放", "media-player", P_ANY}, {"無法播放", "media-player", P_ANY},
    {"不支持播放", "media-player", P_ANY}, {"浏览器版本", "media-player", P_ANY},
    {"當前位置", "navigation", P_ANY}, {"当前位置", "navigation", P_ANY},
    {"上一篇", "navigation", P_ANY}, {"下一篇", "navigation", P_ANY},
    {"上一則", "navigation", P_ANY}, {"下一則", "navigation", P_ANY},
    {"返回顶部", "navigation", P_ANY}, {"回到顶部", "navigation", P_ANY},
    {"回到頂部", "navigation", P_ANY}, {"返回首页", "navigation", P_ANY},
    {"設為首頁", "navigation", P_ANY}, {"设为首页", "navigation", P_ANY},
    {"收藏本站", "navigation", P_ANY}, {"关闭窗口", "navigation", P_ANY},
    {"關閉窗口", "navigation", P_ANY}, {"打印本页", "navigation", P_ANY},
    {"打印本頁", "navigation", P_ANY}, {"字号", "navigation", P_DELIM},
    {"字號", "navigation", P_DELIM}, {"调整字体", "navigation", P_ANY},
    {"關鍵字", "tags", P_DELIM}, {"关键字", "tags", P_DELIM}, {"关键词", "tags", P_DELIM},
    {"關鍵詞", "tags", P_DELIM},
    {"未经授权", "rights", P_ANY}, {"未經授權", "rights", P_ANY}, {"禁止转载", "rights", P_ANY},
    {"禁止轉載", "rights", P_ANY}, {"如需授权", "rights", P_ANY}, {"版权说明", "rights", P_ANY},
    {"版權說明", "rights", P_ANY}, {"转载请注明", "rights", P_ANY},
    {"轉載請註明", "rights", P_ANY}, {"不得转载", "rights", P_ANY}, {"不得轉載", "rights", P_ANY},
    {"免责", "disclaimer", P_DELIM}, {"免責", "disclaimer", P_DELIM},
    {"举报", "disclaimer", P_DELIM}, {"舉報", "disclaimer", P_DELIM},
    {"浏览数", "counter", P_ANY}, {"瀏覽數", "counter", P_ANY}, {"阅读数", "counter", P_ANY},
    {"閱讀數", "counter", P_ANY}, {"阅读量", "counter", P_ANY}, {"閱讀量", "counter", P_ANY},
    {"浏览次数", "counter", P_ANY}, {"瀏覽次數", "counter", P_ANY},
    {"微信：", "contact", P_ANY}, {"微信:", "contact", P_ANY}, {"热线", "contact", P_DELIM},
    {"熱線", "contact", P_DELIM}, {"电话：", "contact", P_ANY}, {"電話：", "contact", P_ANY},
    {"邮箱：", "contact", P_ANY}, {"郵箱：", "contact", P_ANY}, {"客服", "contact", P_DELIM},
    {"文档简介", "document-site", P_ANY}, {"文檔簡介", "document-site", P_ANY},
    {"提供计算与安全服务", "hosting", P_ANY}, {"技术支持：", "hosting", P_ANY},
    {"技術支持：", "hosting", P_ANY}, {"Powered by", "hosting", P_ANY},
    {"Powered By", "hosting", P_ANY},
    {NULL, NULL, P_ANY}};

/* Statements of rights: they close an article. */
static const phrase rights_phrases[] = {
    {"未经授权", "rights", P_ANY}, {"未經授權", "rights", P_ANY}, {"禁止转载", "rights", P_ANY},
    {"禁止轉載", "rights", P_ANY}, {"不得转载", "rights", P_ANY}, {"不得轉載", "rights", P_ANY},
    {"转载请注明", "rights", P_ANY}, {"轉載請註明", "rights", P_ANY},
    {"转载请联系", "rights", P_ANY}, {"轉載請聯繫", "rights", P_ANY},
    {"版权归原作者", "rights", P_ANY}, {"版權歸原作者", "rights", P_ANY},
    {NULL, NULL, P_ANY}};

static uint64_t footer_sk[sizeof footer_phrases / sizeof footer_phrases[0]];
static uint64_t chrome_sk[sizeof chrome_phrases / sizeof chrome_phrases[0]];
static uint64_t rights_sk[sizeof rights_phrases / sizeof rights_phrases[0]];
static const phrases footer = {footer_phrases, footer_sk};
static const phrases chrome = {chrome_phrases, chrome_sk};
static const phrases rights = {rights_phrases, rights_sk};
static pthread_once_t sketched = PTHREAD_ONCE_INIT;

static void
sketch_phrases(void)
{
  const phrases *all[] = {&footer, &chrome, &rights};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    for (int k = 0; all[i]->list[k].text; k++)
      all[i]->sk[k] = sketch(jb_str_c(all[i]->list[k].text));
}

/* Whole paragraphs that are a widget's word: weak evidence, since a word
 * such as 分析 can be a heading too. */
static const char *const widget_words[] = {
    "取消", "允许", "知道了", "赞", "在看", "分享", "留言", "收藏", "听过", "视频", "评论",
    "評論", "搜索", "登录", "登錄", "注册", "註冊", "关注", "關注", "修改于", "展开更多",
    "提交评论", "分析", "首页", "首頁", "更多", "返回", "打印", "列印", "纠错", "×", "x",
    "X", "举报", "舉報", "确定", "確定", "取消确认", "发表", "發表", "原创", "原創",
    "展开全文", "展開全文", "收起", "全文", "查看全文", "我要投稿", "投稿", "退出",
    "菜单", "選單", "导航", "导航栏", "客户端", "手机版", "手機版", "电脑版", "電腦版",
    "English", "ENGLISH", "Submit", "SUBMIT", "Search", "Menu", "Login", "Close",
    "简体", "繁体", "繁體", "簡體", NULL};

/* Headings of a notice block: what follows is not the article. */
static const char *const notice_heads[] = {
    "温馨提示", "溫馨提示", "免责声明", "免責聲明", "版权声明", "版權聲明", "版权说明",
    "版權說明", "郑重声明", "鄭重聲明", "法律声明", "法律聲明", "特别声明",
    "特別聲明", "最新文档", "最新文檔", "声明", "聲明", NULL};

/* A statement the article may quote (声明：公司…): not an end. */
static const char *const bare_notice[] = {"声明", "聲明", NULL};

/* Headings of a list of other articles. */
static const char *const related_heads[] = {
    "相关推荐", "相關推薦", "相关文章", "相關文章", "相关阅读", "相關閱讀", "相关新闻",
    "相關新聞", "相关报道", "相關報道", "相关链接", "相關鏈接", "热门文章", "熱門文章",
    "热门推荐", "熱門推薦", "热门新闻", "熱門新聞", "热点新闻", "熱點新聞", "猜你喜欢",
    "猜你喜歡", "延伸阅读", "延伸閱讀", "推荐阅读", "推薦閱讀", "精彩推荐", "精彩推薦",
    "最新文章", "为您推荐", "為您推薦", "更多新闻", "更多新聞", "更多精彩", "推荐视频",
    "推薦視頻", "今日推荐", "今日推薦", "大家都在看", "作者最新文章", "小编最近文章",
    "小編最近文章", "作者最近文章", "相关搜索", "相關搜索", "往期回顾", "往期回顧",
    "往期推荐", "往期推薦", "专题推荐", "專題推薦", "延伸推荐", "延伸推薦", "延伸 · 推荐",
    "延伸 · 推薦", "热门标签", "熱門標籤", "热门阅读", "熱門閱讀", "编辑推荐", "編輯推薦",
    "图片推荐", "圖片推薦", "视频推荐", "視頻推薦", "最新新闻", "最新新聞", "点击排行",
    "點擊排行", "排行榜", "阅读排行", "閱讀排行", "相关资讯", "相關資訊", "热门资讯",
    "熱門資訊", "最新资讯", "最新資訊", "推荐", "推薦", NULL};

/* Headings of a comment section. */
static const char *const comment_heads[] = {
    "热门评论", "熱門評論", "最新评论", "最新評論", "网友评论", "網友評論", "全部评论",
    "全部評論", "发表评论", "發表評論", "我要评论", "我要評論", "评论区", "評論區",
    "参与评论", "參與評論", "用户评论", "用戶評論", "精彩评论", "精彩評論", "热评", "熱評",
    "跟帖", "跟贴", "评论", "評論", "条评论", "條評論", "人参与", "人參與", "网友跟帖",
    "網友跟帖", "留言板", "读者留言", "讀者留言", "精选留言", "精選留言", "写留言", "寫留言",
    NULL};

/* Labels of an editor tag (the article's end). */
static const char *const editor_labels[] = {
    "责任编辑", "責任編輯", "编辑", "編輯", "责编", "責編", "校对", "校對", "审核", "審核",
    "监制", "監製", "策划", "策劃", "美编", "美編", "值班编辑", "值班編輯", "总监制",
    "總監製", "审校", "審校", "终审", "終審", "初审", "初審", "复审", "複審", NULL};

/* End marks of an article. */
static const char *const end_marks[] = {"完", "全文完", "END", "End", "end", "本文完", NULL};

/* Labels that open an inline link to another article. */
static const char *const related_labels[] = {
    "延伸阅读", "延伸閱讀", "相关阅读", "相關閱讀", "推荐阅读", "推薦閱讀", "相关新闻",
    "相關新聞", "此前报道", "此前報道", "相关报道", "相關報道", "相关链接", "相關鏈接",
    "更多新闻", "更多新聞", "往期回顾", "往期回顧", "点击进入", "點擊進入", "阅读更多",
    "閱讀更多", NULL};

/* Opening words of a photo caption or credit. */
static const char *const caption_starts[] = {
    "图为", "圖為", "图：", "圖：", "图:", "圖:", "图/", "圖/", "图／", "圖／", "▲", "△",
    "↑", "上图", "上圖", "下图", "下圖", "左图", "左圖", "右图", "右圖", "图片：",
    "圖片：", "图片来源", "圖片來源", "图片说明", "圖片說明", "资料图", "資料圖", "配图",
    "配圖", "图注", "圖註", "图源", "圖源", "摄影：", "攝影：", "摄影/", "攝影/", NULL};

/* Closing words of a caption or credit, before any closing bracket. */
static const char *const caption_ends[] = {
    "摄", "攝", "摄影", "攝影", "供图", "供圖", "资料图", "資料圖", "资料图片",
    "資料圖片", "视频截图", "視頻截圖", "截图", "截圖", "网络图片", "網絡圖片",
    "视觉中国", "視覺中國", "新华社发", "新華社發", "图片来自网络", "圖片來自網絡",
    "东方IC", "東方IC", "图虫创意", "圖蟲創意", NULL};

/* A label of list opening t, then a colon, bar or slash: the offset after
 * the separator, or -1. */
static long
label_start(jb_str t, const char *const *list)
{
  for (int k = 0; list[k]; k++) {
    if (!jb_str_starts(t, list[k]))
      continue;
    jb_str it = jb_str_trim(jb_str_skip(t, strlen(list[k])));
    if (it.n && is_colon_or_bar(jb_utf8_next(&it)))
      return (long)(it.p - t.p);
  }
  return -1;
}

/* Whole paragraph in brackets that names a photo credit: (图/某某),
 * （图片来源：某社）. */
static bool
credit_in_brackets(jb_str v)
{
  jb_str t = jb_str_trim(v);
  size_t len;
  uint32_t last = jb_utf8_last(t, &len);
  if (last != ')' && last != 0xFF09)
    return false;
  long open = -1;
  for (size_t i = 0; i < t.n; i++)
    if (t.p[i] == '(')
      open = (long)i + 1;
    else if (jb_str_starts(jb_str_skip(t, i), "（"))
      open = (long)i + 3;
  if (open < 0)
    return false;
  jb_str in = jb_str_sub(t, (size_t)open, t.n - len - (size_t)open);
  static const char *const credit[] = {"图", "圖", "图片", "圖片", "图源", "圖源",
                                       "图片来源", "圖片來源", "摄影", "攝影", NULL};
  return label_start(in, credit) >= 0;
}

static bool
is_caption(jb_str v, const jb_line_info *in)
{
  if (in->cps > CAPTION_MAX_CP || in->heading)
    return false;
  jb_str t = jb_str_trim(v);
  if (jb_str_starts_any(t, caption_starts))
    return true;
  static const char *const credits[] = {"摄影", "攝影", "图片来源", "圖片來源", "图源", "圖源",
                                        "图片提供", "圖片提供", "供图", "供圖", NULL};
  if (label_at(v, credits) >= 0)
    return true;
  jb_str b = bare(t);
  if (jb_str_ends_any(b, caption_ends) && in->stops <= 1)
    return true;
  return credit_in_brackets(t);
}

/* An editor tag or an end mark: （责任编辑：张三）, 编辑|李四, （完）, (ab). */
static bool
is_editor_tag(jb_str v, const jb_line_info *in)
{
  if (in->cps > LABEL_MAX_CP || in->stops)
    return false;
  jb_str b = bare(v);
  if (jb_str_eq_any(b, end_marks))
    return true;
  /* (a dated line with an editor among its fields is the byline) */
  char date[11];
  long at = label_at(v, editor_labels);
  if (at >= 0 && jb_utf8_count(jb_str_skip(v, (size_t)at)) <= 24 && jb_meta_find_date(v, date) < 0)
    return true;
  /* An end tag of initials: (ab), （kj） */
  jb_str t = jb_str_trim(v);
  bool open = jb_str_starts(t, "(") || jb_str_starts(t, "（");
  if (open && (jb_str_ends(t, ")") || jb_str_ends(t, "）"))) {
    size_t letters = 0;
    for (jb_str it = b; it.n;) {
      uint32_t cp = jb_utf8_next(&it);
      if (!((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')))
        return false;
      letters++;
    }
    return letters >= 1 && letters <= 4;
  }
  return false;
}

/* A line that is only bracketed tokens without text around them: the alt
 * text or file name a text browser shows for an image ([5c7f7d82bd],
 * [W020200310838318651557]) or a form control ((BUTTON), [SUBMIT]). */
static bool
is_placeholder(jb_str v, const jb_line_info *in)
{
  if (in->cps > PLACEHOLDER_MAX_CP)
    return false;
  jb_str t = jb_str_trim(v);
  size_t tokens = 0;
  while (t.n) {
    char open = t.p[0];
    char close = open == '[' ? ']' : open == '(' ? ')' : 0;
    if (!close)
      return false;
    const char *end = memchr(t.p, close, t.n);
    if (!end)
      return false;
    jb_str inner = jb_str_make(t.p + 1, (size_t)(end - t.p) - 1);
    /* A file name or an id, or a short description or form prompt (with
     * brackets alone it is still no text of the article). */
    if (open == '(' && jb_str_find(inner, "BUTTON") < 0 && jb_str_find(inner, "IMAGE") < 0)
      return false;
    bool han = false;
    for (jb_str it = inner; it.n && !han;)
      han = jb_cp_is_han(jb_utf8_next(&it));
    if (han && jb_utf8_count(inner) > CHROME_MAX_CP / 2)
      return false;
    tokens++;
    t = jb_str_trim(jb_str_skip(t, (size_t)(end - t.p) + 1));
    while (t.n && (t.p[0] == '-' || t.p[0] == '|'))
      t = jb_str_trim(jb_str_skip(t, 1));
  }
  return tokens > 0;
}

/* Breadcrumbs: a few short items between separators (首页 > 国际 > 正文),
 * or a location label (当前位置：, 您的位置：). */
static bool
is_breadcrumb(jb_str v, const jb_line_info *in)
{
  if (in->cps > 80 || in->stops)
    return false;
  static const char *const seps[] = {">", "＞", "»", "›", "→", "-&gt;", NULL};
  size_t nsep = 0, longest = 0, item = 0;
  for (jb_str it = v; it.n;) {
    bool sep = false;
    for (int k = 0; seps[k]; k++)
      if (jb_str_starts(it, seps[k])) {
        it = jb_str_skip(it, strlen(seps[k]));
        while (it.n && it.p[0] == '>')
          it = jb_str_skip(it, 1);
        sep = true;
        break;
      }
    if (sep) {
      nsep++;
      item = 0;
      continue;
    }
    uint32_t cp = jb_utf8_next(&it);
    if (!jb_cp_is_space(cp) && cp != '\\' && ++item > longest)
      longest = item;
  }
  static const char *const places[] = {"首页", "首頁", "正文", "主页", "主頁", NULL};
  bool home = false;
  for (int k = 0; places[k]; k++)
    home |= find_delim(v, places[k]);
  static const char *const where[] = {"当前位置", "當前位置", "您的位置", "您现在的位置",
                                      "您現在的位置", "现在位置", "現在位置", "所在位置",
                                      "位置", NULL};
  if (label_at(v, where) >= 0 && (nsep || home || in->cps <= 30))
    return true;
  return longest <= 16 && (nsep >= 2 || (nsep == 1 && home));
}

/* A line of a self-media account's card: its id (微信号 abc_123, 公众号ID：
 * abc) alone, or its labelled description (功能介绍 …). The card heads a
 * post; its name is the publisher (clean_meta.c reads it from here). */
static const char *
account_card(jb_str v, const jb_line_info *in)
{
  static const char *const ids[] = {"微信号", "微信號", "公众号ID", "公眾號ID", "公众号", "公眾號",
                                    NULL};
  static const char *const about[] = {"功能介绍", "功能介紹", NULL};
  jb_str t = jb_str_trim(v);
  size_t k = jb_str_starts_any(t, ids);
  if (k) {
    jb_str rest = jb_str_skip(t, k);
    while (rest.n && (rest.p[0] == ' ' || rest.p[0] == ':'))
      rest = jb_str_skip(rest, 1);
    if (jb_str_starts(rest, "\xEF\xBC\x9A")) /* ： */
      rest = jb_str_skip(rest, 3);
    rest = jb_str_trim(rest);
    size_t n = 0;
    while (n < rest.n && ((rest.p[n] >= 'a' && rest.p[n] <= 'z') || (rest.p[n] >= 'A' && rest.p[n] <= 'Z') ||
                          (rest.p[n] >= '0' && rest.p[n] <= '9') || rest.p[n] == '_' || rest.p[n] == '-'))
      n++;
    if (n >= 3 && n <= 30 && n == rest.n)
      return "an account's id";
  }
  if (in->cps <= ACCOUNT_ABOUT_MAX_CP && jb_str_starts_any(t, about))
    return "an account's description";
  return NULL;
}

/* A price or quote line: a name, a price and a signed change (中兴通讯
 * 36.84 +10.00%). */
static bool
is_ticker(jb_str v, const jb_line_info *in)
{
  if (in->cps > CHROME_MAX_CP || in->stops || in->commas)
    return false;
  bool percent = jb_str_find(v, "%") >= 0, sign = false, decimal = false;
  for (size_t i = 0; i + 1 < v.n; i++) {
    char c = v.p[i], d = v.p[i + 1];
    sign |= (c == '+' || c == '-') && d >= '0' && d <= '9' && (i == 0 || v.p[i - 1] == ' ');
    decimal |= c == '.' && d >= '0' && d <= '9' && i > 0 && v.p[i - 1] >= '0' && v.p[i - 1] <= '9';
  }
  return percent && sign && decimal;
}

/* Words of counters, timestamps and reply buttons under a post: 57人参与
 * 11评论, 回复 踩0 赞85, 3小时前. */
static const char *const counter_words[] = {
    "人参与", "人參與", "条评论", "條評論", "评论", "評論", "次阅读", "次閱讀", "阅读",
    "閱讀", "次浏览", "次瀏覽", "浏览", "瀏覽", "人收藏", "收藏", "点赞", "點讚", "赞",
    "讚", "转发", "轉發", "分享", "举报", "舉報", "跟贴", "跟帖", "查看回复", "查看回覆",
    "回复", "回覆", "踩", "小时前", "小時前", "分钟前", "分鐘前", "天前", "秒前", "刚刚",
    "剛剛", "昨天", "前天", "人", "条", "條", "次", "楼", "樓", NULL};

/* A relative time standing alone (昨天, 刚刚 12:30): a post's date. */
static bool
is_relative_time(jb_str v)
{
  static const char *const words[] = {"昨天", "前天", "今天", "刚刚", "剛剛", NULL};
  jb_str t = jb_str_trim(v);
  for (int k = 0; words[k]; k++)
    if (jb_str_starts(t, words[k])) {
      for (jb_str it = jb_str_skip(t, strlen(words[k])); it.n;) {
        uint32_t cp = jb_utf8_next(&it);
        if (!(cp >= '0' && cp <= '9') && cp != ':' && cp != ' ')
          return false;
      }
      return true;
    }
  return false;
}

bool
jb_clean_is_clock(jb_str v)
{
  jb_str t = jb_str_trim(v);
  size_t digits = 0, colons = 0;
  if (t.n > 20)
    return false;
  for (size_t i = 0; i < t.n; i++) {
    char c = t.p[i];
    if (c == ':') {
      if (!i || !jb_is_digit(t.p[i - 1]) || i + 1 >= t.n || !jb_is_digit(t.p[i + 1]))
        return false;
      colons++;
    } else if (jb_is_digit(c)) {
      digits++;
    } else if (c != '/' && c != ' ') {
      return false;
    }
  }
  return colons && digits >= 3;
}

static bool
is_counter(jb_str v, const jb_line_info *in)
{
  if (in->cps > 30 || in->stops || !in->han)
    return false;
  bool digit = false;
  for (jb_str it = v; it.n;) {
    if (it.p[0] >= '0' && it.p[0] <= '9') {
      digit = true;
      it = jb_str_skip(it, 1);
      continue;
    }
    size_t word = jb_str_starts_any(it, counter_words);
    if (word) {
      it = jb_str_skip(it, word);
      continue;
    }
    jb_str before = it;
    uint32_t cp = jb_utf8_next(&it);
    if (jb_cp_is_han(cp) || jb_cp_is_alnum(cp))
      return false;
    (void)before;
  }
  return digit;
}

/* The text of a comment or related block's heading without a count
 * (热门评论 10条, 评论(3)), in buf (cap bytes); empty if it does not fit. */
static jb_str
head_key(jb_str v, char *buf, size_t cap)
{
  size_t k = 0;
  for (size_t i = 0; i < v.n; i++) {
    if (v.p[i] >= '0' && v.p[i] <= '9')
      continue;
    if (k == cap)
      return jb_str_make(NULL, 0);
    buf[k++] = v.p[i];
  }
  jb_str r = bare(jb_str_make(buf, k));
  static const char *const units[] = {"条", "條", "人参与", "人參與", NULL};
  for (int j = 0; units[j]; j++)
    if (jb_str_ends(r, units[j]) && r.n > strlen(units[j]))
      r = bare(jb_str_make(r.p, r.n - strlen(units[j])));
  return r;
}


static bool
set(jb_unit *u, jb_drop d, const char *why, unsigned flags)
{
  u->drop = d;
  u->why = why;
  u->flags |= flags;
  return true;
}

/* A reporter's credit: 澎湃新闻记者 贺梨萍, 记者 张三 李四, 本报通讯员 王五. */
static bool
reporter_line(jb_str v, const jb_line_info *in)
{
  if (in->cps > 30 || in->stops || in->commas)
    return false;
  static const char *const roles[] = {"记者", "記者", "通讯员", "通訊員", "实习生", "實習生",
                                      "特约撰稿人", "特約撰稿人", "撰稿", NULL};
  for (int k = 0; roles[k]; k++) {
    long at = jb_str_find(v, roles[k]);
    if (at < 0)
      continue;
    /* names follow, separated by spaces: 2 to 4 Han characters each */
    jb_str rest = jb_str_trim(jb_str_skip(v, (size_t)at + strlen(roles[k])));
    size_t names = 0, len = 0;
    for (jb_str it = rest; it.n;) {
      uint32_t cp = jb_utf8_next(&it);
      if (jb_cp_is_space(cp) || cp == 0x3001 || cp == 0xB7) {
        if (len) {
          if (len < 2 || len > 4)
            return false;
          names++;
        }
        len = 0;
      } else if (jb_cp_is_han(cp)) {
        len++;
      } else {
        return false;
      }
    }
    if (len) {
      if (len < 2 || len > 4)
        return false;
      names++;
    }
    return names >= 1;
  }
  return false;
}

/* Bylines: a date alone, labelled fields, an attribution, an author line,
 * or a date beside a few words (原创 GameForce 2019-09-04 22:18:34). */
static bool
is_byline(jb_str v, const jb_line_info *in)
{
  if (in->cps > BYLINE_MAX_CP || in->stops)
    return false;
  if (jb_meta_is_date_line(v) || jb_meta_byline_fields(v) >= 2 || jb_meta_is_attribution(v))
    return true;
  static const char *const labels[] = {
      "发布时间", "發佈時間", "發布時間", "发表时间", "發表時間", "更新时间", "更新時間",
      "时间", "時間", "日期", "发布日期", "發佈日期", "發布日期", "记者", "記者", "作者",
      "文", "撰文", "执笔", "執筆", "通讯员", "通訊員", "实习生", "實習生", "采写", "採寫",
      "编译", "編譯", "来源", "來源", "来源于", "來源於", "出处", "出處", "稿源", "本文来源",
      "本文來源", "文章来源", "文章來源", "信息来源", "信息來源", "转载自", "轉載自",
      "本文摘自", "摘自", NULL};
  if (in->cps <= 60 && label_at(v, labels) >= 0)
    return true;
  if (reporter_line(v, in))
    return true;
  char date[11];
  return in->cps <= 40 && jb_meta_find_date(v, date) >= 0;
}

void
jb_clean_judge(jb_unit *u)
{
  pthread_once(&sketched, sketch_phrases);
  const jb_line_info *in = &u->in;
  jb_str v = u->visible;
  u->drop = JB_DROP_NONE;
  u->why = NULL;
  u->flags = 0;
  if (in->cps == 0 || in->letters == 0) {
    set(u, in->images ? JB_DROP_IMAGE : in->links && !in->cps ? JB_DROP_LINK_ONLY : JB_DROP_PUNCT,
        in->images ? "no text but images" : in->cps ? "no letters" : "markup only",
        JB_UNIT_IMAGE);
    return;
  }
  if (is_placeholder(v, in) && set(u, JB_DROP_IMAGE, "image placeholder", JB_UNIT_IMAGE))
    return;
  /* Sentences have marks; a long run without them is a keyword list or a
   * tag cloud (SEO footers). */
  if (in->cps >= SOUP_MIN_CP && (in->stops + in->commas) * MARK_GAP_MAX < in->cps &&
      set(u, JB_DROP_MENU, "long text without punctuation (keyword list)", 0))
    return;
  /* Link density (jusText, trafilatura): mostly link text and no sentence. */
  if (in->links && in->link_cps * 10 >= in->cps * LINK_SHARE_TENTHS && !in->sentence_end) {
    set(u, JB_DROP_LINK_ONLY, "link density", 0);
    return;
  }
  const char *why;
  if (in->cps <= COPYRIGHT_MAX_CP && (why = phrase_in(v, &footer)) &&
      set(u, JB_DROP_COPYRIGHT, why, JB_UNIT_BARRIER))
    return;
  /* The heading of a comment section, a related list or a notice, as a
   * whole paragraph (a markdown heading too). */
  char kbuf[HEAD_MAX_CP * 4];
  jb_str key = in->cps <= HEAD_MAX_CP ? head_key(v, kbuf, sizeof kbuf) : jb_str_make(NULL, 0);
  if (key.n && jb_str_eq_any(key, comment_heads) &&
      set(u, JB_DROP_COMMENT, "comment section heading", JB_UNIT_BARRIER))
    return;
  if (key.n && jb_str_eq_any(key, related_heads) &&
      set(u, JB_DROP_RELATED, "related-articles heading", JB_UNIT_BARRIER))
    return;
  if (key.n && jb_str_eq_any(key, notice_heads) &&
      set(u, JB_DROP_NOTICE, "notice heading", JB_UNIT_BARRIER))
    return;
  if (in->heading)
    return; /* otherwise a heading is judged by where it stands, not its words */
  jb_str t = bare(v);
  static const char *const original[] = {"原标题", "原標題", "本文原标题", "本文原標題", NULL};
  if (in->cps <= RELATED_MAX_CP && label_start(t, original) >= 0 &&
      set(u, JB_DROP_TITLE, "original title", 0))
    return;
  if (is_editor_tag(v, in) && set(u, JB_DROP_EDITOR, "editor or end tag", JB_UNIT_END))
    return;
  /* A rights notice or disclaimer, labelled: 版权说明：…, 免责声明：… */
  if (in->cps <= COPYRIGHT_MAX_CP && label_start(t, notice_heads) >= 0 &&
      set(u, JB_DROP_NOTICE, "labelled notice",
          label_start(t, bare_notice) >= 0 ? 0 : JB_UNIT_END))
    return;
  if (is_caption(v, in) && set(u, JB_DROP_CAPTION, "caption or photo credit", JB_UNIT_CAPTION))
    return;
  if (in->cps <= RELATED_MAX_CP && label_at(v, related_labels) >= 0 &&
      set(u, JB_DROP_RELATED, "link to a related article", 0))
    return;
  if (is_breadcrumb(v, in) && set(u, JB_DROP_NAV, "breadcrumb", 0))
    return;
  if (is_byline(v, in) && set(u, JB_DROP_BYLINE, "byline", 0)) {
    u->cls = JB_U_META;
    /* An attribution standing alone closes an article: （来源：某某） */
    if (jb_meta_is_attribution(v))
      u->flags |= JB_UNIT_END;
    return;
  }
  if ((why = account_card(v, in)) && set(u, JB_DROP_CHROME, why, 0))
    return;
  if (is_ticker(v, in) && set(u, JB_DROP_CHROME, "price ticker", 0))
    return;
  if ((is_counter(v, in) || is_relative_time(v)) &&
      set(u, JB_DROP_CHROME, "counter, time or post buttons", 0))
    return;
  if (jb_clean_is_clock(v) && set(u, JB_DROP_CHROME, "a clock or a video's running time", 0))
    return;
  /* A notice of rights or original content: 本文为某某原创，未经允许不得转载 */
  if (in->cps <= CHROME_TWO_MAX_CP && (why = phrase_in(v, &rights)) &&
      set(u, JB_DROP_CHROME, why, JB_UNIT_END))
    return;
  if (in->cps <= CHROME_MAX_CP && (why = phrase_in(v, &chrome)) &&
      set(u, JB_DROP_CHROME, why, 0))
    return;
  /* Longer, it takes two phrases of page chrome (如需授权 … 微信：). */
  if (in->cps <= CHROME_TWO_MAX_CP && phrases_in(v, &chrome) >= 2 &&
      set(u, JB_DROP_CHROME, "several chrome phrases", 0))
    return;
  if (jb_str_eq_any(t.n ? t : v, widget_words))
    set(u, JB_DROP_CHROME, "widget word", JB_UNIT_SOFT);
}

void
jb_clean_table(jb_unit *u)
{
  const jb_line_info *in = &u->in;
  if (!in->cps) {
    set(u, JB_DROP_IMAGE, "a table of pictures", JB_UNIT_IMAGE);
    u->cls = JB_U_BAD;
  } else if (in->link_cps * 2 > in->cps) {
    set(u, JB_DROP_LINK_ONLY, "a table of links", 0);
    u->cls = JB_U_BAD;
  } else {
    u->cls = JB_U_TEXT;
  }
}

void
jb_clean_hint(jb_unit *u, jb_hint h)
{
  /* A byline stays for the metadata; debris stays as judged. */
  if (h == JB_HINT_NONE || (u->drop && !(u->flags & JB_UNIT_SOFT)) || u->cls == JB_U_META)
    return;
  const jb_line_info *in = &u->in;
  if (h == JB_HINT_CAPTION) {
    if (in->cps <= CAPTION_MAX_CP && !(u->flags & JB_UNIT_HEADING) &&
        set(u, JB_DROP_CAPTION, "a caption by the page's markup", JB_UNIT_CAPTION))
      u->cls = JB_U_BAD;
    return;
  }
  /* A sentence is the text's to judge, wherever the page put it. */
  if (u->cls == JB_U_GOOD)
    return;
  static const struct {
    jb_drop drop;
    const char *why;
  } family[JB_HINT__COUNT] = {
      [JB_HINT_NAV] = {JB_DROP_NAV, "in the page's navigation (<nav>, a menu's class)"},
      [JB_HINT_ASIDE] = {JB_DROP_OUTSIDE, "in the page's sidebar (<aside>, a sidebar's class)"},
      [JB_HINT_FOOTER] = {JB_DROP_COPYRIGHT, "in the page's footer (<footer>, a footer's class)"},
      [JB_HINT_SHARE] = {JB_DROP_CHROME, "in a share bar or toolbar (by its class)"},
      [JB_HINT_COMMENT] = {JB_DROP_COMMENT, "in a comment box (by its class)"},
      [JB_HINT_RELATED] = {JB_DROP_RELATED, "in a related-articles list (by its class)"},
      [JB_HINT_AD] = {JB_DROP_CHROME, "in an advertisement (by its class)"},
  };
  u->flags &= ~(unsigned)JB_UNIT_SOFT;
  set(u, family[h].drop, family[h].why, 0);
  u->cls = JB_U_BAD;
}

void
jb_clean_class(jb_unit *u)
{
  const jb_line_info *in = &u->in;
  if (u->drop && !(u->flags & JB_UNIT_SOFT)) {
    if (u->cls != JB_U_META)
      u->cls = JB_U_BAD;
    return;
  }
  bool linky = in->link_cps * 2 > in->cps;
  bool punct = in->stops || in->sentence_end;
  size_t text = in->han + (in->letters - in->han) / 3;
  if (!linky && !(u->flags & JB_UNIT_SOFT) && in->cps >= GOOD_MIN_CP && text * 10 >= in->cps * 5 &&
      (punct || in->commas >= 2))
    u->cls = JB_U_GOOD;
  else if (!linky && !(u->flags & JB_UNIT_SOFT) && (in->han >= 2 || in->letters >= 6) &&
           (punct || in->commas))
    u->cls = JB_U_TEXT;
  else
    u->cls = JB_U_SHORT;
  /* Headings: markdown, all bold, or an enumeration, short and open. */
  jb_str v = jb_str_trim(u->visible);
  if (in->cps <= 60 && in->stops == 0 &&
      (in->heading || (in->bold_cps && in->bold_cps * 10 >= in->cps * 9) || jb_clean_enum_len(v)))
    u->flags |= JB_UNIT_HEADING;
}

jb_drop
jb_clean_classify(jb_str line, const char **why)
{
  jb_buf vis = JB_BUF_INIT;
  jb_unit u;
  memset(&u, 0, sizeof u);
  u.raw = line;
  jb_clean_features(line, &u.in, &vis);
  u.visible = jb_str_trim(jb_buf_str(&vis));
  jb_clean_judge(&u);
  jb_buf_free(&vis);
  *why = u.why;
  return u.drop;
}
