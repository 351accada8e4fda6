/* glossary.h - the glossary stage (SPEC §5), after dedup: the corpus's key
 * terms, found by segmentation against CC-CEDICT, ranked by
 * how much more often they occur here than in general text (jieba's word
 * frequencies), with tone-marked pinyin and the dictionary's own glosses. */
#ifndef JB_GLOSSARY_H
#define JB_GLOSSARY_H

#include "doc.h"
#include "lexicon.h"

#define JB_GLOSSARY_MIN_COUNT 3 /* a term occurs at least this often */

/* An entry's reading in Hanyu Pinyin orthography (GB/T 16159-2012): a
 * word's syllables joined, a compound of four or more syllables split at
 * its dictionary words (guójì shèhuì), capitals only for proper nouns
 * (CC-CEDICT's capitalised readings, but for words it capitalises that
 * name no one thing: hùliánwǎng). */
jb_str jb_glossary_orthography(jb_arena *a, const jb_lexicon *lx, const jb_lex_entry *e);

/* Choose the terms of doc (at most max) into doc->terms. */
void jb_glossary_choose(jb_ctx *ctx, jb_doc *doc, const jb_lexicon *lx, size_t max);

/* Run the stage with the template's dictionaries, if the template wants a
 * glossary. Returns 0, or -1 if the dictionaries cannot be read. */
int jb_glossary_run(jb_ctx *ctx, jb_doc *doc);
/* Start loading the lexicon on another thread (with two or more threads
 * and the glossary on); jb_glossary_run uses it. _end joins the thread and
 * frees what it holds (a run that stopped early included). */
void jb_glossary_preload(jb_ctx *ctx);
/* Hand doc's text, final but for dedup's marks, to the preloading thread
 * to segment while dedup runs (nothing without one). */
void jb_glossary_segment(jb_ctx *ctx, const jb_doc *doc);
void jb_glossary_preload_end(jb_ctx *ctx);
/* The run is done with the lexicon: its thread unmaps it (a time when the
 * other cores are idle: after the PDF's subsets), and _end joins it. */
void jb_glossary_release(jb_ctx *ctx);

#endif
