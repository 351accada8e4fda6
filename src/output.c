/* output.c - the run's outputs (the PDF, the markdown beside it, the
 * build report) are staged in unnamed files in their folders and put in
 * place together at the end, the PDF last: a failure at any step leaves
 * every previous file as it was. A lock on the output folder keeps two
 * runs from writing it at once. */
#define _GNU_SOURCE /* O_TMPFILE, linkat */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

static void
report(jb_ctx *ctx, const char *path, const char *fmt, const char *what)
{
  jb_pos pos = {path, 0, 0, 0};
  jb_diag(&ctx->diags, JB_D_OUTPUT, pos, fmt, what);
}

/* The folder of path ("." for a bare name), heap. */
static char *
folder_of(const char *path)
{
  const char *slash = strrchr(path, '/');
  return slash ? jb_xstrndup(path, (size_t)(slash - path) + (slash == path)) : jb_xstrdup(".");
}

int
jb_output_lock(jb_ctx *ctx, jb_outputs *o, const char *path, bool wait)
{
  o->lockfd = -1;
  char *dir = folder_of(path);
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    report(ctx, path, "%s", strerror(errno));
    free(dir);
    return -1;
  }
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    /* (named by the output: dir is freed before the report is printed) */
    if (errno != EWOULDBLOCK || !wait) {
      jb_pos pos = {path, 0, 0, 0};
      jb_diag(&ctx->diags, JB_D_BUSY, pos, "%s",
              errno == EWOULDBLOCK ? "another run is writing this folder (--no-wait)"
                                   : strerror(errno));
      close(fd);
      free(dir);
      return -1;
    }
    jb_pos pos = {path, 0, 0, 0};
    jb_diag(&ctx->diags, JB_D_NOTE_WAIT, pos, NULL);
    int rc;
    while ((rc = flock(fd, LOCK_EX)) != 0 && errno == EINTR)
      ;
    if (rc != 0) {
      report(ctx, path, "%s", strerror(errno));
      close(fd);
      free(dir);
      return -1;
    }
  }
  free(dir);
  o->lockfd = fd;
  return 0;
}

void
jb_output_unlock(jb_outputs *o)
{
  if (o->lockfd >= 0)
    close(o->lockfd); /* releases the lock */
  o->lockfd = -1;
}

static void
drop(jb_output_file *f)
{
  if (f->fd >= 0)
    close(f->fd);
  if (f->named)
    unlink(f->tmp);
  free(f->tmp);
  free(f->backup);
  memset(f, 0, sizeof *f);
  f->fd = -1;
}

jb_output_file *
jb_output_open(jb_ctx *ctx, jb_outputs *o, const char *path)
{
  if (o->n == JB_OUTPUTS_MAX)
    return NULL;
  jb_output_file *f = &o->files[o->n];
  memset(f, 0, sizeof *f);
  f->path = path;
  size_t n = strlen(path) + 32;
  f->tmp = jb_xmalloc(n);
  snprintf(f->tmp, n, "%s.tmp%ld", path, (long)getpid());
  f->backup = jb_xmalloc(n);
  snprintf(f->backup, n, "%s.old%ld", path, (long)getpid());
  char *dir = folder_of(path);
  f->fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0644);
  free(dir);
  if (f->fd >= 0) {
    snprintf(f->where, sizeof f->where, "/proc/self/fd/%d", f->fd);
  } else {
    /* where O_TMPFILE is not supported: a named file, removed on failure */
    f->fd = open(f->tmp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (f->fd < 0) {
      report(ctx, path, "%s", strerror(errno));
      drop(f);
      return NULL;
    }
    f->named = true;
    snprintf(f->where, sizeof f->where, "%s", "");
  }
  o->n++;
  return f;
}

const char *
jb_output_where(const jb_output_file *f)
{
  return f->named ? f->tmp : f->where;
}

/* All of data into f: 0, or the error (EIO for a write of nothing). */
static int
write_all(jb_output_file *f, jb_str data)
{
  size_t done = 0;
  while (done < data.n) {
    ssize_t n = write(f->fd, data.p + done, data.n - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return n < 0 ? errno : EIO;
    done += (size_t)n;
  }
  return 0;
}

int
jb_output_write(jb_ctx *ctx, jb_output_file *f, jb_str data)
{
  int err = write_all(f, data);
  if (err) {
    report(ctx, f->path, "%s", strerror(err));
    return -1;
  }
  jb_output_start_flush(f);
  return 0;
}

int
jb_output_settle(jb_output_file *f, jb_str data)
{
  int err = write_all(f, data);
  if (!err && fsync(f->fd) != 0 && errno != EINVAL)
    err = errno;
  f->synced = !err;
  return err;
}

void
jb_output_report(jb_ctx *ctx, const jb_output_file *f, int err)
{
  report(ctx, f->path, "%s", strerror(err));
}

void
jb_output_start_flush(const jb_output_file *f)
{
  /* Writeback starts now and the commit's fsync finds less to wait for;
   * a failure here is the fsync's to report. */
  sync_file_range(f->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
}

bool
jb_output_ends_with(const jb_output_file *f, const char *tail)
{
  size_t n = strlen(tail);
  char end[64];
  struct stat st;
  return n <= sizeof end && fstat(f->fd, &st) == 0 && st.st_size >= (off_t)n &&
         pread(f->fd, end, n, st.st_size - (off_t)n) == (ssize_t)n && memcmp(end, tail, n) == 0;
}

/* Flushed to disk (the slow part, before anything is named). */
static bool
flush(jb_ctx *ctx, jb_output_file *f)
{
  if (f->synced)
    return true;
  if (fsync(f->fd) != 0 && errno != EINVAL) {
    report(ctx, f->path, "%s", strerror(errno));
    return false;
  }
  return true;
}

/* Given its temporary name. */
static bool
stage(jb_ctx *ctx, jb_output_file *f)
{
  if (f->named)
    return true;
  unlink(f->tmp);
  if (linkat(AT_FDCWD, f->where, AT_FDCWD, f->tmp, AT_SYMLINK_FOLLOW) != 0) {
    report(ctx, f->path, "%s", strerror(errno));
    return false;
  }
  f->named = true;
  return true;
}

int
jb_output_commit(jb_ctx *ctx, jb_outputs *o)
{
  size_t n = o->n;
  for (size_t i = 0; i < n; i++)
    if (!flush(ctx, &o->files[i])) {
      jb_output_abort(o);
      return -1;
    }
  /* A SIGTERM or SIGINT waits until every file is in place or none is; a
   * SIGKILL in the few calls below leaves the previous files under their
   * second names, which the next run puts back (jb_output_recover). */
  sigset_t block, old;
  sigemptyset(&block);
  sigaddset(&block, SIGTERM);
  sigaddset(&block, SIGINT);
  sigaddset(&block, SIGHUP);
  sigprocmask(SIG_BLOCK, &block, &old);
  for (size_t i = 0; i < n; i++)
    if (!stage(ctx, &o->files[i])) {
      sigprocmask(SIG_SETMASK, &old, NULL);
      jb_output_abort(o);
      return -1;
    }
  /* The previous files stay reachable under a second name until all the
   * new ones are in place. */
  for (size_t i = 0; i < n; i++) {
    jb_output_file *f = &o->files[i];
    unlink(f->backup);
    f->had_old = link(f->path, f->backup) == 0;
  }
  size_t done = 0;
  int err = 0;
  for (; done < n; done++)
    if (rename(o->files[done].tmp, o->files[done].path) != 0) {
      err = errno;
      break;
    }
  if (done < n) {
    /* put back what was replaced */
    for (size_t i = 0; i < done; i++) {
      jb_output_file *f = &o->files[i];
      if (f->had_old)
        rename(f->backup, f->path);
      else
        unlink(f->path);
    }
    report(ctx, o->files[done].path, "%s", strerror(err));
  } else {
    for (size_t i = 0; i < n; i++)
      o->files[i].named = false; /* the name is the output's now */
  }
  for (size_t i = 0; i < n; i++)
    if (o->files[i].had_old)
      unlink(o->files[i].backup);
  sigprocmask(SIG_SETMASK, &old, NULL);
  jb_output_abort(o);
  return done < n ? -1 : 0;
}

void
jb_output_abort(jb_outputs *o)
{
  for (size_t i = 0; i < o->n; i++)
    drop(&o->files[i]);
  o->n = 0;
}

bool
jb_output_previous(const char *md_path, size_t *docs, size_t *pages)
{
  FILE *f = fopen(md_path, "r");
  if (!f)
    return false;
  char line[256];
  bool d = false, p = false;
  /* the front matter's machine fields: "documents: 5", "pages: 21" */
  for (int k = 0; k < 40 && fgets(line, sizeof line, f); k++) {
    if (k > 0 && !strncmp(line, "---", 3))
      break;
    d |= sscanf(line, "documents: %zu", docs) == 1;
    p |= sscanf(line, "pages: %zu", pages) == 1;
  }
  fclose(f);
  return d && p;
}

/* Names in path's folder that start with its file name and then suffix
 * (".old", ".tmp"), each passed to fn. */
static void
each_leftover(const char *path, const char *suffix, void (*fn)(const char *found, const char *path))
{
  char *dir = folder_of(path);
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  size_t bn = strlen(base), sn = strlen(suffix);
  DIR *d = opendir(dir);
  if (d) {
    struct dirent *e;
    while ((e = readdir(d))) {
      const char *name = e->d_name;
      if (strncmp(name, base, bn) || strncmp(name + bn, suffix, sn))
        continue;
      /* the rest is a process id */
      const char *q = name + bn + sn;
      if (!*q || strspn(q, "0123456789") != strlen(q))
        continue;
      size_t m = strlen(dir) + strlen(name) + 2;
      char *found = jb_xmalloc(m);
      snprintf(found, m, "%s/%s", dir, name);
      fn(found, path);
      free(found);
    }
    closedir(d);
  }
  free(dir);
}

static bool restored;

static void
put_back(const char *found, const char *path)
{
  restored |= rename(found, path) == 0;
}

static void
remove_file(const char *found, const char *path)
{
  (void)path;
  unlink(found);
}

bool
jb_output_recover(const char *const *paths, size_t n)
{
  restored = false;
  for (size_t i = 0; i < n; i++) {
    each_leftover(paths[i], ".old", put_back);
    each_leftover(paths[i], ".tmp", remove_file);
  }
  return restored;
}
