/* test_facts_spool.c - items spooled while a live audit runs come back in
 * engine.containers.items, in order, and the bundle reads back as the same
 * document a kept-in-memory one is; without containers to splice into the
 * facts are written as they are; a failing output is reported. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "facts.h"
#include "facts_spool.h"
#include "util.h"

/* Facts with an engine whose containers source holds `items`. */
static struct facts *facts_with_items(json_t *items)
{
	struct facts *f = facts_new();
	json_object_set_new(f->root, "host", json_pack("{s:s}", "status", "ok"));
	json_object_set_new(f->root, "engine",
			    json_pack("{s:s, s:{s:s, s:o, s:i}, s:[]}", "status", "ok", "containers",
				      "status", "ok", "items", items, "running", 3, "images"));
	return f;
}

static json_t *item(const char *name)
{
	return json_pack("{s:s, s:s, s:{s:s, s:[s]}}", "status", "ok", "name", name, "inspect",
			 "Name", name, "Args", "a\"b\\c\xc3\xa9");
}

/* What the writer produced, read back as JSON. */
static json_t *written(struct facts_spool *s, const struct facts *f, int *ret)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	*ret = facts_spool_write(s, f, out);
	fclose(out);
	json_error_t e;
	json_t *doc = json_loadb(buf, len, 0, &e);
	free(buf);
	return doc;
}

static void spooled_items_are_spliced_in_order(void **state)
{
	(void)state;
	int err = 0;
	struct facts_spool *s = facts_spool_open(NULL, &err);
	assert_non_null(s);
	json_t *a = item("web"), *b = item("db"), *c = item("cache");
	facts_spool_add(s, a);
	facts_spool_add(s, b);
	facts_spool_add(s, c);
	assert_int_equal(facts_spool_count(s), 3);

	struct facts *streamed = facts_with_items(json_array());
	int r;
	json_t *doc = written(s, streamed, &r);
	assert_int_equal(r, 0);
	assert_non_null(doc);
	/* the same document as one that kept every item */
	struct facts *kept = facts_with_items(json_pack("[O,O,O]", a, b, c));
	assert_true(json_equal(doc, kept->root));
	json_decref(doc);

	/* written again: the spool reads back from its start */
	doc = written(s, streamed, &r);
	assert_int_equal(r, 0);
	assert_true(json_equal(doc, kept->root));
	json_decref(doc);

	json_decref(a);
	json_decref(b);
	json_decref(c);
	facts_free(streamed);
	facts_free(kept);
	facts_spool_free(s);
}

/* An engine that could not list its containers: nothing to splice into,
 * the facts go out as they are; so do facts whose items are in them. */
static void without_a_place_the_facts_are_written_as_they_are(void **state)
{
	(void)state;
	int err = 0;
	struct facts_spool *s = facts_spool_open("/nonexistent-dir/facts.json", &err);
	assert_non_null(s);                    /* falls back to $TMPDIR or /tmp */
	json_t *a = item("web");
	facts_spool_add(s, a);

	struct facts *f = facts_new();
	json_object_set_new(f->root, "engine",
			    json_pack("{s:s, s:{s:s, s:s}}", "status", "ok", "containers", "status",
				      "error", "error", "HTTP 500"));
	int r;
	json_t *doc = written(s, f, &r);
	assert_int_equal(r, 0);
	assert_true(json_equal(doc, f->root));
	json_decref(doc);
	facts_free(f);

	f = facts_with_items(json_pack("[O]", a));
	doc = written(s, f, &r);
	assert_int_equal(r, 0);
	assert_true(json_equal(doc, f->root));
	json_decref(doc);
	facts_free(f);

	json_decref(a);
	facts_spool_free(s);
}

static void a_full_output_is_an_error(void **state)
{
	(void)state;
	FILE *full = fopen("/dev/full", "w");
	if (!full)
		skip();
	setvbuf(full, NULL, _IONBF, 0);
	int err = 0;
	struct facts_spool *s = facts_spool_open(NULL, &err);
	json_t *a = item("web");
	facts_spool_add(s, a);
	struct facts *f = facts_with_items(json_array());
	assert_true(facts_spool_write(s, f, full) < 0);
	fclose(full);
	json_decref(a);
	facts_free(f);
	facts_spool_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spooled_items_are_spliced_in_order),
		cmocka_unit_test(without_a_place_the_facts_are_written_as_they_are),
		cmocka_unit_test(a_full_output_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
