/* str.h - text spans: a pointer and a length into memory someone else owns
 * (usually the arena); never NUL-terminated by contract. */
#ifndef JB_STR_H
#define JB_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct jb_str {
  const char *p; /* first byte; may be NULL when n == 0 */
  size_t n;      /* length in bytes */
} jb_str;

#define JB_STR_LIT(lit) ((jb_str){(lit), sizeof(lit) - 1})

static inline jb_str
jb_str_make(const char *p, size_t n)
{
  jb_str s = {p, n};
  return s;
}

static inline jb_str
jb_str_c(const char *cstr)
{
  return jb_str_make(cstr, cstr ? strlen(cstr) : 0);
}

/* Byte equality. */
bool jb_str_eq(jb_str a, jb_str b);
bool jb_str_eq_c(jb_str a, const char *b);
bool jb_str_ends(jb_str s, const char *suffix);
/* Inline: called per character by scanners, where strlen of a literal
 * prefix folds to a constant. */
static inline bool
jb_str_starts(jb_str s, const char *prefix)
{
  size_t n = strlen(prefix);
  return s.n >= n && memcmp(s.p, prefix, n) == 0;
}
/* An ASCII digit (isdigit() depends on the locale). */
static inline bool
jb_is_digit(char c)
{
  return c >= '0' && c <= '9';
}
/* True if s equals, starts with or ends with one of the NULL-terminated
 * list of strings; starts_any gives the length of the first that starts
 * it (0 if none), to skip it. */
bool jb_str_eq_any(jb_str s, const char *const *list);
size_t jb_str_starts_any(jb_str s, const char *const *list);
bool jb_str_ends_any(jb_str s, const char *const *list);
/* Offset of the first occurrence of needle in s, or -1. */
long jb_str_find(jb_str s, const char *needle);
long jb_str_find_str(jb_str s, jb_str needle);
/* Strip ASCII white space, U+3000 and U+00A0 at both ends. */
jb_str jb_str_trim(jb_str s);
/* s[from..from+n), clamped to s. */
jb_str jb_str_sub(jb_str s, size_t from, size_t n);
/* Drop the first n bytes. */
jb_str jb_str_skip(jb_str s, size_t n);

/* FNV-1a of s, folded (the lexicon cache's table is laid out by it). */
uint64_t jb_str_hash(jb_str s);
/* Open addressing over a power-of-two table of cap strings: the slot of
 * k, or the empty one where it goes. */
size_t jb_str_slot(const jb_str *keys, size_t cap, jb_str k);

#endif
