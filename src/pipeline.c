/* pipeline.c - stage order, timing, the outputs and the build report. */
#include "pipeline.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
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
#include "output.h"
#include "par.h"
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
json_report(jb_ctx *ctx, const jb_doc *doc, const char *template_path, jb_buf *b)
{
  jb_buf_printf(b, "{\n  \"jianbao\": \"%s\",\n  \"template\": ", JB_VERSION);
  jb_buf_json_str(b, jb_str_c(template_path));
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
    /* an HTML page's charset as read, and as declared */
    jb_buf_puts(b, ",\n     \"charset\": ");
    json_opt(b, s->charset);
    jb_buf_puts(b, ", \"charset_declared\": ");
    json_opt(b, s->charset_declared);
    jb_buf_putc(b, ',');
    jb_buf_puts(b, "\n     \"dropped\": [");
    bool first = true;
    for (size_t i = 0; i < s->nlines; i++) {
      const jb_line *l = &s->lines[i];
      if (!l->drop || l->drop == JB_DROP_FRONT_MATTER)
        continue;
      jb_buf_printf(b, "%s\n       {\"line\": %u, \"reason\": \"%s\", \"rule\": ",
                    first ? "" : ",", jb_source_line(s, i), jb_drop_name(l->drop));
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
  jb_buf_printf(b, "},\n  \"arena_bytes\": %zu,\n  \"glossary_words\": %zu,\n  \"diagnostics\": [",
                jb_arena_used(ctx->arena), doc->words);
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

/* libharu writes through stdio and does not check fclose, where the last
 * buffer reaches the file: a disk that fills there would leave a PDF cut
 * short and unnoticed. Its last bytes are always the %%EOF line. */
static bool
pdf_whole(jb_ctx *ctx, const jb_output_file *f)
{
  if (jb_output_ends_with(f, "%%EOF\n"))
    return true;
  jb_pos pos = {f->path, 0, 0, 0};
  jb_diag(&ctx->diags, JB_D_OUTPUT, pos, "the PDF was cut short while saving (disk full or file too large?)");
  return false;
}

/* Documents left to compile. */
static size_t
documents(const jb_doc *doc)
{
  size_t n = 0;
  for (size_t k = 0; k < doc->nsrcs; k++)
    n += !doc->srcs[k].skipped;
  return n;
}

/* --guard: the new briefing may not lose more than that share of the
 * previous one's documents or pages. */
static bool
guard_ok(jb_ctx *ctx, const char *md_path, double share, size_t docs, size_t pages)
{
  size_t docs0, pages0;
  if (share <= 0 || !jb_output_previous(md_path, &docs0, &pages0))
    return true;
  double keep = 1.0 - share / 100.0;
  if ((double)docs >= keep * (double)docs0 && (double)pages >= keep * (double)pages0)
    return true;
  jb_pos pos = {md_path, 0, 0, 0};
  jb_diag(&ctx->diags, JB_D_GUARD, pos,
          "the new briefing has %zu documents and %zu pages, the previous one %zu and %zu: "
          "more than %g %% lost", docs, pages, docs0, pages0, share);
  return false;
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

/* The markdown, rendered on a helper while the PDF writer finishes (it
 * reads the document and the page count only), and written to its staged
 * file and flushed to disk there, so that the commit waits for the PDF's
 * flush alone. */
typedef struct mdjob {
  jb_ctx *ctx;
  const jb_doc *doc;
  size_t pages, docs;
  jb_buf *out;
  jb_output_file *file; /* written and flushed there */
  int err;              /* (then reported by the run's thread) */
  double ms;
  pthread_t thread;
  bool started;
} mdjob;

static void *
md_run(void *arg)
{
  mdjob *j = arg;
  double t0 = now_ms();
  jb_mdout_render(j->doc, j->pages, j->docs, j->out);
  j->ms = now_ms() - t0;
  j->err = jb_output_settle(j->file, jb_buf_str(j->out));
  return NULL;
}

/* The PDF writer's helper is done: the spare core renders the markdown,
 * and the glossary's thread unmaps the lexicon (2 ms), while the PDF is
 * finished and saved. */
static void
pdf_idle(void *arg)
{
  mdjob *j = arg;
  j->started = j->ctx->threads > 1 && jb_thread_create(&j->thread, md_run, j) == 0;
  jb_glossary_release(j->ctx);
}

/* Wait for the markdown, or render it here if no helper took it. */
static void
md_join(mdjob *j)
{
  if (j->started)
    pthread_join(j->thread, NULL);
  else
    md_run(j);
  j->started = false;
}

/* What the run frees on a helper once the outputs are made: the arena
 * (the document, the layout) and the fonts. */
typedef struct model_left {
  jb_arena *arena;
  jb_fontset *fonts;
} model_left;

static void
model_free(void *arg)
{
  model_left *m = arg;
  jb_fontset_free(m->fonts);
  jb_arena_free(m->arena);
  free(m);
}

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
  jb_datadirs dd = {0};
  char *template_path = NULL;
  jb_buf md = JB_BUF_INIT, json = JB_BUF_INIT;
  jb_outputs outs = {.lockfd = -1};
  jb_fontload *fonts = NULL;
  mdjob mj = {0};
  char *md_path = jb_pipeline_md_path(opt->output);
  bool written = false;

  jb_datadirs_init(&dd, opt->datadir);
  template_path = jb_find_template(&dd, opt->template_path ? opt->template_path
                                   : opt->edition == JB_VARIANT_HANT ? "briefing-zh-Hant"
                                                                     : "briefing",
                                   &ctx.diags);
  if (!template_path)
    goto done;
  conf = jb_conf_load(template_path, &dd, &ctx.diags);
  if (!conf)
    goto done;
  ctx.conf = conf;
  /* --variant wins over the template's edition. */
  ctx.edition = opt->edition ? opt->edition
                : strcmp(jb_conf_str(conf, JB_CONF_EDITION), "zh-Hant") ? JB_VARIANT_HANS
                                                                        : JB_VARIANT_HANT;
  fonts = jb_fontset_load(conf, ctx.threads);
  /* One run at a time writes a folder; the previous report is read under
   * the same lock that replaces it. */
  if (jb_output_lock(&ctx, &outs, opt->output, !opt->no_wait) != 0)
    goto done;
  {
    const char *paths[] = {md_path, opt->output, opt->json};
    if (jb_output_recover(paths, opt->json ? 3 : 2)) {
      jb_pos pos = {opt->output, 0, 0, 0};
      jb_diag(&ctx.diags, JB_D_NOTE_RECOVER, pos, NULL);
    }
  }

  jb_convert_preload(&ctx);
  jb_glossary_preload(&ctx);
  STAGE(JB_STAGE_INGEST, jb_ingest_run(&ctx, &doc));
  STAGE(JB_STAGE_CLEAN, jb_clean_run(&ctx, &doc));
  if (opt->strict_meta)
    strict_metadata(&ctx, &doc);
  if (strict_stop(&ctx))
    goto done;
  /* Nothing to compile: no empty briefing replaces the previous one. */
  if (!documents(&doc)) {
    jb_pos pos = {NULL, 0, 0, 0};
    jb_diag(&ctx.diags, JB_D_NOTHING, pos, NULL);
    goto done;
  }
  set_epoch(&ctx, &doc);
  STAGE(JB_STAGE_CONVERT, jb_convert_run(&ctx, &doc));
  STAGE(JB_STAGE_SECTION, jb_section_run(&ctx, &doc));
  jb_glossary_segment(&ctx, &doc);
  STAGE(JB_STAGE_DEDUP, jb_dedup_run(&ctx, &doc));
  STAGE(JB_STAGE_GLOSSARY, jb_glossary_run(&ctx, &doc));
  STAGE(JB_STAGE_COMPOSE, jb_compose_run(&ctx, &doc));
  STAGE(JB_STAGE_EDITION, jb_convert_edition(&ctx, &doc));
#ifdef JB_CHECK_MODEL
  if (!jb_doc_check(&doc))
    abort();
#endif
  ctx.fonts = jb_fontset_take(fonts, &ctx.diags);
  fonts = NULL;
  if (!ctx.fonts)
    goto done;
  STAGE(JB_STAGE_LAYOUT, jb_layout_run(&ctx, &doc, &lay));
  /* Staged in the order they are put in place, the PDF last; libharu
   * saves into its unnamed file: no copy of the document in memory.
   * Nothing is in place before everything is made. */
  jb_output_file *md_out = jb_output_open(&ctx, &outs, md_path);
  jb_output_file *json_out = md_out && opt->json ? jb_output_open(&ctx, &outs, opt->json) : NULL;
  jb_output_file *pdf_out = md_out && (json_out || !opt->json) ? jb_output_open(&ctx, &outs, opt->output)
                                                               : NULL;
  if (!pdf_out)
    goto done;
  mj = (mdjob){&ctx, &doc, lay.npages, documents(&doc), &md, md_out, 0, 0, 0, false};
  STAGE(JB_STAGE_PDF, jb_pdf_write(&ctx, &lay, jb_output_where(pdf_out), opt->output, pdf_idle, &mj));
  jb_glossary_release(&ctx); /* (if the PDF stopped before its subsets) */
  if (!pdf_whole(&ctx, pdf_out))
    goto done;
  jb_output_start_flush(pdf_out);

  md_join(&mj);
  ctx.stage_ms[JB_STAGE_OUTPUT] = mj.ms;
  ctx.stage_kb[JB_STAGE_OUTPUT] = peak_kb();
  if (opt->json)
    json_report(&ctx, &doc, template_path, &json);
  double share = opt->guard >= 0 ? opt->guard : jb_conf_num(conf, JB_CONF_GUARD);
  if (mj.err)
    jb_output_report(&ctx, md_out, mj.err);
  written = !mj.err &&
            (!json_out || jb_output_write(&ctx, json_out, jb_buf_str(&json)) == 0) &&
            guard_ok(&ctx, md_path, share, documents(&doc), lay.npages);
  if (written) {
    /* The model and the fonts are done with: freed on a helper while the
     * files are flushed and put in place. */
    model_left *left = jb_xmalloc(sizeof *left);
    *left = (model_left){ctx.arena, ctx.fonts};
    ctx.arena = NULL;
    ctx.fonts = NULL;
    jb_later(&ctx, model_free, left);
    written = jb_output_commit(&ctx, &outs) == 0;
  }

done:
  if (mj.started) /* stopped in the pdf stage */
    pthread_join(mj.thread, NULL);
  jb_output_abort(&outs);
  jb_output_unlock(&outs);
  free(md_path);
  jb_convert_preload_end(&ctx);
  jb_glossary_preload_end(&ctx);
  jb_later_join(&ctx);
  jb_buf_free(&md);
  jb_buf_free(&json);
  jb_fontset_free(jb_fontset_take(fonts, &ctx.diags));
  jb_fontset_free(ctx.fonts);
  jb_conf_free(conf);
  free(template_path);
  jb_datadirs_free(&dd);
  jb_severity worst = ctx.diags.worst;
  jb_diags_free(&ctx.diags);
  jb_arena_free(ctx.arena);
  if (!written)
    return 1;
  return worst >= JB_SEV_ERROR ? 1 : 0;
}
