/* clean.c - stage 2: boilerplate classification, inline markdown and
 * normalisation (SPEC §2.2; research/cleaning.md §1, §3).
 *
 * Each line gets context-free features (visible length, Han share, link
 * share, images, sentence end) and a context-free verdict; then context
 * rules run over the document: bylines, notice blocks (温馨提示 + its list),
 * runs of short lines (menus, headline lists), and the position relative to
 * the article body, found as the largest cluster of sentence-like lines
 * (jusText's neighbourhood idea adapted to Chinese text without tags). */
#include "clean.h"

#include <stdlib.h>

#include "buf.h"
#include "meta.h"
#include "utf8.h"

#define GOOD_MIN_CP 30        /* a body line has at least this many */
#define SHORT_MAX_CP 16       /* menu entries are at most this long */
#define LIST_RUN_MAX_CP 80    /* headline-list entries */
#define RUN_MIN 3             /* lines in a menu or headline run */
#define CLUSTER_GAP 6         /* kept lines allowed between body lines */
#define CLUSTER_SHARE 4       /* keep clusters >= 1/4 of the largest */
#define CHROME_MAX_CP 40      /* lexicon matches only on short lines */
#define COPYRIGHT_MAX_CP 200
#define TITLE_MAX_CP 60
#define TITLE_CLAUSE_MAX_CP 30
#define LINK_SCAN_MAX 4096    /* bytes searched for a link's end */
#define INLINE_DEPTH 2        /* link labels may hold one nested level */

/* ---- lexicons ------------------------------------------------------------ */

/* Copyright, licence and record numbers (footers). */
static const char *const copyright_words[] = {
    "©", "Copyright", "COPYRIGHT", "copyright", "版权所有", "版權所有",
    "All Rights Reserved", "All rights reserved", "ICP备", "ICP證", "ICP证",
    "ICP備", "公网安备", "公網安備", "网安备", "增值电信业务", NULL};

/* UI and subscription phrases (share, QR codes, app prompts); evidence on
 * short lines only. */
static const char *const chrome_words[] = {
    "扫一扫", "掃一掃", "扫码", "掃碼", "二维码", "二維碼", "分享到",
    "分享本文", "朋友圈", "阅读原文", "閱讀原文", "点击下图", "了解详情",
    "订阅", "訂閱", "征订", "邮发代号", "轻点两下", "当前位置", "當前位置",
    "关键字", "關鍵字", "关键词", "關鍵詞", "责任编辑", "責任編輯", "未经授权",
    "未經授權", "禁止转载", "禁止轉載", "如需授权", "版权说明", "版權說明",
    "免责", "免責", "上一篇", "下一篇", "返回顶部", "回到顶部", "回到頂部",
    "公众号", "公眾號", "专辑", "专辑收录", "浏览数", "瀏覽數", "阅读数",
    "閱讀數", "点赞", "欢迎关注", "歡迎關注", "倾力推荐", "提供计算与安全服务",
    "小程序", "滑动看下一个", "标签不可点", "下载APP", "下載APP", "打开APP",
    "字号", "字號", "打印本页", "关闭窗口", "關閉窗口", "收藏本站", "设为首页",
    "文档简介", "文檔簡介", "举报", "舉報", NULL};

/* Lines that are UI widgets when they stand alone. */
static const char *const chrome_lines[] = {
    "取消", "允许", "知道了", "赞", "在看", "分享", "留言", "收藏", "听过",
    "视频", "评论", "评 论", "評論", "搜索", "登录", "登錄", "注册", "註冊",
    "关注", "关 注", "修改于", "展开更多", "提交评论", "分析", "首页", "首頁",
    "更多", "返回", "打印", "纠错", "×", "x", "X", NULL};

/* Headings of notice blocks whose following list is not article text. */
static const char *const notice_heads[] = {
    "温馨提示", "溫馨提示", "免责声明", "免責聲明", "最新文档", "最新文檔",
    "相关推荐", "相關推薦", "相关文章", "相關文章", "相关阅读", "相關閱讀",
    "相关新闻", "相關新聞", "热门文章", "熱門文章", "热门推荐", "猜你喜欢",
    "延伸阅读", "延伸閱讀", "推荐阅读", "推薦閱讀", "版权声明", "版權聲明",
    "特别声明", "特別聲明", "精彩推荐", "最新文章", "评论", "評論", NULL};

static bool
contains_any(jb_str s, const char *const *words)
{
  for (int k = 0; words[k]; k++)
    if (jb_str_find(s, words[k]) >= 0)
      return true;
  return false;
}

static bool
equals_any(jb_str s, const char *const *words)
{
  for (int k = 0; words[k]; k++)
    if (jb_str_eq_c(s, words[k]))
      return true;
  return false;
}

/* ---- inline markdown scanner --------------------------------------------- */

typedef enum tok { TOK_TEXT, TOK_LINK, TOK_IMAGE, TOK_BOLD } tok;
typedef void (*tok_fn)(void *ud, tok t, jb_str text, jb_str url);

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

static void scan_inline(jb_str s, int depth, tok_fn fn, void *ud);

typedef struct label_acc {
  jb_buf text;
  size_t images;
} label_acc;

static void
label_tok(void *ud, tok t, jb_str text, jb_str url)
{
  (void)url;
  label_acc *acc = ud;
  if (t == TOK_TEXT || t == TOK_LINK)
    jb_buf_put_str(&acc->text, text);
  else if (t == TOK_IMAGE)
    acc->images++;
}

/* Emit tokens for s. Link labels are scanned once more so nested images and
 * emphasis markers vanish from them. */
static void
scan_inline(jb_str s, int depth, tok_fn fn, void *ud)
{
  size_t i = 0, start = 0;
  jb_str none = {NULL, 0};
  while (i < s.n) {
    char c = s.p[i];
    if (c == '\\' && i + 1 < s.n && is_ascii_punct(s.p[i + 1])) {
      if (i > start)
        fn(ud, TOK_TEXT, jb_str_make(s.p + start, i - start), none);
      fn(ud, TOK_TEXT, jb_str_make(s.p + i + 1, 1), none);
      i += 2;
      start = i;
      continue;
    }
    jb_str label, url;
    size_t end;
    if (c == '!' && i + 1 < s.n && s.p[i + 1] == '[' &&
        (end = match_link(s, i + 1, &label, &url)) != 0) {
      if (i > start)
        fn(ud, TOK_TEXT, jb_str_make(s.p + start, i - start), none);
      fn(ud, TOK_IMAGE, label, url);
      i = start = end;
      continue;
    }
    if (c == '[' && (end = match_link(s, i, &label, &url)) != 0) {
      if (i > start)
        fn(ud, TOK_TEXT, jb_str_make(s.p + start, i - start), none);
      if (depth < INLINE_DEPTH) {
        label_acc acc = {JB_BUF_INIT, 0};
        scan_inline(label, depth + 1, label_tok, &acc);
        for (size_t k = 0; k < acc.images; k++)
          fn(ud, TOK_IMAGE, none, url); /* a linked image */
        fn(ud, TOK_LINK, jb_buf_str(&acc.text), url);
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
          fn(ud, TOK_TEXT, jb_str_make(s.p + start, i - start), none);
        fn(ud, TOK_IMAGE, none, jb_str_make(s.p + i + 2, k - i - 2));
        i = start = k + 1;
        continue;
      }
    }
    if (c == '*' && i + 1 < s.n && s.p[i + 1] == '*') {
      if (i > start)
        fn(ud, TOK_TEXT, jb_str_make(s.p + start, i - start), none);
      fn(ud, TOK_BOLD, none, none);
      i = start = i + 2;
      continue;
    }
    i++;
  }
  if (i > start)
    fn(ud, TOK_TEXT, jb_str_make(s.p + start, i - start), none);
}

/* Markdown heading level and list marker at the start of a line; returns
 * the line without them. */
static jb_str
strip_block_marks(jb_str t, int *heading, bool *item, int *number)
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
    if (!link && (jb_str_starts(before, "http://") ||
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
    acc->last = cp;
  }
}

static void
feat_tok(void *ud, tok t, jb_str text, jb_str url)
{
  (void)url;
  feat_acc *acc = ud;
  switch (t) {
  case TOK_TEXT:
    count_text(acc, text, false);
    break;
  case TOK_LINK:
    acc->info->links++;
    count_text(acc, text, true);
    break;
  case TOK_IMAGE:
    acc->info->images++;
    break;
  case TOK_BOLD:
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

static void
line_info(jb_str line, jb_line_info *info, jb_buf *visible)
{
  memset(info, 0, sizeof *info);
  bool item;
  int number;
  jb_str t = strip_block_marks(line, &info->heading, &item, &number);
  info->list_item = item;
  if (!item && t.n >= 3) {
    size_t k = 0;
    while (k < t.n && t.p[k] >= '0' && t.p[k] <= '9')
      k++;
    if (k && k <= 3 && k + 1 < t.n && t.p[k] == '.' && t.p[k + 1] == ' ')
      info->list_item = true;
  }
  feat_acc acc = {info, visible, 0};
  scan_inline(t, 0, feat_tok, &acc);
  info->sentence_end = sentence_final(acc.last);
}

void
jb_clean_line_info(jb_str line, jb_line_info *info)
{
  line_info(line, info, NULL);
}

static jb_drop
classify(const jb_line_info *in, jb_str visible)
{
  if (in->cps == 0)
    return in->images ? JB_DROP_IMAGE : in->links ? JB_DROP_LINK_ONLY
                                                  : JB_DROP_PUNCT;
  if (in->letters == 0)
    return in->images ? JB_DROP_IMAGE : JB_DROP_PUNCT;
  if (in->links && in->link_cps * 10 >= in->cps * 8 && !in->sentence_end)
    return JB_DROP_LINK_ONLY;
  if (in->cps <= COPYRIGHT_MAX_CP && contains_any(visible, copyright_words))
    return JB_DROP_COPYRIGHT;
  jb_str v = jb_str_trim(visible);
  if (equals_any(v, chrome_lines))
    return JB_DROP_CHROME;
  if (in->cps <= CHROME_MAX_CP && contains_any(v, chrome_words))
    return JB_DROP_CHROME;
  return JB_DROP_NONE;
}

jb_drop
jb_clean_classify(jb_str line, const jb_line_info *info)
{
  jb_buf vis = JB_BUF_INIT;
  jb_line_info tmp;
  line_info(line, &tmp, &vis);
  jb_drop d = classify(info, jb_buf_str(&vis));
  jb_buf_free(&vis);
  return d;
}

/* ---- normalisation ------------------------------------------------------- */

static bool
han_context(uint32_t cp)
{
  return jb_cp_is_han(cp) || (jb_cp_is_cjk_punct(cp) && cp != 0x3000);
}

static uint32_t
fullwidth_of(uint32_t cp)
{
  switch (cp) {
  case ',': return 0xFF0C;
  case ':': return 0xFF1A;
  case ';': return 0xFF1B;
  case '?': return 0xFF1F;
  case '!': return 0xFF01;
  case '(': return 0xFF08;
  case ')': return 0xFF09;
  default: return 0;
  }
}

jb_str
jb_clean_normalise(jb_arena *a, jb_str s, uint32_t before, uint32_t after)
{
  size_t n = jb_utf8_count(s);
  uint32_t *cp = jb_xmalloc((n + 1) * sizeof *cp);
  size_t k = 0;
  for (jb_str it = s; it.n;) {
    uint32_t c = jb_utf8_next(&it);
    /* Full-width ASCII letters and digits become half-width. */
    if ((c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) ||
        (c >= 0xFF41 && c <= 0xFF5A))
      c -= 0xFEE0;
    if (c == '\t' || c == 0x00A0)
      c = ' ';
    /* Runs of spaces collapse to one. */
    if (c == ' ' && k && cp[k - 1] == ' ')
      continue;
    cp[k++] = c;
  }
  n = k;
#define PREV(i) ((i) > 0 ? cp[(i) - 1] : before)
#define NEXT(i) ((i) + 1 < n ? cp[(i) + 1] : after)

  /* Spaced digits in Han context: 于2 0 2 0年 -> 于2020年. */
  for (size_t i = 0; i < n; i++) {
    if (!(cp[i] >= '0' && cp[i] <= '9') || jb_cp_is_alnum(PREV(i)))
      continue;
    size_t j = i, digits = 1;
    while (j + 2 < n && cp[j + 1] == ' ' && cp[j + 2] >= '0' && cp[j + 2] <= '9') {
      j += 2;
      digits++;
    }
    if (digits >= 3 && !jb_cp_is_alnum(NEXT(j)) &&
        (han_context(PREV(i)) || han_context(NEXT(j)))) {
      for (size_t m = i + 1; m < j; m += 2)
        cp[m] = 0; /* marked for removal */
    }
    i = j;
  }

  /* Parentheses: a pair whose content holds Han, or that sits between
   * Han text on both sides (联盟(ITU)、), becomes full-width. */
  for (size_t i = 0; i < n; i++) {
    if (cp[i] != '(')
      continue;
    size_t j = i + 1;
    bool han = false;
    while (j < n && cp[j] != ')' && cp[j] != '(') {
      han |= jb_cp_is_han(cp[j]);
      j++;
    }
    if (j < n && cp[j] == ')' && (han || (han_context(PREV(i)) && han_context(NEXT(j))))) {
      cp[i] = 0xFF08;
      cp[j] = 0xFF09;
    }
  }

  /* , : ; ? ! after Han (and not inside Latin text or numbers). */
  for (size_t i = 0; i < n; i++) {
    uint32_t f = fullwidth_of(cp[i]);
    if (!f || cp[i] == '(' || cp[i] == ')')
      continue;
    uint32_t p = PREV(i), q = NEXT(i);
    if (han_context(p) && (han_context(q) || q == 0 || q == ' ' ||
                           (q >= '0' && q <= '9') || q == '"')) {
      cp[i] = f;
      if (q == ' ' && i + 1 < n)
        cp[i + 1] = 0;
    }
  }

  /* Straight double quotes: pairs on Han context become curly. */
  size_t quotes = 0;
  for (size_t i = 0; i < n; i++)
    quotes += cp[i] == '"';
  if (quotes && quotes % 2 == 0) {
    bool open = true;
    for (size_t i = 0; i < n; i++) {
      if (cp[i] != '"')
        continue;
      uint32_t side = open ? NEXT(i) : PREV(i);
      uint32_t out = open ? PREV(i) : NEXT(i);
      if (han_context(side) || han_context(out))
        cp[i] = open ? 0x201C : 0x201D;
      open = !open;
    }
  }
#undef PREV
#undef NEXT

  jb_buf b = JB_BUF_INIT;
  for (size_t i = 0; i < n; i++)
    if (cp[i])
      jb_buf_put_cp(&b, cp[i]);
  jb_str out = jb_str_make(jb_arena_strndup(a, b.p ? b.p : "", b.n), b.n);
  jb_buf_free(&b);
  free(cp);
  return out;
}

/* ---- inline parse into spans --------------------------------------------- */

typedef struct span_acc {
  jb_ctx *ctx;
  jb_block *b;
  bool bold;
} span_acc;

static void
span_tok(void *ud, tok t, jb_str text, jb_str url)
{
  span_acc *acc = ud;
  switch (t) {
  case TOK_TEXT:
    if (text.n)
      jb_block_add_span(acc->ctx, acc->b, text, acc->bold ? JB_SPAN_BOLD : 0);
    break;
  case TOK_LINK: {
    jb_str label = jb_str_trim(text);
    if (!label.n)
      break;
    jb_str stable = jb_str_make(jb_arena_strndup(acc->ctx->arena, label.p, label.n), label.n);
    jb_span *s = jb_block_add_span(acc->ctx, acc->b, stable,
                                   JB_SPAN_LINK | (acc->bold ? JB_SPAN_BOLD : 0));
    s->url = url;
    break;
  }
  case TOK_IMAGE:
    break;
  case TOK_BOLD:
    acc->bold = !acc->bold;
    break;
  }
}

static uint32_t
first_cp(jb_str s)
{
  return s.n ? jb_utf8_next(&s) : 0;
}

static uint32_t
last_cp(jb_str s)
{
  return jb_utf8_last(s, NULL);
}

void
jb_clean_inline(jb_ctx *ctx, jb_block *b, jb_str line)
{
  span_acc acc = {ctx, b, false};
  size_t first = b->nspans;
  scan_inline(line, 0, span_tok, &acc);
  /* Text split only by removed markup (an image) is one span again. */
  size_t w = first;
  for (size_t i = first; i < b->nspans; i++) {
    jb_span *prev = w > first ? &b->spans[w - 1] : NULL;
    jb_span *cur = &b->spans[i];
    if (prev && prev->flags == cur->flags && !(cur->flags & JB_SPAN_LINK)) {
      prev->text = jb_str_c(jb_arena_printf(ctx->arena, "%.*s%.*s", (int)prev->text.n,
                                            prev->text.p, (int)cur->text.n, cur->text.p));
      continue;
    }
    b->spans[w++] = *cur;
  }
  b->nspans = w;
  /* Normalise with the neighbouring spans as context. */
  for (size_t i = first; i < b->nspans; i++) {
    uint32_t before = i > first ? last_cp(b->spans[i - 1].text) : 0;
    uint32_t after = i + 1 < b->nspans ? first_cp(b->spans[i + 1].text) : 0;
    b->spans[i].text = jb_clean_normalise(ctx->arena, b->spans[i].text, before, after);
  }
  /* Trim the block's ends and drop empty spans. */
  if (b->nspans > first) {
    b->spans[first].text = jb_str_trim(b->spans[first].text);
    b->spans[b->nspans - 1].text = jb_str_trim(b->spans[b->nspans - 1].text);
  }
  w = first;
  for (size_t i = first; i < b->nspans; i++)
    if (b->spans[i].text.n)
      b->spans[w++] = b->spans[i];
  b->nspans = w;
}

/* ---- the document pass --------------------------------------------------- */

typedef struct linefeat {
  jb_line_info in;
  jb_str visible; /* markup removed, trimmed (arena) */
  bool blank;
} linefeat;

/* Sentence-like text: long enough, mostly Han, and ends a sentence or holds
 * several (a run-on page can stop mid-sentence). */
static bool
is_good(const linefeat *f)
{
  return !f->blank && f->in.cps >= GOOD_MIN_CP && f->in.han * 2 >= f->in.cps &&
         (f->in.sentence_end || f->in.stops >= 2);
}

static bool
is_short(const linefeat *f)
{
  return f->in.cps <= SHORT_MAX_CP && !f->in.sentence_end;
}

/* Chinese enumeration heading: 一、 二、 … 十二、 */
static bool
is_enum_heading(jb_str v)
{
  static const uint32_t nums[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                  0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341};
  jb_str it = v;
  size_t k = 0;
  for (; it.n && k < 3; k++) {
    jb_str before = it;
    uint32_t cp = jb_utf8_next(&it);
    bool numeral = false;
    for (size_t m = 0; m < sizeof nums / sizeof nums[0]; m++)
      numeral |= cp == nums[m];
    if (!numeral) {
      it = before;
      break;
    }
  }
  return k > 0 && jb_str_starts(it, "、");
}

/* Mark runs (in kept, non-blank lines) of at least RUN_MIN lines that
 * satisfy pred with reason. */
static void
mark_runs(jb_source *src, linefeat *f, bool (*pred)(const linefeat *),
          jb_drop reason)
{
  size_t i = 0;
  while (i < src->nlines) {
    if (src->lines[i].drop || f[i].blank || !pred(&f[i])) {
      i++;
      continue;
    }
    size_t j = i, count = 0, last = i;
    while (j < src->nlines) {
      if (f[j].blank || src->lines[j].drop) {
        j++;
        continue;
      }
      if (!pred(&f[j]))
        break;
      count++;
      last = j;
      j++;
    }
    if (count >= RUN_MIN)
      for (size_t m = i; m <= last; m++)
        if (!src->lines[m].drop && !f[m].blank)
          src->lines[m].drop = reason;
    i = last + 1;
  }
}

static bool
pred_short(const linefeat *f)
{
  return is_short(f);
}

static bool
pred_list(const linefeat *f)
{
  return f->in.list_item && f->in.cps <= LIST_RUN_MAX_CP && !f->in.sentence_end;
}

/* Notice heading and the list under it. */
static void
mark_notices(jb_source *src, linefeat *f)
{
  for (size_t i = 0; i < src->nlines; i++) {
    if (f[i].blank || !equals_any(f[i].visible, notice_heads))
      continue;
    if (src->lines[i].drop == JB_DROP_NONE || src->lines[i].drop == JB_DROP_CHROME)
      src->lines[i].drop = JB_DROP_NOTICE;
    size_t j = i + 1;
    for (; j < src->nlines; j++) {
      if (f[j].blank)
        continue;
      if (!f[j].in.list_item)
        break;
      if (src->lines[j].drop == JB_DROP_NONE)
        src->lines[j].drop = JB_DROP_NOTICE;
    }
  }
}

/* Find the article body as clusters of good lines; mark kept lines outside
 * it. Returns the first body line (or nlines). */
static size_t
mark_outside(jb_source *src, linefeat *f)
{
  size_t n = src->nlines;
  /* Clusters: [start, end] of good lines with at most CLUSTER_GAP kept
   * lines between neighbours. */
  size_t *cs = jb_xmalloc((n + 1) * sizeof *cs), *ce = jb_xmalloc((n + 1) * sizeof *ce);
  size_t *cw = jb_xmalloc((n + 1) * sizeof *cw);
  size_t nc = 0, gap = 0;
  bool open = false;
  for (size_t i = 0; i < n; i++) {
    if (src->lines[i].drop || f[i].blank)
      continue;
    if (is_good(&f[i])) {
      if (open && gap <= CLUSTER_GAP) {
        ce[nc - 1] = i;
        cw[nc - 1] += f[i].in.cps;
      } else {
        cs[nc] = ce[nc] = i;
        cw[nc] = f[i].in.cps;
        nc++;
        open = true;
      }
      gap = 0;
    } else {
      gap++;
    }
  }
  size_t best = 0;
  for (size_t c = 0; c < nc; c++)
    if (cw[c] > best)
      best = cw[c];
  size_t first = n, last = 0;
  for (size_t c = 0; c < nc; c++) {
    if (cw[c] * CLUSTER_SHARE < best)
      continue;
    if (cs[c] < first)
      first = cs[c];
    if (ce[c] > last)
      last = ce[c];
  }
  free(cs);
  free(ce);
  free(cw);
  if (first == n)
    return n; /* no body found: leave the lines to the other rules */
  /* A heading right above the body belongs to it. */
  size_t start = first;
  for (size_t i = first, seen = 0; i-- > 0 && seen < 2;) {
    if (f[i].blank)
      continue;
    if (src->lines[i].drop)
      break;
    if (f[i].in.heading || is_enum_heading(f[i].visible))
      start = i;
    else
      break;
    seen++;
  }
  for (size_t i = 0; i < n; i++) {
    if (src->lines[i].drop || f[i].blank)
      continue;
    if (i < start || i > last)
      src->lines[i].drop = JB_DROP_OUTSIDE;
  }
  return start;
}

/* Visible text with every space removed, for comparisons. */
static jb_str
squeeze(jb_arena *a, jb_str s)
{
  char *p = jb_arena_alloc(a, s.n + 1);
  size_t k = 0;
  for (jb_str it = s; it.n;) {
    jb_str before = it;
    uint32_t cp = jb_utf8_next(&it);
    if (jb_cp_is_space(cp))
      continue;
    memcpy(p + k, before.p, (size_t)(it.p - before.p));
    k += (size_t)(it.p - before.p);
  }
  return jb_str_make(p, k);
}

/* First clause of s, at most TITLE_CLAUSE_MAX_CP code points. */
static jb_str
first_clause(jb_ctx *ctx, jb_str s)
{
  jb_str it = s;
  size_t cps = 0;
  while (it.n) {
    jb_str before = it;
    uint32_t cp = jb_utf8_next(&it);
    if (cp == 0xFF0C || cp == 0x3002 || cp == 0xFF1B || cp == 0xFF1A ||
        cp == 0xFF01 || cp == 0xFF1F || cp == ',' || cp == ':') {
      return jb_str_sub(s, 0, (size_t)(before.p - s.p));
    }
    if (++cps == TITLE_CLAUSE_MAX_CP) {
      jb_str head = jb_str_sub(s, 0, (size_t)(it.p - s.p));
      char *t = jb_arena_printf(ctx->arena, "%.*s…", (int)head.n, head.p);
      return jb_str_c(t);
    }
  }
  return s;
}

static void
infer_title(jb_ctx *ctx, jb_source *src, linefeat *f, size_t body)
{
  jb_field *t = &src->meta.title;
  if (t->origin != JB_ORIGIN_NONE)
    return;
  size_t pick = src->nlines;
  for (size_t i = 0; i < src->nlines && pick == src->nlines; i++)
    if (!f[i].blank && f[i].in.heading && src->lines[i].drop != JB_DROP_FRONT_MATTER)
      pick = i;
  for (size_t i = body; pick == src->nlines && i-- > 0;) {
    const linefeat *g = &f[i];
    jb_drop d = src->lines[i].drop;
    if (g->blank || (d != JB_DROP_NONE && d != JB_DROP_OUTSIDE))
      continue;
    if (g->in.cps >= 6 && g->in.cps <= TITLE_MAX_CP && g->in.han >= 4 &&
        !g->in.sentence_end && !g->in.list_item &&
        jb_str_find(g->visible, ":") < 0 && jb_str_find(g->visible, "：") < 0)
      pick = i;
  }
  jb_str value;
  if (pick < src->nlines) {
    value = f[pick].visible;
  } else {
    size_t i = body;
    while (i < src->nlines && (f[i].blank || src->lines[i].drop))
      i++;
    if (i == src->nlines) {
      jb_pos pos = {src->path, 0, 0, 0};
      jb_diag(&ctx->diags, JB_D_NO_TITLE, pos, NULL);
      t->value = jb_str_c(src->name);
      t->origin = JB_ORIGIN_FILE_NAME;
      return;
    }
    value = first_clause(ctx, f[i].visible);
    pick = i;
  }
  t->value = jb_clean_normalise(ctx->arena, value, 0, 0);
  t->origin = JB_ORIGIN_INFERRED;
  t->line = src->lines[pick].lineno;
}

static void
mark_title_repeats(jb_ctx *ctx, jb_source *src, linefeat *f)
{
  if (src->meta.title.origin == JB_ORIGIN_NONE)
    return;
  jb_str title = squeeze(ctx->arena, jb_clean_normalise(ctx->arena, src->meta.title.value, 0, 0));
  for (size_t i = 0; i < src->nlines; i++) {
    jb_drop d = src->lines[i].drop;
    if (f[i].blank || (d != JB_DROP_NONE && d != JB_DROP_OUTSIDE))
      continue;
    jb_str v = squeeze(ctx->arena, jb_clean_normalise(ctx->arena, f[i].visible, 0, 0));
    if (jb_str_eq(v, title))
      src->lines[i].drop = JB_DROP_TITLE;
  }
}

static void
build_blocks(jb_ctx *ctx, jb_source *src, linefeat *f)
{
  for (size_t i = 0; i < src->nlines; i++) {
    jb_line *l = &src->lines[i];
    if (l->drop || f[i].blank)
      continue;
    int heading, number;
    bool item;
    jb_str t = strip_block_marks(l->text, &heading, &item, &number);
    jb_block *b = jb_doc_add_block(ctx, src, heading ? JB_BLOCK_HEADING
                                             : item  ? JB_BLOCK_ITEM
                                                     : JB_BLOCK_PARA);
    b->level = heading;
    b->pos.line = l->lineno;
    b->pos.col = 1;
    b->pos.offset = l->offset;
    jb_clean_inline(ctx, b, t);
    if (b->nspans == 0)
      src->nblocks--; /* nothing visible after all */
  }
}

static void
clean_source(jb_ctx *ctx, jb_source *src)
{
  size_t n = src->nlines;
  linefeat *f = jb_xcalloc(n ? n : 1, sizeof *f);
  jb_buf vis = JB_BUF_INIT;
  for (size_t i = 0; i < n; i++) {
    jb_line *l = &src->lines[i];
    jb_str t = jb_str_trim(l->text);
    f[i].blank = t.n == 0;
    if (l->drop || f[i].blank)
      continue;
    jb_buf_reset(&vis);
    line_info(l->text, &f[i].in, &vis);
    jb_str v = jb_str_trim(jb_buf_str(&vis));
    f[i].visible = jb_str_make(jb_arena_strndup(ctx->arena, v.p, v.n), v.n);
    l->drop = classify(&f[i].in, f[i].visible);
  }
  jb_buf_free(&vis);

  /* Bylines the ingest stage read metadata from, and attribution lines. */
  const jb_meta *m = &src->meta;
  for (size_t i = 0; i < n; i++) {
    jb_line *l = &src->lines[i];
    if (l->drop || f[i].blank)
      continue;
    bool byline = (m->date.origin == JB_ORIGIN_INFERRED && m->date.line == l->lineno) ||
                  (m->source.origin == JB_ORIGIN_INFERRED && m->source.line == l->lineno);
    if ((byline && !is_good(&f[i])) || jb_meta_is_attribution(f[i].visible))
      l->drop = JB_DROP_BYLINE;
  }
  mark_notices(src, f);
  mark_runs(src, f, pred_list, JB_DROP_MENU);
  mark_runs(src, f, pred_short, JB_DROP_MENU);
  size_t body = mark_outside(src, f);
  infer_title(ctx, src, f, body);
  mark_title_repeats(ctx, src, f);
  build_blocks(ctx, src, f);
  for (size_t i = 0; i < n; i++)
    if (src->lines[i].drop && src->lines[i].drop != JB_DROP_FRONT_MATTER)
      src->dropped++;
  free(f);
}

int
jb_clean_run(jb_ctx *ctx, jb_doc *doc)
{
  for (size_t k = 0; k < doc->nsrcs; k++) {
    jb_source *src = &doc->srcs[k];
    if (src->skipped)
      continue;
    clean_source(ctx, src);
    if (src->nblocks == 0) {
      jb_pos pos = {src->path, 0, 0, 0};
      jb_diag(&ctx->diags, JB_D_NO_TEXT, pos, NULL);
      src->skipped = true;
    }
  }
  return 0;
}
