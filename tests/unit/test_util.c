/* test_util.c - the sanitiser that stands between hostile text and every
 * report, and the capped buffer. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util.h"

#define FFFD "\xEF\xBF\xBD"

static void expect_sanitized(const char *in, size_t len, const char *want)
{
	char *out = utf8_sanitize(in, len);
	assert_string_equal(out, want);
	free(out);
}

static void printable_text_is_kept(void **state)
{
	(void)state;
	expect_sanitized("web-01 <&\"'>\\", (size_t)-1, "web-01 <&\"'>\\");
	expect_sanitized("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x90\xB3", (size_t)-1,
			 "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x90\xB3");
	expect_sanitized("two\nlines\tand tab", (size_t)-1, "two\nlines\tand tab");
}

static void control_characters_are_replaced(void **state)
{
	(void)state;
	expect_sanitized("\x1b[31mred\x1b[0m", (size_t)-1, FFFD "[31mred" FFFD "[0m");
	expect_sanitized("a\rb\x07" "c\x7f", (size_t)-1, "a" FFFD "b" FFFD "c" FFFD);
	expect_sanitized("c1 \xC2\x9B", (size_t)-1, "c1 " FFFD);          /* U+009B CSI */
	expect_sanitized("nul\0after", 9, "nul" FFFD "after");
}

static void invalid_utf8_is_replaced(void **state)
{
	(void)state;
	expect_sanitized("\xff\xfe", (size_t)-1, FFFD FFFD);
	expect_sanitized("\xC0\xAF", (size_t)-1, FFFD FFFD);              /* overlong '/' */
	expect_sanitized("\xED\xA0\x80", (size_t)-1, FFFD FFFD FFFD);     /* a surrogate */
	expect_sanitized("\xE2\x82", (size_t)-1, FFFD FFFD);              /* truncated */
	expect_sanitized("\xF4\x90\x80\x80", (size_t)-1, FFFD FFFD FFFD FFFD); /* > U+10FFFF */
	expect_sanitized("\xEF\xBF\xBE", (size_t)-1, FFFD);               /* U+FFFE */
}

static void bidi_controls_are_replaced(void **state)
{
	(void)state;
	expect_sanitized("abc\xE2\x80\xAE" "cba", (size_t)-1, "abc" FFFD "cba");   /* U+202E */
	expect_sanitized("\xE2\x81\xA6x\xE2\x81\xA9", (size_t)-1, FFFD "x" FFFD); /* isolates */
}

static void one_line_fields_lose_newlines(void **state)
{
	(void)state;
	char *out = utf8_sanitize_line("a\nb\tc\x1b");
	assert_string_equal(out, "a b c" FFFD);
	free(out);
}

static void buffer_cap_fails_cleanly(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	b.max = 8;
	assert_int_equal(buf_puts(&b, "12345678"), 0);
	assert_int_equal(buf_puts(&b, "9"), -EFBIG);
	assert_true(b.overflow);
	assert_string_equal(b.data, "12345678");
	buf_free(&b);
}

static void paths_join_under_the_root(void **state)
{
	(void)state;
	char *p = path_join_root("/", "/etc/docker");
	assert_string_equal(p, "/etc/docker");
	free(p);
	p = path_join_root("/srv/fx/", "/etc/docker");
	assert_string_equal(p, "/srv/fx/etc/docker");
	free(p);
}

static void lists_split_on_commas(void **state)
{
	(void)state;
	char **v;
	assert_int_equal(strv_split("1.1.3,,5", ',', &v), 2);
	assert_string_equal(v[0], "1.1.3");
	assert_string_equal(v[1], "5");
	assert_null(v[2]);
	strv_free(v);
}

/* The parts of a dotted path in turn; a part too long is refused. */
static void dotted_path_parts(void **state)
{
	(void)state;
	char key[DOTTED_KEY_MAX];
	const char *p = "HostConfig.RestartPolicy.Name";
	assert_int_equal(dotted_path_next(&p, key), 1);
	assert_string_equal(key, "HostConfig");
	assert_int_equal(dotted_path_next(&p, key), 1);
	assert_string_equal(key, "RestartPolicy");
	assert_int_equal(dotted_path_next(&p, key), 1);
	assert_string_equal(key, "Name");
	assert_int_equal(dotted_path_next(&p, key), 0);
	p = "a..b";
	assert_int_equal(dotted_path_next(&p, key), 1);
	assert_int_equal(dotted_path_next(&p, key), 1);
	assert_string_equal(key, "");
	assert_int_equal(dotted_path_next(&p, key), 1);
	assert_string_equal(key, "b");
	char longp[300];
	memset(longp, 'x', sizeof(longp) - 1);
	longp[sizeof(longp) - 1] = '\0';
	p = longp;
	assert_int_equal(dotted_path_next(&p, key), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(dotted_path_parts),
		cmocka_unit_test(printable_text_is_kept),
		cmocka_unit_test(control_characters_are_replaced),
		cmocka_unit_test(invalid_utf8_is_replaced),
		cmocka_unit_test(bidi_controls_are_replaced),
		cmocka_unit_test(one_line_fields_lose_newlines),
		cmocka_unit_test(buffer_cap_fails_cleanly),
		cmocka_unit_test(paths_join_under_the_root),
		cmocka_unit_test(lists_split_on_commas),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
