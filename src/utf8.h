/* utf8.h - strict UTF-8 decoding and the character classes the pipeline
 * needs (Han, CJK punctuation, Latin). */
#ifndef JB_UTF8_H
#define JB_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "str.h"

#define JB_UTF8_BAD 0xFFFFFFFFu /* returned for an invalid sequence */

/* Decode the code point at s[0..n). Sets *len to the bytes used (1 for an
 * invalid byte) and returns the code point, or JB_UTF8_BAD for overlong
 * forms, surrogates, values above U+10FFFF and truncated sequences. */
uint32_t jb_utf8_decode(const char *s, size_t n, size_t *len);
/* Offset of the first invalid byte in s, or -1 if s is valid UTF-8. */
long jb_utf8_check(const char *s, size_t n);
/* Encode cp into out (4 bytes room); returns the length. */
size_t jb_utf8_encode(uint32_t cp, char *out);
/* Number of code points in s (invalid bytes count one each). */
size_t jb_utf8_count(jb_str s);

/* Iterate: decode the code point at s->p, advance s. Returns JB_UTF8_BAD at
 * an invalid byte (skipping it) and 0 at the end. Inline, with the two
 * common cases (ASCII, a well-formed three-byte sequence such as a Han
 * character) decoded here: every stage walks its text with it. */
static inline uint32_t
jb_utf8_next(jb_str *s)
{
  if (s->n == 0)
    return 0;
  const unsigned char *u = (const unsigned char *)s->p;
  if (u[0] < 0x80) {
    s->p++;
    s->n--;
    return u[0];
  }
  if (s->n >= 3 && (u[0] & 0xF0) == 0xE0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
    uint32_t cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    /* Not overlong, not a surrogate: else the strict path decides. */
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) {
      s->p += 3;
      s->n -= 3;
      return cp;
    }
  }
  size_t len;
  uint32_t cp = jb_utf8_decode(s->p, s->n, &len);
  s->p += len;
  s->n -= len;
  return cp;
}
/* Code point ending at s.p + s.n, without consuming; 0 if empty. */
uint32_t jb_utf8_last(jb_str s, size_t *len);

/* CJK ideographs (URO, Ext A-G, compatibility). */
bool jb_cp_is_han(uint32_t cp);
/* The full-width marks that end a sentence, 。！？: the one set the stages
 * share (each adds what its job needs, a semicolon, Latin marks). */
bool jb_cp_ends_sentence(uint32_t cp);
/* A Chinese digit's value (〇 零 一 … 九), else -1. */
int jb_cp_cn_digit(uint32_t cp);
/* A Chinese numeral character: a digit, 十 百 千, 两/兩. */
bool jb_cp_is_cn_numeral(uint32_t cp);
/* True if s holds a Han character. */
bool jb_str_has_han(jb_str s);
/* Full-width CJK punctuation and symbols (U+3000 block, full-width forms,
 * curly quotes, em dash, ellipsis, middle dots used in Chinese). */
bool jb_cp_is_cjk_punct(uint32_t cp);
/* Han, kana, Hangul or CJK punctuation: text set on the ideographic grid. */
bool jb_cp_is_cjk(uint32_t cp);
/* ASCII letter or digit. */
bool jb_cp_is_alnum(uint32_t cp);
/* White space, including U+3000 and U+00A0. */
bool jb_cp_is_space(uint32_t cp);

#endif
