/* datadir.c - see datadir.h. */
#include "datadir.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"

static void
add(jb_datadirs *dd, const char *dir, size_t n, const char *why)
{
  while (n > 1 && dir[n - 1] == '/')
    n--;
  if (!n || dd->n == JB_DATADIR_MAX)
    return;
  for (size_t i = 0; i < dd->n; i++)
    if (strlen(dd->dir[i]) == n && !memcmp(dd->dir[i], dir, n))
      return;
  dd->dir[dd->n] = jb_xstrndup(dir, n);
  dd->why[dd->n++] = why;
}

static int
readable(const char *path)
{
  return access(path, R_OK) == 0;
}

/* The checkout the running binary was built in: <tree>/build/jianbao (or
 * build-asan/, build-tsan/) where <tree> holds the sources and templates. */
static void
add_build_tree(jb_datadirs *dd)
{
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0)
    return;
  exe[n] = 0;
  for (int up = 0; up < 2; up++) {
    char *slash = strrchr(exe, '/');
    if (!slash)
      return;
    *slash = 0;
  }
  size_t len = strlen(exe);
  jb_buf probe = JB_BUF_INIT;
  jb_buf_printf(&probe, "%s/src/datadir.c", exe);
  bool src = readable(probe.p);
  jb_buf_reset(&probe);
  jb_buf_printf(&probe, "%s/templates/briefing.conf", exe);
  if (src && readable(probe.p))
    add(dd, exe[0] ? exe : "/", exe[0] ? len : 1, "the build tree");
  jb_buf_free(&probe);
}

void
jb_datadirs_init(jb_datadirs *dd, const char *opt_dir)
{
  memset(dd, 0, sizeof *dd);
  if (opt_dir && *opt_dir)
    add(dd, opt_dir, strlen(opt_dir), "--datadir");
  const char *env = getenv("JIANBAO_DATADIR");
  if (env && *env)
    add(dd, env, strlen(env), "JIANBAO_DATADIR");
  add_build_tree(dd);
  add(dd, JB_DATADIR, strlen(JB_DATADIR), "the installed data");
}

void
jb_datadirs_free(jb_datadirs *dd)
{
  for (size_t i = 0; i < dd->n; i++)
    free(dd->dir[i]);
  dd->n = 0;
}

char *
jb_datadirs_find(const jb_datadirs *dd, const char *rel)
{
  jb_buf p = JB_BUF_INIT;
  for (size_t i = 0; i < dd->n; i++) {
    jb_buf_reset(&p);
    jb_buf_printf(&p, "%s/%s", dd->dir[i], rel);
    if (readable(p.p)) {
      char *r = jb_xstrdup(p.p);
      jb_buf_free(&p);
      return r;
    }
  }
  jb_buf_free(&p);
  return NULL;
}

void
jb_datadirs_places(const jb_datadirs *dd, const char *rel, jb_buf *b)
{
  for (size_t i = 0; i < dd->n; i++)
    jb_buf_printf(b, "%s%s/%s (%s)", i ? ", " : "", dd->dir[i], rel, dd->why[i]);
}

int
jb_template_is_name(const char *arg)
{
  size_t n = strlen(arg);
  return n && !strchr(arg, '/') && !(n > 5 && !strcmp(arg + n - 5, ".conf"));
}

char *
jb_find_template(const jb_datadirs *dd, const char *arg, jb_diags *d)
{
  if (!jb_template_is_name(arg))
    return jb_xstrdup(arg);
  jb_buf rel = JB_BUF_INIT;
  jb_buf_printf(&rel, "templates/%s.conf", arg);
  char *path = jb_datadirs_find(dd, rel.p);
  if (!path) {
    jb_buf places = JB_BUF_INIT;
    jb_datadirs_places(dd, rel.p, &places);
    jb_pos pos = {arg, 0, 0, 0};
    jb_diag(d, JB_D_TEMPLATE, pos, "no template of that name; looked in %s", places.p);
    jb_buf_free(&places);
  }
  jb_buf_free(&rel);
  return path;
}

static int
cmp_str(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The first sentence of a template's opening comment. */
static void
put_summary(jb_buf *out, const char *path)
{
  FILE *f = fopen(path, "r");
  if (!f)
    return;
  jb_buf text = JB_BUF_INIT;
  char line[512];
  while (fgets(line, sizeof line, f) && line[0] == '#' && text.n < 400) {
    char *p = line + 1;
    while (*p == ' ')
      p++;
    p[strcspn(p, "\n")] = 0;
    if (!*p)
      break;
    if (text.n)
      jb_buf_putc(&text, ' ');
    jb_buf_puts(&text, p);
  }
  fclose(f);
  if (text.n) {
    char *end = strstr(text.p, ". ");
    jb_buf_put(out, text.p, end ? (size_t)(end - text.p) + 1 : text.n);
  }
  jb_buf_free(&text);
}

void
jb_list_templates(const jb_datadirs *dd, jb_buf *out)
{
  char **names = NULL;
  size_t n = 0, cap = 0;
  jb_buf path = JB_BUF_INIT;
  for (size_t i = 0; i < dd->n; i++) {
    jb_buf_reset(&path);
    jb_buf_printf(&path, "%s/templates", dd->dir[i]);
    DIR *dir = opendir(path.p);
    if (!dir)
      continue;
    size_t first = n;
    for (struct dirent *e; (e = readdir(dir));) {
      size_t len = strlen(e->d_name);
      if (len <= 5 || strcmp(e->d_name + len - 5, ".conf") || e->d_name[0] == '.')
        continue;
      bool dup = false;
      for (size_t k = 0; k < first && !dup; k++)
        dup = strlen(names[k]) == len - 5 && !memcmp(names[k], e->d_name, len - 5);
      if (!dup)
        *JB_PUSH_HEAP(names, n, cap) = jb_xstrndup(e->d_name, len - 5);
    }
    closedir(dir);
    qsort(names + first, n - first, sizeof *names, cmp_str);
    for (size_t k = first; k < n; k++) {
      jb_buf_reset(&path);
      jb_buf_printf(&path, "%s/templates/%s.conf", dd->dir[i], names[k]);
      jb_buf_printf(out, "%-20s %s\n  ", names[k], path.p);
      put_summary(out, path.p);
      jb_buf_putc(out, '\n');
    }
  }
  for (size_t k = 0; k < n; k++)
    free(names[k]);
  free(names);
  jb_buf_free(&path);
}
