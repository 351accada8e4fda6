/* test_utf8.c - SPEC §1: input must be valid UTF-8; the decoder refuses
 * every malformed form and reports where. */
#include "testlib.h"

#include <string.h>

#include "buf.h"
#include "utf8.h"

static void
decodes_every_length(void **state)
{
  (void)state;
  size_t len;
  assert_int_equal(jb_utf8_decode("A", 1, &len), 'A');
  assert_int_equal(len, 1);
  assert_int_equal(jb_utf8_decode("\xC2\xB7", 2, &len), 0xB7);
  assert_int_equal(len, 2);
  assert_int_equal(jb_utf8_decode("中", 3, &len), 0x4E2D);
  assert_int_equal(len, 3);
  /* 𠮷 U+20BB7, outside the BMP */
  assert_int_equal(jb_utf8_decode("\xF0\xA0\xAE\xB7", 4, &len), 0x20BB7);
  assert_int_equal(len, 4);
}

static void
rejects_malformed(void **state)
{
  (void)state;
  size_t len;
  /* overlong "/" */
  assert_int_equal(jb_utf8_decode("\xC0\xAF", 2, &len), JB_UTF8_BAD);
  assert_int_equal(jb_utf8_decode("\xE0\x80\xAF", 3, &len), JB_UTF8_BAD);
  /* surrogate U+D800 */
  assert_int_equal(jb_utf8_decode("\xED\xA0\x80", 3, &len), JB_UTF8_BAD);
  /* above U+10FFFF */
  assert_int_equal(jb_utf8_decode("\xF4\x90\x80\x80", 4, &len), JB_UTF8_BAD);
  /* truncated */
  assert_int_equal(jb_utf8_decode("\xE4\xB8", 2, &len), JB_UTF8_BAD);
  /* stray continuation byte */
  assert_int_equal(jb_utf8_decode("\x80", 1, &len), JB_UTF8_BAD);
  assert_int_equal(len, 1);
}

static void
check_reports_first_bad_offset(void **state)
{
  (void)state;
  const char ok[] = "网络安全 ITU";
  assert_int_equal(jb_utf8_check(ok, sizeof ok - 1), -1);
  const char bad[] = "网络\xFF安全";
  assert_int_equal(jb_utf8_check(bad, sizeof bad - 1), 6);
  const char cut[] = "abc\xE7\xBD";
  assert_int_equal(jb_utf8_check(cut, sizeof cut - 1), 3);
}

static void
encode_round_trips(void **state)
{
  (void)state;
  const uint32_t cps[] = {0x41, 0xB7, 0x7F51, 0x3000, 0xFF0C, 0x20BB7, 0x10FFFF};
  for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
    char buf[4];
    size_t n = jb_utf8_encode(cps[i], buf), len;
    assert_int_equal(jb_utf8_decode(buf, n, &len), cps[i]);
    assert_int_equal(len, n);
  }
}

static void
iterates_and_counts(void **state)
{
  (void)state;
  jb_str s = jb_str_c("第五空间ITU");
  assert_int_equal(jb_utf8_count(s), 7);
  assert_int_equal(jb_utf8_next(&s), 0x7B2C);
  size_t len;
  assert_int_equal(jb_utf8_last(s, &len), 'U');
  assert_int_equal(jb_utf8_last(jb_str_c("和平。"), &len), 0x3002);
  assert_int_equal(len, 3);
}

static void
classifies_characters(void **state)
{
  (void)state;
  assert_true(jb_cp_is_han(0x7F51));   /* 网 */
  assert_true(jb_cp_is_han(0x20BB7));  /* 𠮷, Ext B */
  assert_false(jb_cp_is_han(0xFF0C));  /* ， */
  assert_true(jb_cp_is_cjk_punct(0xFF0C));
  assert_true(jb_cp_is_cjk_punct(0x201C)); /* “ */
  assert_true(jb_cp_is_cjk(0x3001));   /* 、 */
  assert_false(jb_cp_is_cjk('A'));
  assert_true(jb_cp_is_space(0x3000));
  assert_true(jb_cp_is_alnum('7'));
}

/* Found by fuzz_clean: a search in an empty span with no pointer. */
static void
find_in_empty_span(void **state)
{
  (void)state;
  jb_str none = {NULL, 0};
  assert_int_equal(jb_str_find(none, "目录"), -1);
  assert_int_equal(jb_str_find_str(none, jb_str_c("a")), -1);
  assert_int_equal(jb_str_find(jb_str_c("ab"), "abc"), -1);
  assert_int_equal(jb_str_find(jb_str_c("网络安全"), "安全"), 6);
}

/* First occurrences among look-alike lead bytes, at the very end, and in a
 * span that is not NUL-terminated. */
static void
find_first_occurrence(void **state)
{
  (void)state;
  jb_str s = jb_str_c("网络网络安全网络安全。");
  assert_int_equal(jb_str_find(s, "网络安全"), 6);
  assert_int_equal(jb_str_find(s, "。"), 30);
  assert_int_equal(jb_str_find(s, "安全网络安全"), 12);
  assert_int_equal(jb_str_find(s, "安全。网"), -1);
  assert_int_equal(jb_str_find(s, ""), 0);
  jb_str cut = jb_str_make(s.p, 11); /* ends inside 安 */
  assert_int_equal(jb_str_find(cut, "网络安"), -1);
  assert_int_equal(jb_str_find(cut, "络网"), 3);
}

/* Typesetting: straight quotes that pair up in Chinese text are set curly;
 * Latin text, an odd count and an apostrophe are left alone. */
static void
straight_quotes_set_curly_in_chinese(void **state)
{
  (void)state;
  static const char *const cases[][2] = {
      {"打造安全清朗的\"第五空间\"", "打造安全清朗的“第五空间”"},
      {"他说：\"好。\"然后离开", "他说：“好。”然后离开"},
      {"\"Hello\" world", "\"Hello\" world"},
      {"英寸 5\" 屏", "英寸 5\" 屏"},
      {"it's \"网\"", "it's “网”"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    jb_buf b = JB_BUF_INIT;
    jb_buf_put_curled(&b, jb_str_c(cases[i][0]), 0, 0);
    assert_string_equal(b.p, cases[i][1]);
    jb_buf_free(&b);
  }
  /* the span's neighbours decide a quote at its edge */
  jb_buf b = JB_BUF_INIT;
  jb_buf_put_curled(&b, jb_str_c("\"AI\""), 0x7684, 0x3002);
  assert_string_equal(b.p, "“AI”");
  jb_buf_free(&b);
}

/* Numbers in PDF content and objects: C notation whatever the locale, up
 * to 3 or 5 decimals with trailing zeros dropped; printf-free integers
 * and references; jb_buf_printf writing in place or growing. */
static void
formats_numbers(void **state)
{
  (void)state;
  jb_buf b = JB_BUF_INIT;
  jb_buf_num(&b, 70.8661);
  jb_buf_putc(&b, ' ');
  jb_buf_num(&b, -4.6334);
  jb_buf_putc(&b, ' ');
  jb_buf_num(&b, 10.5);
  jb_buf_putc(&b, ' ');
  jb_buf_num(&b, -0.0001);
  jb_buf_putc(&b, ' ');
  jb_buf_num5(&b, 0.048647);
  jb_buf_putc(&b, ' ');
  jb_buf_num5(&b, -1.5);
  jb_buf_putc(&b, ' ');
  jb_buf_uint(&b, 0);
  jb_buf_putc(&b, ' ');
  jb_buf_uint(&b, 18446744073709551615ull);
  jb_buf_putc(&b, ' ');
  jb_buf_ref(&b, 1253);
  assert_string_equal(b.p, "70.866 -4.633 10.5 0 0.04865 -1.5 0 18446744073709551615 1253 0 R");
  jb_buf_reset(&b);
  char longer[300];
  memset(longer, 'x', sizeof longer - 1);
  longer[sizeof longer - 1] = '\0';
  jb_buf_printf(&b, "%s|%d", longer, 42);
  assert_int_equal(b.n, sizeof longer - 1 + 3);
  assert_string_equal(b.p + sizeof longer - 1, "|42");
  jb_buf_free(&b);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(straight_quotes_set_curly_in_chinese),
      cmocka_unit_test(decodes_every_length),
      cmocka_unit_test(formats_numbers),
      cmocka_unit_test(rejects_malformed),
      cmocka_unit_test(check_reports_first_bad_offset),
      cmocka_unit_test(encode_round_trips),
      cmocka_unit_test(iterates_and_counts),
      cmocka_unit_test(classifies_characters),
      cmocka_unit_test(find_in_empty_span),
      cmocka_unit_test(find_first_occurrence),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
