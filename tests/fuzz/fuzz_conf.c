/* fuzz_conf.c - libFuzzer target: the template parser on any bytes. */
#include <stdint.h>
#include <stdlib.h>

#include "conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  jb_diags d = {0};
  jb_conf *c = jb_conf_parse((const char *)data, size, "templates/fuzz.conf", false, &d);
  if (c) {
    for (int k = 0; k < JB_CONF__COUNT; k++) {
      jb_conf_str(c, (jb_conf_key)k);
      jb_conf_num(c, (jb_conf_key)k);
    }
    double w, h;
    jb_conf_page_size(c, &w, &h);
  }
  jb_conf_free(c);
  jb_diags_free(&d);
  return 0;
}
