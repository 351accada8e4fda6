/* fuzz_mdout.c - libFuzzer target: the markdown writer (mdout.c) round
 * trip. A paragraph and a chapter title of any bytes are written; undoing
 * CommonMark's backslash escapes in the output must give the text back
 * (line ends as spaces), so no mark of the text is read as markup. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mdout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The text of line (escapes undone) into out; its length. */
static size_t
unescape(const char *line, size_t n, char *out)
{
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (line[i] == '\\' && i + 1 < n && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", line[i + 1]) &&
        line[i + 1])
      i++;
    out[k++] = line[i];
  }
  return k;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  /* no NUL, and the text as the writer must give it back */
  char *text = malloc(size + 1), *want = malloc(size + 1);
  size_t n = 0;
  for (size_t i = 0; i < size; i++)
    if (data[i]) {
      text[n] = (char)data[i];
      want[n] = data[i] == '\n' || data[i] == '\r' ? ' ' : (char)data[i];
      n++;
    }
  jb_doc doc;
  memset(&doc, 0, sizeof doc);
  jb_block b;
  memset(&b, 0, sizeof b);
  b.kind = JB_BLOCK_PARA;
  jb_span sp;
  memset(&sp, 0, sizeof sp);
  sp.text = jb_str_make(text, n);
  b.spans = &sp;
  b.nspans = 1;
  jb_block *bp = &b;
  jb_chapter ch;
  memset(&ch, 0, sizeof ch);
  ch.title = jb_str_make("T", 1);
  ch.blocks = &bp;
  ch.nblocks = 1;
  doc.brief.chapters = &ch;
  doc.brief.nchapters = 1;
  jb_buf out = JB_BUF_INIT;
  jb_mdout_render(&doc, 1, 1, &out);
  /* the paragraph is the output's last line */
  jb_str s = jb_buf_str(&out);
  if (s.n && s.p[s.n - 1] == '\n')
    s.n--;
  size_t at = s.n;
  while (at > 0 && s.p[at - 1] != '\n')
    at--;
  jb_str line = jb_str_skip(s, at);
  char *back = malloc(line.n + 1);
  size_t m = unescape(line.p, line.n, back);
  if (n && (m != n || memcmp(back, want, n)))
    abort();
  free(back);
  jb_buf_free(&out);
  free(text);
  free(want);
  return 0;
}
