/* test_cases.c - runs every per-check case under tests/cases.
 *
 * A case is one JSON file: the check id, the benchmark version, the facts,
 * and the status that must come out (curl's "tests as data" idea: adding a
 * case is adding a file).  "found_contains" must appear in what was found
 * (the result's found text or an item's detail), never only in the
 * expected text, which does not depend on the facts; "source_contains" in
 * where the evidence was read; "fix_contains" in the fix the report gives
 * (the check's own for this host, else its remediation).
 *
 *   {"check":"5.14","version":"1.8.0","expect":"fail",
 *    "items":{"web":"fail"},"found_contains":"0.0.0.0","source_contains":"GET /info",
 *    "item_states":{"old":"exited"},"no_item_for":["old"],
 *    "options":{"image_sprawl_threshold":10,"trusted_registries":["docker.io"],
 *               "trusted_users":["alice"]},
 *    "facts":{...}}
 *
 * The last test checks that every check decided from evidence has at least
 * one passing and one failing case (a check marked evidence_only: at
 * least one case). */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "audit.h"
#include "check.h"
#include "facts.h"
#include "inspect_prune.h"
#include "model.h"

static const char *cases_dir = "tests/cases";

static char **case_paths;
static size_t n_case_paths;

static void collect_cases(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char *p = xasprintf("%s/%s", dir, de->d_name);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			collect_cases(p);
			free(p);
		} else if (strlen(de->d_name) > 5 &&
			   strcmp(de->d_name + strlen(de->d_name) - 5, ".json") == 0) {
			case_paths = xrealloc(case_paths, (n_case_paths + 1) * sizeof(char *));
			case_paths[n_case_paths++] = p;
		} else
			free(p);
	}
	closedir(d);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool contains(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle);
}

static bool same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* A live audit that keeps no facts parses each inspect and exec inspect
 * down to what the model reads (inspect_parse_tape(),
 * exec_parse_for_model()): audited that way, the case's
 * check must come out exactly as from the whole facts. */
static void same_with_inspects_pruned_to_model(const char *path, const struct facts *f,
					       const struct selection *sel,
					       const struct audit_options *opts,
					       const struct result *want)
{
	char *text = facts_dump(f);
	struct facts *g = NULL;
	if (facts_load_buffer(text, strlen(text), &g, NULL) < 0)
		fail_msg("%s: the facts do not load again", path);
	free(text);
	size_t i;
	json_t *item;
	json_array_foreach(json_object_get(json_object_get(json_object_get(g->root, "engine"),
							   "containers"), "items"), i, item) {
		inspect_prune_to_model(json_object_get(item, "inspect"));
		size_t k;
		json_t *x;
		json_array_foreach(json_object_get(item, "execs"), k, x)
			exec_prune_to_model(json_object_get(x, "inspect"));
	}
	struct result_set rs;
	audit_run(g, sel, opts, &rs);
	const struct result *r = NULL;
	for (size_t k = 0; k < rs.count; k++)
		if (rs.results[k].check == want->check)
			r = &rs.results[k];
	assert_non_null(r);
	bool same = r->status == want->status && same_text(r->found, want->found) &&
		    r->n_items == want->n_items;
	for (size_t k = 0; same && k < r->n_items; k++)
		same = r->items[k].status == want->items[k].status &&
		       same_text(r->items[k].object, want->items[k].object) &&
		       same_text(r->items[k].state, want->items[k].state) &&
		       same_text(r->items[k].detail, want->items[k].detail);
	if (!same)
		fail_msg("%s: with the inspects pruned to the model, %s is %s (found: %s), "
			 "not %s (found: %s)", path, check_id(want->check, sel->version),
			 status_name(r->status), r->found ? r->found : "-", status_name(want->status),
			 want->found ? want->found : "-");
	result_set_free(&rs);
	facts_free(g);
}

/* A live audit that keeps no facts decodes each container's model from
 * a tape the skim pass builds straight from the engine's text
 * (inspect_parse_tape()); --facts and these cases decode it from the
 * saved tree.  Both must give the same model, field for field. */
static void same_model_from_skimmed_text(const char *path, const struct facts *f)
{
	size_t i;
	const json_t *item;
	json_array_foreach(json_object_get(facts_get(f, "engine.containers"), "items"), i, item) {
		const json_t *inspect = json_object_get(item, "inspect");
		if (!json_is_object(inspect))
			continue;
		char *text = json_dumps(inspect, JSON_COMPACT);
		json_error_t err;
		struct jtape *t = inspect_parse_tape(text, strlen(text), &err);
		if (!t)
			fail_msg("%s: container %zu: the skim fails: %s", path, i, err.text);
		struct container_model *from_tree = model_decode_container(item, NULL);
		struct container_model *from_text = model_decode_container_tape(item, jtape_root(t), NULL);
		struct buf a = BUF_INIT, b = BUF_INIT;
		container_model_describe(from_tree, &a);
		container_model_describe(from_text, &b);
		if (strcmp(a.data, b.data) != 0) {
			/* Say where: the first line that differs. */
			size_t at = 0, line = 0;
			while (a.data[at] == b.data[at])
				at++;
			while (at > 0 && a.data[at - 1] != '\n')
				at--;
			for (size_t k = 0; k < at; k++)
				line += a.data[k] == '\n';
			fail_msg("%s: container %zu: the model from the text differs at line %zu:\n"
				 "from the tree: %.60s\nfrom the text: %.60s", path, i, line + 1,
				 a.data + at, b.data + at);
		}
		buf_free(&a);
		buf_free(&b);
		container_model_free(from_tree);
		container_model_free(from_text);
		jtape_free(t);
		free(text);
	}
}

static void run_case(void **state)
{
	const char *path = *state;
	json_error_t err;
	json_t *c = json_load_file(path, 0, &err);
	if (!c)
		fail_msg("%s: not valid JSON: %s (line %d)", path, err.text, err.line);

	const char *id = json_string_value(json_object_get(c, "check"));
	const char *vname = json_string_value(json_object_get(c, "version"));
	const char *expect = json_string_value(json_object_get(c, "expect"));
	json_t *facts_json = json_object_get(c, "facts");
	if (!id || !expect || !json_is_object(facts_json))
		fail_msg("%s: needs \"check\", \"expect\" and \"facts\"", path);
	int v = vname ? bench_version_from_name(vname) : BENCH_DEFAULT;
	if (v < 0)
		fail_msg("%s: unknown version %s", path, vname);
	int want = status_from_name(expect);
	if (want < 0)
		fail_msg("%s: unknown status %s", path, expect);
	if (!registry_find(id, (enum bench_version)v))
		fail_msg("%s: no check %s in %s", path, id, bench_version_name((enum bench_version)v));

	/* The facts go through the loader --facts uses, with its inspect
	 * pruning, and are decoded by the audit as a live run's are. */
	json_t *copy = json_deep_copy(facts_json);
	json_object_set_new(copy, "schema", json_string(FACTS_SCHEMA));
	char *text = json_dumps(copy, JSON_COMPACT);
	json_decref(copy);
	struct facts *f = NULL;
	char *load_error = NULL;
	if (facts_load_buffer(text, strlen(text), &f, &load_error) < 0)
		fail_msg("%s: the facts do not load: %s", path, load_error ? load_error : "-");
	free(text);

	char *only[] = { (char *)id, NULL };
	struct selection sel = { .version = (enum bench_version)v, .level = 2, .only = only };
	struct audit_options opts = { .image_sprawl_threshold = 100, .container_sprawl_threshold = 25 };
	char **trusted = NULL, **trusted_users = NULL;
	json_t *o = json_object_get(c, "options");
	if (json_is_object(o)) {
		opts.image_sprawl_threshold =
			json_dig_int(o, "image_sprawl_threshold", opts.image_sprawl_threshold);
		opts.container_sprawl_threshold =
			json_dig_int(o, "container_sprawl_threshold", opts.container_sprawl_threshold);
		const json_t *reg = json_object_get(o, "trusted_registries");
		if (json_is_array(reg)) {
			trusted = xcalloc(json_array_size(reg) + 1, sizeof(char *));
			for (size_t k = 0; k < json_array_size(reg); k++)
				trusted[k] = xstrdup(json_string_value(json_array_get(reg, k)));
			opts.trusted_registries = trusted;
		}
		const json_t *users = json_object_get(o, "trusted_users");
		if (json_is_array(users)) {
			trusted_users = xcalloc(json_array_size(users) + 1, sizeof(char *));
			for (size_t k = 0; k < json_array_size(users); k++)
				trusted_users[k] = xstrdup(json_string_value(json_array_get(users, k)));
			opts.trusted_users = trusted_users;
		}
	}
	struct result_set rs;
	audit_run(f, &sel, &opts, &rs);

	const struct result *r = NULL;
	for (size_t i = 0; i < rs.count; i++)
		if (strcmp(check_id(rs.results[i].check, (enum bench_version)v), id) == 0)
			r = &rs.results[i];
	assert_non_null(r);
	if ((int)r->status != want)
		fail_msg("%s: %s is %s, expected %s (found: %s)", path, id, status_name(r->status),
			 expect, r->found ? r->found : "-");

	const char *needle = json_string_value(json_object_get(c, "found_contains"));
	if (needle) {
		/* Only what was found: the expected text and the source are the
		 * same whatever the facts say, so a needle matching them proves
		 * nothing about the verdict. */
		bool hit = contains(r->found, needle);
		for (size_t i = 0; !hit && i < r->n_items; i++)
			hit = contains(r->items[i].detail, needle);
		if (!hit)
			fail_msg("%s: evidence lacks \"%s\" (found: %s)", path, needle,
				 r->found ? r->found : "-");
	}

	/* Where the verdict was read from, when that is what a case is about. */
	const char *src_needle = json_string_value(json_object_get(c, "source_contains"));
	if (src_needle && !contains(r->source, src_needle))
		fail_msg("%s: source lacks \"%s\" (source: %s)", path, src_needle,
			 r->source ? r->source : "-");

	/* The fix for this host, when the check writes one (result_fix()). */
	const char *fix_needle = json_string_value(json_object_get(c, "fix_contains"));
	if (fix_needle && !contains(result_remediation(r), fix_needle))
		fail_msg("%s: the fix lacks \"%s\" (fix: %s)", path, fix_needle,
			 result_remediation(r) ? result_remediation(r) : "-");

	json_t *items = json_object_get(c, "items");
	const char *obj;
	json_t *st;
	json_object_foreach(items, obj, st) {
		const struct result_item *it = NULL;
		for (size_t i = 0; i < r->n_items; i++)
			if (strcmp(r->items[i].object, obj) == 0)
				it = &r->items[i];
		if (!it)
			fail_msg("%s: no item for \"%s\"", path, obj);
		if (strcmp(status_name(it->status), json_string_value(st) ? json_string_value(st) : "") != 0)
			fail_msg("%s: item \"%s\" is %s, expected %s (%s)", path, obj,
				 status_name(it->status), json_string_value(st),
				 it->detail ? it->detail : "-");
	}

	/* "item_states": {"old":"exited"}: the state a stopped container's
	 * item carries; "no_item_for": ["old"]: objects the check must not
	 * judge (a stopped container under a running-only check). */
	json_object_foreach(json_object_get(c, "item_states"), obj, st) {
		const struct result_item *it = NULL;
		for (size_t i = 0; i < r->n_items; i++)
			if (strcmp(r->items[i].object, obj) == 0)
				it = &r->items[i];
		if (!it)
			fail_msg("%s: no item for \"%s\"", path, obj);
		if (!same_text(it->state, json_string_value(st)))
			fail_msg("%s: item \"%s\" has state %s, expected %s", path, obj,
				 it->state ? it->state : "(none)", json_string_value(st));
	}
	size_t k;
	json_array_foreach(json_object_get(c, "no_item_for"), k, st) {
		const char *gone = json_string_value(st);
		for (size_t i = 0; gone && i < r->n_items; i++)
			if (strcmp(r->items[i].object, gone) == 0)
				fail_msg("%s: an item for \"%s\" (%s): the check must not judge it", path,
					 gone, status_name(r->items[i].status));
	}

	same_with_inspects_pruned_to_model(path, f, &sel, &opts, r);
	same_model_from_skimmed_text(path, f);

	result_set_free(&rs);
	strv_free(trusted);
	strv_free(trusted_users);
	facts_free(f);
	json_decref(c);
}

/* Every check that decides from evidence has a pass case and a fail case. */
static void every_decided_check_has_pass_and_fail_cases(void **state)
{
	(void)state;
	int missing = 0;
	for (size_t s = 0; s < registry_section_count; s++) {
		const struct check_section *sec = registry_sections[s];
		for (size_t i = 0; i < sec->count; i++) {
			const struct check *ch = &sec->checks[i];
			if (check_handling(ch) == HANDLING_MANUAL)
				continue;
			bool pass = false, failed = false, any = false;
			for (size_t k = 0; k < n_case_paths; k++) {
				json_t *c = json_load_file(case_paths[k], 0, NULL);
				const char *id = json_string_value(json_object_get(c, "check"));
				const char *vn = json_string_value(json_object_get(c, "version"));
				int v = vn ? bench_version_from_name(vn) : BENCH_DEFAULT;
				const char *ex = json_string_value(json_object_get(c, "expect"));
				if (id && ex && v >= 0 && registry_find(id, (enum bench_version)v) == ch) {
					pass |= strcmp(ex, "pass") == 0;
					failed |= strcmp(ex, "fail") == 0;
					any = true;
				}
				json_decref(c);
			}
			/* A check that gathers evidence for a person needs a case for
			 * what it reports, not a pass and a fail. */
			if (ch->evidence_only) {
				if (!any) {
					print_error("check %s (%s) has no case\n",
						    ch->id[BENCH_DEFAULT] ? ch->id[BENCH_DEFAULT] : ch->slug,
						    ch->slug);
					missing++;
				}
				continue;
			}
			if (!pass || !failed) {
				print_error("check %s (%s) lacks a %s case\n", ch->id[BENCH_DEFAULT] ? ch->id[BENCH_DEFAULT] : ch->slug,
					    ch->slug, !pass ? "pass" : "fail");
				missing++;
			}
		}
	}
	assert_int_equal(missing, 0);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		cases_dir = argv[1];
	collect_cases(cases_dir);
	qsort(case_paths, n_case_paths, sizeof(char *), cmp_str);

	struct CMUnitTest *tests = xcalloc(n_case_paths + 1, sizeof(*tests));
	for (size_t i = 0; i < n_case_paths; i++) {
		tests[i].name = case_paths[i];
		tests[i].test_func = run_case;
		tests[i].initial_state = case_paths[i];
	}
	tests[n_case_paths].name = "every_decided_check_has_pass_and_fail_cases";
	tests[n_case_paths].test_func = every_decided_check_has_pass_and_fail_cases;

	int rc = _cmocka_run_group_tests("cases", tests, n_case_paths + 1, NULL, NULL);
	for (size_t i = 0; i < n_case_paths; i++)
		free(case_paths[i]);
	free(case_paths);
	free(tests);
	return rc;
}
