/* pinyin.h - pinyin formatting (pinyin.c). */
#ifndef JB_PINYIN_H
#define JB_PINYIN_H

#include <stdbool.h>

#include "arena.h"
#include "str.h"

/* Numbered pinyin as CC-CEDICT writes it to tone marks: "wang3 luo4" ->
 * "wǎng luò", "lu:4" -> "lǜ", tone 5 unmarked, "r5" joined to the syllable
 * before it ("yi1 dian3 r5" -> "yī diǎnr"). In a. */
jb_str jb_pinyin_marks(jb_arena *a, jb_str numbered);

#define JB_PINYIN_MAX_SYLLABLES 32

/* Hanyu Pinyin orthography (GB/T 16159-2012) of a numbered reading: the
 * syllables of a word joined (a word starts at syllable i where
 * word_start[i]), an apostrophe before a syllable that starts with a, o
 * or e inside a word (Xī'ān), tone marks on the right vowel, ü; capitals
 * at the start of each word of a proper noun, none otherwise; words
 * joined by a hyphen where hyphen (a pair of names: Zhōng-Měi). */
jb_str jb_pinyin_orthography(jb_arena *a, jb_str numbered, const bool *word_start, bool proper,
                             bool hyphen);
/* Syllables of a numbered reading (an erhua r joined to the one before). */
size_t jb_pinyin_count(jb_str numbered);
/* Syllable i of the reading is written with a capital (CC-CEDICT marks
 * proper nouns so). */
bool jb_pinyin_capital(jb_str numbered, size_t i);

#endif
