/* phrases.c - users' phrase dictionaries for OpenCC (template keys
 * convert.phrases, edition.phrases, edition.tai). A phrase file is OpenCC's
 * own text dictionary, one "source<TAB>target" pair a line; it is checked
 * here, then loaded through OpenCC's dictionary chain: a configuration is
 * generated with the user's dictionaries first in the segmentation and in
 * the first conversion step (OpenCC takes the first dictionary of a group
 * that matches), the system dictionaries after them. Later steps (variant
 * forms) still apply to what the user's entry gives. */
#include "phrases.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "utf8.h"

/* The configurations phrases can join, as OpenCC 1.1.6 defines them
 * (segmentation dictionary, then the dictionaries of each step);
 * test_phrases.c checks that each converts as the installed one does. */
#define MAX_STEPS 3
typedef struct occonf {
  const char *name;
  const char *seg;
  const char *steps[MAX_STEPS][2];
} occonf;

static const occonf confs[] = {
    {"t2s.json", "TSPhrases.ocd2", {{"TSPhrases.ocd2", "TSCharacters.ocd2"}}},
    {"tw2s.json", "TSPhrases.ocd2",
     {{"TWVariantsRevPhrases.ocd2", "TWVariantsRev.ocd2"}, {"TSPhrases.ocd2", "TSCharacters.ocd2"}}},
    {"hk2s.json", "TSPhrases.ocd2",
     {{"HKVariantsRevPhrases.ocd2", "HKVariantsRev.ocd2"}, {"TSPhrases.ocd2", "TSCharacters.ocd2"}}},
    {"s2t.json", "STPhrases.ocd2", {{"STPhrases.ocd2", "STCharacters.ocd2"}}},
    {"s2tw.json", "STPhrases.ocd2", {{"STPhrases.ocd2", "STCharacters.ocd2"}, {"TWVariants.ocd2"}}},
    {"s2hk.json", "STPhrases.ocd2", {{"STPhrases.ocd2", "STCharacters.ocd2"}, {"HKVariants.ocd2"}}},
    {"s2twp.json", "STPhrases.ocd2",
     {{"STPhrases.ocd2", "STCharacters.ocd2"}, {"TWPhrases.ocd2"}, {"TWVariants.ocd2"}}},
};

/* The 台 preference of Taiwan print (台灣, 台北, 平台): a last step that
 * sets 臺 back to 台, after the conversion chose 臺, 颱 or 檯 for the
 * Simplified 台 (a Simplified text holds no 臺 of its own). */
const char jb_phrases_tai[] = "臺\t台\n";

static void
report(jb_diags *d, const char *path, uint32_t line, const char *msg)
{
  jb_pos pos = {path, line, 0, 0};
  jb_diag(d, JB_D_PHRASES, pos, "%s", msg);
}

size_t
jb_phrases_check(const char *path, jb_str text, jb_diags *d)
{
  size_t errors = 0;
  /* sources seen, to refuse a second entry for one */
  jb_str *seen = NULL;
  size_t nseen = 0, capseen = 0;
  uint32_t lineno = 0;
  if (!text.n) {
    report(d, path, 0, "empty phrase file");
    return 1;
  }
  for (jb_str rest = text; rest.n;) {
    const char *nl = memchr(rest.p, '\n', rest.n);
    jb_str line = jb_str_make(rest.p, nl ? (size_t)(nl - rest.p) : rest.n);
    rest = jb_str_skip(rest, line.n + (nl != NULL));
    lineno++;
    const char *why = NULL;
    const char *tab = memchr(line.p, '\t', line.n);
    if (jb_utf8_check(line.p, line.n) >= 0)
      why = "not valid UTF-8";
    else if (!line.n)
      why = "empty line (one \"source<TAB>target\" pair a line)";
    else if (memchr(line.p, '\r', line.n))
      why = "carriage return (save the file with Unix line ends)";
    else if (!tab)
      why = "no tab between the phrase and its conversion";
    else if (memchr(tab + 1, '\t', line.n - (size_t)(tab + 1 - line.p)))
      why = "more than one tab";
    else if (tab == line.p || tab + 1 == line.p + line.n)
      why = "the phrase or its conversion is empty";
    else if (memchr(line.p, ' ', (size_t)(tab - line.p)) ||
             memchr(tab + 1, ' ', (size_t)(line.p + line.n - tab - 1)))
      why = "a space in the phrase or its conversion (one conversion a line)";
    if (!why) {
      jb_str src = jb_str_make(line.p, (size_t)(tab - line.p));
      for (size_t k = 0; k < nseen && !why; k++)
        if (jb_str_eq(seen[k], src))
          why = "the phrase is listed twice";
      if (!why)
        *JB_PUSH_HEAP(seen, nseen, capseen) = src;
    }
    if (why) {
      report(d, path, lineno, why);
      errors++;
    }
  }
  free(seen);
  return errors;
}

size_t
jb_phrases_check_file(const char *path, jb_diags *d)
{
  FILE *f = fopen(path, "rb");
  if (!f) {
    report(d, path, 0, "cannot read the phrase file");
    return 1;
  }
  jb_buf b = JB_BUF_INIT;
  char chunk[65536];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
    jb_buf_put(&b, chunk, got);
  bool bad = ferror(f);
  fclose(f);
  size_t errors = bad ? (report(d, path, 0, "cannot read the phrase file"), 1)
                      : jb_phrases_check(path, jb_buf_str(&b), d);
  jb_buf_free(&b);
  return errors;
}

static void
json_path(jb_buf *b, const char *path)
{
  jb_buf_putc(b, '"');
  for (const char *p = path; *p; p++) {
    if (*p == '"' || *p == '\\')
      jb_buf_putc(b, '\\');
    jb_buf_putc(b, *p);
  }
  jb_buf_putc(b, '"');
}

/* A file of its own in the temporary folder, with text written to it;
 * its path (heap), or NULL. */
static char *
temp_file(const char *suffix, jb_str text)
{
  const char *dir = getenv("TMPDIR");
  char *path = NULL;
  size_t n = strlen(dir && *dir ? dir : "/tmp") + 32 + strlen(suffix);
  path = jb_xmalloc(n);
  snprintf(path, n, "%s/jianbao-XXXXXX%s", dir && *dir ? dir : "/tmp", suffix);
  int fd = mkstemps(path, (int)strlen(suffix));
  if (fd < 0) {
    free(path);
    return NULL;
  }
  size_t done = 0;
  while (done < text.n) {
    ssize_t w = write(fd, text.p + done, text.n - done);
    if (w <= 0)
      break;
    done += (size_t)w;
  }
  if (close(fd) != 0 || done != text.n) {
    unlink(path);
    free(path);
    return NULL;
  }
  return path;
}

char *
jb_phrases_config(const char *config, const char *const *files, size_t nfiles,
                  const char *last, jb_diags *d)
{
  const occonf *c = NULL;
  for (size_t k = 0; k < sizeof confs / sizeof confs[0]; k++)
    if (!strcmp(confs[k].name, config))
      c = &confs[k];
  jb_pos pos = {config, 0, 0, 0};
  if (!c) {
    jb_diag(d, JB_D_OPENCC, pos, "phrase files cannot join this configuration");
    return NULL;
  }
  jb_buf b = JB_BUF_INIT;
  jb_buf_puts(&b, "{\"name\": \"jianbao\", \"segmentation\": {\"type\": \"mmseg\", \"dict\": "
                  "{\"type\": \"group\", \"dicts\": [");
  for (size_t k = 0; k < nfiles; k++) {
    jb_buf_puts(&b, "{\"type\": \"text\", \"file\": ");
    json_path(&b, files[k]);
    jb_buf_puts(&b, "}, ");
  }
  jb_buf_printf(&b, "{\"type\": \"ocd2\", \"file\": \"%s\"}]}}, \"conversion_chain\": [", c->seg);
  for (int s = 0; s < MAX_STEPS && c->steps[s][0]; s++) {
    jb_buf_puts(&b, s ? ", {\"dict\": {\"type\": \"group\", \"dicts\": ["
                      : "{\"dict\": {\"type\": \"group\", \"dicts\": [");
    for (size_t k = 0; s == 0 && k < nfiles; k++) {
      jb_buf_puts(&b, "{\"type\": \"text\", \"file\": ");
      json_path(&b, files[k]);
      jb_buf_puts(&b, "}, ");
    }
    for (int k = 0; k < 2 && c->steps[s][k]; k++)
      jb_buf_printf(&b, "%s{\"type\": \"ocd2\", \"file\": \"%s\"}", k ? ", " : "",
                    c->steps[s][k]);
    jb_buf_puts(&b, "]}}");
  }
  if (last) {
    jb_buf_puts(&b, ", {\"dict\": {\"type\": \"text\", \"file\": ");
    json_path(&b, last);
    jb_buf_puts(&b, "}}");
  }
  jb_buf_puts(&b, "]}\n");
  char *path = temp_file(".json", jb_buf_str(&b));
  jb_buf_free(&b);
  if (!path)
    jb_diag(d, JB_D_OPENCC, pos, "cannot write a configuration to the temporary folder");
  return path;
}

char *
jb_phrases_temp(jb_str text)
{
  return temp_file(".txt", text);
}
