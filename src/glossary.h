/* glossary.h - the glossary stage (SPEC §5), after dedup: the corpus's key
 * terms, found by segmentation against CC-CEDICT, ranked by
 * how much more often they occur here than in general text (jieba's word
 * frequencies), with tone-marked pinyin and the dictionary's own glosses. */
#ifndef JB_GLOSSARY_H
#define JB_GLOSSARY_H

#include "doc.h"

#define JB_GLOSSARY_MAX_WORD 8 /* characters in the longest word looked up */
#define JB_GLOSSARY_MIN_COUNT 3 /* a term occurs at least this often */

/* Numbered pinyin as CC-CEDICT writes it to tone marks: "wang3 luo4" ->
 * "wǎng luò", "lu:4" -> "lǜ", tone 5 unmarked, "r5" joined to the syllable
 * before it ("yi1 dian3 r5" -> "yī diǎnr"). In a. */
jb_str jb_glossary_pinyin(jb_arena *a, jb_str numbered);

/* A loaded CC-CEDICT and word-frequency list. */
typedef struct jb_lexicon jb_lexicon;

/* Load the dictionary (CC-CEDICT text format) and the frequency list
 * ("word freq tag" lines): from the compiled cache <cedict>.jblx when its
 * stamp matches both files, else from the text, writing the cache for the
 * next run when the folder allows. Reports and returns NULL on failure.
 * Free with jb_lexicon_free. */
jb_lexicon *jb_lexicon_load(const char *cedict, const char *freq, jb_diags *d);
void jb_lexicon_free(jb_lexicon *lx);

/* Split text into dictionary words, the fewest words with single characters
 * filling the gaps, ties broken by general-text frequency; calls fn for each
 * word of two or more characters. */
void jb_lexicon_segment(const jb_lexicon *lx, jb_str text,
                        void (*fn)(void *ud, jb_str word), void *ud);

/* Choose the terms of doc (at most max) into doc->terms. */
void jb_glossary_choose(jb_ctx *ctx, jb_doc *doc, const jb_lexicon *lx, size_t max);

/* Run the stage with the template's dictionaries, if the template wants a
 * glossary. Returns 0, or -1 if the dictionaries cannot be read. */
int jb_glossary_run(jb_ctx *ctx, jb_doc *doc);

#endif
