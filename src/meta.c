/* meta.c - text patterns for metadata: dates and publishers in bylines and
 * attribution lines. Shared by ingest (inference) and clean (byline lines). */
#include "meta.h"

#include <stdio.h>
#include <string.h>

#include "utf8.h"

#define is_digit jb_is_digit

/* Read 1..max digits at s[*i]; returns the value or -1. */
static int
digits(jb_str s, size_t *i, int max)
{
  int v = 0, k = 0;
  while (*i < s.n && is_digit(s.p[*i]) && k < max) {
    v = v * 10 + (s.p[*i] - '0');
    (*i)++;
    k++;
  }
  return k ? v : -1;
}

static bool
valid_date(int y, int m, int d)
{
  static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
    return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

static bool
eat(jb_str s, size_t *i, const char *lit)
{
  size_t n = strlen(lit);
  if (*i + n <= s.n && memcmp(s.p + *i, lit, n) == 0) {
    *i += n;
    return true;
  }
  return false;
}

bool
jb_meta_format_date(char out[11], int y, int m, int d)
{
  if (!valid_date(y, m, d))
    return false;
  const int v[3] = {y, m, d}, w[3] = {4, 2, 2};
  char *o = out;
  for (int f = 0; f < 3; f++) {
    for (int k = w[f] - 1, x = v[f]; k >= 0; k--, x /= 10)
      o[k] = (char)('0' + x % 10);
    o += w[f];
    *o++ = f < 2 ? '-' : '\0';
  }
  return true;
}

/* hh:mm at s[i] */
static bool
time_at(jb_str s, size_t i)
{
  size_t k = i;
  int h = digits(s, &k, 2);
  if (h < 0 || h > 23)
    return false;
  jb_str rest = jb_str_skip(s, k);
  if (jb_str_starts(rest, ":"))
    rest = jb_str_skip(rest, 1);
  else if (jb_str_starts(rest, "："))
    rest = jb_str_skip(rest, 3);
  else
    return false;
  return rest.n && is_digit(rest.p[0]);
}

long
jb_meta_find_date(jb_str s, char out[11])
{
  for (size_t start = 0; start + 8 <= s.n; start++) {
    if (!is_digit(s.p[start]) || (start > 0 && is_digit(s.p[start - 1])))
      continue;
    size_t i = start;
    int y = digits(s, &i, 4);
    if (y < 0 || i - start != 4 || i >= s.n)
      continue;
    bool cjk = false;
    char sep = s.p[i];
    if (sep == '-' || sep == '/' || sep == '.') {
      i++;
    } else if (eat(s, &i, "年")) {
      cjk = true;
    } else {
      continue;
    }
    int m = digits(s, &i, 2);
    if (m < 0)
      continue;
    if (cjk ? !eat(s, &i, "月") : !(i < s.n && s.p[i] == sep && ++i))
      continue;
    int d = digits(s, &i, 2);
    /* A digit right after the day starts a time (日08:18, 2019-09-0710:00),
     * or the number was no date. */
    if (d < 0 || (cjk && !eat(s, &i, "日")) || (i < s.n && is_digit(s.p[i]) && !time_at(s, i)))
      continue;
    if (!valid_date(y, m, d))
      continue;
    jb_meta_format_date(out, y, m, d);
    return (long)start;
  }
  return -1;
}

/* Labels that introduce a publisher, in both scripts; the first two rows
 * name the paper a text was reprinted from. Longer labels first. */
static const char *const source_labels[] = {
    "本文摘自", "转载自", "轉載自", "摘自", "稿件来源", "稿件來源", "资料来源", "資料來源",
    "文章来源", "文章來源", "本文来源", "本文來源", "信息来源", "信息來源", "新闻来源",
    "新聞來源", "来源于", "來源於", "来源", "來源", "稿源", "出处", "出處", NULL};
#define REPRINT_LABELS 4 /* source_labels[0..3] */

/* Words that start the next field of a byline. */
static const char *const field_words[] = {
    "浏览", "瀏覽", "作者", "时间", "時間", "编辑", "編輯", "责任", "責任",
    "发布", "發布", "發佈", "日期", "阅读", "閱讀", "点击", "點擊", "本文", "记者",
    "記者", "举报", "舉報", "分享", "字号", "字號", "主办", "主辦", "承办", "承辦",
    "备案", "備案", "地址", "电话", "電話", "邮编", "郵編", "技术支持", "技術支持",
    "运营", "運營", "联系", "聯繫", "Copyright", "COPYRIGHT", "All ", NULL};


/* The name that starts rest: up to a separator, a date or the next field. */
static jb_str
name_at(jb_str rest)
{
  jb_str it = rest;
  size_t len = 0, cps = 0;
  while (it.n && cps < JB_META_SOURCE_MAX_CP) {
    if (cps && jb_str_starts_any(it, field_words))
      break;
    jb_str before = it;
    uint32_t cp = jb_utf8_next(&it);
    if (jb_cp_is_space(cp) || cp == '|' || cp == 0xFF5C || cp == ')' || cp == 0xFF09 ||
        cp == 0xFF0C || cp == 0x3002 || cp == 0x3001 || cp == ';' || cp == 0xFF1B ||
        cp == ',' || cp == ']' || cp == 0x3011 || cp == 0xFF1A || cp == 0xA9 ||
        cp == '>' || cp == 0xFF1E || cp == 0xBB || cp == 0x203A || cp == 0x2192 ||
        cp == JB_UTF8_BAD)
      break;
    char date[11];
    if (cp >= '0' && cp <= '9' && jb_meta_find_date(before, date) == 0)
      break;
    len += (size_t)(it.p - before.p);
    cps++;
  }
  return jb_str_sub(rest, 0, len);
}

jb_str
jb_meta_source(jb_str line, bool *reprint, bool *label_only)
{
  if (reprint)
    *reprint = false;
  if (label_only)
    *label_only = false;
  for (size_t i = 0; i < line.n; i++) {
    /* the next place a label starts (memmem, not a test at every byte) */
    long at = -1;
    for (int k = 0; source_labels[k]; k++) {
      long f = jb_str_find(jb_str_skip(line, i), source_labels[k]);
      if (f >= 0 && (at < 0 || f < at))
        at = f;
    }
    if (at < 0)
      break;
    i += (size_t)at;
    jb_str rest = jb_str_skip(line, i);
    int which = 0;
    while (!jb_str_starts(rest, source_labels[which]))
      which++;
    rest = jb_str_trim(jb_str_skip(rest, strlen(source_labels[which])));
    if (jb_str_starts(rest, ":"))
      rest = jb_str_skip(rest, 1);
    else if (jb_str_starts(rest, "："))
      rest = jb_str_skip(rest, 3);
    else
      continue;
    rest = jb_str_trim(rest);
    /* an opening bracket, or a whole bracketed token before the name (a
     * logo's placeholder: 来源： [64c77908a3] 某某网) */
    while (rest.n && (rest.p[0] == '[' || jb_str_starts(rest, "【") || jb_str_starts(rest, "《"))) {
      const char *close = rest.p[0] == '[' ? memchr(rest.p, ']', rest.n) : NULL;
      if (close && (size_t)(close - rest.p) + 1 < rest.n)
        rest = jb_str_trim(jb_str_skip(rest, (size_t)(close - rest.p) + 1));
      else
        rest = jb_str_skip(rest, rest.p[0] == '[' ? 1 : 3);
    }
    jb_str name = name_at(rest);
    if (jb_str_ends(name, "》"))
      name.n -= 3;
    if (reprint)
      *reprint = which < REPRINT_LABELS;
    if (name.n)
      return name;
    if (label_only && !rest.n)
      *label_only = true; /* the name is on the next line */
  }
  return jb_str_make(NULL, 0);
}

jb_str
jb_meta_find_source(jb_str line)
{
  return jb_meta_source(line, NULL, NULL);
}

bool
jb_meta_is_self(jb_str name)
{
  static const char *const self[] = {
      "本站", "本网", "本網", "本站原创", "本站原創", "本网原创", "本網原創", "原创", "原創",
      "网络", "網絡", "網路", "互联网", "互聯網", "网友", "網友", "综合", "綜合", "未知",
      "本报", "本報", "本台", "本刊", "佚名", "网络整理", "網絡整理", "网络转载", "網絡轉載",
      "转载", "轉載", "不详", "不詳", NULL};
  for (int k = 0; self[k]; k++)
    if (jb_str_eq_c(name, self[k]))
      return true;
  return false;
}

/* ---- datelines --------------------------------------------------------------- */

/* Digits at s[*i], at most max; value or -1. */
static int
num_at(jb_str s, size_t *i, int max)
{
  return digits(s, i, max);
}

long
jb_meta_find_month_day(jb_str s, int *month, int *day)
{
  for (size_t start = 0; start < s.n; start++) {
    if (!is_digit(s.p[start]) || (start > 0 && is_digit(s.p[start - 1])))
      continue;
    /* 2019年9月… is a full date, not a dateline's. */
    if (start >= 3 && memcmp(s.p + start - 3, "年", 3) == 0)
      continue;
    size_t i = start;
    int m = num_at(s, &i, 2);
    if (m < 1 || m > 12 || !eat(s, &i, "月"))
      continue;
    int d = num_at(s, &i, 2);
    if (d < 1 || d > 31 || !eat(s, &i, "日"))
      continue;
    *month = m;
    *day = d;
    return (long)start;
  }
  return -1;
}

bool
jb_meta_url_date(jb_str url, char out[11])
{
  long scheme = jb_str_find(url, "://");
  jb_str path = scheme >= 0 ? jb_str_skip(url, (size_t)scheme + 3) : url;
  long slash = jb_str_find(path, "/");
  if (slash < 0)
    return false;
  path = jb_str_skip(path, (size_t)slash);
  for (size_t start = 0; start + 6 <= path.n; start++) {
    if (!is_digit(path.p[start]) || (start > 0 && is_digit(path.p[start - 1])))
      continue;
    size_t i = start;
    int y = digits(path, &i, 4);
    if (y < 1990 || y > 2099 || i - start != 4 || i >= path.n)
      continue;
    int m, d;
    char sep = path.p[i];
    if (sep == '-' || sep == '/' || sep == '_' || sep == '.') {
      i++;
      size_t m0 = i;
      m = digits(path, &i, 2);
      if (m < 0)
        continue;
      if (i - m0 == 2 && i + 2 <= path.n && is_digit(path.p[i]) && is_digit(path.p[i + 1]) &&
          !(i + 2 < path.n && is_digit(path.p[i + 2]))) {
        d = digits(path, &i, 2); /* 2019/0615 */
      } else {
        if (i >= path.n || !(path.p[i] == sep || path.p[i] == '/' || path.p[i] == '-'))
          continue;
        i++;
        d = digits(path, &i, 2);
      }
    } else {
      /* 20240611, 202406110012 */
      i = start + 4;
      m = digits(path, &i, 2);
      d = digits(path, &i, 2);
      if (i - start != 8)
        continue;
    }
    if (d < 0 || (i < path.n && is_digit(path.p[i]) && sep != 0 && !is_digit(sep)))
      continue;
    if (jb_meta_format_date(out, y, m, d))
      return true;
  }
  return false;
}

/* Name endings of news organisations, for cutting a dateline's name from
 * the place after it (新华社北京…, 人民网北京…). */
static size_t
org_end(jb_str prefix)
{
  long at = jb_str_find(prefix, "社");
  if (at > 0)
    return (size_t)at + 3;
  size_t end = 0;
  static const char *const net[] = {"网", "網", NULL};
  for (int k = 0; net[k]; k++)
    for (long off = 0; (at = jb_str_find(jb_str_skip(prefix, (size_t)off), net[k])) >= 0;
         off += at + 3)
      end = (size_t)(off + at + 3);
  if (end)
    return end;
  static const char *const other[] = {"报", "報", "台", "新闻", "新聞", NULL};
  size_t first = 0;
  for (int k = 0; other[k]; k++) {
    at = jb_str_find(prefix, other[k]);
    if (at > 0 && (!first || (size_t)at + strlen(other[k]) < first))
      first = (size_t)at + strlen(other[k]);
  }
  return first;
}

#define ORG_MAX_CP 12  /* a news organisation in a dateline */
#define SITE_MAX_CP 20 /* a site's or an institution's name */

static bool
plain_name(jb_str name, size_t max)
{
  size_t cps = jb_utf8_count(name);
  if (cps < 2 || cps > max)
    return false;
  for (jb_str it = name; it.n;) {
    uint32_t cp = jb_utf8_next(&it);
    if (!jb_cp_is_han(cp) && !jb_cp_is_alnum(cp) && cp != 0xB7)
      return false;
  }
  return !jb_meta_is_self(name);
}

jb_str
jb_meta_dateline_source(jb_str text)
{
  jb_str none = {NULL, 0};
  jb_str t = jb_str_trim(text);
  while (t.n && (t.p[0] == '*' || t.p[0] == ' '))
    t = jb_str_skip(t, 1);
  bool bracket = jb_str_starts(t, "【");
  if (bracket || jb_str_starts(t, "（") || jb_str_starts(t, "("))
    t = jb_str_skip(t, t.p[0] == '(' ? 1 : 3);
  if (jb_str_starts(t, "据") || jb_str_starts(t, "據")) {
    /* 据中新网9月9日报道 */
    jb_str rest = jb_str_skip(t, 3);
    int m, d;
    long at = jb_meta_find_month_day(jb_str_sub(rest, 0, 40), &m, &d);
    static const char *const said[] = {"报道", "報道", "消息", "电", "電", NULL};
    jb_str name = at > 0 ? jb_str_sub(rest, 0, (size_t)at) : none;
    if (!name.n)
      for (int k = 0; said[k] && !name.n; k++) {
        long s = jb_str_find(jb_str_sub(rest, 0, 40), said[k]);
        if (s > 0)
          name = jb_str_sub(rest, 0, (size_t)s);
      }
    return plain_name(name, ORG_MAX_CP) ? name : none;
  }
  jb_str head = jb_str_sub(t, 0, 90);
  /* 【某某报专讯】 */
  static const char *const news[] = {"专讯", "專訊", "快讯", "快訊", "讯", "訊", "消息", NULL};
  /* X月X日电 / X日电 after the name and the place */
  long dian = jb_str_find(head, "电");
  if (dian < 0)
    dian = jb_str_find(head, "電");
  if (dian >= 3 && jb_str_starts(jb_str_skip(head, (size_t)dian - 3), "日")) {
    jb_str before = jb_str_sub(head, 0, (size_t)dian);
    size_t k = before.n - 3; /* back over the date */
    while (k > 0 && (is_digit(before.p[k - 1]) ||
                     (k >= 3 && (memcmp(before.p + k - 3, "月", 3) == 0))))
      k -= is_digit(before.p[k - 1]) ? 1 : 3;
    jb_str prefix = jb_str_sub(before, 0, k);
    size_t end = org_end(prefix);
    jb_str name = jb_str_sub(prefix, 0, end);
    if (end && plain_name(name, ORG_MAX_CP) && jb_utf8_count(prefix) - jb_utf8_count(name) <= 8)
      return name;
  }
  for (int k = 0; news[k]; k++) {
    long at = jb_str_find(jb_str_sub(head, 0, 60), news[k]);
    if (at <= 0)
      continue;
    jb_str prefix = jb_str_sub(head, 0, (size_t)at);
    /* back over a date: 长江网10月4日讯, IT之家9月30日消息 */
    int m, d;
    long date = jb_meta_find_month_day(prefix, &m, &d);
    if (date > 0)
      prefix = jb_str_sub(prefix, 0, (size_t)date);
    else if (jb_str_ends(prefix, "日")) {
      size_t e = prefix.n - 3;
      while (e && is_digit(prefix.p[e - 1]))
        e--;
      prefix = jb_str_sub(prefix, 0, e);
    }
    while (prefix.n && prefix.p[prefix.n - 1] == ' ')
      prefix.n--;
    if (plain_name(prefix, ORG_MAX_CP) && (bracket || date > 0 || at < 30))
      return prefix;
  }
  return none;
}

/* ---- site names --------------------------------------------------------------- */

/* Years after a copyright sign: 2010 - 2016, 1997-2019 */
static jb_str
skip_years(jb_str s)
{
  for (;;) {
    s = jb_str_trim(s);
    if (s.n && (is_digit(s.p[0]) || s.p[0] == '-' || s.p[0] == ',')) {
      s = jb_str_skip(s, 1);
      continue;
    }
    if (jb_str_starts(s, "©") || jb_str_starts(s, "(c)") || jb_str_starts(s, "(C)")) {
      s = jb_str_skip(s, jb_str_starts(s, "©") ? 2 : 3);
      continue;
    }
    return s;
  }
}


/* A site's name: Han in it, not a licence number (京ICP备00000000号). */
static bool
site_like(jb_str name)
{
  static const char *const rights[] = {"转载", "轉載", "授权", "授權", "禁止", "不得", "保留",
                                       NULL};
  size_t digits = 0;
  for (size_t i = 0; i < name.n; i++)
    digits += is_digit(name.p[i]);
  for (int k = 0; rights[k]; k++)
    if (jb_str_find(name, rights[k]) >= 0)
      return false;
  return jb_str_has_han(name) && digits < 4 && plain_name(name, SITE_MAX_CP);
}

jb_str
jb_meta_site_name(jb_str line)
{
  jb_str none = {NULL, 0};
  static const char *const rights[] = {"版权所有", "版權所有", NULL};
  for (int k = 0; rights[k]; k++) {
    long at = jb_str_find(line, rights[k]);
    if (at < 0)
      continue;
    /* 版权所有：某某网 */
    jb_str after = jb_str_trim(jb_str_skip(line, (size_t)at + strlen(rights[k])));
    bool colon = jb_str_starts(after, "：") || jb_str_starts(after, ":");
    if (colon)
      after = jb_str_trim(jb_str_skip(after, after.p[0] == ':' ? 1 : 3));
    jb_str name = name_at(after);
    if (colon && site_like(name))
      return name;
    /* 某某网 版权所有: the name before, back to a separator or a year */
    jb_str before = jb_str_sub(line, 0, (size_t)at);
    static const char *const seps[] = {" ", "·", "|", "｜", "丨", "-", "—", "・", NULL};
    for (bool more = true; more && before.n;) {
      more = false;
      for (int j = 0; seps[j]; j++)
        if (jb_str_ends(before, seps[j])) {
          before.n -= strlen(seps[j]);
          more = true;
        }
    }
    size_t start = before.n;
    while (start > 0) {
      size_t len;
      uint32_t cp = jb_utf8_last(jb_str_make(before.p, start), &len);
      if (!jb_cp_is_han(cp) && !jb_cp_is_alnum(cp) && cp != 0xB7)
        break;
      start -= len;
    }
    /* without a year glued to it: 2019某某网, but 香港01有限公司 */
    jb_str named = jb_str_skip(before, start);
    size_t year = 0;
    while (year < named.n && is_digit(named.p[year]))
      year++;
    if (year == 4)
      named = jb_str_skip(named, 4);
    /* 某某网站 names the paper: 某某 */
    static const char *const website[] = {"网站", "網站", NULL};
    for (int j = 0; website[j]; j++)
      if (jb_str_ends(named, website[j]) && named.n >= strlen(website[j]) + 6)
        named.n -= strlen(website[j]);
    if (site_like(named))
      return named;
    /* 版权所有 某某医院 */
    if (site_like(name))
      return name;
  }
  /* © 2010 - 2016 某某网 */
  static const char *const signs[] = {"©", "Copyright", "COPYRIGHT", NULL};
  for (int k = 0; signs[k]; k++) {
    long at = jb_str_find(line, signs[k]);
    if (at < 0)
      continue;
    jb_str name = name_at(skip_years(jb_str_skip(line, (size_t)at + strlen(signs[k]))));
    if (site_like(name))
      return name;
  }
  return none;
}

jb_str
jb_meta_own_statement(jb_str line)
{
  jb_str none = {NULL, 0};
  /* 本文为某某原创 / 本文系某某原创 / 某某原创文章 */
  static const char *const own[] = {"本文为", "本文為", "本文系", "本文係", NULL};
  for (int k = 0; own[k]; k++) {
    long at = jb_str_find(line, own[k]);
    if (at < 0)
      continue;
    jb_str rest = jb_str_trim(jb_str_skip(line, (size_t)at + strlen(own[k])));
    long orig = jb_str_find(jb_str_sub(rest, 0, 60), "原创");
    if (orig < 0)
      orig = jb_str_find(jb_str_sub(rest, 0, 60), "原創");
    if (orig <= 0)
      continue;
    jb_str name = jb_str_sub(rest, 0, (size_t)orig);
    while (name.n && name.p[name.n - 1] == ' ')
      name.n--;
    if (plain_name(name, SITE_MAX_CP))
      return name;
  }
  return none;
}

jb_str
jb_meta_breadcrumb_site(jb_str line)
{
  jb_str none = {NULL, 0};
  jb_str t = jb_str_trim(line);
  /* after a location label */
  static const char *const where[] = {"当前位置", "當前位置", "您的位置", "您现在的位置",
                                      "您現在的位置", "现在位置", "現在位置", "位置", NULL};
  for (int k = 0; where[k]; k++) {
    long at = jb_str_find(t, where[k]);
    if (at < 0)
      continue;
    jb_str rest = jb_str_trim(jb_str_skip(t, (size_t)at + strlen(where[k])));
    if (jb_str_starts(rest, "：") || jb_str_starts(rest, ":"))
      t = jb_str_trim(jb_str_skip(rest, rest.p[0] == ':' ? 1 : 3));
    break;
  }
  jb_str name = name_at(t);
  static const char *const home[] = {"首页", "首頁", "主页", "主頁", NULL};
  for (int k = 0; home[k]; k++)
    if (jb_str_ends(name, home[k]))
      name.n -= strlen(home[k]);
  static const char *const site[] = {"网", "網", "新闻", "新聞", "在线", "在線", "日报", "日報",
                                     "报", "報", NULL};
  for (int k = 0; site[k]; k++)
    if (jb_str_ends(name, site[k]) && plain_name(name, SITE_MAX_CP) && jb_utf8_count(name) >= 3)
      return name;
  return none;
}

bool
jb_meta_is_attribution(jb_str line)
{
  jb_str t = jb_str_trim(line);
  if (jb_str_starts(t, "（"))
    t = jb_str_skip(t, 3);
  else if (jb_str_starts(t, "("))
    t = jb_str_skip(t, 1);
  if (jb_utf8_count(t) > JB_META_SOURCE_MAX_CP + 8)
    return false;
  for (int k = 0; source_labels[k]; k++)
    if (jb_str_starts(t, source_labels[k]))
      return jb_meta_find_source(t).n > 0;
  return false;
}

int
jb_meta_byline_fields(jb_str line)
{
  static const char *const labels[] = {
      "来源", "來源", "作者", "责任编辑", "責任編輯", "编辑", "編輯", "时间",
      "時間", "浏览", "瀏覽", "发布", "發布", "记者", "記者", "摘自", "撰文",
      "阅读", "閱讀", NULL};
  int k = 0;
  char date[11];
  if (jb_meta_find_date(line, date) >= 0)
    k++;
  for (int i = 0; labels[i]; i++) {
    long at = jb_str_find(line, labels[i]);
    if (at < 0)
      continue;
    /* A label is followed by a colon (or, for a date, digits). */
    jb_str rest = jb_str_trim(jb_str_skip(line, (size_t)at + strlen(labels[i])));
    if (jb_str_starts(rest, ":") || jb_str_starts(rest, "："))
      k++;
  }
  return k;
}

bool
jb_meta_is_date_line(jb_str line)
{
  jb_str t = jb_str_trim(line);
  char date[11];
  if (jb_meta_find_date(t, date) != 0)
    return false;
  for (jb_str it = t; it.n;) {
    uint32_t cp = jb_utf8_next(&it);
    if (!(cp <= 0x7F && !((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))) &&
        cp != 0x5E74 && cp != 0x6708 && cp != 0x65E5 && !jb_cp_is_space(cp))
      return false; /* only digits, separators and 年月日 */
  }
  return true;
}

#define DECK_MIN_CP 6     /* shortest deck title */
#define DECK_MAX_CP 40    /* longest */
#define DECK_PLATEAU 4    /* lengths with one count that make a title */
#define DECK_MIN_REPEAT 3 /* the title heads at least this many slides */

static size_t
count_occurrences(jb_str hay, jb_str needle)
{
  size_t k = 0;
  for (jb_str rest = hay; rest.n >= needle.n;) {
    long at = jb_str_find_str(rest, needle);
    if (at < 0)
      break;
    k++;
    rest = jb_str_skip(rest, (size_t)at + needle.n);
  }
  return k;
}

jb_str
jb_meta_deck_title(jb_str text)
{
  size_t ends[DECK_MAX_CP + 1];
  size_t ncp = 0;
  for (jb_str it = text; it.n && ncp < DECK_MAX_CP;) {
    jb_utf8_next(&it);
    ends[++ncp] = (size_t)(it.p - text.p);
  }
  size_t plateau = 0, last = 0;
  for (size_t L = DECK_MIN_CP; L <= ncp; L++) {
    size_t c = count_occurrences(text, jb_str_sub(text, 0, ends[L]));
    if (c == last && c >= DECK_MIN_REPEAT) {
      plateau++;
    } else {
      if (plateau + 1 >= DECK_PLATEAU && last >= DECK_MIN_REPEAT)
        return jb_str_sub(text, 0, ends[L - 1]);
      plateau = 0;
    }
    last = c;
  }
  return jb_str_make(NULL, 0);
}
