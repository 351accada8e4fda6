/* diag.c - message table and reporter for diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "buf.h"

static const char *const messages[JB_D__COUNT] = {
    [JB_D_NOTE_TRAD] = "Traditional Chinese detected",
    [JB_D_FRONT_UNCLOSED] = "front matter never closes",
    [JB_D_FRONT_KEY] = "unknown front matter key",
    [JB_D_BAD_DATE] = "not a date",
    [JB_D_TRUNCATED] = "the text ends mid-sentence (cut off by the scrape?)",
    [JB_D_DROPPED_CERTAIN] = "punctuated paragraph dropped",
    [JB_D_NO_TITLE] = "no title found, using the file name",
    [JB_D_WEAK_TITLE] = "title from weak evidence",
    [JB_D_NO_DATE] = "no publication date found",
    [JB_D_WEAK_DATE] = "date taken from the article's text",
    [JB_D_NO_SOURCE] = "no publisher found",
    [JB_D_DROPPED_TEXT] = "punctuated paragraph dropped",
    [JB_D_KEPT_APART] = "paragraph kept though it stands apart from the article",
    [JB_D_STRICT_META] = "--strict-metadata",
    [JB_D_CONVERT] = "OpenCC could not convert it, skipped",
    [JB_D_MISSING_GLYPH] = "character missing from every font",
    [JB_D_LONG_LINE] = "line too long for text, skipped",
    [JB_D_NOT_FILE] = "not a regular file, skipped",
    [JB_D_ENV] = "environment",
    [JB_D_NOTE_CHARSET] = "charset",
    [JB_D_HTML_JSONLD] = "JSON-LD ignored",
    [JB_D_HTML_BYTES] = "charset",
    [JB_D_HTML_LIMIT] = "page past a limit",
    [JB_D_HTML_SCRIPT] = "no article text; the page may need JavaScript",
    [JB_D_CHARSET] = "unknown charset, skipped",
    [JB_D_READ] = "cannot read file",
    [JB_D_EMPTY] = "empty file, skipped",
    [JB_D_BINARY] = "binary file (NUL byte), skipped",
    [JB_D_UTF8] = "invalid UTF-8, skipped",
    [JB_D_NO_TEXT] = "no article text left after cleaning, skipped",
    [JB_D_USAGE] = "usage",
    [JB_D_NO_INPUT] = "no input documents",
    [JB_D_TEMPLATE] = "template",
    [JB_D_FONT] = "font",
    [JB_D_OPENCC] = "OpenCC",
    [JB_D_PHRASES] = "phrase file",
    [JB_D_OUTPUT] = "cannot write output",
    [JB_D_BUSY] = "output folder busy",
    [JB_D_NOTHING] = "no document could be compiled; the previous report is kept",
    [JB_D_GUARD] = "--guard: the previous report is kept",
    [JB_D_NOTE_WAIT] = "another run is writing this folder: waiting for it",
    [JB_D_NOTE_RECOVER] = "a run killed while putting its files in place left the previous "
                          "report aside: put back",
    [JB_D_PDF] = "PDF writer",
    [JB_D_STRICT] = "--strict: stopping after a document error",
};

jb_severity
jb_diag_severity(jb_diag_code code)
{
  if (code >= JB_D_FATAL_FIRST)
    return JB_SEV_FATAL;
  if (code >= JB_D_ERROR_FIRST)
    return JB_SEV_ERROR;
  if (code >= JB_D_WARN_FIRST)
    return JB_SEV_WARNING;
  return JB_SEV_NOTE;
}

const char *
jb_diag_message(jb_diag_code code)
{
  return code < JB_D__COUNT && messages[code] ? messages[code] : "?";
}

const char *
jb_diag_level_name(jb_severity sev)
{
  static const char *const names[] = {"note", "warning", "error", "fatal"};
  return names[sev];
}

/* Count r in d's worst severity and print it if d shows its level. */
static void
emit(jb_diags *d, const jb_diag_rec *r)
{
  if (r->sev > d->worst)
    d->worst = r->sev;
  bool show = r->sev >= JB_SEV_ERROR || (r->sev == JB_SEV_WARNING && !d->quiet) ||
              (r->sev == JB_SEV_NOTE && d->verbose);
  if (!d->out || !show)
    return;
  FILE *f = d->out;
  fputs("jianbao: ", f);
  if (r->pos.file) {
    fputs(r->pos.file, f);
    if (r->pos.line) {
      fprintf(f, ":%u", r->pos.line);
      if (r->pos.col)
        fprintf(f, ":%u", r->pos.col);
    }
    fputs(": ", f);
  }
  fprintf(f, "%s: %s", jb_diag_level_name(r->sev), r->msg);
  if (r->has_offset)
    fprintf(f, " at byte %zu", r->pos.offset);
  fputc('\n', f);
}

static void
vreport(jb_diags *d, jb_diag_code code, jb_pos pos, bool has_offset,
        const char *fmt, va_list ap)
{
  jb_buf m = JB_BUF_INIT;
  jb_buf_puts(&m, jb_diag_message(code));
  if (fmt) {
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n > 0) {
      char *tmp = jb_xmalloc((size_t)n + 1);
      vsnprintf(tmp, (size_t)n + 1, fmt, ap);
      jb_buf_puts(&m, ": ");
      jb_buf_put(&m, tmp, (size_t)n);
      free(tmp);
    }
  }
  jb_diag_rec *r = JB_PUSH_HEAP(d->recs, d->n, d->cap);
  r->code = code;
  r->sev = jb_diag_severity(code);
  r->pos = pos;
  r->has_offset = has_offset;
  r->msg = m.p ? m.p : jb_xstrdup("");
  emit(d, r);
}

void
jb_diag(jb_diags *d, jb_diag_code code, jb_pos pos, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vreport(d, code, pos, false, fmt, ap);
  va_end(ap);
}

void
jb_diag_at(jb_diags *d, jb_diag_code code, jb_pos pos, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vreport(d, code, pos, true, fmt, ap);
  va_end(ap);
}

void
jb_diags_take(jb_diags *d, jb_diags *from)
{
  for (size_t i = 0; i < from->n; i++) {
    jb_diag_rec *r = JB_PUSH_HEAP(d->recs, d->n, d->cap);
    *r = from->recs[i];
    emit(d, r);
  }
  free(from->recs);
  from->recs = NULL;
  from->n = from->cap = 0;
}

void
jb_diags_free(jb_diags *d)
{
  for (size_t i = 0; i < d->n; i++)
    free(d->recs[i].msg);
  free(d->recs);
  d->recs = NULL;
  d->n = d->cap = 0;
}
