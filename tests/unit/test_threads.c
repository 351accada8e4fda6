/* test_threads.c - the two-thread paths (clean and section split by
 * source, dedup's signatures, layout's line setting, the PDF's deflate
 * and subsets beside the main work) give what one thread gives: the 49
 * corpus pages (1.5 MB, 100 pages: every split's threshold is passed) are
 * compiled with one thread and with two, and the PDF, the markdown and
 * the build report's content compared; so are their HTML pages (ingest
 * parses them on two threads). make tsan runs this under
 * ThreadSanitizer. */
#include "testlib.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "buf.h"
#include "pipeline.h"

static char *
slurp(const char *path, size_t *n)
{
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  jb_buf b = JB_BUF_INIT;
  char chunk[65536];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
    jb_buf_put(&b, chunk, got);
  fclose(f);
  *n = b.n;
  char *p = jb_xmalloc(b.n + 1);
  memcpy(p, b.p ? b.p : "", b.n);
  p[b.n] = '\0';
  jb_buf_free(&b);
  return p;
}

/* The build report without what differs between runs by nature: the
 * times and memory of each stage. */
static char *
report_content(const char *path)
{
  size_t n;
  char *s = slurp(path, &n);
  char *cut = strstr(s, "\"stage_ms\"");
  char *back = cut ? strstr(cut, "\"diagnostics\"") : NULL;
  if (cut && back)
    memmove(cut, back, strlen(back) + 1);
  return s;
}

static void
compile(const char *in, const char *dir, int threads, const char *name)
{
  char env[8];
  snprintf(env, sizeof env, "%d", threads);
  setenv("JIANBAO_THREADS", env, 1);
  const char *const inputs[] = {in};
  char out[512], json[512];
  snprintf(out, sizeof out, "%s/%s.pdf", dir, name);
  snprintf(json, sizeof json, "%s/%s.json", dir, name);
  jb_options opt = {.inputs = inputs, .ninputs = 1, .template_path = "templates/briefing.conf",
                    .output = out, .json = json, .quiet = true, .guard = -1};
  /* exit 1: the corpus holds pages that warn and one that is an error */
  int rc = jb_pipeline_run(&opt);
  assert_true(rc == 0 || rc == 1);
}

static void
same_with_two_threads(const char *in)
{
  char dir[] = "/tmp/jianbao-threads-XXXXXX";
  assert_non_null(mkdtemp(dir));
  compile(in, dir, 1, "one");
  compile(in, dir, 2, "two");
  unsetenv("JIANBAO_THREADS");
  static const char *const ext[] = {"pdf", "md"};
  for (int k = 0; k < 2; k++) {
    char a[600], b[600];
    snprintf(a, sizeof a, "%s/one.%s", dir, ext[k]);
    snprintf(b, sizeof b, "%s/two.%s", dir, ext[k]);
    size_t na, nb;
    char *x = slurp(a, &na), *y = slurp(b, &nb);
    assert_true(na > 1000);
    if (na != nb || memcmp(x, y, na))
      fail_msg("one thread and two differ: %s", ext[k]);
    free(x);
    free(y);
    unlink(a);
    unlink(b);
  }
  char a[600], b[600];
  snprintf(a, sizeof a, "%s/one.json", dir);
  snprintf(b, sizeof b, "%s/two.json", dir);
  char *x = report_content(a), *y = report_content(b);
  assert_string_equal(x, y);
  free(x);
  free(y);
  unlink(a);
  unlink(b);
  rmdir(dir);
}

static void
two_threads_give_what_one_gives(void **state)
{
  (void)state;
  same_with_two_threads("tests/corpus/pages");
}

/* The HTML pages (7.8 MB): ingest reads and parses them on two threads. */
static void
two_threads_give_what_one_gives_html(void **state)
{
  (void)state;
  same_with_two_threads("tests/corpus/html");
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(two_threads_give_what_one_gives),
      cmocka_unit_test(two_threads_give_what_one_gives_html),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
