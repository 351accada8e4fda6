/* phrases.h - users' phrase dictionaries joined to OpenCC's (phrases.c). */
#ifndef JB_PHRASES_H
#define JB_PHRASES_H

#include "diag.h"
#include "str.h"

/* The default 台 preference of a Taiwan edition (edition.tai = 台), in
 * the phrase file format: a last conversion step, 臺 -> 台. */
extern const char jb_phrases_tai[];

/* Check the text of the phrase file path: one "source<TAB>target" pair a
 * line, no empty line, no phrase twice. Reports each bad line
 * (JB_D_PHRASES, file:line) and returns how many there were. */
size_t jb_phrases_check(const char *path, jb_str text, jb_diags *d);

/* The same for the file at path (a file that cannot be read is one error). */
size_t jb_phrases_check_file(const char *path, jb_diags *d);

/* Write an OpenCC configuration that is config (t2s.json, tw2s.json,
 * hk2s.json, s2t.json, s2tw.json, s2hk.json or s2twp.json) with the text
 * dictionaries files[] (absolute paths) first, and the text dictionary
 * last (if not NULL) as a step after all others, to a temporary file; its
 * path (heap; the caller unlinks and frees it), or NULL (reported). */
char *jb_phrases_config(const char *config, const char *const *files, size_t nfiles,
                        const char *last, jb_diags *d);

/* text written to a temporary .txt file: its path (heap), or NULL. */
char *jb_phrases_temp(jb_str text);

#endif
