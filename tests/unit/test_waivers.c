/* test_waivers.c - the waiver file's values (expiry dates, check names)
 * and how waivers match and change results: per object, only failures,
 * first match in file order, expiry at the end of the day. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "waiver.h"

/* 2027-03-31T00:00:00Z */
#define MAR31 1806451200.0

static struct waiver_set *parse_ok(const char *text, enum bench_version v)
{
	struct waiver_set *ws = NULL;
	char *err = NULL;
	int r = waiver_file_parse("w.yaml", text, strlen(text), v, &ws, &err);
	if (r < 0)
		fail_msg("unexpected error: %s", err ? err : "?");
	return ws;
}

static char *parse_error(const char *text)
{
	struct waiver_set *ws = NULL;
	char *err = NULL;
	assert_int_equal(waiver_file_parse("w.yaml", text, strlen(text), BENCH_1_8_0, &ws, &err), -EINVAL);
	assert_null(ws);
	assert_non_null(err);
	return err;
}

static void expiry_dates_last_to_the_end_of_the_day(void **state)
{
	(void)state;
	double t;
	assert_int_equal(waiver_parse_expiry("2027-03-31", &t), 0);
	assert_true(t == MAR31 + 86399);
	assert_int_equal(waiver_parse_expiry("2027-03-31T00:00:00Z", &t), 0);
	assert_true(t == MAR31);
	assert_int_equal(waiver_parse_expiry("2027-03-31T02:00:00+02:00", &t), 0);
	assert_true(t == MAR31);
	assert_int_equal(waiver_parse_expiry("2027-03-30T22:30:00.5-01:30", &t), 0);
	assert_true(t == MAR31);
	assert_int_equal(waiver_parse_expiry("2028-02-29", &t), 0);     /* a leap day */
	static const char *const bad[] = {
		"2027-02-29", "2027-04-31", "2027-00-10", "2027-13-01", "2027-01-00", "2027-1-1",
		"27-01-01", "2027/01/01", "2027-01-01 ", "2027-01-01T10:00:00", "2027-01-01T24:00:00Z",
		"2027-01-01T10:00:60Z", "2027-01-01T10:00:00+2:00", "2027-01-01T10:00:00.Z",
		"2027-01-01Tnoon", "1969-12-31", "", "tomorrow",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		if (waiver_parse_expiry(bad[i], &t) == 0)
			fail_msg("'%s' was taken as a date", bad[i]);
}

static void checks_are_named_by_id_or_slug(void **state)
{
	(void)state;
	struct waiver_set *ws = parse_ok("- check: \"5.10\"\n  reason: r\n  owner: o\n  expires: 2027-01-01\n"
					 "- check: daemon_no_devicemapper\n  reason: r\n  owner: o\n"
					 "  expires: 2027-01-01\n",
					 BENCH_1_6_0);
	assert_int_equal(ws->count, 2);
	assert_ptr_equal(ws->waivers[0].check, registry_find("5.10", BENCH_1_6_0));
	assert_int_equal(ws->waivers[0].line, 1);
	assert_string_equal(ws->waivers[1].check_ref, "daemon_no_devicemapper");
	assert_non_null(ws->waivers[1].check);
	assert_null(check_id(ws->waivers[1].check, BENCH_1_6_0));   /* a 1.8.0 check only */
	assert_int_equal(ws->waivers[1].line, 5);
	waiver_set_free(ws);

	char *err = parse_error("- check: \"5.99\"\n  reason: r\n  owner: o\n  expires: 2027-01-01\n");
	assert_string_equal(err, "w.yaml:1:10: no check '5.99' in benchmark 1.8.0 (see --list)");
	free(err);
}

static void values_are_read_as_written(void **state)
{
	(void)state;
	/* Unquoted, YAML would call 5.10 the number 5.1: the text is kept. */
	struct waiver_set *ws = parse_ok("- check: 5.10\n  object: web-*\n  reason: >-\n    two\n    lines\n"
					 "  owner: o\n  expires: 2027-01-01\n",
					 BENCH_1_8_0);
	assert_string_equal(ws->waivers[0].check_ref, "5.10");
	assert_string_equal(ws->waivers[0].object, "web-*");
	assert_string_equal(ws->waivers[0].reason, "two lines");
	assert_string_equal(ws->waivers[0].expires, "2027-01-01");
	assert_int_equal(ws->waivers[0].state, WAIVER_UNUSED);
	waiver_set_free(ws);
}

static void limits_are_errors(void **state)
{
	(void)state;
	size_t n = WAIVER_FILE_MAX_BYTES + 1;
	char *big = xmalloc(n + 1);
	memset(big, '#', n);
	big[n] = '\0';
	struct waiver_set *ws = NULL;
	char *err = NULL;
	assert_int_equal(waiver_file_parse("w.yaml", big, n, BENCH_1_8_0, &ws, &err), -EFBIG);
	assert_null(ws);
	free(err);
	free(big);

	struct buf b = BUF_INIT;
	for (int i = 0; i <= WAIVER_FILE_MAX_ENTRIES; i++)
		buf_printf(&b, "- {check: \"5.10\", object: \"c%d\", reason: r, owner: o, expires: 2027-01-01}\n", i);
	err = NULL;
	assert_int_equal(waiver_file_parse("w.yaml", b.data, b.len, BENCH_1_8_0, &ws, &err), -EINVAL);
	assert_non_null(strstr(err, "more than 5000 waivers"));
	free(err);
	buf_free(&b);
}

/* A per-container check's result: items with the given names and statuses. */
static void container_result(struct result *r, const char *check, const char *const *names,
			     const enum status *statuses, size_t n)
{
	result_init(r, registry_find(check, BENCH_1_8_0));
	for (size_t i = 0; i < n; i++) {
		char id[32];
		snprintf(id, sizeof(id), "%02zuabcdef0123", i);
		result_add_item(r, names[i], id, statuses[i], NULL);
	}
	r->status = result_status_from_items(r);
	result_set(r, r->status, "summary");
}

static bool matches(const char *pattern, const char *object, const char *id)
{
	char *p = xstrdup(pattern), *o = xstrdup(object), *i = xstrdup(id);
	struct waiver w = { .object = p };
	struct result_item it = { .object = o, .id = i };
	bool m = waiver_matches_item(&w, &it);
	free(p);
	free(o);
	free(i);
	return m;
}

static void matching_follows_names_ids_and_globs(void **state)
{
	(void)state;
	assert_true(matches("web-[0-9]*", "web-1", "sha256:4f0c99"));
	assert_false(matches("web-[0-9]*", "web-x", "sha256:4f0c99"));
	assert_true(matches("4f0c*", "web-x", "sha256:4f0c99"));        /* the id without sha256: */
	assert_true(matches("sha256:4f0c*", "web-x", "sha256:4f0c99"));
	assert_false(matches("4f0d*", "web-x", "sha256:4f0c99"));
	assert_true(matches(NULL, "web-x", NULL));                       /* no pattern: every object */
	assert_false(matches("web-1", "WEB-1", NULL));                   /* names are case-sensitive */
}

/* Three failing containers, one passing; waive one: the check still fails,
 * one item is waived, and counts and the waiver's tally follow. */
static void one_of_three_failures_waived(void **state)
{
	(void)state;
	static const char *const names[] = { "web-1", "web-2", "db", "cache" };
	static const enum status st[] = { STATUS_FAIL, STATUS_FAIL, STATUS_FAIL, STATUS_PASS };
	struct result_set rs = { .results = xcalloc(1, sizeof(struct result)), .count = 1 };
	container_result(&rs.results[0], "5.10", names, st, 4);
	struct waiver_set *ws = parse_ok("- check: \"5.10\"\n  object: db\n  reason: r\n  owner: o\n"
					 "  expires: 2027-03-31\n",
					 BENCH_1_8_0);
	waiver_set_apply(ws, &rs, BENCH_1_8_0, MAR31);
	struct result *r = &rs.results[0];
	assert_int_equal(r->status, STATUS_FAIL);
	assert_int_equal(result_audited_status(r), STATUS_FAIL);
	assert_int_equal(r->n_waived, 1);
	assert_null(r->waiver);
	assert_ptr_equal(r->items[2].waiver, &ws->waivers[0]);
	assert_int_equal(r->items[2].status, STATUS_PASS);
	assert_int_equal(result_item_audited_status(&r->items[2]), STATUS_FAIL);
	assert_null(r->items[0].waiver);
	assert_int_equal(r->items[0].status, STATUS_FAIL);
	assert_null(r->items[3].waiver);                   /* a pass is not waived */
	assert_string_equal(r->found, "summary; 1 of the failures waived");
	assert_int_equal(rs.counts[STATUS_FAIL], 1);
	assert_int_equal(ws->waivers[0].state, WAIVER_APPLIED);
	assert_int_equal(ws->waivers[0].waived, 1);
	assert_null(ws->waivers[0].note);

	/* Now the other two as well (the first matching waiver wins: web-*
	 * before the catch-all): the check passes, as audited it failed. */
	result_set_free(&rs);
	waiver_set_free(ws);
	rs.results = xcalloc(1, sizeof(struct result));
	rs.count = 1;
	container_result(&rs.results[0], "5.10", names, st, 4);
	ws = parse_ok("- check: \"5.10\"\n  object: web-*\n  reason: r\n  owner: o\n  expires: 2027-03-31\n"
		      "- check: \"5.10\"\n  reason: r\n  owner: o\n  expires: 2027-03-31\n",
		      BENCH_1_8_0);
	waiver_set_apply(ws, &rs, BENCH_1_8_0, MAR31);
	r = &rs.results[0];
	assert_int_equal(r->status, STATUS_PASS);
	assert_int_equal(result_audited_status(r), STATUS_FAIL);
	assert_int_equal(r->n_waived, 3);
	assert_ptr_equal(r->items[0].waiver, &ws->waivers[0]);
	assert_ptr_equal(r->items[1].waiver, &ws->waivers[0]);
	assert_ptr_equal(r->items[2].waiver, &ws->waivers[1]);
	assert_int_equal(ws->waivers[0].waived, 2);
	assert_int_equal(ws->waivers[1].waived, 1);
	assert_int_equal(rs.counts[STATUS_PASS], 1);
	assert_int_equal(rs.counts[STATUS_FAIL], 0);
	result_set_free(&rs);
	waiver_set_free(ws);
}

static void errors_are_not_waived(void **state)
{
	(void)state;
	static const char *const names[] = { "web-1", "gone" };
	static const enum status st[] = { STATUS_FAIL, STATUS_ERROR };
	struct result_set rs = { .results = xcalloc(2, sizeof(struct result)), .count = 2 };
	container_result(&rs.results[0], "5.10", names, st, 2);
	result_init(&rs.results[1], registry_find("1.1.2", BENCH_1_8_0));
	result_set(&rs.results[1], STATUS_ERROR, "not collected");
	struct waiver_set *ws = parse_ok("- check: \"5.10\"\n  reason: r\n  owner: o\n  expires: 2027-03-31\n"
					 "- check: \"1.1.2\"\n  reason: r\n  owner: o\n  expires: 2027-03-31\n",
					 BENCH_1_8_0);
	waiver_set_apply(ws, &rs, BENCH_1_8_0, MAR31);
	assert_int_equal(rs.results[0].status, STATUS_ERROR);   /* web-1 waived, gone remains */
	assert_null(rs.results[0].items[1].waiver);
	assert_int_equal(rs.results[1].status, STATUS_ERROR);
	assert_false(result_waived(&rs.results[1]));
	assert_int_equal(ws->waivers[1].state, WAIVER_UNUSED);
	assert_non_null(strstr(ws->waivers[1].note, "error"));
	result_set_free(&rs);
	waiver_set_free(ws);
}

static void expiry_is_judged_at_the_run(void **state)
{
	(void)state;
	struct result_set rs = { .results = xcalloc(1, sizeof(struct result)), .count = 1 };
	const char *text = "- check: \"1.1.1\"\n  reason: r\n  owner: o\n  expires: 2027-03-31\n";
	struct waiver_set *ws = parse_ok(text, BENCH_1_8_0);

	/* The last second of the day: in force. */
	result_init(&rs.results[0], registry_find("1.1.1", BENCH_1_8_0));
	result_set(&rs.results[0], STATUS_FAIL, "found");
	waiver_set_apply(ws, &rs, BENCH_1_8_0, MAR31 + 86399);
	assert_int_equal(rs.results[0].status, STATUS_PASS);
	assert_ptr_equal(rs.results[0].waiver, &ws->waivers[0]);
	assert_false(ws->waivers[0].expired);
	assert_int_equal(ws->waivers[0].state, WAIVER_APPLIED);
	result_set_free(&rs);

	/* A second later: expired, the failure stands. */
	rs.results = xcalloc(1, sizeof(struct result));
	rs.count = 1;
	result_init(&rs.results[0], registry_find("1.1.1", BENCH_1_8_0));
	result_set(&rs.results[0], STATUS_FAIL, "found");
	waiver_set_apply(ws, &rs, BENCH_1_8_0, MAR31 + 86400);
	assert_int_equal(rs.results[0].status, STATUS_FAIL);
	assert_null(rs.results[0].waiver);
	assert_true(ws->waivers[0].expired);
	assert_int_equal(ws->waivers[0].state, WAIVER_EXPIRED);
	assert_int_equal(ws->waivers[0].waived, 0);
	assert_int_equal(rs.counts[STATUS_FAIL], 1);
	result_set_free(&rs);
	waiver_set_free(ws);
}

static void unused_waivers_say_why(void **state)
{
	(void)state;
	struct result_set rs = { .results = xcalloc(2, sizeof(struct result)), .count = 2 };
	result_init(&rs.results[0], registry_find("1.1.1", BENCH_1_8_0));
	result_set(&rs.results[0], STATUS_PASS, "fine");
	result_init(&rs.results[1], registry_find("1.1.3", BENCH_1_8_0));
	result_set(&rs.results[1], STATUS_NOTSELECTED, NULL);
	struct waiver_set *ws = parse_ok("- check: \"1.1.1\"\n  reason: r\n  owner: o\n  expires: 2027-03-31\n"
					 "- check: \"1.1.3\"\n  reason: r\n  owner: o\n  expires: 2027-03-31\n",
					 BENCH_1_8_0);
	waiver_set_apply(ws, &rs, BENCH_1_8_0, MAR31);
	assert_int_equal(ws->waivers[0].state, WAIVER_UNUSED);
	assert_string_equal(ws->waivers[0].note, "the check did not fail");
	assert_int_equal(ws->waivers[1].state, WAIVER_UNUSED);
	assert_string_equal(ws->waivers[1].note, "the check was not selected in this run");
	assert_false(result_waived(&rs.results[0]));
	result_set_free(&rs);
	waiver_set_free(ws);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(expiry_dates_last_to_the_end_of_the_day),
		cmocka_unit_test(checks_are_named_by_id_or_slug),
		cmocka_unit_test(values_are_read_as_written),
		cmocka_unit_test(limits_are_errors),
		cmocka_unit_test(matching_follows_names_ids_and_globs),
		cmocka_unit_test(one_of_three_failures_waived),
		cmocka_unit_test(errors_are_not_waived),
		cmocka_unit_test(expiry_is_judged_at_the_run),
		cmocka_unit_test(unused_waivers_say_why),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
