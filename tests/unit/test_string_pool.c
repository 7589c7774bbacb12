/* test_string_pool.c - equal strings share one copy, different ones do
 * not, however many and however long; the clean variants sanitise as
 * result_add_item() does; a result's shared items are not freed by it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "result.h"
#include "string_pool.h"
#include "util.h"

static void equal_strings_share_a_copy(void **state)
{
	(void)state;
	struct string_pool *p = string_pool_new();
	char a[] = "web", b[] = "web";
	const char *x = string_pool_intern(p, a, 3);
	const char *y = string_pool_intern(p, b, 3);
	assert_ptr_equal(x, y);
	assert_ptr_not_equal(x, a);
	assert_string_equal(x, "web");
	/* a prefix is another string */
	const char *z = string_pool_intern(p, "webx", 2);
	assert_string_equal(z, "we");
	assert_ptr_not_equal(z, x);
	assert_string_equal(string_pool_intern(p, "", 0), "");
	string_pool_free(p);
}

/* Past the first table and block sizes, every string still found and kept. */
static void many_and_long_strings(void **state)
{
	(void)state;
	struct string_pool *p = string_pool_new();
	enum { N = 50000 };
	const char **got = calloc(N, sizeof(*got));
	char s[64];
	for (int i = 0; i < N; i++) {
		snprintf(s, sizeof(s), "container-%d", i);
		got[i] = string_pool_intern(p, s, strlen(s));
	}
	char *big = malloc(200000);
	memset(big, 'x', 199999);
	big[199999] = '\0';
	const char *b1 = string_pool_intern(p, big, strlen(big));
	for (int i = 0; i < N; i++) {
		snprintf(s, sizeof(s), "container-%d", i);
		assert_ptr_equal(string_pool_intern(p, s, strlen(s)), got[i]);
		assert_string_equal(got[i], s);
	}
	assert_ptr_equal(string_pool_intern(p, big, strlen(big)), b1);
	assert_int_equal(strlen(b1), 199999);
	free(big);
	free(got);
	string_pool_free(p);
	string_pool_free(NULL);
}

static void clean_sanitises_like_results(void **state)
{
	(void)state;
	struct string_pool *p = string_pool_new();
	const char *raw = "a\033[31mred\nline\xff";
	char *line = utf8_sanitize_line(raw), *text = utf8_sanitize(raw, (size_t)-1);
	assert_string_equal(string_pool_clean_line(p, raw), line);
	assert_string_equal(string_pool_clean(p, raw), text);
	assert_string_not_equal(line, text);          /* the newline: a space, or kept */
	assert_string_equal(string_pool_clean_line(p, NULL), "");
	free(line);
	free(text);
	string_pool_free(p);
}

/* Every byte at every place of a line long enough for the word-at-a-time
 * test: clean() must take the plain path exactly when the sanitizers
 * would give the text back unchanged. */
static void clean_judges_every_byte(void **state)
{
	(void)state;
	struct string_pool *p = string_pool_new();
	char s[20];
	for (size_t at = 0; at + 1 < sizeof(s); at++)
		for (unsigned b = 1; b < 256; b++) {
			memset(s, 'a', sizeof(s) - 1);
			s[sizeof(s) - 1] = '\0';
			s[at] = (char)b;
			char *line = utf8_sanitize_line(s), *text = utf8_sanitize(s, (size_t)-1);
			assert_string_equal(string_pool_clean_line(p, s), line);
			assert_string_equal(string_pool_clean(p, s), text);
			free(line);
			free(text);
		}
	string_pool_free(p);
}

static void shared_items_are_borrowed(void **state)
{
	(void)state;
	struct result_set rs = { .results = calloc(1, sizeof(struct result)), .count = 1,
				 .strings = string_pool_new() };
	struct result *r = &rs.results[0];
	result_init(r, NULL);
	result_reserve_items(r, 3);
	const char *name = string_pool_clean_line(rs.strings, "db");
	for (int i = 0; i < 3; i++)
		result_add_item_shared(r, name, NULL, STATUS_PASS, NULL);
	assert_int_equal(r->n_items, 3);
	assert_int_equal(r->cap_items, 3);
	assert_ptr_equal(r->items[2].object, name);
	/* dropping them leaves the pool's strings (ASan: no double free) */
	result_drop_items(r);
	assert_string_equal(name, "db");
	result_add_item(r, "own", NULL, STATUS_FAIL, "x");
	result_set_free(&rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(equal_strings_share_a_copy),
		cmocka_unit_test(many_and_long_strings),
		cmocka_unit_test(clean_sanitises_like_results),
		cmocka_unit_test(clean_judges_every_byte),
		cmocka_unit_test(shared_items_are_borrowed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
