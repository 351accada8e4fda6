/* meta.h - text patterns for document metadata (SPEC §2.1): dates and
 * publishers as scraped pages write them. */
#ifndef JB_META_H
#define JB_META_H

#include <stdbool.h>

#include "str.h"

#define JB_META_SOURCE_MAX_CP 40 /* longest publisher name, code points */

/* Write a valid date as YYYY-MM-DD to out; false (out untouched) if the
 * date does not exist. */
bool jb_meta_format_date(char out[11], int y, int m, int d);

/* Find the first date in s (2017-11-07, 2017/11/07, 2017.11.07,
 * 2017年11月7日, each with an optional time) and write it to out as
 * YYYY-MM-DD. Returns the offset of the match, or -1. */
long jb_meta_find_date(jb_str s, char out[11]);

/* Publisher named in a byline or attribution line (来源:, 來源:, 本文摘自:,
 * 资料来源：, （来源：…）); empty if none. */
jb_str jb_meta_find_source(jb_str line);
/* The same, and *reprint set when the label names the paper the text was
 * reprinted from (本文摘自, 转载自, 摘自), *label_only when a label stands
 * at the end with its name on the next line (either may be NULL). */
jb_str jb_meta_source(jb_str line, bool *reprint, bool *label_only);
/* True for a publisher that names no one: the site itself (本站, 本网,
 * 原创), the web (网络), or nothing (综合, 未知). */
bool jb_meta_is_self(jb_str name);
/* A dateline's month and day (3月2日, without a year before it): the
 * offset of the match, or -1. */
long jb_meta_find_month_day(jb_str s, int *month, int *day);
/* A publication date in a URL's path (/2021-03/05/, /20240611/,
 * /2019/0615/, /2019_09_07_…, /202406110012.aspx) written to out as
 * YYYY-MM-DD; false if none. */
bool jb_meta_url_date(jb_str url, char out[11]);
/* The news organisation a lead paragraph opens with: 新华社北京2月29日电,
 * （路透社倫敦5日電）, 【某某報專訊】, 长江网10月4日讯, 据中新网9月9日报道.
 * Empty if none. */
jb_str jb_meta_dateline_source(jb_str text);
/* A site's own name in its footer or a rights statement: 版权所有：某某网,
 * 某某公司版权所有, 本文为某某原创. Empty if none. */
jb_str jb_meta_site_name(jb_str line);
/* The publisher a statement of original content names (本文为某某原创);
 * empty if none. */
jb_str jb_meta_own_statement(jb_str line);
/* The site a breadcrumb starts from when it names one (上海新闻网 >
 * 新闻资讯 > 正文, 当前位置：某某网 > …). Empty if none. */
jb_str jb_meta_breadcrumb_site(jb_str line);

/* True if line is a short attribution of its own, such as "（来源：中国新闻网）",
 * "资料来源：人民日报" or "本文摘自:国际在线". */
bool jb_meta_is_attribution(jb_str line);

/* Number of byline fields in line: a date, and labels such as 来源 作者
 * 责任编辑 时间 浏览 发布 (both scripts). Two or more in a short line make
 * it a byline. */
int jb_meta_byline_fields(jb_str line);

/* True if line holds nothing but a date, optionally with a time. */
bool jb_meta_is_date_line(jb_str line);

/* Title of a slide deck whose text was run into one line: the longest
 * prefix of text that the slides repeat as their header, found as the first
 * stable run of prefix lengths with the same occurrence count (>= 3).
 * Empty if text does not look like that. */
jb_str jb_meta_deck_title(jb_str text);

#endif
