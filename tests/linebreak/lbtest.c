/* lbtest.c - run Unicode's LineBreakTest.txt against a UAX #14
 * implementation: ICU's line break iterator (-DUSE_ICU, as jianbao uses it)
 * or libunibreak (-DUSE_UNIBREAK, for the comparison in the commit that
 * chose ICU). Prints how many cases agree and exits 1 if more than
 * MAX_FAILURES (default 0) differ.
 * Usage: lbtest LineBreakTest.txt [MAX_FAILURES] */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef USE_ICU
#include <unicode/ubrk.h>
#include <unicode/utext.h>
#endif
#ifdef USE_UNIBREAK
#include <linebreak.h>
#endif

#define MAX_CP 256

static size_t
enc(uint32_t cp, char *o)
{
  if (cp < 0x80) { o[0] = (char)cp; return 1; }
  if (cp < 0x800) { o[0] = (char)(0xC0 | cp >> 6); o[1] = (char)(0x80 | (cp & 63)); return 2; }
  if (cp < 0x10000) { o[0] = (char)(0xE0 | cp >> 12); o[1] = (char)(0x80 | (cp >> 6 & 63)); o[2] = (char)(0x80 | (cp & 63)); return 3; }
  o[0] = (char)(0xF0 | cp >> 18); o[1] = (char)(0x80 | (cp >> 12 & 63)); o[2] = (char)(0x80 | (cp >> 6 & 63)); o[3] = (char)(0x80 | (cp & 63));
  return 4;
}

int
main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: lbtest LineBreakTest.txt [MAX_FAILURES]\n");
    return 2;
  }
  long budget = argc > 2 ? atol(argv[2]) : 0;
  FILE *f = fopen(argv[1], "r");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
#ifdef USE_ICU
  UErrorCode st = U_ZERO_ERROR;
  UBreakIterator *bi = ubrk_open(UBRK_LINE, "en", NULL, 0, &st);
  if (U_FAILURE(st)) {
    fprintf(stderr, "ubrk_open: %s\n", u_errorName(st));
    return 2;
  }
#endif
#ifdef USE_UNIBREAK
  init_linebreak();
#endif
  char line[4096];
  long pass = 0, fail = 0, skipped = 0;
  while (fgets(line, sizeof line, f)) {
    char *hash = strchr(line, '#');
    if (hash)
      *hash = '\0';
    /* "× 0023 ÷ 0020 ÷" : marks between code points */
    uint32_t cp[MAX_CP];
    int want[MAX_CP + 1]; /* 1: break allowed before cp[i] (i>0) */
    size_t n = 0;
    char *p = line;
    int mark = -1;
    while (*p) {
      if (!strncmp(p, "\xC3\x97", 2)) { mark = 0; p += 2; continue; } /* × */
      if (!strncmp(p, "\xC3\xB7", 2)) { mark = 1; p += 2; continue; } /* ÷ */
      if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'F')) {
        if (n < MAX_CP) {
          want[n] = mark;
          cp[n++] = (uint32_t)strtoul(p, &p, 16);
        } else {
          strtoul(p, &p, 16);
        }
        continue;
      }
      p++;
    }
    if (!n)
      continue;
    want[n] = mark;
    char text[MAX_CP * 4];
    size_t off[MAX_CP + 1], len = 0;
    for (size_t i = 0; i < n; i++) {
      off[i] = len;
      len += enc(cp[i], text + len);
    }
    off[n] = len;
    int got[MAX_CP + 1];
    memset(got, 0, sizeof got);
#ifdef USE_ICU
    UText ut = UTEXT_INITIALIZER;
    st = U_ZERO_ERROR;
    utext_openUTF8(&ut, text, (int64_t)len, &st);
    ubrk_setUText(bi, &ut, &st);
    for (int32_t b = ubrk_first(bi); b != UBRK_DONE; b = ubrk_next(bi))
      for (size_t i = 1; i <= n; i++)
        if (off[i] == (size_t)b)
          got[i] = 1;
    utext_close(&ut);
#endif
#ifdef USE_UNIBREAK
    bool ri = false;
    for (size_t i = 0; i < n; i++)
      ri |= cp[i] >= 0x1F1E6 && cp[i] <= 0x1F1FF; /* 1.1 aborts on these */
    if (ri) {
      skipped++;
      continue;
    }
    char brks[MAX_CP * 4];
    set_linebreaks_utf8((const utf8_t *)text, len, "en", brks);
    for (size_t i = 1; i <= n; i++)
      got[i] = brks[off[i] - 1] == LINEBREAK_ALLOWBREAK || brks[off[i] - 1] == LINEBREAK_MUSTBREAK;
#endif
    int ok = 1;
    for (size_t i = 1; i < n; i++) /* the end is always a break */
      if (got[i] != want[i])
        ok = 0;
    if (ok)
      pass++;
    else
      fail++;
  }
  fclose(f);
  printf("LineBreakTest: %ld cases agree, %ld differ", pass, fail);
  if (skipped)
    printf(", %ld skipped", skipped);
  printf(" (at most %ld may differ)\n", budget);
  return fail > budget ? 1 : 0;
}
