/* test_compare.c - a previous report (read by the report reader) compared
 * with a run's results (comparison_compute): every kind of change, objects
 * new and gone, the regression verdict, another benchmark version.  The
 * reader's own refusals are tested in test_report_reader.c; how main reports
 * them in tests/cli/compare.sh. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "audit.h"
#include "compare.h"
#include "facts.h"
#include "report.h"
#include "tunables.h"
#include "util.h"

/* One running container "web", privileged: 5.5 fails for it. */
static const char host_facts[] =
	"{\"schema\":\"dockaudit-facts/1\",\"engine\":{\"status\":\"ok\",\"containers\":{\"status\":\"ok\","
	"\"items\":[{\"status\":\"ok\",\"id\":\"abc\",\"name\":\"web\",\"inspect\":{\"Id\":\"abc\",\"Name\":\"/web\","
	"\"State\":{\"Running\":true},\"Config\":{\"User\":\"\"},\"HostConfig\":{\"Privileged\":true}}}]}}}";

struct fixture {
	struct facts *facts;
	struct result_set rs;
};

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof *fx);
	char *err = NULL;
	assert_int_equal(facts_load_buffer(host_facts, sizeof host_facts - 1, &fx->facts, &err), 0);
	struct selection sel = { .version = BENCH_1_8_0, .level = 2 };
	struct audit_options opts = { .image_sprawl_threshold = 100, .container_sprawl_threshold = 25 };
	audit_run(fx->facts, &sel, &opts, &fx->rs);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	result_set_free(&fx->rs);
	facts_free(fx->facts);
	free(fx);
	return 0;
}

static const struct result *find_result(const struct result_set *rs, const char *id)
{
	for (size_t i = 0; i < rs->count; i++)
		if (rs->results[i].check && strcmp(check_id(rs->results[i].check, BENCH_1_8_0), id) == 0)
			return &rs->results[i];
	return NULL;
}

/* The id of the first check with status s, or NULL. */
static const char *first_with(const struct result_set *rs, enum status s)
{
	for (size_t i = 0; i < rs->count; i++)
		if (rs->results[i].check && rs->results[i].status == s)
			return check_id(rs->results[i].check, BENCH_1_8_0);
	return NULL;
}

/* The run's own JSON report, as --compare would read it next time. */
static char *render_json(const struct fixture *fx, const char *version)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	struct report_meta meta = {
		.tool_version = "test", .version = BENCH_1_8_0, .level = 2, .hostname = "h",
		.start_time = 1796256000.0, .end_time = 1796256001.0, .facts = fx->facts,
	};
	assert_int_equal(report_json.render(out, &meta, &fx->rs), 0);
	fclose(out);
	if (version) {
		char *at = strstr(text, "\"version\": \"1.8.0\"");
		assert_non_null(at);
		memcpy(at + strlen("\"version\": \""), version, 5);
	}
	return text;
}

static struct saved_report *parse_ok(const char *text)
{
	struct saved_report *p = NULL;
	char *why = NULL;
	int r = report_read_buffer(text, strlen(text), &p, &why);
	if (r < 0)
		fail_msg("unexpected parse failure: %s", why);
	return p;
}

/* This run's report as JSON, changed by `edit`, with its counts made to
 * match the changed results (the reader checks them): a previous report
 * that differs from this run in known ways. */
static char *edited_report(const struct fixture *fx, void (*edit)(json_t *results, void *arg), void *arg)
{
	char *text = render_json(fx, NULL);
	json_error_t err;
	json_t *root = json_loads(text, 0, &err);
	assert_non_null(root);
	free(text);
	json_t *results = json_object_get(root, "results");
	edit(results, arg);
	json_t *counts = json_object_get(root, "counts");
	const char *key;
	json_t *v;
	json_object_foreach(counts, key, v)
		json_object_set_new(counts, key, json_integer(0));
	size_t i;
	json_t *r;
	json_array_foreach(results, i, r) {
		const char *st = json_string_value(json_object_get(r, "status"));
		json_int_t n = json_integer_value(json_object_get(counts, st));
		json_object_set_new(counts, st, json_integer(n + 1));
	}
	char *out = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	return out;
}

static json_t *result_by_id(json_t *results, const char *id)
{
	size_t i;
	json_t *r;
	json_array_foreach(results, i, r)
		if (strcmp(json_string_value(json_object_get(r, "id")), id) == 0)
			return r;
	fail_msg("no result %s", id);
	return NULL;
}

struct edit_args {
	const char *passing, *erring;
};

/* Before: the passing check failed, the erring one passed, 5.5 passed for
 * web, and a container "old" failed 5.5. */
static void edit_each_kind(json_t *results, void *arg)
{
	const struct edit_args *a = arg;
	json_object_set_new(result_by_id(results, a->passing), "status", json_string("fail"));
	json_object_set_new(result_by_id(results, a->erring), "status", json_string("pass"));
	json_t *r55 = result_by_id(results, "5.5");
	json_t *items = json_object_get(r55, "items");
	size_t i;
	json_t *it;
	json_array_foreach(items, i, it)
		if (strcmp(json_string_value(json_object_get(it, "object")), "web") == 0)
			json_object_set_new(it, "status", json_string("pass"));
	json_array_append_new(items, json_pack("{s:s,s:n,s:s,s:n,s:n}", "object", "old", "id", "status", "fail",
					       "detail", "waiver"));
}

static void the_same_results_show_no_change(void **state)
{
	struct fixture *fx = *state;
	char *text = render_json(fx, NULL);
	struct saved_report *p = parse_ok(text);
	assert_string_equal(p->benchmark_version, "1.8.0");
	assert_string_equal(p->start_time, "2026-12-03T00:00:00+00:00");
	assert_int_equal(p->n_checks, fx->rs.count);
	struct comparison c;
	comparison_compute(&c, "prev.json", p, &fx->rs, BENCH_1_8_0);
	assert_int_equal(c.state, COMPARISON_DONE);
	assert_int_equal(c.n_changes, 0);
	assert_int_equal(c.n_new_objects, 0);
	assert_int_equal(c.n_vanished_objects, 0);
	assert_false(c.regressed);
	assert_string_equal(c.previous_time, "2026-12-03T00:00:00+00:00");
	comparison_free(&c);
	saved_report_free(p);
	free(text);
}

static void each_kind_of_change_is_found(void **state)
{
	struct fixture *fx = *state;
	struct edit_args args = {
		.passing = first_with(&fx->rs, STATUS_PASS),
		.erring = first_with(&fx->rs, STATUS_ERROR),
	};
	assert_non_null(args.passing);
	assert_non_null(args.erring);
	const char *passing = args.passing, *erring = args.erring;
	const struct result *r55 = find_result(&fx->rs, "5.5");
	assert_non_null(r55);
	assert_int_equal(r55->status, STATUS_FAIL);
	char *text = edited_report(fx, edit_each_kind, &args);
	struct saved_report *p = parse_ok(text);
	struct comparison c;
	comparison_compute(&c, "prev.json", p, &fx->rs, BENCH_1_8_0);
	assert_int_equal(c.state, COMPARISON_DONE);
	bool saw_passing = false, saw_error = false, saw_item = false, saw_55_check = false;
	for (size_t i = 0; i < c.n_changes; i++) {
		const struct change *ch = &c.changes[i];
		if (ch->kind == CHANGE_NEWLY_PASSING && strcmp(ch->check_id, passing) == 0 && !ch->object) {
			assert_int_equal(ch->before, STATUS_FAIL);
			assert_int_equal(ch->after, STATUS_PASS);
			saw_passing = true;
		}
		if (ch->kind == CHANGE_ERROR_APPEARED && strcmp(ch->check_id, erring) == 0 && !ch->object)
			saw_error = true;
		if (ch->kind == CHANGE_NEWLY_FAILING && strcmp(ch->check_id, "5.5") == 0) {
			if (ch->object) {
				assert_string_equal(ch->object, "web");
				assert_int_equal(ch->before, STATUS_PASS);
				saw_item = true;
			} else {
				saw_55_check = true;
			}
		}
	}
	assert_true(saw_passing);
	assert_true(saw_error);
	assert_true(saw_item);
	assert_false(saw_55_check);      /* 5.5 failed before too: the check did not change */
	/* Nothing else changed: the two checks' changes and web's item. */
	assert_int_equal(c.counts[CHANGE_NEWLY_FAILING], 1);
	assert_int_equal(c.counts[CHANGE_NEWLY_PASSING], 1);
	assert_int_equal(c.counts[CHANGE_ERROR_APPEARED], 1);
	assert_int_equal(c.counts[CHANGE_ERROR_GONE], 0);
	assert_int_equal(c.n_new_objects, 0);
	assert_int_equal(c.n_vanished_objects, 1);
	assert_string_equal(c.vanished_objects[0].object, "old");
	assert_string_equal(c.vanished_objects[0].kind, "container");
	assert_int_equal(c.vanished_objects[0].n_failing, 1);
	assert_true(c.regressed);
	comparison_free(&c);
	saved_report_free(p);
	free(text);
}

static void a_new_failing_object_is_a_regression(void **state)
{
	struct fixture *fx = *state;
	/* The same run, but web was not there: every 5.x item of web is new;
	 * the checks' own statuses are as now. */
	char *text = render_json(fx, NULL);
	struct saved_report *p = parse_ok(text);
	for (size_t i = 0; i < p->n_checks; i++) {
		for (size_t k = 0; k < p->checks[i].n_items; k++) {
			free(p->checks[i].items[k].object);
			free(p->checks[i].items[k].id);
			free(p->checks[i].items[k].detail);
		}
		free(p->checks[i].items);
		p->checks[i].items = NULL;
		p->checks[i].n_items = 0;
	}
	struct comparison c;
	comparison_compute(&c, "prev.json", p, &fx->rs, BENCH_1_8_0);
	assert_int_equal(c.n_changes, 0);
	assert_int_equal(c.n_new_objects, 1);
	assert_string_equal(c.new_objects[0].object, "web");
	assert_string_equal(c.new_objects[0].kind, "container");
	assert_true(c.new_objects[0].n_failing >= 1);
	assert_true(c.new_objects[0].n_results >= 20);
	assert_true(c.regressed);
	comparison_free(&c);
	saved_report_free(p);
	free(text);
}

static void another_benchmark_version_is_not_compared(void **state)
{
	struct fixture *fx = *state;
	char *text = render_json(fx, "1.7.0");
	struct saved_report *p = parse_ok(text);
	struct comparison c;
	comparison_compute(&c, "prev.json", p, &fx->rs, BENCH_1_8_0);
	assert_int_equal(c.state, COMPARISON_ERROR);
	assert_non_null(strstr(c.error, "previous report 'prev.json' is of CIS Docker Benchmark 1.7.0, this run of 1.8.0"));
	assert_false(c.regressed);
	assert_int_equal(c.n_changes, 0);
	comparison_free(&c);
	comparison_free(NULL);
	saved_report_free(p);
	saved_report_free(NULL);
	free(text);
}

/* Before: the passing check was not selected. */
static void edit_unselected_before(json_t *results, void *arg)
{
	json_object_set_new(result_by_id(results, arg), "status", json_string("notselected"));
}

static bool has_id(char *const *ids, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return true;
	return false;
}

/* The previous run audited level 2 with the default values and another
 * selection; this one skips 5.5 (which failed) and takes max_unused_images
 * 10: the profile comparison says exactly that, and 5.5 leaving the
 * selection is no "newly passing". */
static void profile_values_and_selection_are_compared(void **state)
{
	struct fixture *fx = *state;
	const char *passing = first_with(&fx->rs, STATUS_PASS);
	assert_non_null(passing);
	char *text = edited_report(fx, edit_unselected_before, (void *)passing);
	struct saved_report *p = parse_ok(text);
	assert_non_null(p->profile);
	assert_string_equal(p->profile->id, "xccdf_org.dockaudit_profile_level2");
	assert_null(p->profile->tailoring_path);

	char skip55[] = "5.5";
	char *skip[] = { skip55, NULL };
	struct selection sel = { .version = BENCH_1_8_0, .level = 2, .skip = skip };
	struct audit_options opts;
	audit_options_init(&opts);
	opts.image_sprawl_threshold = 10;
	struct result_set rs;
	audit_run(fx->facts, &sel, &opts, &rs);
	struct saved_profile *now = saved_profile_of_run(NULL, 2, &opts);
	struct comparison c;
	comparison_compute(&c, "prev.json", p, &rs, BENCH_1_8_0);
	comparison_add_profile(&c, p, now);
	const struct profile_comparison *pc = &c.profile;
	assert_true(pc->known);
	assert_true(pc->changed);
	assert_string_equal(pc->before->id, pc->after->id);
	assert_int_equal(pc->n_values, 1);
	assert_string_equal(pc->values[0].name, "max_unused_images");
	assert_string_equal(pc->values[0].before, "100");
	assert_string_equal(pc->values[0].after, "10");
	assert_int_equal(pc->n_unselected, 1);
	assert_string_equal(pc->unselected[0], "5.5");
	assert_int_equal(pc->n_selected, 1);
	assert_string_equal(pc->selected[0], passing);
	assert_true(has_id(pc->selected, pc->n_selected, passing));
	for (size_t i = 0; i < c.n_changes; i++)
		assert_string_not_equal(c.changes[i].check_id, "5.5");
	comparison_free(&c);

	/* The same profile and values: no profile change. */
	comparison_compute(&c, "prev.json", p, &fx->rs, BENCH_1_8_0);
	struct saved_profile *same = saved_profile_of_run(NULL, 2, NULL);
	comparison_add_profile(&c, p, same);
	assert_true(c.profile.known);
	assert_false(c.profile.changed);
	assert_int_equal(c.profile.n_values, 0);
	assert_int_equal(c.profile.n_unselected, 0);
	comparison_free(&c);

	saved_profile_free(same);
	saved_profile_free(now);
	audit_options_clear(&opts);
	result_set_free(&rs);
	saved_report_free(p);
	free(text);
}

/* A report written before "profile" existed: nothing known, nothing
 * claimed to have changed. */
static void a_report_without_profile_is_not_compared_by_profile(void **state)
{
	struct fixture *fx = *state;
	char *text = render_json(fx, NULL);
	json_error_t err;
	json_t *root = json_loads(text, 0, &err);
	assert_non_null(root);
	json_object_del(root, "profile");
	char *old = json_dumps(root, 0);
	json_decref(root);
	struct saved_report *p = parse_ok(old);
	assert_null(p->profile);
	struct saved_profile *now = saved_profile_of_run(NULL, 1, NULL);
	struct comparison c;
	comparison_compute(&c, "prev.json", p, &fx->rs, BENCH_1_8_0);
	comparison_add_profile(&c, p, now);
	assert_false(c.profile.known);
	assert_false(c.profile.changed);
	assert_null(c.profile.before);
	comparison_free(&c);
	saved_profile_free(now);
	saved_report_free(p);
	free(old);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(the_same_results_show_no_change, setup, teardown),
		cmocka_unit_test_setup_teardown(each_kind_of_change_is_found, setup, teardown),
		cmocka_unit_test_setup_teardown(a_new_failing_object_is_a_regression, setup, teardown),
		cmocka_unit_test_setup_teardown(another_benchmark_version_is_not_compared, setup, teardown),
		cmocka_unit_test_setup_teardown(profile_values_and_selection_are_compared, setup, teardown),
		cmocka_unit_test_setup_teardown(a_report_without_profile_is_not_compared_by_profile, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
