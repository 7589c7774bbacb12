/* test_fleet.c - the fleet summary: per host counts and verdicts, per
 * check the hosts and only the failing objects, the fleet's benchmark
 * version by majority with other versions kept out of the per-check lists,
 * staleness, duplicate host names, the exit status; and the JSON and HTML
 * renderers on hostile names. */
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

#include <jansson.h>

#include "fleet.h"
#include "util.h"

#define NOW 1795703913.0   /* 2026-11-26T14:38:33Z */

/* A report of `version` for `host`, audited `age_h` hours before NOW, with
 * the results given as JSON array members (counts are computed here). */
static struct saved_report *report(const char *host, const char *version, double age_h, const char *results)
{
	/* Count the statuses the way the JSON report does, from the results. */
	char *arr = xasprintf("[%s]", results);
	json_error_t e;
	json_t *rs = json_loads(arr, 0, &e);
	if (!rs)
		fail_msg("bad test results: %s: %s", arr, e.text);
	size_t counts[STATUS__MAX] = { 0 };
	size_t i;
	json_t *r;
	json_array_foreach(rs, i, r) counts[status_from_name(json_string_value(json_object_get(r, "status")))]++;
	json_decref(rs);
	char end[32];
	time_format_iso(NOW - age_h * 3600, end, sizeof(end));
	char *host_json = host ? xasprintf("\"%s\"", host) : xstrdup("null");
	char *text = xasprintf(
		"{\"schema\": \"dockaudit-report/1\", \"tool\": {\"version\": \"t\"},"
		"\"benchmark\": {\"version\": \"%s\"}, \"level\": 2, \"host\": {\"hostname\": %s},"
		"\"start_time\": \"%s\", \"end_time\": \"%s\", \"counts\": {\"pass\": %zu, \"fail\": %zu,"
		"\"error\": %zu, \"notapplicable\": %zu, \"notchecked\": %zu, \"informational\": %zu,"
		"\"notselected\": %zu}, \"results\": %s}",
		version, host_json, end, end, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5],
		counts[6], arr);
	struct saved_report *rep = NULL;
	char *err = NULL;
	if (report_read_buffer(text, strlen(text), &rep, &err) < 0)
		fail_msg("test report refused: %s", err);
	free(text);
	free(arr);
	free(host_json);
	return rep;
}

static void add(struct fleet *fl, const char *path, struct saved_report *rep)
{
	fleet_add_report(fl, path, rep);
	saved_report_free(rep);
}

#define R_PASS(id, sec) "{\"id\": \"" id "\", \"section\": \"" sec "\", \"status\": \"pass\"}"
#define R_FAIL(id, sec) "{\"id\": \"" id "\", \"section\": \"" sec "\", \"status\": \"fail\", \"evidence\": {\"found\": \"bad " id "\"}}"
#define R_ERROR(id, sec) "{\"id\": \"" id "\", \"section\": \"" sec "\", \"status\": \"error\"}"
#define R_NA(id, sec) "{\"id\": \"" id "\", \"section\": \"" sec "\", \"status\": \"notapplicable\"}"
/* 5.5 with one failing, one passing and one error container */
#define R_ITEMS(id, a, b) "{\"id\": \"" id "\", \"section\": \"5\", \"status\": \"fail\", \"items\": [" \
	"{\"object\": \"" a "\", \"status\": \"fail\", \"detail\": \"privileged\"}," \
	"{\"object\": \"ok\", \"status\": \"pass\"}," \
	"{\"object\": \"" b "\", \"status\": \"error\", \"detail\": \"gone\"}]}"

static struct fleet_options opts(double max_age)
{
	return (struct fleet_options){ .max_age_hours = max_age, .now = NOW };
}

static void verdicts_counts_and_checks(void **state)
{
	(void)state;
	struct fleet_options o = opts(0);
	struct fleet fl;
	fleet_init(&fl, &o);
	add(&fl, "a.json", report("web01", "1.8.0", 1, R_PASS("1.1.1", "1") "," R_FAIL("1.1.10", "1") ","
				  R_ITEMS("5.5", "priv", "gone") "," R_NA("7.1", "7")));
	add(&fl, "b.json", report("web02", "1.8.0", 2, R_FAIL("1.1.1", "1") "," R_ERROR("1.1.9", "1") ","
				  R_PASS("5.5", "5")));
	add(&fl, "c.json", report("web03", "1.8.0", 3, R_PASS("1.1.1", "1") "," R_ERROR("2.1", "2")));
	add(&fl, "d.json", report("web04", "1.8.0", 3, R_PASS("1.1.1", "1")));
	fleet_add_unreadable(&fl, "e.json", -ENOENT, NULL);
	fleet_add_unreadable(&fl, "f.json", -EINVAL, "truncated: the JSON ends early");
	fleet_finish(&fl);

	assert_int_equal(fl.n_hosts, 6);
	assert_string_equal(fl.benchmark_version, "1.8.0");
	assert_int_equal(fl.hosts[0].verdict, FLEET_HOST_FAIL);
	assert_int_equal(fl.hosts[1].verdict, FLEET_HOST_FAIL);
	assert_int_equal(fl.hosts[2].verdict, FLEET_HOST_INCOMPLETE);
	assert_int_equal(fl.hosts[3].verdict, FLEET_HOST_PASS);
	assert_int_equal(fl.hosts[4].verdict, FLEET_HOST_MISSING);
	assert_string_equal(fl.hosts[4].error, strerror(ENOENT));
	assert_int_equal(fl.hosts[5].verdict, FLEET_HOST_UNREADABLE);
	assert_string_equal(fl.hosts[5].error, "truncated: the JSON ends early");
	assert_int_equal(fl.hosts[0].exit_status, 1);
	assert_int_equal(fl.hosts[2].exit_status, 3);
	assert_int_equal(fl.hosts[3].exit_status, 0);
	assert_int_equal(fl.hosts[4].exit_status, -1);
	assert_int_equal(fl.n_verdict[FLEET_HOST_FAIL], 2);
	assert_int_equal(fl.n_verdict[FLEET_HOST_MISSING], 1);
	assert_int_equal(fleet_exit_status(&fl), FLEET_EXIT_PROBLEM);

	/* per host: counts, section tallies, only failing checks and items */
	const struct fleet_host *a = &fl.hosts[0];
	assert_int_equal(a->counts[STATUS_PASS], 1);
	assert_int_equal(a->counts[STATUS_FAIL], 2);
	assert_int_equal(a->counts[STATUS_NOTAPPLICABLE], 1);
	assert_int_equal(fleet_host_section(a, "1")->counts[STATUS_FAIL], 1);
	assert_int_equal(fleet_host_section(a, "1")->counts[STATUS_PASS], 1);
	assert_int_equal(fleet_host_section(a, "7")->counts[STATUS_NOTAPPLICABLE], 1);
	assert_null(fleet_host_section(a, "2"));
	assert_int_equal(a->n_failures, 2);
	assert_string_equal(a->failures[0].id, "1.1.10");
	assert_string_equal(a->failures[0].found, "bad 1.1.10");
	assert_string_equal(a->failures[1].id, "5.5");
	assert_int_equal(a->failures[1].n_items_examined, 3);
	assert_int_equal(a->failures[1].n_items, 2);
	assert_string_equal(a->failures[1].items[0].object, "priv");
	assert_string_equal(a->failures[1].items[1].object, "gone");
	assert_int_equal(a->failures[1].items[1].status, STATUS_ERROR);

	/* the matrix's columns: every section seen, in order */
	assert_int_equal(fl.n_sections, 4);
	assert_string_equal(fl.sections[0], "1");
	assert_string_equal(fl.sections[1], "2");
	assert_string_equal(fl.sections[2], "5");
	assert_string_equal(fl.sections[3], "7");

	/* per check, in benchmark order (1.1.9 before 1.1.10) */
	assert_int_equal(fl.n_checks, 5);
	const char *order[] = { "1.1.1", "1.1.9", "1.1.10", "2.1", "5.5" };
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(fl.checks[i].id, order[i]);
	const struct fleet_check *c111 = &fl.checks[0];
	assert_int_equal(c111->n_fail, 1);
	assert_int_equal(c111->n_hosts, 1);
	assert_int_equal(c111->hosts[0].host, 1);
	const struct fleet_check *c21 = &fl.checks[3];
	assert_int_equal(c21->n_fail, 0);
	assert_int_equal(c21->n_error, 1);
	assert_int_equal(c21->hosts[0].host, 2);
	const struct fleet_check *c55 = &fl.checks[4];
	assert_int_equal(c55->n_hosts, 1);     /* web02 passes it */
	assert_int_equal(c55->hosts[0].host, 0);
	fleet_clear(&fl);
}

static void exit_statuses(void **state)
{
	(void)state;
	struct fleet_options o = opts(0);
	struct fleet fl;
	fleet_init(&fl, &o);
	add(&fl, "a", report("a", "1.8.0", 1, R_PASS("1.1.1", "1")));
	add(&fl, "b", report("b", "1.8.0", 1, R_PASS("1.1.1", "1") "," R_NA("2.1", "2")));
	fleet_finish(&fl);
	assert_int_equal(fleet_exit_status(&fl), FLEET_EXIT_ALL_PASS);
	fleet_clear(&fl);

	fleet_init(&fl, &o);
	add(&fl, "a", report("a", "1.8.0", 1, R_PASS("1.1.1", "1")));
	add(&fl, "b", report("b", "1.8.0", 1, R_ERROR("1.1.1", "1")));
	fleet_finish(&fl);
	assert_int_equal(fleet_exit_status(&fl), FLEET_EXIT_INCOMPLETE);
	fleet_clear(&fl);

	/* a host in error and a missing one: the missing one decides */
	fleet_init(&fl, &o);
	add(&fl, "b", report("b", "1.8.0", 1, R_ERROR("1.1.1", "1")));
	fleet_add_unreadable(&fl, "gone", -ENOENT, "No such file or directory");
	fleet_finish(&fl);
	assert_int_equal(fleet_exit_status(&fl), FLEET_EXIT_PROBLEM);
	fleet_clear(&fl);

	/* nothing read at all: still a fleet report, saying so */
	fleet_init(&fl, &o);
	fleet_add_unreadable(&fl, "x", -EACCES, NULL);
	fleet_finish(&fl);
	assert_null(fl.benchmark_version);
	assert_int_equal(fl.hosts[0].verdict, FLEET_HOST_UNREADABLE);
	assert_string_equal(fl.hosts[0].error, strerror(EACCES));
	assert_int_equal(fleet_exit_status(&fl), FLEET_EXIT_PROBLEM);
	fleet_clear(&fl);
}

static void stale_reports(void **state)
{
	(void)state;
	struct fleet_options o = opts(24);
	struct fleet fl;
	fleet_init(&fl, &o);
	add(&fl, "fresh", report("a", "1.8.0", 23.9, R_PASS("1.1.1", "1")));
	add(&fl, "old", report("b", "1.8.0", 24.1, R_PASS("1.1.1", "1")));
	fleet_finish(&fl);
	assert_false(fl.hosts[0].stale);
	assert_true(fl.hosts[1].stale);
	assert_true(fl.hosts[1].age_hours > 24 && fl.hosts[1].age_hours < 24.2);
	assert_int_equal(fl.n_stale, 1);
	/* both pass, but a stale report is not "all fine" */
	assert_int_equal(fl.hosts[1].verdict, FLEET_HOST_PASS);
	assert_int_equal(fleet_exit_status(&fl), FLEET_EXIT_PROBLEM);
	fleet_clear(&fl);

	/* without --max-age nothing is stale */
	o = opts(0);
	fleet_init(&fl, &o);
	add(&fl, "old", report("b", "1.8.0", 24 * 365, R_PASS("1.1.1", "1")));
	fleet_finish(&fl);
	assert_false(fl.hosts[0].stale);
	assert_int_equal(fleet_exit_status(&fl), FLEET_EXIT_ALL_PASS);
	fleet_clear(&fl);
}

static void other_versions_are_kept_apart(void **state)
{
	(void)state;
	struct fleet_options o = opts(0);
	struct fleet fl;
	fleet_init(&fl, &o);
	/* 2.8 is a different check in 1.7.0 and 1.8.0 */
	add(&fl, "a", report("a", "1.8.0", 1, R_FAIL("2.8", "2")));
	add(&fl, "b", report("b", "1.7.0", 1, R_FAIL("2.8", "2") "," R_FAIL("6.9", "6")));
	add(&fl, "c", report("c", "1.8.0", 1, R_PASS("2.8", "2")));
	fleet_finish(&fl);
	assert_string_equal(fl.benchmark_version, "1.8.0");
	assert_false(fl.hosts[0].other_version);
	assert_true(fl.hosts[1].other_version);
	assert_int_equal(fl.n_other_version, 1);
	/* b's failures stay with b, not in the per-check list or the columns */
	assert_int_equal(fl.hosts[1].n_failures, 2);
	assert_int_equal(fl.n_checks, 1);
	assert_int_equal(fl.checks[0].n_hosts, 1);
	assert_int_equal(fl.checks[0].hosts[0].host, 0);
	assert_int_equal(fl.n_sections, 1);
	assert_int_equal(fleet_exit_status(&fl), FLEET_EXIT_PROBLEM);
	fleet_clear(&fl);

	/* a tie: the newer version is the fleet's */
	fleet_init(&fl, &o);
	add(&fl, "a", report("a", "1.7.0", 1, R_PASS("2.8", "2")));
	add(&fl, "b", report("b", "1.8.0", 1, R_PASS("2.8", "2")));
	fleet_finish(&fl);
	assert_string_equal(fl.benchmark_version, "1.8.0");
	assert_true(fl.hosts[0].other_version);
	fleet_clear(&fl);
}

static void same_host_name_is_noted(void **state)
{
	(void)state;
	struct fleet_options o = opts(0);
	struct fleet fl;
	fleet_init(&fl, &o);
	add(&fl, "a", report("web01", "1.8.0", 1, R_PASS("1.1.1", "1")));
	add(&fl, "b", report("web02", "1.8.0", 1, R_PASS("1.1.1", "1")));
	add(&fl, "c", report("web01", "1.8.0", 1, R_PASS("1.1.1", "1")));
	add(&fl, "d", report(NULL, "1.8.0", 1, R_PASS("1.1.1", "1")));
	fleet_finish(&fl);
	assert_int_equal(fl.hosts[0].same_name_as, -1);
	assert_int_equal(fl.hosts[1].same_name_as, -1);
	assert_int_equal(fl.hosts[2].same_name_as, 0);
	assert_int_equal(fl.hosts[3].same_name_as, -1);
	assert_string_equal(fleet_host_label(&fl.hosts[3]), "d");   /* no host name: the file */
	fleet_clear(&fl);
}

static void id_order(void **state)
{
	(void)state;
	assert_true(fleet_id_compare("1.1.9", "1.1.10") < 0);
	assert_true(fleet_id_compare("5.4", "5.31") < 0);
	assert_true(fleet_id_compare("2", "10") < 0);
	assert_true(fleet_id_compare("1.1", "1.1.1") < 0);
	assert_int_equal(fleet_id_compare("5.05", "5.5"), 0);
	assert_true(fleet_id_compare("", "1") < 0);
	assert_true(fleet_id_compare("1.8.0", "1.7.0") > 0);
}

static char *render(const struct fleet_format *fmt, const struct fleet *fl)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	assert_non_null(out);
	assert_int_equal(fmt->render(out, fl), 0);
	assert_int_equal(fclose(out), 0);
	return text;
}

#define EVIL "<img src=x onerror=alert(1)>\\\"'&amp;"

static void renderers_on_hostile_names(void **state)
{
	(void)state;
	struct fleet_options o = opts(12);
	struct fleet fl;
	fleet_init(&fl, &o);
	add(&fl, "web/<b>.json", report("h" EVIL, "1.8.0", 13, R_ITEMS("5.5", "c" EVIL, "gone\\u001b[2J")));
	fleet_add_unreadable(&fl, "x\"<script>.json", -EINVAL, "not valid JSON: <script>alert(1)</script>");
	fleet_finish(&fl);

	char *json = render(&fleet_json, &fl);
	json_error_t e;
	json_t *j = json_loads(json, JSON_REJECT_DUPLICATES, &e);
	if (!j)
		fail_msg("fleet JSON does not parse: line %d: %s", e.line, e.text);
	assert_string_equal(json_string_value(json_object_get(j, "schema")), "dockaudit-fleet/1");
	assert_int_equal(json_integer_value(json_object_get(j, "exit_status")), 1);
	json_t *h0 = json_array_get(json_object_get(j, "hosts"), 0);
	assert_string_equal(json_string_value(json_object_get(h0, "hostname")), "h<img src=x onerror=alert(1)>\"'&amp;");
	assert_true(json_is_true(json_object_get(h0, "stale")));
	json_t *items = json_object_get(json_array_get(json_object_get(h0, "failing"), 0), "items");
	assert_int_equal(json_array_size(items), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(items, 1), "object")),
			    "gone\xEF\xBF\xBD[2J");
	json_t *h1 = json_array_get(json_object_get(j, "hosts"), 1);
	assert_string_equal(json_string_value(json_object_get(h1, "status")), "unreadable");
	assert_true(json_is_null(json_object_get(h1, "counts")));
	json_t *checks = json_object_get(j, "checks");
	assert_int_equal(json_array_size(checks), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(checks, 0), "fail_hosts")), 1);
	json_decref(j);
	free(json);

	char *html = render(&fleet_html, &fl);
	assert_null(strstr(html, "<img"));
	assert_null(strstr(html, "<script"));
	assert_null(strstr(html, "<b>"));
	assert_null(strstr(html, "\x1b"));
	assert_non_null(strstr(html, "h&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;amp;"));
	assert_non_null(strstr(html, "web/&lt;b&gt;.json"));
	assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	/* the matrix cell links to the host's section 5 failures */
	assert_non_null(strstr(html, "<a href=\"#h0-s0\">1 fail</a>"));
	assert_non_null(strstr(html, "<h3 id=\"h0-s0\">"));
	assert_non_null(strstr(html, "Content-Security-Policy"));
	free(html);

	char *text = render(&fleet_text, &fl);
	assert_null(strstr(text, "\x1b"));
	assert_non_null(strstr(text, "stale: 13.0 hours old"));
	free(text);
	fleet_clear(&fl);
}

/* Read by four threads: the same hosts, in the order of the paths, as read
 * one by one. */
static void files_read_in_parallel(void **state)
{
	(void)state;
	char dir[] = "/tmp/test-fleet.XXXXXX";
	assert_non_null(mkdtemp(dir));
	enum { N = 40 };
	char *paths[N];
	for (int i = 0; i < N; i++) {
		paths[i] = xasprintf("%s/host%d.json", dir, i);
		if (i % 7 == 3)
			continue;                    /* missing */
		FILE *fp = fopen(paths[i], "w");
		assert_non_null(fp);
		if (i % 11 == 5) {
			fputs("{\"schema\": \"dockaudit-report/1\"", fp);   /* truncated */
		} else {
			char host[32];
			snprintf(host, sizeof(host), "web%02d", i);
			struct saved_report *probe = report(host, "1.8.0", i, i % 2 ? R_FAIL("5.5", "5") : R_PASS("5.5", "5"));
			fprintf(fp, "{\"schema\": \"dockaudit-report/1\", \"benchmark\": {\"version\": \"1.8.0\"},"
				"\"level\": 2, \"host\": {\"hostname\": \"%s\"}, \"start_time\": \"%s\","
				"\"end_time\": \"%s\", \"counts\": {\"pass\": %d, \"fail\": %d, \"error\": 0,"
				"\"notapplicable\": 0, \"notchecked\": 0, \"informational\": 0, \"notselected\": 0},"
				"\"results\": [{\"id\": \"5.5\", \"section\": \"5\", \"status\": \"%s\"}]}\n",
				host, probe->end_time, probe->end_time, i % 2 ? 0 : 1, i % 2, i % 2 ? "fail" : "pass");
			saved_report_free(probe);
		}
		fclose(fp);
	}
	struct fleet_options o = opts(0);
	struct fleet one, many;
	fleet_init(&one, &o);
	fleet_init(&many, &o);
	for (int i = 0; i < N; i++)
		fleet_add_file(&one, paths[i]);
	fleet_add_files(&many, paths, N, 4);
	fleet_finish(&one);
	fleet_finish(&many);
	assert_int_equal(many.n_hosts, N);
	for (int i = 0; i < N; i++) {
		const struct fleet_host *a = &one.hosts[i], *b = &many.hosts[i];
		assert_string_equal(a->path, b->path);
		assert_string_equal(b->path, paths[i]);
		assert_int_equal(a->verdict, b->verdict);
		assert_int_equal(b->verdict, i % 7 == 3 ? FLEET_HOST_MISSING : i % 11 == 5 ? FLEET_HOST_UNREADABLE
					     : i % 2 ? FLEET_HOST_FAIL : FLEET_HOST_PASS);
		if (a->hostname)
			assert_string_equal(a->hostname, b->hostname);
		else
			assert_null(b->hostname);
		assert_int_equal(a->n_failures, b->n_failures);
	}
	assert_int_equal(one.n_checks, 1);
	assert_int_equal(many.n_checks, 1);
	assert_int_equal(one.checks[0].n_hosts, many.checks[0].n_hosts);
	fleet_clear(&one);
	fleet_clear(&many);
	for (int i = 0; i < N; i++) {
		unlink(paths[i]);
		free(paths[i]);
	}
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(verdicts_counts_and_checks),
		cmocka_unit_test(exit_statuses),
		cmocka_unit_test(stale_reports),
		cmocka_unit_test(other_versions_are_kept_apart),
		cmocka_unit_test(same_host_name_is_noted),
		cmocka_unit_test(id_order),
		cmocka_unit_test(renderers_on_hostile_names),
		cmocka_unit_test(files_read_in_parallel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
