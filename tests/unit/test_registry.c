/* test_registry.c - the check tables are whole, ordered and consistent. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "audit.h"
#include "check.h"

/* Compares benchmark ids numerically, part by part ("2.10" after "2.9"). */
static int id_compare(const char *a, const char *b)
{
	while (*a && *b) {
		long x = strtol(a, (char **)&a, 10), y = strtol(b, (char **)&b, 10);
		if (x != y)
			return x < y ? -1 : 1;
		if (*a == '.')
			a++;
		if (*b == '.')
			b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

static size_t count_checks(enum bench_version v)
{
	size_t n = 0;
	for (size_t s = 0; s < registry_section_count; s++)
		for (size_t i = 0; i < registry_sections[s]->count; i++)
			n += check_id(&registry_sections[s]->checks[i], v) != NULL;
	return n;
}

static void every_recommendation_is_registered(void **state)
{
	(void)state;
	assert_int_equal(count_checks(BENCH_1_8_0), 118);
	assert_int_equal(count_checks(BENCH_1_7_0), 117);
	assert_int_equal(count_checks(BENCH_1_6_0), 117);
}

static void ids_are_unique_ordered_and_in_their_section(void **state)
{
	(void)state;
	for (int v = 0; v < BENCH__MAX; v++) {
		const char *prev = NULL;
		for (size_t s = 0; s < registry_section_count; s++) {
			const struct check_section *sec = registry_sections[s];
			for (size_t i = 0; i < sec->count; i++) {
				const struct check *c = &sec->checks[i];
				const char *id = check_id(c, (enum bench_version)v);
				if (!id)
					continue;
				size_t n = strlen(sec->number);
				if (strncmp(id, sec->number, n) != 0 || id[n] != '.')
					fail_msg("%s is filed under section %s", id, sec->number);
				if (prev && id_compare(prev, id) >= 0)
					fail_msg("%s follows %s in %s", id, prev,
						 bench_version_name((enum bench_version)v));
				assert_ptr_equal(registry_find(id, (enum bench_version)v), c);
				prev = id;
			}
		}
	}
}

static void descriptors_are_complete(void **state)
{
	(void)state;
	for (size_t s = 0; s < registry_section_count; s++) {
		const struct check_section *sec = registry_sections[s];
		for (size_t i = 0; i < sec->count; i++) {
			const struct check *c = &sec->checks[i];
			const char *id = c->id[BENCH_1_8_0];
			assert_non_null(id);
			if (!c->slug || !c->title || !c->rationale || !c->remediation)
				fail_msg("%s lacks slug, title, rationale or remediation", id);
			for (const char *p = c->slug; *p; p++)
				if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
					fail_msg("%s: slug '%s' is not [a-z0-9_]", id, c->slug);
			if (c->level != 1 && c->level != 2)
				fail_msg("%s: level %u", id, c->level);
			if (check_handling(c) == HANDLING_MANUAL && !c->manual_note)
				fail_msg("%s: not decided and no note for the person", id);
			/* a container check's host audit function is the host-wide
			 * part run after its items (check.h): never alone */
			if (c->scope == SCOPE_CONTAINER && c->audit && !c->audit_container)
				fail_msg("%s: a container check with a host audit function only", id);
		}
	}
}

static void slugs_are_unique(void **state)
{
	(void)state;
	for (size_t s = 0; s < registry_section_count; s++)
		for (size_t i = 0; i < registry_sections[s]->count; i++)
			for (size_t t = 0; t < registry_section_count; t++)
				for (size_t j = 0; j < registry_sections[t]->count; j++) {
					const struct check *a = &registry_sections[s]->checks[i];
					const struct check *b = &registry_sections[t]->checks[j];
					if (a != b && strcmp(a->slug, b->slug) == 0)
						fail_msg("slug %s used twice", a->slug);
				}
}

static void section_prefixes_select_whole_sections(void **state)
{
	(void)state;
	char *only[] = { (char *)"1.1", NULL };
	char *bad[] = { (char *)"1.1.99", NULL };
	struct selection sel = { .version = BENCH_1_8_0, .level = 2, .only = only };
	const char *which = NULL;
	assert_int_equal(selection_validate(&sel, &which), 0);
	assert_true(selection_includes(&sel, registry_find("1.1.3", BENCH_1_8_0)));
	assert_false(selection_includes(&sel, registry_find("1.2.1", BENCH_1_8_0)));
	sel.only = bad;
	assert_int_not_equal(selection_validate(&sel, &which), 0);
	assert_string_equal(which, "1.1.99");
}

static void level_one_excludes_level_two_checks(void **state)
{
	(void)state;
	struct selection sel = { .version = BENCH_1_8_0, .level = 1 };
	const struct check *l2 = registry_find("1.1.7", BENCH_1_8_0);
	const struct check *l1 = registry_find("1.1.3", BENCH_1_8_0);
	assert_int_equal(l2->level, 2);
	assert_false(selection_includes(&sel, l2));
	assert_true(selection_includes(&sel, l1));
}

static void renumbered_daemon_checks_keep_their_identity(void **state)
{
	(void)state;
	/* v1.8.0 inserted 2.7 (devicemapper); TLS moved from 2.7 to 2.8. */
	const struct check *tls = registry_find("2.8", BENCH_1_8_0);
	assert_non_null(tls);
	assert_ptr_equal(registry_find("2.7", BENCH_1_7_0), tls);
	assert_ptr_equal(registry_find("2.7", BENCH_1_6_0), tls);
	const struct check *dm = registry_find("2.7", BENCH_1_8_0);
	assert_null(check_id(dm, BENCH_1_7_0));
	assert_ptr_equal(registry_find("2.18", BENCH_1_7_0), registry_find("2.19", BENCH_1_8_0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_recommendation_is_registered),
		cmocka_unit_test(ids_are_unique_ordered_and_in_their_section),
		cmocka_unit_test(descriptors_are_complete),
		cmocka_unit_test(slugs_are_unique),
		cmocka_unit_test(section_prefixes_select_whole_sections),
		cmocka_unit_test(level_one_excludes_level_two_checks),
		cmocka_unit_test(renumbered_daemon_checks_keep_their_identity),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
