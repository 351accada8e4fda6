/* pipeline.c - stage order, timing, atomic outputs and the build report. */
#define _GNU_SOURCE /* O_TMPFILE, linkat */
#include "pipeline.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "clean.h"
#include "compose.h"
#include "conf.h"
#include "convert.h"
#include "dedup.h"
#include "font.h"
#include "glossary.h"
#include "ingest.h"
#include "layout.h"
#include "mdout.h"
#include "pdf.h"
#include "section.h"
#include "utf8.h"
#include "version.h"

#define REPORT_TEXT_MAX 240 /* bytes of a dropped line quoted in --json */

/* Peak resident memory of the process so far, KiB. */
static long
peak_kb(void)
{
  struct rusage ru;
  return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

static double
now_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

char *
jb_pipeline_md_path(const char *pdf)
{
  size_t n = strlen(pdf);
  const char *slash = strrchr(pdf, '/');
  const char *dot = strrchr(pdf, '.');
  if (dot && (!slash || dot > slash) && dot != pdf)
    n = (size_t)(dot - pdf);
  char *md = jb_xmalloc(n + 4);
  memcpy(md, pdf, n);
  memcpy(md + n, ".md", 4);
  return md;
}

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long long
days_from_civil(int y, int m, int d)
{
  y -= m <= 2;
  long long era = (y >= 0 ? y : y - 399) / 400;
  long long yoe = y - era * 400;
  long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* The report date: SOURCE_DATE_EPOCH when set, else the newest date found
 * in the documents, so the same seeds give the same PDF anywhere. */
static void
set_epoch(jb_ctx *ctx, const jb_doc *doc)
{
  const char *env = getenv("SOURCE_DATE_EPOCH");
  if (env && *env) {
    char *end;
    errno = 0;
    long long v = strtoll(env, &end, 10);
    if (!*end && !errno && v >= 0 && v < 253402300800LL) {
      ctx->epoch = v;
      ctx->epoch_from_env = true;
      return;
    }
    jb_pos pos = {NULL, 0, 0, 0};
    jb_diag(&ctx->diags, JB_D_ENV, pos, "SOURCE_DATE_EPOCH=\"%s\" is not a "
            "time; ignored", env);
  }
  char best[11] = "";
  for (size_t k = 0; k < doc->nsrcs; k++) {
    const jb_source *s = &doc->srcs[k];
    if (s->skipped)
      continue;
    const jb_field *f[] = {&s->meta.date, &s->meta.fetch_date};
    for (int i = 0; i < 2; i++)
      if (f[i]->value.n == 10 && memcmp(f[i]->value.p, best, 10) > 0)
        memcpy(best, f[i]->value.p, 10);
  }
  int y, m, d;
  if (best[0] && sscanf(best, "%4d-%2d-%2d", &y, &m, &d) == 3)
    ctx->epoch = days_from_civil(y, m, d) * 86400;
}

/* ---- build report -------------------------------------------------------- */

/* A JSON string, or null. */
static void
json_opt(jb_buf *b, const char *v)
{
  if (v)
    jb_buf_json_str(b, jb_str_c(v));
  else
    jb_buf_puts(b, "null");
}

static void
json_field(jb_buf *b, const char *key, const jb_field *f)
{
  jb_buf_printf(b, "\"%s\": {\"value\": ", key);
  jb_buf_json_str(b, f->value);
  jb_buf_printf(b, ", \"origin\": \"%s\", \"line\": %u, \"rule\": ", jb_origin_name(f->origin),
                f->line);
  if (f->rule)
    jb_buf_json_str(b, jb_str_c(f->rule));
  else
    jb_buf_puts(b, "null");
  jb_buf_putc(b, '}');
}

/* Cut s to at most max bytes on a character boundary. */
static jb_str
clip(jb_str s, size_t max)
{
  if (s.n <= max)
    return s;
  size_t n = max;
  while (n > 0 && ((unsigned char)s.p[n] & 0xC0) == 0x80)
    n--;
  return jb_str_make(s.p, n);
}

static void
json_report(jb_ctx *ctx, const jb_doc *doc, const jb_options *opt, jb_buf *b)
{
  jb_buf_printf(b, "{\n  \"jianbao\": \"%s\",\n  \"template\": ", JB_VERSION);
  jb_buf_json_str(b, jb_str_c(opt->template_path));
  jb_buf_printf(b, ",\n  \"edition\": \"%s\",\n  \"documents\": [", jb_variant_name(ctx->edition));
  size_t tot_drop = 0, tot_conv = 0, tot_merged = 0, tot_trad = 0, skipped = 0;
  for (size_t k = 0; k < doc->nsrcs; k++) {
    const jb_source *s = &doc->srcs[k];
    tot_drop += s->dropped;
    tot_conv += s->converted;
    tot_merged += s->merged;
    tot_trad += s->variant == JB_VARIANT_HANT;
    skipped += s->skipped;
    jb_buf_puts(b, k ? ",\n    {" : "\n    {");
    jb_buf_puts(b, "\"file\": ");
    jb_buf_json_str(b, jb_str_c(s->path));
    jb_buf_printf(b, ", \"skipped\": %s, \"number\": %u,\n     ", s->skipped ? "true" : "false",
                  s->number);
    json_field(b, "title", &s->meta.title);
    jb_buf_puts(b, ",\n     ");
    json_field(b, "source", &s->meta.source);
    jb_buf_puts(b, ",\n     ");
    json_field(b, "date", &s->meta.date);
    jb_buf_puts(b, ",\n     ");
    json_field(b, "url", &s->meta.url);
    jb_buf_puts(b, ",\n     ");
    json_field(b, "fetch_date", &s->meta.fetch_date);
    jb_buf_printf(b, ",\n     \"variant\": \"%s\", \"han_chars\": %zu, \"converted\": %zu, "
                  "\"lines\": %zu, \"lines_dropped\": %zu, \"blocks\": %zu, \"merged\": %zu, "
                  "\"truncated_line\": %u,",
                  jb_variant_name(s->variant), s->han_chars, s->converted, s->nlines,
                  s->dropped, s->nblocks, s->merged, s->truncated);
    /* a Traditional document's standard, its evidence and configuration */
    jb_buf_puts(b, "\n     \"standard\": ");
    json_opt(b, jb_standard_name(s->standard));
    jb_buf_puts(b, ", \"standard_evidence\": ");
    json_opt(b, s->evidence);
    jb_buf_puts(b, ", \"opencc\": ");
    json_opt(b, s->opencc);
    jb_buf_putc(b, ',');
    jb_buf_puts(b, "\n     \"dropped\": [");
    bool first = true;
    for (size_t i = 0; i < s->nlines; i++) {
      const jb_line *l = &s->lines[i];
      if (!l->drop || l->drop == JB_DROP_FRONT_MATTER)
        continue;
      jb_buf_printf(b, "%s\n       {\"line\": %u, \"reason\": \"%s\", \"rule\": ",
                    first ? "" : ",", l->lineno, jb_drop_name(l->drop));
      jb_buf_json_str(b, jb_str_c(l->why ? l->why : ""));
      jb_buf_puts(b, ", \"text\": ");
      jb_buf_json_str(b, clip(l->text, REPORT_TEXT_MAX));
      jb_buf_putc(b, '}');
      first = false;
    }
    jb_buf_puts(b, "],\n     \"sections\": [");
    first = true;
    for (size_t i = 0; i < s->nblocks; i++) {
      const jb_block *bl = &s->blocks[i];
      if (bl->kind != JB_BLOCK_HEADING || (bl->flags & JB_BLOCK_DROPPED))
        continue;
      jb_buf_printf(b, "%s\n       {\"line\": %u, \"level\": %d, \"title\": ", first ? "" : ",",
                    bl->pos.line, bl->level);
      jb_buf_json_str(b, clip(jb_block_text(ctx->arena, bl), REPORT_TEXT_MAX));
      jb_buf_putc(b, '}');
      first = false;
    }
    jb_buf_puts(b, "],\n     \"merges\": [");
    first = true;
    for (size_t i = 0; i < s->nblocks; i++) {
      const jb_block *bl = &s->blocks[i];
      if (!(bl->flags & JB_BLOCK_DROPPED))
        continue;
      const jb_block *into = bl->dup_of;
      jb_buf_printf(b, "%s\n       {\"line\": %u, \"kind\": \"%s\", \"similarity\": ",
                    first ? "" : ",", bl->pos.line, jb_merge_name(bl->merge));
      jb_buf_num(b, bl->similarity);
      jb_buf_puts(b, ", \"kept\": {\"file\": ");
      jb_buf_json_str(b, jb_str_c(doc->srcs[into->src].path));
      jb_buf_printf(b, ", \"line\": %u}}", into->pos.line);
      first = false;
    }
    jb_buf_puts(b, "]}");
  }
  jb_buf_printf(b, "\n  ],\n  \"totals\": {\"documents\": %zu, \"skipped\": %zu, "
                "\"traditional\": %zu, \"converted\": %zu, \"lines_dropped\": %zu, "
                "\"merged\": %zu, \"pages\": %zu},\n",
                doc->nsrcs, skipped, tot_trad, tot_conv, tot_drop, tot_merged, ctx->pages);
  jb_buf_puts(b, "  \"stage_ms\": {");
  for (int s = 0; s < JB_STAGE__COUNT; s++) {
    jb_buf_printf(b, "%s\"%s\": ", s ? ", " : "", jb_stage_name((jb_stage)s));
    jb_buf_num(b, ctx->stage_ms[s]);
  }
  jb_buf_puts(b, "},\n  \"stage_peak_kb\": {");
  for (int s = 0; s < JB_STAGE__COUNT; s++)
    jb_buf_printf(b, "%s\"%s\": %ld", s ? ", " : "", jb_stage_name((jb_stage)s), ctx->stage_kb[s]);
  jb_buf_printf(b, "},\n  \"arena_bytes\": %zu,\n  \"diagnostics\": [", jb_arena_used(ctx->arena));
  for (size_t i = 0; i < ctx->diags.n; i++) {
    const jb_diag_rec *r = &ctx->diags.recs[i];
    jb_buf_puts(b, i ? ",\n    {\"file\": " : "\n    {\"file\": ");
    if (r->pos.file)
      jb_buf_json_str(b, jb_str_c(r->pos.file));
    else
      jb_buf_puts(b, "null");
    jb_buf_printf(b, ", \"line\": %u, \"column\": %u, ", r->pos.line, r->pos.col);
    if (r->has_offset)
      jb_buf_printf(b, "\"byte\": %zu, ", r->pos.offset);
    jb_buf_printf(b, "\"level\": \"%s\", \"message\": ", jb_diag_level_name(r->sev));
    jb_buf_json_str(b, jb_str_c(r->msg));
    jb_buf_putc(b, '}');
  }
  jb_buf_puts(b, "]\n}\n");
}

/* ---- outputs ------------------------------------------------------------- */

static int
write_all(int fd, jb_str data)
{
  size_t done = 0;
  while (done < data.n) {
    ssize_t n = write(fd, data.p + done, data.n - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return -1;
    done += (size_t)n;
  }
  return 0;
}

/* An output being written so that its path holds either the old file or
 * the whole new one, whatever happens: an unnamed file in the path's
 * folder (O_TMPFILE) is filled, then given a temporary name and renamed
 * over the path. A run that is killed leaves nothing; where O_TMPFILE is
 * not supported a named temporary file is used and removed on failure. */
typedef struct outfile {
  const char *path;
  char *tmp;   /* the temporary name */
  int fd;
  bool named;  /* tmp exists while the file is written */
  char where[64]; /* a name to open the file by while it is written */
} outfile;

static int
out_open(jb_ctx *ctx, outfile *f, const char *path)
{
  memset(f, 0, sizeof *f);
  f->path = path;
  const char *slash = strrchr(path, '/');
  char *dir = slash ? jb_xstrndup(path, (size_t)(slash - path) + (slash == path)) : jb_xstrdup(".");
  size_t n = strlen(path) + 32;
  f->tmp = jb_xmalloc(n);
  snprintf(f->tmp, n, "%s.tmp%ld", path, (long)getpid());
  f->fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0644);
  free(dir);
  if (f->fd >= 0) {
    snprintf(f->where, sizeof f->where, "/proc/self/fd/%d", f->fd);
    return 0;
  }
  f->fd = open(f->tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (f->fd < 0) {
    jb_pos pos = {path, 0, 0, 0};
    jb_diag(&ctx->diags, JB_D_OUTPUT, pos, "%s", strerror(errno));
    free(f->tmp);
    f->tmp = NULL;
    return -1;
  }
  f->named = true;
  return 0;
}

/* Drop an output that will not be committed. */
static void
out_abort(outfile *f)
{
  if (f->fd >= 0 && f->tmp) {
    close(f->fd);
    if (f->named)
      unlink(f->tmp);
  }
  free(f->tmp);
  f->tmp = NULL;
  f->fd = -1;
}

/* Flush the output to disk and put it in place. */
static int
out_commit(jb_ctx *ctx, outfile *f)
{
  jb_pos pos = {f->path, 0, 0, 0};
  bool ok = fsync(f->fd) == 0 || errno == EINVAL;
  if (ok && !f->named) {
    unlink(f->tmp);
    ok = linkat(AT_FDCWD, f->where, AT_FDCWD, f->tmp, AT_SYMLINK_FOLLOW) == 0;
    f->named = ok;
  }
  ok = ok && rename(f->tmp, f->path) == 0;
  if (!ok)
    jb_diag(&ctx->diags, JB_D_OUTPUT, pos, "%s", strerror(errno));
  if (ok)
    f->named = false; /* the name is the output's now */
  out_abort(f);
  return ok ? 0 : -1;
}

/* libharu writes through stdio and does not check fclose, where the last
 * buffer reaches the file: a disk that fills there would leave a PDF cut
 * short and unnoticed. Its last bytes are always the %%EOF line. */
static bool
pdf_whole(jb_ctx *ctx, const outfile *f)
{
  static const char tail[] = "%%EOF\n";
  char end[sizeof tail - 1];
  struct stat st;
  if (fstat(f->fd, &st) == 0 && st.st_size >= (off_t)sizeof end &&
      pread(f->fd, end, sizeof end, st.st_size - (off_t)sizeof end) == (ssize_t)sizeof end &&
      memcmp(end, tail, sizeof end) == 0)
    return true;
  jb_pos pos = {f->path, 0, 0, 0};
  jb_diag(&ctx->diags, JB_D_OUTPUT, pos, "the PDF was cut short while saving (disk full or file too large?)");
  return false;
}

static int
write_atomic(jb_ctx *ctx, const char *path, jb_str data)
{
  outfile f;
  if (out_open(ctx, &f, path) != 0)
    return -1;
  if (write_all(f.fd, data) != 0) {
    jb_pos pos = {path, 0, 0, 0};
    jb_diag(&ctx->diags, JB_D_OUTPUT, pos, "%s", strerror(errno));
    out_abort(&f);
    return -1;
  }
  return out_commit(ctx, &f);
}

/* --strict-metadata: a document whose title or date the page did not give
 * is an error, and is left out. */
static int
strict_metadata(jb_ctx *ctx, jb_doc *doc)
{
  for (size_t k = 0; k < doc->nsrcs; k++) {
    jb_source *s = &doc->srcs[k];
    if (s->skipped)
      continue;
    bool title = s->meta.title.origin == JB_ORIGIN_NONE || s->meta.title.origin == JB_ORIGIN_FILE_NAME;
    bool date = s->meta.date.origin == JB_ORIGIN_NONE;
    if (!title && !date)
      continue;
    jb_pos pos = {s->path, 0, 0, 0};
    jb_diag(&ctx->diags, JB_D_STRICT_META, pos, "no %s found, skipped",
            title && date ? "title and no date" : title ? "title" : "date");
    s->skipped = true;
  }
  return 0;
}

static bool
strict_stop(jb_ctx *ctx)
{
  if (!ctx->strict || ctx->diags.worst < JB_SEV_ERROR)
    return false;
  jb_pos pos = {NULL, 0, 0, 0};
  jb_diag(&ctx->diags, JB_D_STRICT, pos, NULL);
  return true;
}

#define STAGE(id, call)                                                        \
  do {                                                                         \
    if (opt->progress)                                                         \
      fprintf(stderr, "jianbao: %s…\n", jb_stage_name(id));                    \
    double t0_ = now_ms();                                                     \
    int rc_ = (call);                                                          \
    ctx.stage_ms[id] = now_ms() - t0_;                                         \
    ctx.stage_kb[id] = peak_kb();                                              \
    if (rc_ != 0)                                                              \
      goto done;                                                               \
  } while (0)

/* Threads to use: one per core, at most JB_MAX_THREADS; JIANBAO_THREADS
 * overrides (1 runs everything on one thread; the output is the same). */
static int
threads(void)
{
  const char *env = getenv("JIANBAO_THREADS");
  long n = env && *env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > JB_MAX_THREADS ? JB_MAX_THREADS : (int)n;
}

int
jb_pipeline_run(const jb_options *opt)
{
  jb_ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.arena = jb_arena_new();
  ctx.diags.out = stderr;
  ctx.diags.quiet = opt->quiet;
  ctx.diags.verbose = opt->verbose;
  ctx.inputs = opt->inputs;
  ctx.ninputs = opt->ninputs;
  ctx.strict = opt->strict;
  ctx.threads = threads();
  jb_doc doc;
  memset(&doc, 0, sizeof doc);
  jb_layout lay;
  memset(&lay, 0, sizeof lay);
  jb_conf *conf = NULL;
  jb_buf md = JB_BUF_INIT, json = JB_BUF_INIT;
  outfile pdf_out = {NULL, NULL, -1, false, ""};
  bool written = false;

  conf = jb_conf_load(opt->template_path, &ctx.diags);
  if (!conf)
    goto done;
  ctx.conf = conf;
  /* --variant wins over the template's edition. */
  ctx.edition = opt->edition ? opt->edition
                : strcmp(jb_conf_str(conf, JB_CONF_EDITION), "zh-Hant") ? JB_VARIANT_HANS
                                                                        : JB_VARIANT_HANT;
  ctx.fonts = jb_fontset_new(conf, &ctx.diags);
  if (!ctx.fonts)
    goto done;

  jb_convert_preload(&ctx);
  STAGE(JB_STAGE_INGEST, jb_ingest_run(&ctx, &doc));
  STAGE(JB_STAGE_CLEAN, jb_clean_run(&ctx, &doc));
  if (opt->strict_meta)
    strict_metadata(&ctx, &doc);
  if (strict_stop(&ctx))
    goto done;
  set_epoch(&ctx, &doc);
  STAGE(JB_STAGE_CONVERT, jb_convert_run(&ctx, &doc));
  STAGE(JB_STAGE_SECTION, jb_section_run(&ctx, &doc));
  STAGE(JB_STAGE_DEDUP, jb_dedup_run(&ctx, &doc));
  STAGE(JB_STAGE_GLOSSARY, jb_glossary_run(&ctx, &doc));
  STAGE(JB_STAGE_COMPOSE, jb_compose_run(&ctx, &doc));
  STAGE(JB_STAGE_EDITION, jb_convert_edition(&ctx, &doc));
#ifdef JB_CHECK_MODEL
  if (!jb_doc_check(&doc))
    abort();
#endif
  STAGE(JB_STAGE_LAYOUT, jb_layout_run(&ctx, &doc, &lay));
  /* libharu saves into the unnamed output file: no copy of the document
   * in memory. Nothing is in place before everything is made. */
  if (out_open(&ctx, &pdf_out, opt->output) != 0)
    goto done;
  STAGE(JB_STAGE_PDF, jb_pdf_write(&ctx, &lay, pdf_out.named ? pdf_out.tmp : pdf_out.where, opt->output));
  if (!pdf_whole(&ctx, &pdf_out))
    goto done;

  double t0 = now_ms();
  jb_mdout_render(&doc, &md);
  ctx.stage_ms[JB_STAGE_OUTPUT] = now_ms() - t0;
  ctx.stage_kb[JB_STAGE_OUTPUT] = peak_kb();
  if (opt->json)
    json_report(&ctx, &doc, opt, &json);
  char *md_path = jb_pipeline_md_path(opt->output);
  bool ok = out_commit(&ctx, &pdf_out) == 0 &&
            write_atomic(&ctx, md_path, jb_buf_str(&md)) == 0 &&
            (!opt->json || write_atomic(&ctx, opt->json, jb_buf_str(&json)) == 0);
  free(md_path);
  written = ok;

done:
  out_abort(&pdf_out);
  jb_convert_preload_end(&ctx);
  jb_buf_free(&md);
  jb_buf_free(&json);
  jb_fontset_free(ctx.fonts);
  jb_conf_free(conf);
  jb_severity worst = ctx.diags.worst;
  jb_diags_free(&ctx.diags);
  jb_arena_free(ctx.arena);
  if (!written)
    return 1;
  return worst >= JB_SEV_ERROR ? 1 : 0;
}
