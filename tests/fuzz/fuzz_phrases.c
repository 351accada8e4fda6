/* fuzz_phrases.c - libFuzzer target: the phrase file checker (phrases.c)
 * on any bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "phrases.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  /* A copy of exactly the input's bytes: any read past them is caught. */
  char *p = malloc(size ? size : 1);
  memcpy(p, data, size);
  jb_diags d = {0};
  jb_phrases_check("fuzz.txt", jb_str_make(p, size), &d);
  jb_diags_free(&d);
  free(p);
  return 0;
}
