/* fuzz_meta.c - libFuzzer target: the metadata patterns (meta.c) on any
 * bytes: dates in text and URLs, datelines, source labels, site names. The
 * first byte picks where the text starts, so a pattern can sit anywhere. */
#include <stdint.h>
#include <stdlib.h>

#include "meta.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (!size)
    return 0;
  size_t skip = data[0] % size;
  /* A copy of exactly the input's bytes: any read past them is caught. */
  char *p = malloc(size - skip ? size - skip : 1);
  memcpy(p, data + skip, size - skip);
  jb_str s = jb_str_make(p, size - skip);
  char d[11];
  int m, dd;
  bool reprint, bare;
  jb_meta_find_date(s, d);
  jb_meta_find_month_day(s, &m, &dd);
  jb_meta_url_date(s, d);
  jb_meta_find_source(s);
  jb_meta_source(s, &reprint, &bare);
  jb_meta_is_self(s);
  jb_meta_is_attribution(s);
  jb_meta_byline_fields(s);
  jb_meta_is_date_line(s);
  jb_meta_dateline_source(s);
  jb_meta_site_name(s);
  jb_meta_own_statement(s);
  jb_meta_breadcrumb_site(s);
  jb_meta_deck_title(s);
  free(p);
  return 0;
}
