/* ingest.c - stage 1: bytes to lines and metadata (SPEC §1, §2.1). */
#include "ingest.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "html.h"
#include "par.h"
#include "meta.h"
#include "utf8.h"

#define LONG_LINE_BYTES (1u << 20) /* 1 MiB: no article paragraph is longer */
#define PAR_MIN_BYTES (512u * 1024u) /* input worth a second thread */

/* ---- file collection ----------------------------------------------------- */

static int
cmp_str(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Append the regular files of folder dir, sorted by name. */
static void
add_folder(jb_ctx *ctx, const char *dir, char ***paths, size_t *n, size_t *cap)
{
  DIR *dp = opendir(dir);
  if (!dp) {
    jb_pos pos = {dir, 0, 0, 0};
    jb_diag(&ctx->diags, JB_D_READ, pos, "%s", strerror(errno));
    return;
  }
  char **names = NULL;
  size_t nn = 0, cn = 0;
  struct dirent *e;
  while ((e = readdir(dp)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    *JB_PUSH_HEAP(names, nn, cn) = jb_xstrdup(e->d_name);
  }
  closedir(dp);
  if (nn)
    qsort(names, nn, sizeof *names, cmp_str);
  size_t dl = strlen(dir);
  while (dl > 1 && dir[dl - 1] == '/')
    dl--;
  /* Sub-folders are not read; anything else is, and read_file reports
   * what cannot be (dangling links, FIFOs, unreadable files). */
  for (size_t i = 0; i < nn; i++) {
    char *path = jb_arena_printf(ctx->arena, "%.*s/%s", (int)dl, dir, names[i]);
    struct stat st;
    if (!(stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
      *JB_PUSH(ctx->arena, *paths, *n, *cap) = path;
    free(names[i]);
  }
  free(names);
}

/* ---- reading ------------------------------------------------------------- */

/* Read a whole file into the arena. Returns 0 or -1 (reported). */
static int
read_file(jb_ctx *ctx, jb_source *src, char **out, size_t *len)
{
  jb_pos pos = {src->path, 0, 0, 0};
  /* stat first: opening a FIFO would block. */
  struct stat st;
  if (stat(src->path, &st) != 0) {
    jb_diag(&ctx->diags, JB_D_READ, pos, "%s", strerror(errno));
    return -1;
  }
  if (!S_ISREG(st.st_mode)) {
    jb_diag(&ctx->diags, JB_D_NOT_FILE, pos, NULL);
    return -1;
  }
  FILE *f = fopen(src->path, "rb");
  if (!f) {
    jb_diag(&ctx->diags, JB_D_READ, pos, "%s", strerror(errno));
    return -1;
  }
  if ((unsigned long long)st.st_size > JB_INGEST_MAX_FILE) {
    jb_diag(&ctx->diags, JB_D_READ, pos, "larger than %u MB",
            JB_INGEST_MAX_FILE >> 20);
    fclose(f);
    return -1;
  }
  size_t size = (size_t)st.st_size;
  char *buf = jb_arena_alloc(ctx->arena, size + 1);
  size_t got = fread(buf, 1, size, f);
  int err = ferror(f);
  fclose(f);
  if (err || got != size) {
    jb_diag(&ctx->diags, JB_D_READ, pos, "short read");
    return -1;
  }
  *out = buf;
  *len = got;
  return 0;
}

/* ---- parsing ------------------------------------------------------------- */

/* Split src->text into lines; returns -1 (reported) if a line is longer
 * than LONG_LINE_BYTES. */
static int
split_lines(jb_ctx *ctx, jb_source *src)
{
  jb_str rest = src->text;
  uint32_t lineno = 0;
  while (rest.n) {
    const char *nl = memchr(rest.p, '\n', rest.n);
    size_t len = nl ? (size_t)(nl - rest.p) : rest.n;
    jb_line *l = JB_PUSH(ctx->arena, src->lines, src->nlines, src->caplines);
    l->lineno = ++lineno;
    l->offset = (size_t)(rest.p - src->text.p);
    l->text = jb_str_make(rest.p, len);
    if (l->text.n && l->text.p[l->text.n - 1] == '\r')
      l->text.n--;
    if (len > LONG_LINE_BYTES) {
      jb_pos pos = {src->path, l->lineno, 0, l->offset};
      jb_diag_at(&ctx->diags, JB_D_LONG_LINE, pos, "%zu bytes, more than %u", len,
                 LONG_LINE_BYTES);
      return -1;
    }
    rest = jb_str_skip(rest, nl ? len + 1 : len);
  }
  return 0;
}

static jb_str
unquote(jb_str v)
{
  v = jb_str_trim(v);
  if (v.n >= 2 && ((v.p[0] == '"' && v.p[v.n - 1] == '"') ||
                   (v.p[0] == '\'' && v.p[v.n - 1] == '\'')))
    v = jb_str_sub(v, 1, v.n - 2);
  return v;
}

static void
set_date(jb_ctx *ctx, jb_source *src, jb_field *f, jb_str v, uint32_t line)
{
  char date[11];
  if (jb_meta_find_date(v, date) != 0) {
    jb_pos pos = {src->path, line, 0, 0};
    jb_diag(&ctx->diags, JB_D_BAD_DATE, pos, "\"%.*s\"", (int)v.n, v.p);
    return;
  }
  f->value = jb_str_c(jb_arena_strndup(ctx->arena, date, 10));
  f->origin = JB_ORIGIN_FRONT_MATTER;
  f->line = line;
  f->rule = "front matter";
}

/* Front matter: "---", "key: value" lines, "---". */
static void
parse_front_matter(jb_ctx *ctx, jb_source *src)
{
  if (src->nlines < 2 || !jb_str_eq_c(jb_str_trim(src->lines[0].text), "---"))
    return;
  size_t end = 1;
  while (end < src->nlines &&
         !jb_str_eq_c(jb_str_trim(src->lines[end].text), "---"))
    end++;
  if (end == src->nlines) {
    jb_pos pos = {src->path, 1, 0, 0};
    jb_diag(&ctx->diags, JB_D_FRONT_UNCLOSED, pos,
            "no closing \"---\"; reading the whole file as text");
    return;
  }
  for (size_t i = 0; i <= end; i++) {
    jb_line *l = &src->lines[i];
    l->drop = JB_DROP_FRONT_MATTER;
    if (i == 0 || i == end)
      continue;
    jb_str t = jb_str_trim(l->text);
    if (!t.n || t.p[0] == '#')
      continue;
    long colon = jb_str_find(t, ":");
    jb_pos pos = {src->path, l->lineno, 0, l->offset};
    if (colon <= 0) {
      jb_diag(&ctx->diags, JB_D_FRONT_KEY, pos, "line without \"key: value\"");
      continue;
    }
    jb_str key = jb_str_trim(jb_str_sub(t, 0, (size_t)colon));
    jb_str val = unquote(jb_str_skip(t, (size_t)colon + 1));
    jb_field *f = NULL;
    if (jb_str_eq_c(key, "title"))
      f = &src->meta.title;
    else if (jb_str_eq_c(key, "url"))
      f = &src->meta.url;
    else if (jb_str_eq_c(key, "source") || jb_str_eq_c(key, "publisher"))
      f = &src->meta.source;
    else if (jb_str_eq_c(key, "date")) {
      set_date(ctx, src, &src->meta.date, val, l->lineno);
      continue;
    } else if (jb_str_eq_c(key, "fetch_date")) {
      set_date(ctx, src, &src->meta.fetch_date, val, l->lineno);
      continue;
    } else {
      jb_diag(&ctx->diags, JB_D_FRONT_KEY, pos, "\"%.*s\" ignored", (int)key.n,
              key.p);
      continue;
    }
    if (val.n) {
      f->value = val;
      f->origin = JB_ORIGIN_FRONT_MATTER;
      f->line = l->lineno;
      f->rule = "front matter";
    }
  }
}

static uint32_t
line_of_offset(const char *text, size_t off, size_t *col_start)
{
  uint32_t line = 1;
  size_t start = 0;
  for (size_t i = 0; i < off; i++)
    if (text[i] == '\n') {
      line++;
      start = i + 1;
    }
  *col_start = start;
  return line;
}

int
jb_ingest_text(jb_ctx *ctx, jb_source *src, const char *text, size_t n)
{
  jb_pos pos = {src->path, 0, 0, 0};
  /* Empty, or nothing but white space. */
  size_t k = 0;
  while (k < n && (text[k] == ' ' || text[k] == '\n' || text[k] == '\r' ||
                   text[k] == '\t'))
    k++;
  if (k == n) {
    jb_diag(&ctx->diags, JB_D_EMPTY, pos, NULL);
    src->skipped = true;
    return -1;
  }
  const char *nul = memchr(text, '\0', n);
  if (nul) {
    size_t col;
    pos.offset = (size_t)(nul - text);
    pos.line = line_of_offset(text, pos.offset, &col);
    jb_diag_at(&ctx->diags, JB_D_BINARY, pos, NULL);
    src->skipped = true;
    return -1;
  }
  long bad = jb_utf8_check(text, n);
  if (bad >= 0) {
    size_t col;
    pos.offset = (size_t)bad;
    pos.line = line_of_offset(text, pos.offset, &col);
    pos.col = (uint32_t)jb_utf8_count(jb_str_make(text + col, (size_t)bad - col)) + 1;
    jb_diag_at(&ctx->diags, JB_D_UTF8, pos, "byte 0x%02X",
               (unsigned char)text[bad]);
    src->skipped = true;
    return -1;
  }
  src->text = jb_str_make(text, n);
  if (jb_str_starts(src->text, "\xEF\xBB\xBF"))
    src->text = jb_str_skip(src->text, 3);
  if (split_lines(ctx, src) != 0) {
    src->skipped = true;
    return -1;
  }
  parse_front_matter(ctx, src);
  return 0;
}

typedef struct ingest_job {
  jb_doc *doc;
  const size_t *sizes;
} ingest_job;

static size_t
file_weight(void *arg, size_t i)
{
  return ((const ingest_job *)arg)->sizes[i];
}

static void
ingest_range(jb_ctx *ctx, void *arg, size_t from, size_t to, int thread)
{
  (void)thread;
  ingest_job *job = arg;
  for (size_t i = from; i < to; i++) {
    jb_source *src = &job->doc->srcs[i];
    char *text;
    size_t len;
    if (read_file(ctx, src, &text, &len) != 0) {
      src->skipped = true;
      continue;
    }
    if (jb_html_sniff(src->name, text, len) &&
        jb_html_render(ctx, src, text, len, &text, &len) != 0) {
      src->skipped = true;
      continue;
    }
    jb_ingest_text(ctx, src, text, len);
  }
}

int
jb_ingest_run(jb_ctx *ctx, jb_doc *doc)
{
  char **paths = NULL;
  size_t n = 0, cap = 0;
  for (size_t i = 0; i < ctx->ninputs; i++) {
    const char *in = ctx->inputs[i];
    struct stat st;
    if (stat(in, &st) != 0) {
      jb_pos pos = {in, 0, 0, 0};
      jb_diag(&ctx->diags, JB_D_READ, pos, "%s", strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
      add_folder(ctx, in, &paths, &n, &cap);
    } else {
      *JB_PUSH(ctx->arena, paths, n, cap) = jb_arena_strndup(ctx->arena, in, strlen(in));
    }
  }
  if (n > JB_INGEST_MAX_FILES) {
    jb_pos pos = {ctx->ninputs ? ctx->inputs[0] : NULL, 0, 0, 0};
    jb_diag(&ctx->diags, JB_D_NO_INPUT, pos, "more than %u files",
            JB_INGEST_MAX_FILES);
    return -1;
  }
  for (size_t i = 0; i < n; i++) {
    jb_source *src = JB_PUSH(ctx->arena, doc->srcs, doc->nsrcs, doc->capsrcs);
    src->index = (uint32_t)i;
    src->path = paths[i];
    const char *slash = strrchr(paths[i], '/');
    src->name = slash ? slash + 1 : paths[i];
  }
  /* Files are read on two threads, split by size: parsing HTML is most
   * of this stage's time. */
  size_t *sizes = jb_xcalloc(n + 1, sizeof *sizes);
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    sizes[i] = stat(paths[i], &st) == 0 && S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 1;
  }
  ingest_job job = {doc, sizes};
  jb_par_split(ctx, n, file_weight, PAR_MIN_BYTES, ingest_range, &job);
  free(sizes);
  size_t live = 0;
  for (size_t i = 0; i < doc->nsrcs; i++)
    live += !doc->srcs[i].skipped;
  if (live == 0) {
    jb_pos pos = {NULL, 0, 0, 0};
    jb_diag(&ctx->diags, JB_D_NO_INPUT, pos, "nothing readable in the input");
    return -1;
  }
  return 0;
}
