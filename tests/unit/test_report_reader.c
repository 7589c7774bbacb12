/* test_report_reader.c - a saved JSON report read back: what the JSON
 * renderer writes comes back check by check and item by item; a malformed,
 * truncated, foreign or inconsistent report is refused with a message
 * that says where and what; hostile strings come back sanitised. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "facts.h"
#include "report.h"
#include "report_reader.h"

/* Renders the audit of a saved facts file as the JSON report main() writes.
 * The caller frees the text. */
static char *render_report_of(const char *facts_path, struct result_set *ret_rs, size_t *ret_len)
{
	struct facts *f = NULL;
	char *why = NULL;
	assert_int_equal(facts_load(facts_path, &f, &why), 0);
	struct selection sel = { .version = BENCH_1_8_0, .level = 2 };
	struct audit_options opts = { .image_sprawl_threshold = 100, .container_sprawl_threshold = 25 };
	audit_run(f, &sel, &opts, ret_rs);
	const char *hostname = json_string_value(facts_get(f, "collected.hostname"));
	struct report_meta meta = {
		.tool_version = "test",
		.version = BENCH_1_8_0,
		.level = 2,
		.hostname = hostname ? hostname : "unknown",
		.start_time = 1764168000.0,
		.end_time = 1764168061.0,   /* 2025-11-26T14:41:01Z */
		.facts = f,
		.user = "test",
	};
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	assert_non_null(out);
	assert_int_equal(report_json.render(out, &meta, ret_rs), 0);
	assert_int_equal(fclose(out), 0);
	facts_free(f);
	*ret_len = len;
	return text;
}

static void round_trip(void **state)
{
	(void)state;
	struct result_set rs;
	size_t len;
	char *text = render_report_of("tests/fixtures/facts/risky.json", &rs, &len);
	struct saved_report *rep = NULL;
	char *err = NULL;
	assert_int_equal(report_read_buffer(text, len, &rep, &err), 0);
	assert_null(err);
	assert_string_equal(rep->benchmark_version, "1.8.0");
	assert_string_equal(rep->tool_version, "test");
	assert_int_equal(rep->level, 2);
	assert_string_equal(rep->end_time, "2025-11-26T14:41:01+00:00");
	assert_true(rep->end_epoch == 1764168061.0);
	assert_int_equal(rep->n_checks, rs.count);
	result_set_count(&rs);
	for (int s = 0; s < STATUS__MAX; s++)
		assert_int_equal(rep->counts[s], rs.counts[s]);
	assert_int_equal(rep->exit_status, rs.counts[STATUS_FAIL] ? 1 : rs.counts[STATUS_ERROR] ? 3 : 0);
	assert_true(rs.counts[STATUS_FAIL] > 0);
	size_t n_items = 0;
	for (size_t i = 0; i < rs.count; i++) {
		const struct result *r = &rs.results[i];
		const struct saved_check *c = &rep->checks[i];
		assert_string_equal(c->id, check_id(r->check, BENCH_1_8_0));
		assert_ptr_equal(saved_report_find(rep, c->id), c);
		assert_int_equal(c->status, r->status);
		assert_non_null(c->title);
		assert_non_null(c->section);
		if (r->found)
			assert_string_equal(c->found, r->found);
		assert_int_equal(c->n_items, r->n_items);
		for (size_t k = 0; k < r->n_items; k++) {
			assert_string_equal(c->items[k].object, r->items[k].object);
			assert_int_equal(c->items[k].status, r->items[k].status);
			if (r->items[k].detail)
				assert_string_equal(c->items[k].detail, r->items[k].detail);
			n_items++;
		}
	}
	assert_true(n_items > 0);    /* the fixture has containers */
	assert_null(saved_report_find(rep, "9.99"));
	saved_report_free(rep);
	result_set_free(&rs);
	free(text);
}

/* Refused, with err containing `want`. */
static void expect_refused(const char *text, const char *want)
{
	struct saved_report *rep = NULL;
	char *err = NULL;
	int r = report_read_buffer(text, strlen(text), &rep, &err);
	if (r != -EINVAL || !err || !strstr(err, want))
		fail_msg("input %.60s: r=%d err '%s', expected '%s'", text, r, err ? err : "(null)", want);
	assert_null(rep);
	free(err);
}

/* A small valid report; tests change one thing in it. */
#define MINI_HEAD "{\"schema\": \"dockaudit-report/1\", \"tool\": {\"name\": \"dockaudit\", \"version\": \"0.1.0\"}," \
	"\"benchmark\": {\"name\": \"CIS Docker Benchmark\", \"version\": \"1.8.0\"}, \"level\": 1," \
	"\"host\": {\"hostname\": \"web01\"}, \"engine\": {\"version\": null}," \
	"\"start_time\": \"2026-11-26T14:38:32+00:00\", \"end_time\": \"2026-11-26T14:38:33+00:00\","
#define MINI_COUNTS "\"counts\": {\"pass\": 1, \"fail\": 1, \"error\": 0, \"notapplicable\": 0," \
	"\"notchecked\": 0, \"informational\": 0, \"notselected\": 0},"
#define MINI_RESULTS "\"results\": [{\"id\": \"1.1.1\", \"section\": \"1\", \"title\": \"t\", \"status\": \"pass\", \"items\": []}," \
	"{\"id\": \"5.12\", \"section\": \"5\", \"title\": \"u\", \"status\": \"fail\"," \
	"\"evidence\": {\"expected\": null, \"found\": \"1 of 2\", \"source\": null}," \
	"\"items\": [{\"object\": \"web\", \"id\": null, \"status\": \"fail\", \"detail\": \"rw\"}," \
	"{\"object\": \"db\", \"id\": \"9a\", \"status\": \"pass\", \"detail\": null}]}]}"

static void minimal_report(void **state)
{
	(void)state;
	const char *text = MINI_HEAD MINI_COUNTS MINI_RESULTS;
	struct saved_report *rep = NULL;
	char *err = NULL;
	assert_int_equal(report_read_buffer(text, strlen(text), &rep, &err), 0);
	assert_string_equal(rep->hostname, "web01");
	assert_int_equal(rep->level, 1);
	assert_int_equal(rep->exit_status, 1);
	assert_true(rep->end_epoch == 1795703913.0);
	const struct saved_check *c = saved_report_find(rep, "5.12");
	assert_non_null(c);
	assert_string_equal(c->found, "1 of 2");
	assert_int_equal(c->n_items, 2);
	assert_string_equal(c->items[0].object, "web");
	assert_null(c->items[0].id);
	assert_int_equal(c->items[0].status, STATUS_FAIL);
	assert_string_equal(c->items[1].id, "9a");
	assert_null(c->items[1].detail);
	saved_report_free(rep);
}

static void malformed_reports_are_refused(void **state)
{
	(void)state;
	expect_refused("{\"schema\": \"dockaudit-report/1\",, }", "not valid JSON: line 1, column");
	expect_refused("{\"schema\": \"dockaudit-report/1\", \"tool\": {", "truncated");
	expect_refused("", "truncated");
	expect_refused("[1, 2]", "not a dockaudit report");
	expect_refused("{\"results\": []}", "no 'schema' member");
	expect_refused("{\"schema\": \"dockaudit-list/1\"}", "schema 'dockaudit-list/1' is not dockaudit-report/1");
	expect_refused("{\"schema\": \"x\", \"schema\": \"dockaudit-report/1\"}", "duplicate");
	expect_refused("{\"schema\": 7}", "schema: not a string");
	/* members missing or of the wrong type, named by their path */
	expect_refused(MINI_HEAD MINI_COUNTS "\"results\": {}}", "results: not an array");
	expect_refused(MINI_HEAD MINI_RESULTS, "counts: missing");
	expect_refused(MINI_HEAD MINI_COUNTS "\"results\": [{\"id\": \"1.1.1\", \"status\": \"passed\"}]}",
		       "results[0].status: unknown status 'passed'");
	expect_refused(MINI_HEAD MINI_COUNTS "\"results\": [{\"status\": \"pass\"}]}", "results[0].id: missing");
	expect_refused(MINI_HEAD MINI_COUNTS "\"results\": [{\"id\": \"1\", \"status\": \"fail\", "
		       "\"items\": [{\"object\": 3, \"status\": \"fail\"}]}]}",
		       "results[0].items[0].object: not a string");
	/* counts that the results contradict */
	expect_refused(MINI_HEAD "\"counts\": {\"pass\": 2, \"fail\": 0, \"error\": 0, \"notapplicable\": 0,"
		       "\"notchecked\": 0, \"informational\": 0, \"notselected\": 0}," MINI_RESULTS,
		       "counts.pass is 2 but 1 results have that status");
	/* a time that is not one */
	const char *bad_time = "{\"schema\": \"dockaudit-report/1\", \"benchmark\": {\"version\": \"1.8.0\"},"
			       "\"level\": 1, \"host\": {\"hostname\": null}, \"start_time\": \"x\","
			       "\"end_time\": \"yesterday\", " MINI_COUNTS MINI_RESULTS;
	expect_refused(bad_time, "end_time: 'yesterday' is not an ISO 8601 time");
}

static void truncated_real_report_is_refused(void **state)
{
	(void)state;
	struct result_set rs;
	size_t len;
	char *text = render_report_of("tests/fixtures/facts/risky.json", &rs, &len);
	/* Cut anywhere inside: never accepted, always called truncated. */
	for (size_t cut = 1; cut < len - 2; cut += len / 37) {
		struct saved_report *rep = NULL;
		char *err = NULL;
		assert_int_equal(report_read_buffer(text, cut, &rep, &err), -EINVAL);
		if (!strstr(err, "truncated"))
			fail_msg("cut at %zu: '%s'", cut, err);
		free(err);
	}
	result_set_free(&rs);
	free(text);
}

static void hostile_strings_are_sanitised(void **state)
{
	(void)state;
	const char *text = "{\"schema\": \"dockaudit-report/1\", \"benchmark\": {\"version\": \"1.8.0\"},"
			   "\"level\": 2, \"host\": {\"hostname\": \"h\\u001b[31m\\nx\"},"
			   "\"start_time\": \"2026-11-26T14:38:32Z\", \"end_time\": \"2026-11-26T15:38:33+01:00\","
			   "\"counts\": {\"pass\": 0, \"fail\": 1, \"error\": 0, \"notapplicable\": 0,"
			   "\"notchecked\": 0, \"informational\": 0, \"notselected\": 0},"
			   "\"results\": [{\"id\": \"5.1\\u0007\", \"status\": \"fail\", \"items\": ["
			   "{\"object\": \"<img src=x onerror=alert(1)>\\u009b\", \"status\": \"fail\","
			   "\"detail\": \"two\\nlines\\u0000\"}]}]}";
	struct saved_report *rep = NULL;
	char *err = NULL;
	/* jansson refuses \u0000 in strings: a report with one is malformed. */
	assert_int_equal(report_read_buffer(text, strlen(text), &rep, &err), -EINVAL);
	free(err);
	err = NULL;
	char *fixed = xstrdup(text);
	char *nul = strstr(fixed, "\\u0000");
	memcpy(nul, "\\u0009", 6);
	assert_int_equal(report_read_buffer(fixed, strlen(fixed), &rep, &err), 0);
	assert_string_equal(rep->hostname, "h\xEF\xBF\xBD[31m x");
	assert_string_equal(rep->checks[0].id, "5.1\xEF\xBF\xBD");
	assert_string_equal(rep->checks[0].items[0].object, "<img src=x onerror=alert(1)>\xEF\xBF\xBD");
	assert_string_equal(rep->checks[0].items[0].detail, "two\nlines\t");
	assert_true(rep->end_epoch == 1795703913.0);     /* 15:38:33+01:00 == 14:38:33Z */
	saved_report_free(rep);
	free(fixed);
}

static void files(void **state)
{
	(void)state;
	char dir[] = "/tmp/test-report-reader.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *path = xasprintf("%s/report.json", dir);
	struct saved_report *rep = NULL;
	char *err = NULL;
	assert_int_equal(report_read_file(path, &rep, &err), -ENOENT);
	assert_string_equal(err, strerror(ENOENT));
	free(err);
	assert_int_equal(report_read_file(dir, &rep, &err), -EISDIR);
	free(err);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fclose(fp);
	assert_int_equal(report_read_file(path, &rep, &err), -EINVAL);
	assert_string_equal(err, "truncated: the file is empty");
	free(err);
	fp = fopen(path, "w");
	fputs(MINI_HEAD MINI_COUNTS MINI_RESULTS "\n", fp);
	fclose(fp);
	assert_int_equal(report_read_file(path, &rep, &err), 0);
	assert_string_equal(rep->hostname, "web01");
	saved_report_free(rep);
	fp = fopen(path, "w");
	fputs(MINI_HEAD MINI_COUNTS, fp);
	fclose(fp);
	assert_int_equal(report_read_file(path, &rep, &err), -EINVAL);
	assert_non_null(strstr(err, "truncated"));
	free(err);
	unlink(path);
	rmdir(dir);
	free(path);
	saved_report_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(minimal_report),
		cmocka_unit_test(malformed_reports_are_refused),
		cmocka_unit_test(truncated_real_report_is_refused),
		cmocka_unit_test(hostile_strings_are_sanitised),
		cmocka_unit_test(files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
