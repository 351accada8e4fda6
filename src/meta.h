/* meta.h - text patterns for document metadata (SPEC §2.1): dates and
 * publishers as scraped pages write them. */
#ifndef JB_META_H
#define JB_META_H

#include <stdbool.h>

#include "str.h"

#define JB_META_SOURCE_MAX_CP 40 /* longest publisher name, code points */

/* Find the first date in s (2017-11-07, 2017/11/07, 2017.11.07,
 * 2017年11月7日, each with an optional time) and write it to out as
 * YYYY-MM-DD. Returns the offset of the match, or -1. */
long jb_meta_find_date(jb_str s, char out[11]);

/* Publisher named in a byline or attribution line (来源:, 來源:, 本文摘自:,
 * 资料来源：, （来源：…）); empty if none. */
jb_str jb_meta_find_source(jb_str line);

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
