/* test_audit_containers.c - the container loop of src/core/audit.c: which
 * checks judge a stopped container (the rows marked stopped_too, exactly
 * the 22 the benchmark audits over docker ps --all), that their items
 * carry its state, that the others judge running containers only, how the
 * counts read, the stopped containers removed before their inspect, and
 * --containers running (selection.running_only).  The facts go through
 * facts_load_buffer(), as --facts reads them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audit.h"
#include "unit_facts.h"

#define HOST_CONFIG(privileged) \
	"\"HostConfig\":{\"Privileged\":" privileged ",\"NetworkMode\":\"none\"}"

/* web runs; old (exited, privileged) and fresh (created) are stopped; bad
 * (dead) could not be inspected; tmp was removed before its inspect. */
static const char *const bundle =
	"{\"schema\":\"dockaudit-facts/1\",\"engine\":{\"status\":\"ok\","
	"\"info\":{\"status\":\"ok\",\"SecurityOptions\":[]},"
	"\"containers\":{\"status\":\"ok\",\"removed\":[\"tmp\"],\"items\":["
	"{\"status\":\"ok\",\"id\":\"aa\",\"name\":\"web\",\"state\":\"running\","
	"\"inspect\":{\"State\":{\"Running\":true,\"Pid\":7}," HOST_CONFIG("false") "},"
	"\"top\":{\"status\":\"ok\",\"Titles\":[\"PID\",\"CMD\"],\"Processes\":[[\"7\",\"sleep\"]]},"
	"\"execs\":[]},"
	"{\"status\":\"ok\",\"id\":\"bb\",\"name\":\"old\",\"state\":\"exited\","
	"\"inspect\":{\"State\":{\"Running\":false}," HOST_CONFIG("true") "}},"
	"{\"status\":\"ok\",\"id\":\"cc\",\"name\":\"fresh\",\"state\":\"created\","
	"\"inspect\":{\"State\":{\"Running\":false}," HOST_CONFIG("false") "}},"
	"{\"status\":\"error\",\"id\":\"dd\",\"name\":\"bad\",\"state\":\"dead\","
	"\"error\":\"HTTP 500: boom\"}]}}}";

static const struct result *result_of(const struct result_set *rs, const char *id)
{
	for (size_t i = 0; i < rs->count; i++)
		if (strcmp(check_id(rs->results[i].check, BENCH_1_8_0), id) == 0)
			return &rs->results[i];
	fail_msg("no result for %s", id);
	return NULL;
}

static const struct result_item *item_of(const struct result *r, const char *object)
{
	for (size_t i = 0; i < r->n_items; i++)
		if (strcmp(r->items[i].object, object) == 0)
			return &r->items[i];
	return NULL;
}

static void audit(const char *json, bool running_only, struct result_set *rs, struct facts **f)
{
	*f = facts_from(json);
	struct selection sel = { .version = BENCH_1_8_0, .level = 2, .running_only = running_only };
	struct audit_options opts = { .image_sprawl_threshold = 100, .container_sprawl_threshold = 25 };
	audit_run(*f, &sel, &opts, rs);
}

static void stopped_containers_judged_by_every_container_checks(void **state)
{
	(void)state;
	struct result_set rs;
	struct facts *f;
	audit(bundle, false, &rs, &f);
	const struct result *r = result_of(&rs, "5.5");
	assert_int_equal(r->status, STATUS_FAIL);
	assert_int_equal(r->n_items, 4);
	const struct result_item *web = item_of(r, "web"), *old = item_of(r, "old");
	const struct result_item *fresh = item_of(r, "fresh"), *bad = item_of(r, "bad");
	assert_non_null(web);
	assert_null(web->state);
	assert_int_equal(web->status, STATUS_PASS);
	assert_string_equal(old->state, "exited");
	assert_int_equal(old->status, STATUS_FAIL);
	assert_string_equal(fresh->state, "created");
	assert_int_equal(fresh->status, STATUS_PASS);
	assert_string_equal(bad->state, "dead");
	assert_int_equal(bad->status, STATUS_ERROR);
	assert_non_null(strstr(bad->detail, "HTTP 500"));
	assert_non_null(strstr(r->found, "4 containers (3 stopped): 1 fail, 1 error, 2 pass"));
	assert_non_null(strstr(r->found, "1 stopped container(s) removed before their inspect, "
					 "not judged: tmp"));
	result_set_free(&rs);
	facts_free(f);
}

static void running_only_checks_leave_stopped_containers_out(void **state)
{
	(void)state;
	struct result_set rs;
	struct facts *f;
	audit(bundle, false, &rs, &f);
	static const char *const running_only[] = { "4.1", "5.7", "5.8", "5.9", "5.14", "5.23",
						    "5.24", "5.27", "5.28", "5.30" };
	for (size_t i = 0; i < ARRAY_SIZE(running_only); i++) {
		const struct result *r = result_of(&rs, running_only[i]);
		if (r->status == STATUS_NOTSELECTED)
			continue;
		assert_int_equal(r->n_items, 1);
		assert_string_equal(r->items[0].object, "web");
		assert_null(r->items[0].state);
		assert_null(strstr(r->found, "removed"));
		assert_non_null(strstr(r->found, "1 running container:"));
	}
	result_set_free(&rs);
	facts_free(f);
}

static void containers_running_judges_running_ones_only(void **state)
{
	(void)state;
	struct result_set rs;
	struct facts *f;
	audit(bundle, true, &rs, &f);
	const struct result *r = result_of(&rs, "5.5");
	assert_int_equal(r->status, STATUS_PASS);
	assert_int_equal(r->n_items, 1);
	assert_string_equal(r->items[0].object, "web");
	assert_non_null(strstr(r->found, "1 running container: 1 pass"));
	assert_non_null(strstr(r->found, "stopped containers not judged (--containers running)"));
	assert_null(strstr(r->found, "removed"));
	result_set_free(&rs);
	facts_free(f);
}

/* A bundle saved with --containers running says so; one from before
 * "state" held running containers only, and reads as before. */
static void bundles_without_stopped_containers(void **state)
{
	(void)state;
	struct result_set rs;
	struct facts *f;
	audit("{\"schema\":\"dockaudit-facts/1\",\"engine\":{\"status\":\"ok\",\"info\":{\"status\":\"ok\"},"
	      "\"containers\":{\"status\":\"ok\",\"stopped_inspected\":false,\"items\":["
	      "{\"status\":\"ok\",\"id\":\"aa\",\"name\":\"web\",\"state\":\"running\","
	      "\"inspect\":{" HOST_CONFIG("false") "}}]}}}", false, &rs, &f);
	assert_non_null(strstr(result_of(&rs, "5.5")->found, "(--containers running)"));
	result_set_free(&rs);
	facts_free(f);

	audit("{\"schema\":\"dockaudit-facts/1\",\"engine\":{\"status\":\"ok\",\"info\":{\"status\":\"ok\"},"
	      "\"containers\":{\"status\":\"ok\",\"items\":["
	      "{\"status\":\"ok\",\"id\":\"aa\",\"name\":\"web\","
	      "\"inspect\":{" HOST_CONFIG("true") "}}]}}}", false, &rs, &f);
	const struct result *r = result_of(&rs, "5.5");
	assert_int_equal(r->status, STATUS_FAIL);
	assert_null(r->items[0].state);
	assert_string_equal(r->found, "1 running container: 1 fail");
	result_set_free(&rs);
	facts_free(f);
}

/* The rows marked stopped_too are exactly those whose benchmark audit is
 * docker ps --quiet --all (docs/checks.md, "Objects decided over"). */
static void stopped_too_marks_exactly_the_every_container_checks(void **state)
{
	(void)state;
	static const char *const every[] = { "5.2", "5.3", "5.4", "5.5", "5.6", "5.10", "5.11",
					     "5.12", "5.13", "5.15", "5.16", "5.17", "5.18", "5.19",
					     "5.20", "5.21", "5.22", "5.25", "5.26", "5.29", "5.31",
					     "5.32" };
	size_t marked = 0;
	for (size_t s = 0; s < registry_section_count; s++) {
		const struct check_section *sec = registry_sections[s];
		for (size_t i = 0; i < sec->count; i++) {
			const struct check *c = &sec->checks[i];
			const char *id = check_id(c, BENCH_1_8_0);
			bool listed = false;
			for (size_t k = 0; id && k < ARRAY_SIZE(every); k++)
				listed = listed || strcmp(every[k], id) == 0;
			if (c->stopped_too != listed)
				fail_msg("%s: stopped_too is %d", id ? id : c->slug, c->stopped_too);
			if (c->stopped_too) {
				assert_int_equal(c->scope, SCOPE_CONTAINER);
				marked++;
			}
		}
	}
	assert_int_equal(marked, ARRAY_SIZE(every));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stopped_containers_judged_by_every_container_checks),
		cmocka_unit_test(running_only_checks_leave_stopped_containers_out),
		cmocka_unit_test(containers_running_judges_running_ones_only),
		cmocka_unit_test(bundles_without_stopped_containers),
		cmocka_unit_test(stopped_too_marks_exactly_the_every_container_checks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
