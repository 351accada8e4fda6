/* lexicon.h - CC-CEDICT with general-text word frequencies (lexicon.c):
 * loaded from a compiled cache, looked up, used to segment text. */
#ifndef JB_LEXICON_H
#define JB_LEXICON_H

#include "diag.h"
#include "str.h"

#define JB_LEXICON_MAX_WORD 8 /* characters in the longest word looked up */

/* A loaded CC-CEDICT and word-frequency list. */
typedef struct jb_lexicon jb_lexicon;

/* A dictionary entry: the word, its Traditional form, numbered pinyin and
 * the glosses ("/a/b/"), all into the lexicon. */
typedef struct jb_lex_entry {
  jb_str simp, trad, pinyin, glosses;
} jb_lex_entry;

/* Load the dictionary (CC-CEDICT text format) and the frequency list
 * ("word freq tag" lines): from the compiled cache <cedict>.jblx when its
 * stamp matches both files, else from the text, writing the cache for the
 * next run when the folder allows. Reports and returns NULL on failure.
 * Free with jb_lexicon_free. */
jb_lexicon *jb_lexicon_load(const char *cedict, const char *freq, jb_diags *d);
void jb_lexicon_free(jb_lexicon *lx);
/* Read a byte of every page of a mapped lexicon, so that lookups find it
 * mapped (done on a spare core while earlier stages run). */
size_t jb_lexicon_warm(const jb_lexicon *lx);

/* The entry of w into *out (if not NULL); false if w has none. */
bool jb_lexicon_lookup(const jb_lexicon *lx, jb_str w, jb_lex_entry *out);
/* How often w occurs in general text (0 when unlisted). */
double jb_lexicon_freq(const jb_lexicon *lx, jb_str w);

/* Split text into dictionary words, the fewest words with single characters
 * filling the gaps, ties broken by general-text frequency; calls fn for each
 * word of two or more characters. */
void jb_lexicon_segment(const jb_lexicon *lx, jb_str text,
                        void (*fn)(void *ud, jb_str word), void *ud);

#endif
