/* test_conf.c - SPEC §4: the template sets the report; a bad line is an
 * error naming the file and line, before anything is written. */
#include "testlib.h"

#include <math.h>

#include "arena.h"
#include "conf.h"

static jb_conf *
parse(jb_diags *d, const char *text)
{
  return jb_conf_parse(text, strlen(text), "t.conf", false, d);
}

static void
defaults_and_values(void **state)
{
  (void)state;
  jb_diags d = {0};
  jb_conf *c = parse(&d, "# comment\n\ntitle = 简报标题\nsize.body = 11\npage.size = Letter\n");
  assert_non_null(c);
  assert_string_equal(jb_conf_str(c, JB_CONF_TITLE), "简报标题");
  assert_string_equal(jb_conf_str(c, JB_CONF_LABEL_CONTENTS), "目录");
  assert_true(jb_conf_num(c, JB_CONF_SIZE_BODY) == 11.0);
  assert_true(jb_conf_num(c, JB_CONF_LINE_SPACING) == 1.7);
  double w, h;
  jb_conf_page_size(c, &w, &h);
  assert_true(w == 612 && h == 792);
  /* fonts resolve against the template's folder */
  jb_conf_free(c);
  c = jb_conf_parse("", 0, "templates/x.conf", false, &d);
  assert_string_equal(jb_conf_str(c, JB_CONF_FONT_BODY), "fonts/NotoSerifSC_400Regular.ttf");
  jb_conf_free(c);
  const char t[] = "font.body = ../fonts/x.ttf\n";
  c = jb_conf_parse(t, sizeof t - 1, "templates/x.conf", false, &d);
  assert_string_equal(jb_conf_str(c, JB_CONF_FONT_BODY), "templates/../fonts/x.ttf");
  jb_conf_free(c);
  assert_int_equal(d.n, 0);
  jb_diags_free(&d);
}

static void
bad_lines_name_file_and_line(void **state)
{
  (void)state;
  jb_diags d = {0};
  jb_conf *c = parse(&d, "title = A\ncolour = red\nsize.body = big\nmargin.top = 500\n"
                         "title = B\nlabel.chapter = Chapter\nno equals sign\n");
  assert_null(c);
  assert_int_equal(d.n, 6);
  const uint32_t lines[] = {2, 3, 4, 5, 6, 7};
  for (size_t i = 0; i < 6; i++) {
    assert_int_equal(d.recs[i].code, JB_D_TEMPLATE);
    assert_string_equal(d.recs[i].pos.file, "t.conf");
    assert_int_equal(d.recs[i].pos.line, lines[i]);
  }
  assert_int_equal(d.worst, JB_SEV_FATAL);
  jb_diags_free(&d);
}

/* Every key by name: a template that sets each to its default parses, and
 * each key's value reads back. */
static void
every_key_reads_back(void **state)
{
  (void)state;
  jb_diags d = {0};
  jb_conf *def = parse(&d, "");
  assert_non_null(def);
  char *t = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&t, &n);
  for (int k = 0; k < JB_CONF__COUNT; k++)
    fprintf(f, "%s = %s\n", jb_conf_key_name((jb_conf_key)k), jb_conf_str(def, (jb_conf_key)k));
  fclose(f);
  jb_conf *c = parse(&d, t);
  assert_non_null(c);
  for (int k = 0; k < JB_CONF__COUNT; k++)
    assert_string_equal(jb_conf_str(c, (jb_conf_key)k), jb_conf_str(def, (jb_conf_key)k));
  assert_int_equal(d.n, 0);
  jb_conf_free(c);
  jb_conf_free(def);
  free(t);
  jb_diags_free(&d);
}

/* Keys with a fixed set of values: the edition, its OpenCC configuration,
 * its quotes, the page size. A bad value names the allowed ones. */
static void
choices(void **state)
{
  (void)state;
  jb_diags d = {0};
  jb_conf *c = parse(&d, "edition = zh-Hant\nedition.config = s2hk.json\nedition.quotes = keep\n"
                         "page.size = A5\nglossary.other_form = yes\n");
  assert_non_null(c);
  assert_string_equal(jb_conf_str(c, JB_CONF_EDITION), "zh-Hant");
  assert_string_equal(jb_conf_str(c, JB_CONF_EDITION_CONFIG), "s2hk.json");
  assert_string_equal(jb_conf_str(c, JB_CONF_EDITION_QUOTES), "keep");
  assert_true(jb_conf_bool(c, JB_CONF_GLOSSARY_OTHER_FORM));
  double w, h;
  jb_conf_page_size(c, &w, &h);
  assert_true(fabs(w - 419.53) < 0.01 && fabs(h - 595.28) < 0.01);
  jb_conf_free(c);
  c = parse(&d, "");
  assert_string_equal(jb_conf_str(c, JB_CONF_EDITION), "zh-Hans");
  assert_string_equal(jb_conf_str(c, JB_CONF_EDITION_CONFIG), "s2tw.json");
  assert_false(jb_conf_bool(c, JB_CONF_GLOSSARY_OTHER_FORM));
  jb_conf_free(c);
  assert_int_equal(d.n, 0);

  c = parse(&d, "edition = zh-TW\nedition.config = tw2s.json\nedition.quotes = curly\n"
                "page.size = A3\nglossary.other_form = maybe\nedition = zh-Hans zh-Hant\n");
  assert_null(c);
  assert_int_equal(d.n, 6);
  for (size_t i = 0; i < 6; i++)
    assert_int_equal(d.recs[i].pos.line, i + 1);
  assert_non_null(strstr(d.recs[0].msg, "zh-Hans|zh-Hant"));
  assert_non_null(strstr(d.recs[1].msg, "s2tw.json|s2t.json|s2hk.json|s2twp.json"));
  assert_non_null(strstr(d.recs[3].msg, "A4|A5|B5|Letter"));
  jb_diags_free(&d);
}

/* The remaining errors: a value that is not UTF-8, one over the length
 * limit, a data file that is not there. */
static void
other_errors(void **state)
{
  (void)state;
  jb_diags d = {0};
  char *long_line = jb_xmalloc(1200);
  memcpy(long_line, "title = ", 8);
  memset(long_line + 8, 'x', 1100);
  strcpy(long_line + 1108, "\n");
  assert_null(parse(&d, long_line));
  assert_non_null(strstr(d.recs[0].msg, "too long"));
  free(long_line);
  jb_diags_free(&d);
  memset(&d, 0, sizeof d);
  assert_null(parse(&d, "title = \xff\xfe\n"));
  assert_non_null(strstr(d.recs[0].msg, "UTF-8"));
  jb_diags_free(&d);
  memset(&d, 0, sizeof d);
  const char t[] = "glossary.dictionary = nowhere.u8\n";
  assert_null(jb_conf_parse(t, sizeof t - 1, "templates/t.conf", true, &d));
  assert_int_equal(d.recs[0].pos.line, 1);
  assert_non_null(strstr(d.recs[0].msg, "make data"));
  jb_diags_free(&d);
}

static void
missing_font_file(void **state)
{
  (void)state;
  jb_diags d = {0};
  const char t[] = "font.body = nowhere.ttf\n";
  assert_null(jb_conf_parse(t, sizeof t - 1, "templates/t.conf", true, &d));
  assert_true(d.n >= 1);
  assert_int_equal(d.recs[0].pos.line, 1);
  jb_diags_free(&d);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(defaults_and_values),
      cmocka_unit_test(bad_lines_name_file_and_line),
      cmocka_unit_test(every_key_reads_back),
      cmocka_unit_test(choices),
      cmocka_unit_test(other_errors),
      cmocka_unit_test(missing_font_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
