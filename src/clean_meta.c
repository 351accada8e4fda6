/* clean_meta.c - clean stage: a page's title, date and publisher, each
 * chosen among candidates by its evidence (SPEC §2.1). The report gives
 * the rule and the line of each; weak evidence is warned about by clean.c.
 *   title: the front matter; a wire story's 题： line; else the best scored
 *          line above the article: a markdown heading, the line over the
 *          byline, a line the page repeats (its <title>, a share text),
 *          near the article, never navigation, a byline, a caption or a
 *          site banner; a headline cut into lines is joined when the page
 *          repeats it whole.
 *   date:  the front matter; the byline under the headline; the URL; a
 *          labelled publication date; any byline; a dateline's day with the
 *          year of the fetch; last, a date in the text.
 *   source: the front matter; the paper a text was reprinted from; the
 *          byline's 来源; a self-media account; the name above or in the
 *          byline, unless it is a person's and the lead has a dateline
 *          (新华社北京…电, 某某网讯); a 来源 anywhere; the site's own name
 *          (its footer, "本文为某某原创"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean_int.h"
#include "meta.h"
#include "utf8.h"

#define TITLE_SCAN 80       /* units searched above the article */
#define TITLE_MIN_CP 6
#define TITLE_MAX_CP 100
#define TITLE_PIECE_MAX_CP 40 /* a line of a headline cut into lines */
#define TITLE_PIECES 3      /* lines of it on either side of the best */
#define REPEAT_BONUS 3      /* a headline the page repeats */
#define NAMES_MIN_HAN 40    /* a headline this long has a function character */
#define CONTAIN_SLACK 4     /* a headline containing the best line may score this much less */
#define TITLE_STRONG 4      /* score of a headline with evidence: markup, a
                               byline under it, a repeat */
#define HEADER_SPAN 8       /* units above the article that hold its byline */
#define DISTANCE_MAX 4      /* most a headline loses for its distance */
#define LEAD_UNITS 3        /* paragraphs whose dateline names the source */
#define TI_LEAD_CP 24       /* a dateline before a 题： line */
#define NAME_MIN_CP 3       /* an account or publisher name */
#define NAME_MAX_CP 12
#define LABEL_MAX_CP 60     /* a labelled line outside the text */

jb_str
jb_clean_squeeze(jb_arena *a, jb_str s)
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

static uint32_t
lineno(const jb_article *art, size_t i)
{
  return jb_source_line(art->src, art->u[i].first);
}

static void
set_field(jb_ctx *ctx, jb_field *f, jb_str value, uint32_t line, const char *rule)
{
  f->value = jb_clean_normalise(ctx->arena, jb_str_trim(value), 0, 0);
  f->origin = JB_ORIGIN_INFERRED;
  f->line = line;
  f->rule = rule;
}

/* Occurrences of needle in hay, counted up to most. */
static size_t
occurrences(jb_str hay, jb_str needle, size_t most)
{
  size_t k = 0;
  if (!needle.n)
    return 0;
  for (jb_str rest = hay; rest.n >= needle.n && k < most;) {
    long at = jb_str_find_str(rest, needle);
    if (at < 0)
      break;
    k++;
    rest = jb_str_skip(rest, (size_t)at + 1);
  }
  return k;
}

/* ---- title ----------------------------------------------------------------- */

/* A site banner or page title bar: 某某_某某网, 某某 - 某某网. */
static bool
is_banner(jb_str v)
{
  if (jb_str_find(v, "_") >= 0)
    return true;
  static const char *const seps[] = {" - ", " | ", "｜", " — ", NULL};
  static const char *const sites[] = {"网", "網", "频道", "頻道", "新闻", "新聞", "官网",
                                      "官網", "首页", "首頁", "门户", "門戶", NULL};
  for (int k = 0; seps[k]; k++) {
    long at = jb_str_find(v, seps[k]);
    if (at < 0)
      continue;
    if (jb_str_ends_any(jb_str_trim(jb_str_skip(v, (size_t)at + strlen(seps[k]))), sites))
      return true;
  }
  return false;
}

static bool
title_like(const jb_unit *u)
{
  if (u->flags & (JB_UNIT_LISTED | JB_UNIT_REPEAT | JB_UNIT_TABLE))
    return false; /* an item of a list (a menu, related titles), the site's template, a table */
  const jb_line_info *in = &u->in;
  if ((u->drop && !(u->flags & JB_UNIT_SOFT)) || u->cls == JB_U_META || u->cls == JB_U_BAD)
    return false;
  if (in->cps < TITLE_MIN_CP || in->cps > TITLE_MAX_CP || (in->han < 4 && in->letters < 8))
    return false;
  if (in->link_cps * 2 > in->cps || in->stops >= 3 || in->commas >= 4)
    return false;
  /* A headline ends without a full stop or a clause mark. */
  uint32_t last = jb_utf8_last(u->visible, NULL);
  if (last == ':' || last == 0xFF1A || last == 0xFF0C || last == ',' || last == 0x3002 ||
      last == 0xFF1B || last == 0x3001)
    return false;
  return !is_banner(u->visible);
}

/* The next unit after i that is not a picture, a placeholder or chrome. */
static long
next_solid(const jb_article *art, size_t i, int d)
{
  for (long j = (long)i + d; j >= 0 && j < (long)art->n; j += d) {
    const jb_unit *u = &art->u[j];
    if ((u->flags & (JB_UNIT_IMAGE | JB_UNIT_SOFT)) || u->drop == JB_DROP_CHROME ||
        u->drop == JB_DROP_LINK_ONLY)
      continue;
    return j;
  }
  return -1;
}

static double
title_score(const jb_article *art, size_t i)
{
  const jb_unit *u = &art->u[i];
  const jb_line_info *in = &u->in;
  double s = 0;
  if (in->heading)
    s += in->heading <= 3 ? 6 - in->heading : 2;
  else if (in->bold_cps * 10 >= in->cps * 9)
    s += 1;
  /* the byline under it, or under a standfirst (sentences) under it */
  long next = next_solid(art, i, +1);
  if (next >= 0 && art->u[next].cls == JB_U_GOOD && art->u[next].in.stops &&
      art->u[next].in.sentence_end)
    next = next_solid(art, (size_t)next, +1);
  for (int k = 0; next >= 0 && k < 3; k++) {
    if (art->u[next].cls == JB_U_META) {
      s += k == 0 ? 4 : 2;
      break;
    }
    if (art->u[next].cls == JB_U_GOOD)
      break;
    next = next_solid(art, (size_t)next, +1);
  }
  long prev = next_solid(art, i, -1);
  if (prev >= 0 && art->u[prev].cls == JB_U_META)
    s += 1;
  /* near the article's start: text between them counts, debris less */
  size_t between = 0, a = i < art->core0 ? i : art->core0, b = i < art->core0 ? art->core0 : i;
  /* (the cost stops growing at DISTANCE_MAX: so does the count) */
  for (size_t j = a + 1; j < b && j < art->n && between < DISTANCE_MAX * 10; j++)
    between += art->u[j].cls >= JB_U_SHORT ? 2 : art->u[j].cls == JB_U_META ? 0 : 1;
  between /= 2;
  s -= between * 0.2 > DISTANCE_MAX ? DISTANCE_MAX : between * 0.2;
  if (u->in.sentence_end && jb_utf8_last(u->visible, NULL) == 0x3002)
    s -= 3;
  if (in->cps >= 8 && in->cps <= 50)
    s += 1;
  /* a long string of names or menu words, none of prose's function
   * characters in it */
  if (in->han >= NAMES_MIN_HAN && !in->function)
    s -= 3;
  return s;
}

/* A headline cut into lines (<br> in an <h1>): the lines around best with
 * no blank line between them, joined, when the page repeats the whole;
 * [*from, *to] are its units. */
static jb_str
whole_headline(jb_ctx *ctx, const jb_article *art, size_t best, size_t *from, size_t *to,
               jb_arena *scratch)
{
  const jb_unit *u = art->u;
  size_t lo = best, hi = best;
  while (lo > 0 && best - lo < TITLE_PIECES && !u[lo].blank_before && title_like(&u[lo - 1]) &&
         u[lo - 1].in.cps <= TITLE_PIECE_MAX_CP && !u[lo - 1].in.stops)
    lo--;
  while (hi + 1 < art->n && hi - best < TITLE_PIECES && !u[hi + 1].blank_before &&
         title_like(&u[hi + 1]) && u[hi + 1].in.cps <= TITLE_PIECE_MAX_CP &&
         !u[hi + 1].in.stops && hi + 1 < art->core0)
    hi++;
  *from = *to = best;
  /* The longest run around best that the page repeats. */
  for (size_t a = lo; a <= best && lo < hi; a++)
    for (size_t b = hi; b >= best && b > a; b--) {
      jb_buf j = JB_BUF_INIT;
      for (size_t k = a; k <= b; k++) {
        /* a space between Latin words the break took */
        jb_str first = u[k].visible;
        if (k > a && jb_cp_is_alnum(jb_utf8_last(jb_buf_str(&j), NULL)) &&
            jb_cp_is_alnum(jb_utf8_next(&first)))
          jb_buf_putc(&j, ' ');
        jb_buf_put_str(&j, u[k].visible);
      }
      bool repeated =
          occurrences(art->squeezed, jb_clean_squeeze(scratch, jb_buf_str(&j)), 2) >= 2;
      if (repeated) {
        jb_str r = jb_str_make(jb_arena_strndup(ctx->arena, j.p, j.n), j.n);
        jb_buf_free(&j);
        *from = a;
        *to = b;
        return r;
      }
      jb_buf_free(&j);
    }
  return u[best].visible;
}

/* 题：某某 — the headline of a wire story, inside its text. */
static long
ti_line(const jb_article *art, jb_str *value)
{
  size_t lo = art->core0 > TITLE_SCAN ? art->core0 - TITLE_SCAN : 0;
  size_t hi = art->core0 + LEAD_UNITS < art->n ? art->core0 + LEAD_UNITS : art->n;
  for (size_t i = lo; i < hi && i < art->n; i++) {
    jb_str t = jb_str_trim(art->u[i].visible);
    if (art->u[i].in.cps > TITLE_MAX_CP + TI_LEAD_CP)
      continue;
    /* at the start, or after the dateline: 某某社北京3月2日电 题：… */
    long at = jb_str_find(jb_str_sub(t, 0, TI_LEAD_CP * 3), "题：");
    if (at < 0)
      at = jb_str_find(jb_str_sub(t, 0, TI_LEAD_CP * 3), "題：");
    if (at >= 0 && (at == 0 || jb_meta_dateline_source(t).n)) {
      *value = jb_str_trim(jb_str_skip(t, (size_t)at + 6));
      return value->n ? (long)i : -1;
    }
  }
  return -1;
}

void
jb_clean_title(jb_ctx *ctx, jb_article *art)
{
  jb_field *t = &art->src->meta.title;
  art->title = art->title_end = -1;
  jb_arena *scratch = jb_arena_new();
  if (jb_origin_stated(t->origin)) {
    /* Where the page shows it nearest above the article (clean.c marked
     * its repeats): the article starts below. */
    for (size_t i = 0; i < art->n && (i <= art->core0 || art->title < 0); i++)
      if (art->u[i].drop == JB_DROP_TITLE && strcmp(art->u[i].why, "equals the title") == 0)
        art->title = art->title_end = (long)i;
    jb_arena_free(scratch);
    return;
  }
  jb_str value;
  long ti = ti_line(art, &value);
  if (ti >= 0) {
    art->title = art->title_end = ti;
    set_field(ctx, t, value, lineno(art, (size_t)ti), "题 line of a wire story");
    jb_arena_free(scratch);
    return;
  }
  /* The core may start with the headline itself, or with a notice above
   * it: the search reaches to its second paragraph of sentences. */
  size_t hi = art->n;
  if (art->core0 <= art->core1) {
    size_t paras = 0;
    for (hi = art->core0; hi <= art->core1 && paras < 2; hi++)
      paras += art->u[hi].cls == JB_U_GOOD && art->u[hi].in.stops;
  }
  size_t lo = art->core0 > TITLE_SCAN ? art->core0 - TITLE_SCAN : 0;
  /* (a core without sentences, or none: no further than a scan) */
  if (hi > lo + 2 * TITLE_SCAN)
    hi = lo + 2 * TITLE_SCAN;
  /* up to the headline over the article's dated byline, however far */
  if (art->head >= 0 && (size_t)art->head < lo)
    lo = (size_t)art->head;
  /* Scores without the repeat evidence first: the page's text is only
   * searched for the lines that can still win with it. */
  size_t nc = 0;
  double *score = jb_xmalloc((hi > lo ? hi - lo : 1) * sizeof *score);
  double top = -1e9;
  for (size_t i = lo; i < hi; i++) {
    /* (the core's last unit is its text, never its headline) */
    bool last = art->core0 <= art->core1 && i == art->core1;
    score[i - lo] = title_like(&art->u[i]) && !last ? title_score(art, i) : -1e9;
    if (score[i - lo] > top)
      top = score[i - lo];
    nc += score[i - lo] > -1e9;
  }
  long best = -1;
  double best_s = 0;
  for (size_t i = lo; i < hi && nc; i++) {
    double s = score[i - lo];
    if (s <= -1e9)
      continue;
    /* the page repeats it: its title bar, a share text, a 原标题 line */
    if (s + REPEAT_BONUS >= top &&
        occurrences(art->squeezed, jb_clean_squeeze(scratch, art->u[i].visible), 2) >= 2)
      s += REPEAT_BONUS;
    if (best < 0 || s > best_s) {
      best = (long)i;
      best_s = s;
    }
  }
  /* A line inside the article that repeats part of the headline (its
   * second half as a subheading) yields to the whole headline. */
  if (best >= 0) {
    jb_str bs = jb_clean_squeeze(scratch, art->u[best].visible);
    long whole = -1;
    for (size_t i = lo; i < hi; i++) {
      if ((long)i == best || score[i - lo] <= -1e9 || score[i - lo] + CONTAIN_SLACK < best_s)
        continue;
      jb_str cs = jb_clean_squeeze(scratch, art->u[i].visible);
      if (cs.n > bs.n && jb_str_find_str(cs, bs) >= 0 && (whole < 0 || score[i - lo] > score[whole - (long)lo]))
        whole = (long)i;
    }
    if (whole >= 0) {
      best = whole;
      best_s = score[whole - (long)lo];
    }
  }
  free(score);
  if (best >= 0) {
    size_t from, to;
    jb_str v = whole_headline(ctx, art, (size_t)best, &from, &to, scratch);
    art->title = (long)from;
    art->title_end = (long)to;
    if (to >= art->core0 && art->core0 <= art->core1)
      art->core0 = to + 1;
    const char *rule = best_s >= TITLE_STRONG ? "headline above the article"
                                              : "line above the article";
    art->title_weak = best_s < TITLE_STRONG;
    set_field(ctx, t, v, lineno(art, from), rule);
  }
  jb_arena_free(scratch);
}

/* ---- date and source ------------------------------------------------------------ */

/* Units around the headline that hold its byline: from the headline (or a
 * few units above the article) to the article's first paragraph. */
static void
header_zone(const jb_article *art, size_t *lo, size_t *hi)
{
  size_t top = art->top <= art->bottom ? art->top : 0;
  *lo = art->title >= 0 ? (size_t)art->title : (top > HEADER_SPAN ? top - HEADER_SPAN : 0);
  /* down to the article's first paragraph */
  size_t first = *lo;
  while (first < art->n && !(art->u[first].flags & JB_UNIT_BODY))
    first++;
  if (first >= art->n) {
    *hi = top + HEADER_SPAN;
  } else {
    /* a standfirst may come first: its byline follows it */
    *hi = first + 1;
    for (size_t j = first + 1; j < art->n && !(art->u[j].flags & JB_UNIT_BODY); j++)
      if (art->u[j].cls == JB_U_META)
        *hi = j + 1;
  }
  if (*hi > art->n)
    *hi = art->n;
}

static bool
in_body(const jb_unit *u)
{
  return (u->flags & JB_UNIT_BODY) != 0;
}

/* A byline or label line outside the text. */
static bool
meta_line(const jb_unit *u)
{
  return u->cls == JB_U_META || (!in_body(u) && u->in.cps <= LABEL_MAX_CP);
}

static bool
date_in(const jb_unit *u, char out[11])
{
  return jb_meta_find_date(u->visible, out) >= 0;
}

static bool
labelled_date(const jb_unit *u, char out[11])
{
  static const char *const labels[] = {"发布", "發佈", "發布", "日期", "时间", "時間",
                                       "发表", "發表", NULL};
  long at = jb_meta_find_date(u->visible, out);
  if (at < 0)
    return false;
  jb_str before = jb_str_sub(u->visible, 0, (size_t)at);
  for (int k = 0; labels[k]; k++)
    if (jb_str_find(before, labels[k]) >= 0)
      return true;
  return false;
}

static void
set_date(jb_ctx *ctx, jb_article *art, const char date[11], size_t i, const char *rule)
{
  jb_field *f = &art->src->meta.date;
  f->value = jb_str_c(jb_arena_strndup(ctx->arena, date, 10));
  f->origin = JB_ORIGIN_INFERRED;
  f->line = lineno(art, i);
  f->rule = rule;
}

/* The whole of v is a number (b NULL) or two joined by a slash (09/07). */
static bool
numbers(jb_str v, int *a, int *b)
{
  jb_str t = jb_str_trim(v);
  int *out = a;
  size_t digits = 0;
  *a = 0;
  if (b)
    *b = 0;
  for (size_t i = 0; i < t.n; i++) {
    if (t.p[i] >= '0' && t.p[i] <= '9' && digits < 4) {
      *out = *out * 10 + (t.p[i] - '0');
      digits++;
    } else if (t.p[i] == '/' && b && out == a && digits) {
      out = b;
      digits = 0;
    } else {
      return false;
    }
  }
  return digits && (!b || out == b);
}

static void
find_date(jb_ctx *ctx, jb_article *art)
{
  jb_meta *m = &art->src->meta;
  if (m->date.origin != JB_ORIGIN_NONE)
    return;
  char d[11];
  size_t lo, hi;
  header_zone(art, &lo, &hi);
  for (size_t i = lo; i < hi; i++)
    if (meta_line(&art->u[i]) && date_in(&art->u[i], d)) {
      set_date(ctx, art, d, i, art->title >= 0 ? "byline under the headline" : "byline above the article");
      return;
    }
  /* A date a layout split into lines: 2019 / 09/07 / 19:02 */
  for (size_t i = lo; i + 1 < hi; i++) {
    int y, mo, da;
    if (numbers(art->u[i].visible, &y, NULL) && numbers(art->u[i + 1].visible, &mo, &da) &&
        jb_meta_format_date(d, y, mo, da)) {
      set_date(ctx, art, d, i, "date split over lines under the headline");
      return;
    }
  }
  if (m->url.value.n && jb_meta_url_date(m->url.value, d)) {
    m->date.value = jb_str_c(jb_arena_strndup(ctx->arena, d, 10));
    m->date.origin = JB_ORIGIN_INFERRED;
    m->date.line = m->url.line;
    m->date.rule = "date in the URL";
    return;
  }
  for (size_t i = 0; i < art->n; i++)
    if (meta_line(&art->u[i]) && labelled_date(&art->u[i], d)) {
      set_date(ctx, art, d, i, "labelled publication date");
      return;
    }
  for (size_t i = 0; i < art->n; i++)
    if (art->u[i].cls == JB_U_META && date_in(&art->u[i], d)) {
      set_date(ctx, art, d, i, "byline");
      return;
    }
  /* A dateline's day, the year from the fetch date (the day before it). */
  const jb_str fetch = m->fetch_date.value;
  for (size_t i = art->top, k = 0; fetch.n == 10 && i <= art->bottom && i < art->n && k < LEAD_UNITS;
       i++) {
    if (!in_body(&art->u[i]))
      continue;
    k++;
    int mo, da, fy, fm, fd;
    char fbuf[11]; /* (the span is not terminated) */
    memcpy(fbuf, fetch.p, 10);
    fbuf[10] = '\0';
    long at = jb_meta_find_month_day(jb_str_sub(art->u[i].visible, 0, 120), &mo, &da);
    if (at < 0 || sscanf(fbuf, "%4d-%2d-%2d", &fy, &fm, &fd) != 3)
      continue;
    jb_str after = jb_str_skip(art->u[i].visible, (size_t)at);
    long dian = jb_str_find(jb_str_sub(after, 0, 16), "电");
    if (dian < 0)
      dian = jb_str_find(jb_str_sub(after, 0, 16), "電");
    if (dian < 0)
      dian = jb_str_find(jb_str_sub(after, 0, 16), "讯");
    if (dian < 0)
      continue;
    int y = (mo < fm || (mo == fm && da <= fd)) ? fy : fy - 1;
    if (jb_meta_format_date(d, y, mo, da)) {
      set_date(ctx, art, d, i, "dateline, year of the fetch date");
      return;
    }
  }
  for (size_t i = 0; i < art->n; i++)
    if (in_body(&art->u[i]) && date_in(&art->u[i], d)) {
      set_date(ctx, art, d, i, "date in the text");
    art->date_weak = true;
      return;
    }
}

static void
set_source(jb_ctx *ctx, jb_article *art, jb_str name, size_t i, const char *rule)
{
  set_field(ctx, &art->src->meta.source, name, lineno(art, i), rule);
}

/* The publisher a label names, or on the line after a bare label. */
static jb_str
labelled_source(const jb_article *art, size_t i, bool *reprint)
{
  bool label_only;
  jb_str s = jb_meta_source(art->u[i].visible, reprint, &label_only);
  if (!s.n && label_only && i + 1 < art->n && art->u[i + 1].in.cps <= NAME_MAX_CP &&
      !art->u[i + 1].in.stops)
    s = jb_str_trim(art->u[i + 1].visible);
  return s;
}

/* Labels and buttons of a byline, none of them a name. */
static const char *const byline_words[] = {
    "原创", "原創", "发布时间", "發佈時間", "發布時間", "发布日期", "發佈日期", "發布日期",
    "发布于", "發佈於", "发表于", "發表於", "时间", "時間", "日期", "来源", "來源",
    "优质原创作者", "優質原創作者", "作者", "整理", "综合", "綜合", "编译", "編譯",
    "浏览", "瀏覽", "阅读", "閱讀", "点击", "點擊", "评论", "評論", "字号", "字號", NULL};

/* A name beside the byline, or in it once dates, times and labels are
 * gone (原创 GameForce 2019-09-04 22:18:34). */
static jb_str
byline_name(jb_arena *a, const jb_unit *u)
{
  jb_buf b = JB_BUF_INIT;
  jb_str v = u->visible;
  /* what comes after a reporter's credit is a person (某某報 記者 某某) */
  static const char *const reporter[] = {"记者", "記者", "通讯员", "通訊員", "报道", "報導", NULL};
  for (int k = 0; reporter[k]; k++) {
    long at = jb_str_find(v, reporter[k]);
    if (at >= 0)
      v = jb_str_sub(v, 0, (size_t)at);
  }
  for (jb_str it = v; it.n;) {
    /* a word a colon follows is a label (最新更新：…) */
    if (jb_str_starts(it, ":") || jb_str_starts(it, "：")) {
      while (b.n && b.p[b.n - 1] != ' ')
        b.n--;
      it = jb_str_skip(it, it.p[0] == ':' ? 1 : 3);
      continue;
    }
    /* a weekday: 星期一, 周日, 禮拜六 */
    static const char *const week[] = {"星期", "礼拜", "禮拜", "周", "週", NULL};
    static const char *const days[] = {"一", "二", "三", "四", "五", "六", "日", "天", NULL};
    size_t wk = jb_str_starts_any(it, week), day = wk ? jb_str_starts_any(jb_str_skip(it, wk), days) : 0;
    if (day) {
      it = jb_str_skip(it, wk + day);
      jb_buf_putc(&b, ' ');
      continue;
    }
    size_t word = jb_str_starts_any(it, byline_words);
    if (word) {
      it = jb_str_skip(it, word);
      jb_buf_putc(&b, ' ');
      continue;
    }
    uint32_t cp = jb_utf8_next(&it);
    if (cp >= '0' && cp <= '9') {
      /* a date and a time: digits with 年月日 and separators */
      for (jb_str ahead = it; ahead.n;) {
        uint32_t c = jb_utf8_next(&ahead);
        if (!((c >= '0' && c <= '9') || c == 0x5E74 || c == 0x6708 || c == 0x65E5 || c == ':' ||
              c == 0xFF1A || c == '-' || c == '/' || c == '.' || c == ' '))
          break;
        it = ahead;
      }
      jb_buf_putc(&b, ' ');
      continue;
    }
    bool keep = jb_cp_is_han(cp) || (cp < 0x80 && ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')));
    /* a hyphen or a middle dot inside a name: 新浪财经-自媒体综合 */
    bool joiner = (cp == '-' || cp == 0xB7) && b.n && b.p[b.n - 1] != ' ' && it.n &&
                  jb_cp_is_han(jb_utf8_next(&(jb_str){it.p, it.n}));
    if (keep || joiner)
      jb_buf_put_cp(&b, cp);
    else
      jb_buf_putc(&b, ' ');
  }
  /* One name: several are the authors, not the publisher. */
  jb_str t = jb_str_trim(jb_buf_str(&b));
  jb_str name = {NULL, 0};
  size_t words = 0;
  for (size_t k = 0; k < t.n;) {
    while (k < t.n && t.p[k] == ' ')
      k++;
    size_t e = k;
    while (e < t.n && t.p[e] != ' ')
      e++;
    if (e > k) {
      words++;
      name = jb_str_make(jb_arena_strndup(a, t.p + k, e - k), e - k);
    }
    k = e;
  }
  jb_buf_free(&b);
  size_t cps = jb_utf8_count(name);
  return words == 1 && cps >= NAME_MIN_CP && cps <= NAME_MAX_CP && !jb_meta_is_self(name)
             ? name
             : jb_str_make(NULL, 0);
}

/* 某某企鹅号, 某某头条号: an account on a self-media platform. */
static jb_str
account_name(jb_str v)
{
  static const char *const platforms[] = {"企鹅号", "企鵝號", "头条号", "頭條號", "百家号",
                                          "百家號", "网易号", "網易號", "搜狐号", "搜狐號",
                                          "大风号", "大風號", "澎湃号", "澎湃號", "一点号",
                                          "一點號", "新浪号", "新浪號", NULL};
  jb_str t = jb_str_trim(v);
  for (int k = 0; platforms[k]; k++)
    if (jb_str_ends(t, platforms[k])) {
      jb_str name = jb_str_trim(jb_str_make(t.p, t.n - strlen(platforms[k])));
      size_t cps = jb_utf8_count(name);
      if (cps >= 2 && cps <= NAME_MAX_CP && jb_str_find(name, " ") < 0)
        return name;
    }
  return jb_str_make(NULL, 0);
}

/* An account's id line: 微信号 abc123 */
static bool
starts_id(jb_str v)
{
  static const char *const ids[] = {"微信号", "微信號", "公众号", "公眾號", NULL};
  return jb_str_starts_any(jb_str_trim(v), ids);
}

/* A short line that can be a name; bold is allowed where the context
 * says it is one (an account's name set in bold over its id). */
static bool
name_like_in(const jb_unit *u, bool bold)
{
  if (jb_str_starts_any(u->visible, byline_words))
    return false;
  unsigned not = JB_UNIT_SOFT | (bold && !u->in.heading ? 0 : JB_UNIT_HEADING);
  return u->cls == JB_U_SHORT && !(u->flags & not) &&
         (!u->drop || u->drop == JB_DROP_OUTSIDE) && u->in.cps >= NAME_MIN_CP &&
         u->in.cps <= NAME_MAX_CP && !u->in.commas && !u->in.links;
}

static bool
name_like(const jb_unit *u)
{
  return name_like_in(u, false);
}

/* The first 来源 in units [lo, hi) outside the text that names someone:
 * sets the source and returns true. *self is set when one names the site
 * itself (本站原创). */
static bool
label_in(jb_ctx *ctx, jb_article *art, size_t lo, size_t hi, bool *self, const char *rule)
{
  bool reprint;
  for (size_t i = lo; i < hi; i++) {
    if (!meta_line(&art->u[i]) || (art->u[i].flags & JB_UNIT_CAPTION))
      continue;
    jb_str s = labelled_source(art, i, &reprint);
    if (s.n && jb_meta_is_self(s)) {
      *self = true;
    } else if (s.n) {
      set_source(ctx, art, s, i, rule);
      return true;
    }
  }
  return false;
}

/* Two or three Han characters and no outlet's ending: a person. */
static bool
person_like(jb_str name)
{
  static const char *const outlet[] = {"网", "網", "报", "報", "社", "台", "刊", "号", "號",
                                       NULL};
  size_t n = 0;
  for (jb_str it = name; it.n; n++)
    if (!jb_cp_is_han(jb_utf8_next(&it)))
      return false;
  return n >= 2 && n <= 3 && !jb_str_ends_any(name, outlet);
}

static void
find_source(jb_ctx *ctx, jb_article *art)
{
  jb_meta *m = &art->src->meta;
  if (m->source.origin != JB_ORIGIN_NONE)
    return;
  bool self = false, reprint;
  size_t lo, hi;
  header_zone(art, &lo, &hi);
  /* reprinted from */
  for (size_t i = 0; i < art->n; i++) {
    if (!meta_line(&art->u[i]) || (art->u[i].flags & JB_UNIT_CAPTION))
      continue;
    jb_str s = labelled_source(art, i, &reprint);
    if (s.n && reprint && !jb_meta_is_self(s)) {
      set_source(ctx, art, s, i, "reprinted from");
      return;
    }
  }
  if (label_in(ctx, art, lo, hi, &self, "source label in the byline"))
    return;
  /* The byline proper: the first dated one under the headline. */
  long byline = -1;
  for (size_t i = lo; i < hi && byline < 0; i++) {
    char d[11];
    if (art->u[i].cls == JB_U_META &&
        (date_in(&art->u[i], d) || jb_str_find(art->u[i].visible, "时间") >= 0 ||
         jb_str_find(art->u[i].visible, "時間") >= 0))
      byline = (long)i;
  }
  /* A self-media account: named as one (某某企鹅号, 某某头条号), or the
   * name over its account id (微信号 …), or right above the byline. */
  for (size_t i = lo; i < hi; i++) {
    jb_str s = account_name(art->u[i].visible);
    if (s.n) {
      set_source(ctx, art, s, i, "self-media account");
      return;
    }
    if (i > lo && starts_id(art->u[i].visible) && name_like_in(&art->u[i - 1], true) &&
        (long)i - 1 != art->title) {
      set_source(ctx, art, art->u[i - 1].visible, i - 1, "self-media account");
      return;
    }
  }
  if (byline > 0) {
    long j = byline - 1;
    while (j > 0 && (art->u[j].flags & JB_UNIT_IMAGE))
      j--;
    if (j != art->title && name_like(&art->u[j])) {
      set_source(ctx, art, art->u[j].visible, (size_t)j, "name above the byline");
      return;
    }
  }
  /* a person's name (王小明) yields to a dateline's agency */
  jb_str named = byline >= 0 ? byline_name(ctx->arena, &art->u[byline]) : jb_str_make(NULL, 0);
  /* a 来源 label names the source where a byline's name (an account's,
   * a channel's) only carries it */
  if (named.n && label_in(ctx, art, 0, art->n, &self, "source label"))
    return;
  if (named.n && !person_like(named)) {
    set_source(ctx, art, named, (size_t)byline, "name in the byline");
    return;
  }
  /* the lead's dateline (or a wire story's, before its 题 line) */
  if (art->title >= 0) {
    jb_str s = jb_meta_dateline_source(art->u[art->title].visible);
    if (s.n) {
      set_source(ctx, art, s, (size_t)art->title, "dateline");
      return;
    }
  }
  for (size_t i = art->top, k = 0; i <= art->bottom && i < art->n && k < LEAD_UNITS; i++) {
    if (!in_body(&art->u[i]))
      continue;
    k++;
    jb_str s = jb_meta_dateline_source(art->u[i].visible);
    if (s.n) {
      set_source(ctx, art, s, i, "dateline");
      return;
    }
  }
  if (named.n) {
    set_source(ctx, art, named, (size_t)byline, "name in the byline");
    return;
  }
  if (label_in(ctx, art, 0, art->n, &self, "source label"))
    return;
  /* The site itself: a statement of original content (it names the
   * publisher, where a footer may name a company), its footer, or where
   * its breadcrumbs start. */
  jb_str (*const finders[])(jb_str) = {jb_meta_own_statement, jb_meta_site_name,
                                       jb_meta_breadcrumb_site};
  for (size_t f = 0; f < sizeof finders / sizeof finders[0]; f++)
    for (size_t i = 0; i < art->n; i++) {
      const jb_unit *u = &art->u[i];
      if (in_body(u) || (finders[f] == jb_meta_breadcrumb_site && u->drop != JB_DROP_NAV))
        continue;
      jb_str s = finders[f](u->visible);
      /* the footer's name on the line above its 版权所有 */
      if (!s.n && finders[f] == jb_meta_site_name && i > 0 &&
          jb_str_starts_any(u->visible, (const char *const[]){"版权所有", "版權所有", NULL}) &&
          name_like(&art->u[i - 1]))
        s = art->u[--i].visible;
      if (s.n) {
        set_source(ctx, art, s, i, self ? "the site (the text is its own)" : "the site's name");
        return;
      }
    }
}

void
jb_clean_meta(jb_ctx *ctx, jb_article *art)
{
  find_date(ctx, art);
  find_source(ctx, art);
}
