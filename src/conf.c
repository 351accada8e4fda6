/* conf.c - template parser for conf.h. The key table below is the reference
 * for what a template may say; templates/briefing.conf repeats it in
 * comments for users. */
#include "conf.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "phrases.h"
#include "str.h"
#include "utf8.h"

#define CONF_MAX_SIZE (1u << 20) /* a template is small; refuse huge files */
#define CONF_MAX_VALUE 1024      /* bytes in one value */

typedef enum kind {
  K_TEXT,   /* any UTF-8 text */
  K_NUM,    /* number within [min, max] */
  K_CHOICE, /* one of the words in choices */
  K_FONT,   /* path to a TrueType file */
  K_FORMAT, /* text with exactly one %d */
  K_BOOL,   /* yes or no */
  K_FILE,   /* a data file, relative like fonts */
  K_PHRASES /* a phrase file (phrases.c), relative like fonts, or empty */
} kind;

typedef struct keydef {
  const char *name;
  kind kind;
  const char *def; /* default value */
  double min, max; /* K_NUM range */
  const char *choices; /* K_CHOICE: the allowed values, "|" between */
} keydef;

static const keydef keys[JB_CONF__COUNT] = {
    [JB_CONF_TITLE] = {"title", K_TEXT, "简报", 0, 0},
    [JB_CONF_TITLE_EN] = {"title.en", K_TEXT, "Briefing", 0, 0},
    [JB_CONF_SUBTITLE] = {"subtitle", K_TEXT, "", 0, 0},
    [JB_CONF_SUBTITLE_EN] = {"subtitle.en", K_TEXT, "", 0, 0},
    [JB_CONF_ORGANISATION] = {"organisation", K_TEXT, "", 0, 0},
    [JB_CONF_ORGANISATION_EN] = {"organisation.en", K_TEXT, "", 0, 0},
    [JB_CONF_PAGE_SIZE] = {"page.size", K_CHOICE, "A4", 0, 0, "A4|A5|B5|Letter"},
    [JB_CONF_MARGIN_TOP] = {"margin.top", K_NUM, "25", 5, 80},
    [JB_CONF_MARGIN_BOTTOM] = {"margin.bottom", K_NUM, "25", 5, 80},
    [JB_CONF_MARGIN_INNER] = {"margin.inner", K_NUM, "25", 5, 80},
    [JB_CONF_MARGIN_OUTER] = {"margin.outer", K_NUM, "25", 5, 80},
    [JB_CONF_FONT_BODY] = {"font.body", K_FONT,
                           "fonts/NotoSerifSC_400Regular.ttf", 0, 0},
    [JB_CONF_FONT_BOLD] = {"font.bold", K_FONT,
                           "fonts/NotoSerifSC_700Bold.ttf", 0, 0},
    [JB_CONF_FONT_HEADING] = {"font.heading", K_FONT,
                              "fonts/NotoSansSC_700Bold.ttf", 0, 0},
    [JB_CONF_FONT_SANS] = {"font.sans", K_FONT,
                           "fonts/NotoSansSC_400Regular.ttf", 0, 0},
    [JB_CONF_FONT_OTHER] = {"font.other", K_FONT, "fonts/NotoSansTC_400Regular.ttf", 0, 0},
    [JB_CONF_FONT_FALLBACK] = {"font.fallback", K_FONT, "fonts/HanaMinA.ttf", 0, 0},
    [JB_CONF_SIZE_BODY] = {"size.body", K_NUM, "10.5", 6, 24},
    [JB_CONF_SIZE_CHAPTER] = {"size.chapter", K_NUM, "20", 8, 48},
    [JB_CONF_SIZE_SECTION] = {"size.section", K_NUM, "14", 6, 36},
    [JB_CONF_SIZE_SUBSECTION] = {"size.subsection", K_NUM, "12", 6, 36},
    [JB_CONF_SIZE_SMALL] = {"size.small", K_NUM, "8", 5, 14},
    [JB_CONF_LINE_SPACING] = {"line.spacing", K_NUM, "1.7", 1.0, 3.0},
    [JB_CONF_LABEL_CONTENTS] = {"label.contents", K_TEXT, "目录", 0, 0},
    [JB_CONF_LABEL_CONTENTS_EN] = {"label.contents.en", K_TEXT, "Contents", 0,
                                   0},
    [JB_CONF_LABEL_CHAPTER] = {"label.chapter", K_FORMAT, "第 %d 章", 0, 0},
    [JB_CONF_LABEL_CHAPTER_EN] = {"label.chapter.en", K_FORMAT, "Chapter %d",
                                  0, 0},
    [JB_CONF_LABEL_SOURCES] = {"label.sources", K_TEXT, "参考来源", 0, 0},
    [JB_CONF_LABEL_SOURCES_EN] = {"label.sources.en", K_TEXT, "Sources", 0,
                                  0},
    [JB_CONF_LABEL_APPENDIX] = {"label.appendix", K_TEXT, "附录", 0, 0},
    [JB_CONF_LABEL_APPENDIX_EN] = {"label.appendix.en", K_TEXT, "Appendix", 0,
                                   0},
    [JB_CONF_LABEL_SOURCE_COUNT] = {"label.source_count", K_FORMAT,
                                    "%d 篇来源", 0, 0},
    [JB_CONF_LABEL_SOURCE_COUNT_EN] = {"label.source_count.en", K_FORMAT,
                                       "%d sources", 0, 0},
    [JB_CONF_LABEL_PUBLISHER] = {"label.publisher", K_TEXT, "来源", 0, 0},
    [JB_CONF_LABEL_PUBLISHED] = {"label.published", K_TEXT, "发布", 0, 0},
    [JB_CONF_LABEL_FETCHED] = {"label.fetched", K_TEXT, "采集", 0, 0},
    [JB_CONF_LABEL_PUBLISHER_EN] = {"label.publisher.en", K_TEXT, "Source", 0, 0},
    [JB_CONF_LABEL_PUBLISHED_EN] = {"label.published.en", K_TEXT, "Published", 0, 0},
    [JB_CONF_LABEL_FETCHED_EN] = {"label.fetched.en", K_TEXT, "retrieved", 0, 0},
    [JB_CONF_LABEL_DATE] = {"label.date", K_TEXT, "编制日期", 0, 0},
    [JB_CONF_LABEL_DATE_EN] = {"label.date.en", K_TEXT, "Compiled", 0, 0},
    [JB_CONF_LABEL_GLOSSARY] = {"label.glossary", K_TEXT, "术语表", 0, 0},
    [JB_CONF_LABEL_GLOSSARY_EN] = {"label.glossary.en", K_TEXT, "Glossary", 0, 0},
    [JB_CONF_LABEL_GLOSSARY_NOTE] = {"label.glossary.note", K_TEXT,
        "词语、拼音与英文释义取自 CC-CEDICT（MDBG，2019-05-27，CC BY-SA 4.0）；按本简报中"
        "较一般文本多见的程度选出。 Terms, pinyin and English glosses from CC-CEDICT "
        "(MDBG, 2019-05-27, CC BY-SA 4.0), chosen by how much more often this briefing "
        "uses them than general text.", 0, 0},
    [JB_CONF_LABEL_TERM] = {"label.term", K_TEXT, "词语 Term", 0, 0},
    [JB_CONF_LABEL_OTHER_FORM] = {"label.other_form", K_TEXT, "繁体 Traditional", 0, 0},
    [JB_CONF_LABEL_PINYIN] = {"label.pinyin", K_TEXT, "拼音 Pinyin", 0, 0},
    [JB_CONF_LABEL_ENGLISH] = {"label.english", K_TEXT, "释义 English", 0, 0},
    [JB_CONF_LABEL_CHAPTERS] = {"label.chapters", K_TEXT, "章 Ch.", 0, 0},
    [JB_CONF_LABEL_DOCUMENT] = {"label.document", K_TEXT, "文档 Document", 0, 0},
    [JB_CONF_LABEL_SCRIPT] = {"label.script", K_TEXT, "文字 Script", 0, 0},
    [JB_CONF_LABEL_CONVERTED] = {"label.converted", K_TEXT, "转换 Converted", 0, 0},
    [JB_CONF_LABEL_DROPPED] = {"label.dropped", K_TEXT, "删除行 Lines dropped", 0, 0},
    [JB_CONF_LABEL_MERGED] = {"label.merged", K_TEXT, "合并 Merged", 0, 0},
    [JB_CONF_LABEL_SECTIONS] = {"label.sections", K_TEXT, "小节 Sections", 0, 0},
    [JB_CONF_LABEL_APPENDIX_NOTE] = {"label.appendix.note", K_TEXT,
        "合并 = 完全相同 + 近似 + 被包含；删除行 = 删除 / 全部行。 Merged = exact + near + "
        "contained; lines dropped = dropped / all.", 0, 0},
    [JB_CONF_LABEL_DROP_REASONS] = {"label.drop_reasons", K_TEXT,
        "删除的行按原因 Lines dropped by reason：", 0, 0},
    [JB_CONF_GLOSSARY] = {"glossary", K_BOOL, "yes", 0, 0},
    [JB_CONF_GLOSSARY_TERMS] = {"glossary.terms", K_NUM, "60", 10, 200},
    [JB_CONF_GLOSSARY_OTHER_FORM] = {"glossary.other_form", K_BOOL, "no", 0, 0},
    [JB_CONF_GLOSSARY_DICTIONARY] = {"glossary.dictionary", K_FILE, "data/cedict_ts.u8", 0, 0},
    [JB_CONF_GLOSSARY_FREQUENCIES] = {"glossary.frequencies", K_FILE, "data/dict.txt", 0, 0},
    [JB_CONF_APPENDIX] = {"appendix", K_BOOL, "yes", 0, 0},
    [JB_CONF_LABEL_MORE_SOURCES] = {"label.more_sources", K_FORMAT, "等%d篇", 0, 0},
    [JB_CONF_LABEL_INFERRED] = {"label.inferred", K_TEXT,
                                "标 * 的题名、来源和日期由正文推断，原页面未标注。", 0, 0},
    [JB_CONF_LABEL_INFERRED_EN] = {"label.inferred.en", K_TEXT,
                                   "Fields marked * were inferred from the text.", 0, 0},
    [JB_CONF_EDITION] = {"edition", K_CHOICE, "zh-Hans", 0, 0, "zh-Hans|zh-Hant"},
    /* s2twp and s2hk are allowed but see convert.c for why s2tw is the
     * default. */
    [JB_CONF_EDITION_CONFIG] = {"edition.config", K_CHOICE, "s2tw.json", 0, 0,
                                "s2tw.json|s2t.json|s2hk.json|s2twp.json"},
    [JB_CONF_EDITION_QUOTES] = {"edition.quotes", K_CHOICE, "corner", 0, 0, "corner|keep"},
    /* auto: each Traditional document by its regional standard. */
    [JB_CONF_CONVERT_CONFIG] = {"convert.config", K_CHOICE, "auto", 0, 0,
                                "auto|t2s.json|tw2s.json|hk2s.json"},
    [JB_CONF_CONVERT_PHRASES] = {"convert.phrases", K_PHRASES, "", 0, 0},
    [JB_CONF_EDITION_PHRASES] = {"edition.phrases", K_PHRASES, "", 0, 0},
    [JB_CONF_EDITION_TAI] = {"edition.tai", K_CHOICE, "台", 0, 0, "台|臺"},
    [JB_CONF_GUARD] = {"guard", K_NUM, "0", 0, 100},
    [JB_CONF_CITATIONS] = {"citations", K_CHOICE, "merged", 0, 0, "merged|paragraph|chapter"},
    [JB_CONF_PDF_STANDARD] = {"pdf.standard", K_CHOICE, "pdf/a-2u", 0, 0, "pdf/a-2u|none"},
    [JB_CONF_PDF_OUTPUT_PROFILE] = {"pdf.output_profile", K_FILE, "data/sRGB.icc", 0, 0},
};

struct jb_conf {
  char *values[JB_CONF__COUNT]; /* heap strings; NULL means default */
  char *resolved[JB_CONF__COUNT]; /* K_FONT: path resolved against base */
  double nums[JB_CONF__COUNT];
  char *base; /* folder of the template, with trailing '/', or "" */
  const jb_datadirs *dd; /* where default files are looked for; NULL: here */
};

const char *
jb_conf_key_name(jb_conf_key k)
{
  return keys[k].name;
}

static char *
resolve(const char *base, const char *path)
{
  if (path[0] == '/' || !base[0])
    return jb_xstrdup(path);
  size_t nb = strlen(base), np = strlen(path);
  char *r = jb_xmalloc(nb + np + 1);
  memcpy(r, base, nb);
  memcpy(r + nb, path, np + 1);
  return r;
}

/* Validate value v for key k; on error returns a static message. */
static const char *
check_value(const jb_conf *c, jb_conf_key k, const char *v, bool check_files,
            double *num)
{
  const keydef *kd = &keys[k];
  if (jb_utf8_check(v, strlen(v)) >= 0)
    return "value is not valid UTF-8";
  switch (kd->kind) {
  case K_TEXT:
    return NULL;
  case K_NUM: {
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (end == v || *end || errno || !isfinite(x))
      return "not a number";
    if (x < kd->min || x > kd->max)
      return "number out of range";
    *num = x;
    return NULL;
  }
  case K_CHOICE:
    for (const char *w = kd->choices; *w;) {
      size_t n = strcspn(w, "|");
      if (strlen(v) == n && !memcmp(v, w, n))
        return NULL;
      w += n + (w[n] == '|');
    }
    return "not one of the allowed values";
  case K_FORMAT: {
    const char *p = strstr(v, "%d");
    if (!p || strstr(p + 2, "%d"))
      return "must contain %d exactly once";
    for (const char *q = v; *q; q++)
      if (*q == '%' && !(q == p))
        return "only %d may follow a %";
    return NULL;
  }
  case K_BOOL:
    if (strcmp(v, "yes") && strcmp(v, "no"))
      return "must be yes or no";
    return NULL;
  case K_FILE: /* checked at the end, when the run will read it */
    return NULL;
  case K_FONT:
  case K_PHRASES: {
    if (!check_files || (kd->kind == K_PHRASES && !*v))
      return NULL;
    char *path = resolve(c->base, v);
    int ok = access(path, R_OK);
    free(path);
    return ok == 0                ? NULL
           : kd->kind == K_FONT    ? "font file not found (run make fonts)"
                                   : "phrase file not found";
  }
  }
  return NULL;
}

/* The key named name, or JB_CONF__COUNT. */
static int
key_index(jb_str name)
{
  int k = 0;
  while (k < JB_CONF__COUNT && !jb_str_eq_c(name, keys[k].name))
    k++;
  return k;
}

/* Whether the run reads data file k. */
static bool
file_needed(const jb_conf *c, jb_conf_key k)
{
  if (k == JB_CONF_PDF_OUTPUT_PROFILE)
    return strcmp(c->values[JB_CONF_PDF_STANDARD], "none") != 0;
  return strcmp(c->values[JB_CONF_GLOSSARY], "no") != 0;
}

/* A font path the template gives is relative to the template's folder; a
 * default one to the working folder (the project root). */
static void
set_value(jb_conf *c, jb_conf_key k, const char *v, double num, bool from_file)
{
  free(c->values[k]);
  free(c->resolved[k]);
  c->values[k] = jb_xstrdup(v);
  bool path = keys[k].kind == K_FONT || keys[k].kind == K_FILE ||
              (keys[k].kind == K_PHRASES && *v);
  c->resolved[k] = NULL;
  if (path && !from_file && c->dd && v[0] != '/')
    c->resolved[k] = jb_datadirs_find(c->dd, v); /* a default: the data folders' */
  if (path && !c->resolved[k])
    c->resolved[k] = resolve(from_file ? c->base : "", v);
  c->nums[k] = num;
}

static jb_conf *
parse(const char *text, size_t n, const char *file, const jb_datadirs *dd, bool check_files,
      jb_diags *d)
{
  jb_conf *c = jb_xcalloc(1, sizeof *c);
  c->dd = dd;
  const char *slash = file ? strrchr(file, '/') : NULL;
  c->base = slash ? jb_xstrndup(file, (size_t)(slash - file) + 1)
                  : jb_xstrdup("");
  bool seen[JB_CONF__COUNT] = {false};
  uint32_t seen_line[JB_CONF__COUNT] = {0};
  int errors = 0;

  /* Defaults first, so a template may leave any key out. */
  for (int k = 0; k < JB_CONF__COUNT; k++) {
    double num = 0;
    if (keys[k].kind == K_NUM)
      num = strtod(keys[k].def, NULL);
    set_value(c, (jb_conf_key)k, keys[k].def, num, false);
  }

  jb_str rest = jb_str_make(text, n);
  uint32_t lineno = 0;
  while (rest.n) {
    lineno++;
    const char *nl = memchr(rest.p, '\n', rest.n);
    size_t len = nl ? (size_t)(nl - rest.p) : rest.n;
    jb_str line = jb_str_trim(jb_str_make(rest.p, len));
    rest = jb_str_skip(rest, nl ? len + 1 : len);
    if (lineno == 1 && jb_str_starts(line, "\xEF\xBB\xBF"))
      line = jb_str_skip(line, 3);
    if (line.n == 0 || line.p[0] == '#')
      continue;
    jb_pos pos = {file, lineno, 0, 0};
    long eq = jb_str_find(line, "=");
    if (eq < 0) {
      jb_diag(d, JB_D_TEMPLATE, pos, "expected \"key = value\"");
      errors++;
      continue;
    }
    jb_str key = jb_str_trim(jb_str_sub(line, 0, (size_t)eq));
    jb_str val = jb_str_trim(jb_str_skip(line, (size_t)eq + 1));
    int k = key_index(key);
    if (k == JB_CONF__COUNT) {
      jb_diag(d, JB_D_TEMPLATE, pos, "unknown key \"%.*s\"", (int)key.n,
              key.p);
      errors++;
      continue;
    }
    if (seen[k]) {
      jb_diag(d, JB_D_TEMPLATE, pos, "key \"%s\" set twice", keys[k].name);
      errors++;
      continue;
    }
    seen[k] = true;
    seen_line[k] = lineno;
    if (val.n > CONF_MAX_VALUE) {
      jb_diag(d, JB_D_TEMPLATE, pos, "value of \"%s\" too long", keys[k].name);
      errors++;
      continue;
    }
    char *v = jb_xstrndup(val.p, val.n);
    double num = 0;
    const char *why = check_value(c, (jb_conf_key)k, v, check_files, &num);
    if (why) {
      if (keys[k].kind == K_CHOICE)
        jb_diag(d, JB_D_TEMPLATE, pos, "%s: \"%s\": must be one of %s", keys[k].name, v,
                keys[k].choices);
      else
        jb_diag(d, JB_D_TEMPLATE, pos, "%s: \"%s\": %s", keys[k].name, v, why);
      errors++;
    } else {
      set_value(c, (jb_conf_key)k, v, num, true);
      /* a phrase file's lines, each bad one named */
      if (keys[k].kind == K_PHRASES && *v && check_files)
        errors += (int)jb_phrases_check_file(c->resolved[k], d);
    }
    free(v);
  }

  /* Defaults name font files too; a missing one is an error of the
   * template that relies on it. A data file matters only when the run
   * reads it: the dictionaries with a glossary, the colour profile for
   * PDF/A. */
  if (check_files) {
    for (int k = 0; k < JB_CONF__COUNT; k++) {
      if ((keys[k].kind != K_FONT || seen[k]) && keys[k].kind != K_FILE)
        continue;
      if (keys[k].kind == K_FILE && !file_needed(c, (jb_conf_key)k))
        continue;
      if (access(c->resolved[k], R_OK) == 0)
        continue;
      jb_pos pos = {file, seen_line[k], 0, 0};
      if (seen[k])
        jb_diag(d, JB_D_TEMPLATE, pos, "%s: \"%s\": file not found (run make data)",
                keys[k].name, c->values[k]);
      else {
        jb_buf places = JB_BUF_INIT;
        if (c->dd && c->dd->n)
          jb_datadirs_places(c->dd, keys[k].def, &places);
        else
          jb_buf_puts(&places, keys[k].def);
        jb_diag(d, JB_D_TEMPLATE, pos, "%s not set, and the default is not found; looked "
                "in %s (run make %s)", keys[k].name, places.p,
                keys[k].kind == K_FONT ? "fonts" : "data");
        jb_buf_free(&places);
      }
      errors++;
    }
  }
  if (errors) {
    jb_conf_free(c);
    return NULL;
  }
  return c;
}

jb_conf *
jb_conf_parse(const char *text, size_t n, const char *file, bool check_files, jb_diags *d)
{
  return parse(text, n, file, NULL, check_files, d);
}

/* The text of the template at path (NUL-terminated, heap), or NULL after
 * reporting. */
static char *
read_template(const char *path, size_t *len, jb_diags *d)
{
  jb_pos pos = {path, 0, 0, 0};
  FILE *f = fopen(path, "rb");
  if (!f) {
    jb_diag(d, JB_D_TEMPLATE, pos, "cannot open: %s", strerror(errno));
    return NULL;
  }
  char *text = jb_xmalloc(CONF_MAX_SIZE + 2);
  size_t n = fread(text, 1, CONF_MAX_SIZE + 1, f);
  int err = ferror(f);
  fclose(f);
  if (err || n > CONF_MAX_SIZE) {
    if (err)
      jb_diag(d, JB_D_TEMPLATE, pos, "cannot read");
    else
      jb_diag(d, JB_D_TEMPLATE, pos, "larger than %u bytes", CONF_MAX_SIZE);
    free(text);
    return NULL;
  }
  text[n] = 0;
  *len = n;
  return text;
}

jb_conf *
jb_conf_load(const char *path, const jb_datadirs *dd, jb_diags *d)
{
  size_t n = 0;
  char *text = read_template(path, &n, d);
  jb_conf *c = text ? parse(text, n, path, dd, true, d) : NULL;
  free(text);
  return c;
}

/* A path as an absolute one, so a copied template still finds it. */
static void
put_abs(jb_buf *out, const char *path)
{
  char *real = realpath(path, NULL);
  if (real) {
    jb_buf_puts(out, real);
    free(real);
  } else if (path[0] == '/') {
    jb_buf_puts(out, path);
  } else {
    char cwd[4096];
    jb_buf_printf(out, "%s/%s", getcwd(cwd, sizeof cwd) ? cwd : ".", path);
  }
}

static void
put_key(jb_buf *out, const jb_conf *c, int k)
{
  bool path = (keys[k].kind == K_FONT || keys[k].kind == K_FILE ||
               keys[k].kind == K_PHRASES) && c->resolved[k];
  jb_buf_printf(out, "%s = ", keys[k].name);
  if (path)
    put_abs(out, c->resolved[k]);
  else
    jb_buf_puts(out, c->values[k]);
  jb_buf_putc(out, '\n');
}

int
jb_conf_print_template(const char *path, const jb_datadirs *dd, jb_buf *out, jb_diags *d)
{
  size_t n = 0;
  char *text = read_template(path, &n, d);
  jb_conf *c = text ? parse(text, n, path, dd, true, d) : NULL;
  if (!c) {
    free(text);
    return -1;
  }
  bool seen[JB_CONF__COUNT] = {false};
  jb_buf_printf(out, "# From %s, file paths made absolute.\n", path);
  jb_str rest = jb_str_make(text, n);
  while (rest.n) {
    const char *nl = memchr(rest.p, '\n', rest.n);
    size_t len = nl ? (size_t)(nl - rest.p) : rest.n;
    jb_str line = jb_str_make(rest.p, len);
    rest = jb_str_skip(rest, nl ? len + 1 : len);
    jb_str t = jb_str_trim(line);
    long eq = t.n && t.p[0] != '#' ? jb_str_find(t, "=") : -1;
    int k = eq >= 0 ? key_index(jb_str_trim(jb_str_sub(t, 0, (size_t)eq))) : JB_CONF__COUNT;
    if (k < JB_CONF__COUNT) {
      seen[k] = true;
      put_key(out, c, k);
    } else {
      jb_buf_put(out, line.p, line.n);
      jb_buf_putc(out, '\n');
    }
  }
  bool header = false;
  for (int k = 0; k < JB_CONF__COUNT; k++) {
    if (seen[k])
      continue;
    if (!header)
      jb_buf_puts(out, "\n# ---- keys this template leaves at their defaults "
                       "---------------------------\n");
    header = true;
    jb_buf_printf(out, "# %s: default %s\n", keys[k].name, keys[k].def[0] ? keys[k].def : "(empty)");
    put_key(out, c, k);
  }
  jb_conf_free(c);
  free(text);
  return 0;
}

void
jb_conf_free(jb_conf *c)
{
  if (!c)
    return;
  for (int k = 0; k < JB_CONF__COUNT; k++) {
    free(c->values[k]);
    free(c->resolved[k]);
  }
  free(c->base);
  free(c);
}

const char *
jb_conf_str(const jb_conf *c, jb_conf_key k)
{
  return c->resolved[k] ? c->resolved[k] : c->values[k];
}

double
jb_conf_num(const jb_conf *c, jb_conf_key k)
{
  return c->nums[k];
}

bool
jb_conf_bool(const jb_conf *c, jb_conf_key k)
{
  return !strcmp(c->values[k], "yes");
}

void
jb_conf_page_size(const jb_conf *c, double *w, double *h)
{
  const char *s = c->values[JB_CONF_PAGE_SIZE];
  if (!strcmp(s, "Letter")) {
    *w = 612;
    *h = 792;
  } else if (!strcmp(s, "A5")) {
    *w = 148 / 25.4 * 72;
    *h = 210 / 25.4 * 72;
  } else if (!strcmp(s, "B5")) {
    /* ISO B5, 176 x 250 mm */
    *w = 176 / 25.4 * 72;
    *h = 250 / 25.4 * 72;
  } else {
    *w = 210 / 25.4 * 72;
    *h = 297 / 25.4 * 72;
  }
}
