/* meta.c - text patterns for metadata: dates and publishers in bylines and
 * attribution lines. Shared by ingest (inference) and clean (byline lines). */
#include "meta.h"

#include <stdio.h>
#include <string.h>

#include "utf8.h"

static bool
is_digit(char c)
{
  return c >= '0' && c <= '9';
}

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
    if (d < 0 || (cjk && !eat(s, &i, "日")) || (i < s.n && is_digit(s.p[i])))
      continue;
    if (!valid_date(y, m, d))
      continue;
    const int v[3] = {y, m, d}, w[3] = {4, 2, 2};
    char *o = out;
    for (int f = 0; f < 3; f++) {
      for (int k = w[f] - 1, x = v[f]; k >= 0; k--, x /= 10)
        o[k] = (char)('0' + x % 10);
      o += w[f];
      *o++ = f < 2 ? '-' : '\0';
    }
    return (long)start;
  }
  return -1;
}

/* Labels that introduce a publisher, in both scripts. */
static const char *const source_labels[] = {
    "本文摘自", "资料来源", "資料來源", "稿件来源", "稿件來源", "来源",
    "來源",     "出处",     "出處",     NULL};

/* Words that start the next field of a byline. */
static const char *const field_words[] = {
    "浏览", "瀏覽", "作者", "时间", "時間", "编辑", "編輯", "责任", "責任",
    "发布", "發布", "日期", "阅读", "閱讀", "点击", "點擊", "本文", NULL};

static bool
at_any(jb_str s, const char *const *words)
{
  for (int k = 0; words[k]; k++)
    if (jb_str_starts(s, words[k]))
      return true;
  return false;
}

jb_str
jb_meta_find_source(jb_str line)
{
  for (size_t i = 0; i < line.n; i++) {
    jb_str rest = jb_str_skip(line, i);
    const char *label = NULL;
    for (int k = 0; source_labels[k]; k++)
      if (jb_str_starts(rest, source_labels[k])) {
        label = source_labels[k];
        break;
      }
    if (!label)
      continue;
    rest = jb_str_skip(rest, strlen(label));
    if (jb_str_starts(rest, ":"))
      rest = jb_str_skip(rest, 1);
    else if (jb_str_starts(rest, "："))
      rest = jb_str_skip(rest, 3);
    else
      continue;
    rest = jb_str_trim(rest);
    /* The name runs to the next separator or field. */
    jb_str it = rest;
    size_t len = 0, cps = 0;
    while (it.n && cps < JB_META_SOURCE_MAX_CP) {
      if (at_any(it, field_words))
        break;
      jb_str before = it;
      uint32_t cp = jb_utf8_next(&it);
      if (jb_cp_is_space(cp) || cp == '|' || cp == 0xFF5C || cp == ')' ||
          cp == 0xFF09 || cp == 0xFF0C || cp == 0x3002 || cp == 0x3001 ||
          cp == ';' || cp == 0xFF1B || cp == ',' || cp == JB_UTF8_BAD)
        break;
      char date[11];
      if (cp >= '0' && cp <= '9' && jb_meta_find_date(before, date) == 0)
        break;
      len += (size_t)(it.p - before.p);
      cps++;
    }
    if (len)
      return jb_str_sub(rest, 0, len);
  }
  return jb_str_make(NULL, 0);
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
