/* tunables.h - the values a user may tune for the checks: the thresholds of
 * 6.1 and 6.2, the trusted registries of 4.2 and the trusted users of 1.1.2.
 *
 * They are the Benchmark's XCCDF <Value> elements (reports/xccdf.c writes
 * them, each Rule names the values it takes with <check-export>), the
 * values a tailoring file refines (include/tailoring.h), and the fields of
 * struct audit_options that the checks read.  One table, so the three can
 * not drift apart.  Everything here is static data or pure. */
#ifndef DOCKAUDIT_TUNABLES_H
#define DOCKAUDIT_TUNABLES_H

#include <stdbool.h>
#include <stddef.h>

#include "check.h"

enum tunable_type {
	TUNABLE_COUNT,      /* XCCDF type "number": an integer >= 0 */
	TUNABLE_LIST,       /* XCCDF type "string": comma-separated names; "" = none given */
};

/* One selector of a Value: refine-value selector="strict" picks it. */
struct tunable_choice {
	const char *selector;
	const char *value;
};

struct tunable {
	const char *name;             /* "max_unused_images": the id's tail and the export-name */
	const char *id;               /* "xccdf_org.dockaudit_value_max_unused_images" */
	const char *option;           /* the command-line option that sets it: "--max-unused-images" */
	enum tunable_type type;
	const char *title;
	const char *description;
	const char *default_value;    /* the <value> without selector */
	struct tunable_choice choices[3];   /* further selectors; ends at selector == NULL */
	const char *check_slug;       /* the check that takes it (struct check.slug) */
};

extern const struct tunable tunables[];
extern const size_t tunable_count;

/* The tunable with this XCCDF id, or NULL. */
const struct tunable *tunable_by_id(const char *id);
/* The tunables check c takes, in table order: fills at most max, returns
 * how many there are. */
size_t tunables_of_check(const struct check *c, const struct tunable **out, size_t max);
/* The value text of a selector ("" or NULL: the default), or NULL when the
 * Value has no such selector. */
const char *tunable_selector_value(const struct tunable *t, const char *selector);

/* Checks that text is a valid value of t.  Returns 0, or -EINVAL with a
 * static reason in *why. */
int tunable_check_text(const struct tunable *t, const char *text, const char **why);
/* Stores text (valid per tunable_check_text()) into the field of o that t
 * names; a list replaces any earlier one (o owns the strings, freed with
 * audit_options_clear()).  Returns 0 or -EINVAL. */
int tunable_store(const struct tunable *t, const char *text, struct audit_options *o);
/* The value of t in o, as XCCDF text (comma-separated for lists); the
 * caller frees it. */
char *tunable_format(const struct tunable *t, const struct audit_options *o);

/* The defaults: the table's default values. */
void audit_options_init(struct audit_options *o);
/* Frees the lists of o (not o itself). */
void audit_options_clear(struct audit_options *o);

#endif
