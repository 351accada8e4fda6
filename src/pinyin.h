/* pinyin.h - pinyin formatting (pinyin.c). */
#ifndef JB_PINYIN_H
#define JB_PINYIN_H

#include "arena.h"
#include "str.h"

/* Numbered pinyin as CC-CEDICT writes it to tone marks: "wang3 luo4" ->
 * "wǎng luò", "lu:4" -> "lǜ", tone 5 unmarked, "r5" joined to the syllable
 * before it ("yi1 dian3 r5" -> "yī diǎnr"). In a. */
jb_str jb_pinyin_marks(jb_arena *a, jb_str numbered);

#endif
